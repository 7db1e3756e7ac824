// `nianbao batch`: many reports, each in an isolated worker, resumable, with atomic outputs.
import { NianbaoError } from '../../errors.js';
import { FORMATS, type Format } from '../../batch/layout.js';
import { createProgress, silentProgress } from '../../batch/progress.js';
import { ExtractionPool } from '../../isolation/pool.js';
import {
  ISOLATION_BOOLEAN_FLAGS,
  ISOLATION_HELP,
  ISOLATION_VALUE_FLAGS,
  isolationOptions,
  JOBS_HELP,
  jobsOption,
} from '../isolation-options.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { CORRECTIONS_FLAG, correctionsHelp, correctionsOption } from '../corrections-option.js';
import { formatsHelp } from '../../pipeline/formats.js';

/** Exit code when the batch finished but some files have no record (their errors are written). */
export const EXIT_SOME_FAILED = 1;

const usage = `Usage: nianbao batch <dir|glob|@list.txt>… --out DIR|FILE [options]

Extract every report found: directories are searched recursively and every file in them is
taken (hidden ones skipped; a file of a type nianbao does not read is an error line, never
skipped silently); globs ('reports/**/*.pdf', quoted) and @list.txt (one path per line) are
expanded.

${formatsHelp()}

Each file is parsed in its own worker with a time, memory and page limit: a file that is
corrupt, encrypted, hangs or runs out of memory becomes an error record and the batch goes on.

Options:
  -o, --out DIR|FILE     where to write (required). A directory gets records.jsonl (or
                         records.json, or values.csv + one wide CSV per table, or
                         records.xlsx), errors.* and crossyear.*; a FILE gets FILE plus
                         FILE-stem.errors.* etc.
  -f, --format FORMAT    jsonl (default), json, csv (UTF-8 with BOM, RFC 4180), or xlsx
                         (one workbook: a summary sheet, a sheet per table with printed
                         labels and field paths, flagged cells filled with the reason as a
                         comment, the series across years; errors and cross-year checks
                         beside it as CSV)
${JOBS_HELP}
      --force            extract again files that already have a result
      --max-attempts N   do not retry a file that failed N times (default 3; --force retries)
      --store DIR        result store (default: .nianbao-cache beside the output)
${correctionsHelp(25, ["apply reviewers' corrections to the records written out", '(the result store keeps the extractions as they were)'])}
${ISOLATION_HELP}
  -q, --quiet            no progress output
  -h, --help             show this help

Resuming: results are stored per file content (sha256) and extractor version, each written
atomically. Rerunning the same command skips finished files, retries failed ones, and rewrites
the outputs; a batch killed at any moment loses only the files in flight.

Progress goes to standard error: a bar on a terminal, one line per file otherwise.
Exit codes: 0 every file has a record (records failing checks included); 1 some files failed
(see the errors file); 2 usage error; 14 disk full (the outputs or the result store: the batch
stops, finished files are kept); 130 interrupted (Ctrl-C; 143 SIGTERM): run it again to resume.`;

export const command: Command = {
  name: 'batch',
  summary: 'extract many reports (isolated, resumable) to JSONL, JSON, CSV or xlsx',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: {
        '-o': 'out',
        '--out': 'out',
        '-f': 'format',
        '--format': 'format',
        '-j': 'jobs',
        '--jobs': 'jobs',
        ...ISOLATION_VALUE_FLAGS,
        '--max-attempts': 'maxAttempts',
        '--store': 'store',
        ...CORRECTIONS_FLAG,
      },
      booleans: { ...ISOLATION_BOOLEAN_FLAGS, '--force': 'force', '-q': 'quiet', '--quiet': 'quiet' },
    });
    if (positionals.length === 0)
      throw new NianbaoError('USAGE', 'batch needs at least one directory, glob or @list (see --help)');
    if (typeof opts.out !== 'string') throw new NianbaoError('USAGE', 'batch needs --out DIR|FILE (see --help)');
    const format = opts.format as string | undefined;
    if (format !== undefined && !FORMATS.includes(format as Format)) {
      throw new NianbaoError('USAGE', `unknown --format ${format} (jsonl, json, csv or xlsx)`);
    }
    const isolation = isolationOptions(opts);
    const corrections = await correctionsOption(opts);
    const jobs = jobsOption(opts, isolation);
    onInterrupt('batch');
    // The extraction processes start before the batch code loads: on a short batch their start-up
    // is most of the time. runBatch closes the pool.
    const pool = new ExtractionPool(jobs, isolation);
    pool.prestart();
    const { runBatch, summaryText } = await import('../../batch/run.js').catch(async (e: unknown) => {
      await pool.close();
      throw e;
    });
    const summary = await runBatch({
      pool,
      inputs: positionals,
      out: opts.out,
      format: format as Format | undefined,
      jobs,
      force: !!opts.force,
      store: opts.store as string | undefined,
      maxAttempts: Math.floor(intOption(opts.maxAttempts, '--max-attempts', 3)),
      isolation,
      progress: opts.quiet ? silentProgress : createProgress(process.stderr),
      corrections,
    });
    if (!opts.quiet || summary.failed) process.stderr.write(summaryText(summary) + '\n');
    return summary.failed ? EXIT_SOME_FAILED : 0;
  },
};

/**
 * Ctrl-C or SIGTERM: say how to resume and stop at once. Finished files are already in the store
 * (or database), each written atomically; the files in flight are simply redone by the next run.
 */
export function onInterrupt(name: string): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      process.stderr.write(
        `\nnianbao ${name}: interrupted — finished files are kept; run the same command again to resume\n`,
      );
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}
