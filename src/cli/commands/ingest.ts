// `nianbao ingest`: extract files into a SQLite database (for cron and other scheduled jobs).
import { createProgress, silentProgress } from '../../batch/progress.js';
import { ingest, ingestSummaryText } from '../../db/ingest.js';
import { NianbaoError } from '../../errors.js';
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
import { ALIASES_FLAG, aliasesHelp, aliasesOption } from '../aliases-option.js';
import { EXIT_SOME_FAILED, onInterrupt } from './batch.js';
import { formatsHelp } from '../../pipeline/formats.js';

const usage = `Usage: nianbao ingest --db FILE.sqlite|postgres://… <dir|glob|@list.txt>… [options]
       nianbao ingest --db FILE.sqlite|postgres://… --corrections FILE [<dir|glob|@list.txt>…]

Extract every report found into a SQLite database (created if missing), or into PostgreSQL
(postgres://…; tables created by versioned migrations). Arguments as for 'batch': directories
(every file in them, recursively, hidden ones skipped), globs, @lists.

${formatsHelp()}
 Files already in the
database (same content and extractor version) are skipped, so a scheduled job can run it over
the same folder again and again. Each report is written in one transaction. Files that fail are
recorded in the failures table and retried by later runs, up to --max-attempts. Two runs may
overlap: they share the work and each report is stored once.

Tables: reports (one row per report, the whole record as JSON), report_values (one row per
number), checks, warnings, failures, crossyear_checks (this year's carried-over applications
against last year's carried-forward ones, and documents in force in table 二, per agency). 'nianbao export'
writes it back out as JSON Lines, CSV or xlsx.

Corrections: --corrections FILE stores reviewers' corrections in the corrections table (keyed by
sha256 and path; a later line for a cell overrides an earlier or stored one) and applies them to
the reports of those contents: the ones already stored (rewritten only if they change) and every
extraction written from now on (by ingest or a queue worker, also after --force or an upgrade).
Running the same command again changes nothing. report_values then holds the corrected value, with
corrected = 1 and the extracted value in printed_value.

Options:
      --db FILE|URL      the database (required): a SQLite file, or postgres://user@host/db[?schema=NAME]
${JOBS_HELP}
${correctionsHelp(25, "store and apply reviewers' corrections (above)")}
${aliasesHelp(25)}
                         (reports written by this run are stored under their alias key)
      --force            extract again files already in the database, and retry given-up failures
${ISOLATION_HELP}
      --max-attempts N   stop retrying a file after N failures (default 3)
  -q, --quiet            print only the summary, and only when something failed
  -h, --help             show this help

Example cron line (every night at 02:30; 'flock -n' skips a run while the last one is going):
  30 2 * * *  cd /data/nianbao && flock -n .ingest.lock npx nianbao ingest --db reports.sqlite inbox/ -q >> ingest.log 2>&1

Exit codes: 0 nothing failed in this run; 1 some files failed (see the failures table); 2 usage;
3 the database unreachable (PostgreSQL) or not found; 14 disk full (the run stops; what was
stored stays); 130 interrupted (Ctrl-C; 143 SIGTERM): run it again to go on.`;

export const command: Command = {
  name: 'ingest',
  summary: 'extract reports into SQLite or PostgreSQL (resumable, for scheduled jobs)',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: {
        '--db': 'db',
        '-j': 'jobs',
        '--jobs': 'jobs',
        ...ISOLATION_VALUE_FLAGS,
        '--max-attempts': 'maxAttempts',
        ...CORRECTIONS_FLAG,
        ...ALIASES_FLAG,
      },
      booleans: { ...ISOLATION_BOOLEAN_FLAGS, '--force': 'force', '-q': 'quiet', '--quiet': 'quiet' },
    });
    if (typeof opts.db !== 'string') throw new NianbaoError('USAGE', 'ingest needs --db FILE (see --help)');
    // With --corrections alone: store them and apply them to the stored reports.
    if (positionals.length === 0 && typeof opts.corrections !== 'string') {
      throw new NianbaoError(
        'USAGE',
        'ingest needs at least one directory, glob or @list, or --corrections FILE (see --help)',
      );
    }
    const isolation = isolationOptions(opts);
    // Read first: a bad line stops the run before anything is stored.
    const corrections = typeof opts.corrections === 'string' ? await correctionsOption(opts) : undefined;
    const aliases = await aliasesOption(opts);
    onInterrupt('ingest');
    const s = await ingest({
      db: opts.db,
      inputs: positionals,
      jobs: jobsOption(opts, isolation),
      force: !!opts.force,
      maxAttempts: Math.floor(intOption(opts.maxAttempts, '--max-attempts', 3)),
      isolation,
      progress: opts.quiet ? silentProgress : createProgress(process.stderr),
      corrections,
      aliases,
    });
    if (!opts.quiet || s.failed) process.stderr.write(ingestSummaryText(s, opts.db) + '\n');
    return s.failed ? EXIT_SOME_FAILED : 0;
  },
};
