// `nianbao enqueue`: add files to the PostgreSQL job queue, one job per file content.
import { NianbaoError } from '../../errors.js';
import { DEFAULT_LEASE_SECONDS, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAY_SECONDS } from '../../queue/defaults.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { formatsHelp } from '../../pipeline/formats.js';

const usage = `Usage: nianbao enqueue --db postgres://… <dir|glob|@list.txt>… [options]

Add one extraction job per file content (sha256 + extractor version) to the queue in PostgreSQL
(pg-boss), for 'nianbao worker' processes on any number of hosts. Arguments as for 'batch':
directories (every file in them, recursively, hidden ones skipped), globs, @lists. A content
already in the database, or already queued (waiting, running, done or failed), is not queued again, so enqueueing
the same folder twice extracts each file once.

${formatsHelp()}

Workers must be able to read the files: by default a job carries the file's absolute path, so the
files must be on storage every worker host mounts at the same path (NFS, a shared disk) — nothing is
copied, and a large archive is not duplicated into the database. Without shared storage, use
--store-bytes: each content is stored once in the database (files table) and workers read it there.

Options:
      --db URL             postgres://user@host:5432/db[?schema=NAME] (required)
      --store-bytes        store the file contents in the database (no shared storage needed)
      --retry-failed       give files whose job failed (all attempts used) one more attempt
      --max-attempts N     attempts per file, the first included (default ${DEFAULT_MAX_ATTEMPTS})
      --retry-delay SECS   first retry after this, doubling each time (default ${DEFAULT_RETRY_DELAY_SECONDS})
      --lease SECS         a job not finished this long after a worker took it is given to another
                           worker (the first is taken as dead); keep it above the workers' --timeout
                           plus a minute (default ${DEFAULT_LEASE_SECONDS})
  -v, --verbose            one line per file
  -h, --help               show this help

Exit codes: 0 queued (or nothing new to queue); 1 some files could not be read; 2 usage; 3 database unreachable.`;

export const command: Command = {
  name: 'enqueue',
  summary: 'queue files for worker processes on many machines (PostgreSQL)',
  usage,
  async run(args) {
    // Loaded on use: pg and pg-boss stay out of the other commands' start-up.
    const { enqueue, enqueueSummaryText } = await import('../../queue/enqueue.js');
    const { opts, positionals } = parseArgs(args, {
      values: { '--db': 'db', '--max-attempts': 'maxAttempts', '--retry-delay': 'retryDelay', '--lease': 'lease' },
      booleans: {
        '--store-bytes': 'storeBytes',
        '--retry-failed': 'retryFailed',
        '-v': 'verbose',
        '--verbose': 'verbose',
      },
    });
    if (typeof opts.db !== 'string') throw new NianbaoError('USAGE', 'enqueue needs --db postgres://… (see --help)');
    if (positionals.length === 0)
      throw new NianbaoError('USAGE', 'enqueue needs at least one directory, glob or @list (see --help)');
    const s = await enqueue({
      db: opts.db,
      inputs: positionals,
      storeBytes: !!opts.storeBytes,
      retryFailed: !!opts.retryFailed,
      maxAttempts: Math.floor(intOption(opts.maxAttempts, '--max-attempts', DEFAULT_MAX_ATTEMPTS)),
      retryDelaySeconds: Math.floor(intOption(opts.retryDelay, '--retry-delay', DEFAULT_RETRY_DELAY_SECONDS)),
      leaseSeconds: Math.floor(intOption(opts.lease, '--lease', DEFAULT_LEASE_SECONDS)),
      onFile: opts.verbose ? (p, outcome) => process.stderr.write(`${outcome} ${p}\n`) : undefined,
    });
    process.stderr.write(enqueueSummaryText(s, opts.db) + '\n');
    return s.unreadable ? 1 : 0;
  },
};
