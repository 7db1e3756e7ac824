// `nianbao review`: one offline HTML page to review many records, flagged reports first.
import path from 'node:path';
import { NianbaoError } from '../../errors.js';
import { removeStaleTemps, writeFileAtomic } from '../../output/atomic-write.js';
import { loadDb } from '../../review/db.js';
import { loadInputs, type Loaded } from '../../review/load.js';
import { buildReview } from '../../review/review.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { applyCorrectionsToAll } from '../../corrections/index.js';
import { CORRECTIONS_FLAG, correctionsHelp, correctionsOption, correctionsSummary } from '../corrections-option.js';

const usage = `Usage: nianbao review <records.jsonl|batch-output-dir>… --out review.html [options]
       nianbao review --db FILE.sqlite|postgres://… --out review.html [options]

Write one self-contained HTML file (no network; page crops embedded) to review many records:
reports with failed checks come first, then unreadable files, then reports with warnings, then
clean ones (collapsed). Each report shows tables 二/三/四 laid out like the printed form, cells of
failed checks in red and cells named by warnings in yellow, every check message in Chinese and
English, and a crop of the page around the flagged cells (from the record's source PDF, when it
is still there and unchanged). A filter box and a status menu narrow the list.

Input: JSON Lines from 'nianbao extract -f jsonl' (a JSON array works too); the output directory
of 'nianbao batch' (its records.jsonl and errors.jsonl: failed files are listed too); or --db, a
database written by 'nianbao ingest' (its latest records and its failed files).

Correcting: click a value cell (a red one, or any other), type the right number (empty or / for a
blank cell) and press Enter; add a note if you like. Each report lists its edits above its tables;
"download corrections.jsonl" saves them (nothing leaves the page) as a corrections file for
--corrections of export, ingest, review, compare and batch: append it to the one you keep.

Options:
  -o, --out FILE        the HTML file to write (required)
      --db FILE|URL     read the records from this database (SQLite file or postgres://…) instead of JSONL
${correctionsHelp(24, "apply reviewers' corrections first (corrected cells in blue)")}
      --base DIR        resolve relative source paths from DIR (default: current directory)
      --no-crops        no page images (fast; the PDFs are not needed)
      --max-crops N     at most N crops per report (default 12)
      --title TEXT      the page title
  -h, --help            show this help

Lines that are not records are skipped with a note on standard error.
Exit codes: 0 written; 2 usage; 3 an input or the database not found; 14 disk full.`;

export const command: Command = {
  name: 'review',
  summary: 'one offline HTML page to review many records, flagged reports first',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: {
        '-o': 'out',
        '--out': 'out',
        '--db': 'db',
        '--base': 'base',
        '--max-crops': 'maxCrops',
        '--title': 'title',
        ...CORRECTIONS_FLAG,
      },
      booleans: { '--no-crops': 'noCrops' },
    });
    const db = opts.db as string | undefined;
    if (db ? positionals.length > 0 : positionals.length === 0) {
      throw new NianbaoError(
        'USAGE',
        'review takes records files (or a batch output directory), or --db FILE (see --help)',
      );
    }
    if (!opts.out) throw new NianbaoError('USAGE', 'review needs --out FILE.html');
    const input = db ?? positionals.join(' ');
    const corrections = await correctionsOption(opts);
    const loaded: Loaded = db ? await loadDb(db) : await loadInputs(positionals);
    loaded.records = applyCorrectionsToAll(loaded.records, corrections);
    for (const line of correctionsSummary(loaded.records, corrections, opts.corrections as string))
      process.stderr.write(`nianbao: ${line}\n`);
    for (const s of loaded.skipped)
      process.stderr.write(`nianbao: ${s.file ?? input}:${s.line}: skipped, ${s.reason}\n`);
    if (loaded.records.length + loaded.failedFiles.length === 0) {
      throw new NianbaoError('USAGE', 'no records found', input);
    }
    const tty = process.stderr.isTTY;
    const { entries, html } = await buildReview(loaded, {
      input,
      baseDir: (opts.base as string | undefined) ?? process.cwd(),
      crops: !opts.noCrops,
      maxCropsPerReport: intOption(opts.maxCrops, '--max-crops', 12),
      title: opts.title as string | undefined,
      onProgress: tty ? (done, total) => process.stderr.write(`\rcrops: ${done}/${total} reports`) : undefined,
    });
    if (tty) process.stderr.write('\n');
    await removeStaleTemps(path.dirname(opts.out as string), [opts.out as string]);
    await writeFileAtomic(opts.out as string, html);
    const flagged = entries.filter((e) => e.status !== 'clean').length;
    process.stderr.write(
      `nianbao: ${opts.out}: ${entries.length} reports, ${flagged} flagged, ${(html.length / 1024).toFixed(0)} KB\n`,
    );
    return 0;
  },
};
