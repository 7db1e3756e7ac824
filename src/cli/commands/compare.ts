// `nianbao compare`: year over year, for one agency or a whole batch.
import { stat } from 'node:fs/promises';
import { NianbaoError } from '../../errors.js';
import { orderPair, pairConsecutive, writeComparison } from '../../compare/index.js';
import { extractReport } from '../../pipeline/extract.js';
import { loadDb } from '../../review/db.js';
import { loadInputs } from '../../review/load.js';
import type { Report } from '../../schema/record.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { applyCorrectionsToAll } from '../../corrections/index.js';
import { applyAliases } from '../../output/aliases.js';
import { ALIASES_FLAG, aliasesHelp, aliasesOption } from '../aliases-option.js';
import { CORRECTIONS_FLAG, correctionsHelp, correctionsOption, correctionsSummary } from '../corrections-option.js';
import { formatsHelp } from '../../pipeline/formats.js';

const usage = `Usage: nianbao compare A B --out DIR
       nianbao compare <records.jsonl|batch-output-dir>… --out DIR
       nianbao compare --db FILE.sqlite|postgres://… --out DIR

Compare reports year over year and write DIR/compare.json (schema: nianbao schema --compare) and
DIR/compare.html (one offline page): tables 二/三/四 side by side with each cell's change (absolute
and %; a blank and a 0 are kept apart), the cross-year checks (上年结转 = last year's 结转下年度, in all
seven columns; 现行有效 stock) with both reports' cells, per section how much of the prose repeats
last year's (sentences and 8-grams, the template's own text left out) with the repeated sentences
highlighted, and the numbers both years' prose quote.

A and B: two reports (extracted now) or two records (.json/.jsonl); the older is "previous".
Otherwise every record given (JSON Lines, a 'nianbao batch' output directory, or --db) is paired
with the same agency's report of the year before, by agencyKey.

${formatsHelp()}

Options:
  -o, --out DIR         the directory to write (required)
      --db FILE|URL     read the records from this database
${correctionsHelp(24, "apply reviewers' corrections first")}
${aliasesHelp(24)}
  -h, --help            show this help

Exit codes: 0 written; 2 usage; 3 a file or the database not found; a report A or B that cannot
be read: its code as for 'nianbao extract' (5 unsupported format, 8 not a 年报…).`;

const isRecords = (p: string) => /\.jsonl?$/i.test(p);

export const command: Command = {
  name: 'compare',
  summary: 'compare reports year over year (tables, cross-year checks, reused prose) → JSON + HTML',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: { '-o': 'out', '--out': 'out', '--db': 'db', ...CORRECTIONS_FLAG, ...ALIASES_FLAG },
    });
    const out = opts.out as string | undefined;
    if (!out) throw new NianbaoError('USAGE', 'compare needs --out DIR');
    const corrections = await correctionsOption(opts);
    const aliases = await aliasesOption(opts);
    const db = opts.db as string | undefined;
    let records: Report[];
    let two = false;
    if (db) {
      if (positionals.length) throw new NianbaoError('USAGE', 'compare takes --db or files, not both');
      records = (await loadDb(db)).records;
    } else if (positionals.length === 2 && (await Promise.all(positionals.map(isSourceFile))).every(Boolean)) {
      records = [];
      for (const p of positionals)
        records.push(isRecords(p) ? ((await loadInputs([p])).records[0] ?? fail(p)) : await extractReport(p));
      two = true;
    } else if (positionals.length > 0) {
      records = (await loadInputs(positionals)).records;
    } else
      throw new NianbaoError(
        'USAGE',
        'compare takes two reports, records files, a batch output directory, or --db (see --help)',
      );
    // Aliases first: renamed agencies pair as one.
    records = applyCorrectionsToAll(records, corrections).map((r) => applyAliases(r, aliases));
    for (const line of correctionsSummary(records, corrections, opts.corrections as string))
      process.stderr.write(`nianbao: ${line}\n`);
    const pairs = two ? [orderPair(records[0], records[1])] : pairConsecutive(records);
    if (pairs.length === 0)
      throw new NianbaoError(
        'USAGE',
        `no agency has reports for two consecutive years among ${records.length} records`,
      );
    const file = await writeComparison(pairs, out);
    process.stderr.write(
      `${file.pairs.length} pair${file.pairs.length === 1 ? '' : 's'} → ${out}/compare.json, ${out}/compare.html\n`,
    );
    return 0;
  },
};

/** A file (not a directory): a report or one record. */
async function isSourceFile(p: string): Promise<boolean> {
  const s = await stat(p).catch(() => null);
  if (!s) throw new NianbaoError('NOT_FOUND', 'no such file', p);
  return s.isFile();
}

function fail(p: string): never {
  throw new NianbaoError('USAGE', 'no record in this file', p);
}
