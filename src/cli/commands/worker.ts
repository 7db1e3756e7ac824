// `nianbao worker`: run queued extraction jobs until stopped (SIGTERM/SIGINT).
import { NianbaoError } from '../../errors.js';
import { DEFAULT_LEASE_CHECK_SECONDS } from '../../queue/defaults.js';
import { DEFAULT_OUTAGE_LIMIT_MS } from '../../queue/outage.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import {
  ISOLATION_BOOLEAN_FLAGS,
  ISOLATION_HELP,
  ISOLATION_VALUE_FLAGS,
  isolationOptions,
} from '../isolation-options.js';

const usage = `Usage: nianbao worker --db postgres://… [options]

Take jobs queued by 'nianbao enqueue' and extract them in isolated workers (the same per-file time,
memory and page limits as 'batch'), storing each report in the database in one transaction and
recomputing the cross-year checks of its agency. Run one worker process per host (with --jobs), on as
many hosts as you like; they share the queue. A file that fails is recorded in the failures table
and retried later (with backoff, up to enqueue's --max-attempts), by whichever worker is free.

Stopping: SIGTERM or Ctrl-C stops taking jobs, finishes the running ones, and exits 0. A second
signal (or --grace running out) releases the running jobs back to the queue at once. A worker killed
outright (kill -9, power loss) leaves its jobs running until their lease (enqueue --lease) expires;
then another worker retries them.

Database outages (a restart, a failover, a cut network): the worker pauses, logs one line when the
database goes away and one when it is back (even with -q), retries with backoff (up to 5 s apart),
and stores the result of the job in hand once it can; after --outage-limit it exits with code 15.
A job whose lease expired meanwhile may have been stored by another worker: that report stands.

Options:
      --db URL             postgres://user@host:5432/db[?schema=NAME] (required)
  -j, --jobs N             jobs run at once (default 1; a scan's OCR uses a core)
${ISOLATION_HELP}
      --grace SECS         on SIGTERM, wait this long for running jobs, then release them (default: wait)
      --poll SECS          how often an idle worker looks for jobs (default 2)
      --lease-check SECS   how often expired leases are looked for (default ${DEFAULT_LEASE_CHECK_SECONDS})
      --outage-limit SECS  give up after the database has been unreachable this long (default ${DEFAULT_OUTAGE_LIMIT_MS / 1000})
      --until-empty        exit when no job is queued or running
  -q, --quiet              no line per job
  -h, --help               show this help

Exit codes: 0 stopped cleanly; 2 usage; 3 database unreachable at start; 15 database unreachable past\n--outage-limit.`;

export const command: Command = {
  name: 'worker',
  summary: 'run queued extraction jobs (one per host, many hosts)',
  usage,
  async run(args) {
    // Loaded on use: pg and pg-boss stay out of the other commands' start-up.
    const { runWorker } = await import('../../queue/worker.js');
    const { opts, positionals } = parseArgs(args, {
      values: {
        '--db': 'db',
        '-j': 'jobs',
        '--jobs': 'jobs',
        ...ISOLATION_VALUE_FLAGS,
        '--grace': 'grace',
        '--poll': 'poll',
        '--lease-check': 'leaseCheck',
        '--outage-limit': 'outageLimit',
      },
      booleans: { ...ISOLATION_BOOLEAN_FLAGS, '--until-empty': 'untilEmpty', '-q': 'quiet', '--quiet': 'quiet' },
    });
    if (positionals.length) throw new NianbaoError('USAGE', `unexpected argument 「${positionals[0]}」 (see --help)`);
    if (typeof opts.db !== 'string') throw new NianbaoError('USAGE', 'worker needs --db postgres://… (see --help)');
    const stop = new AbortController();
    const release = new AbortController();
    const grace = opts.grace === undefined ? null : intOption(opts.grace, '--grace', 0);
    const onSignal = (sig: string) => {
      if (!stop.signal.aborted) {
        process.stderr.write(`nianbao worker: ${sig}: finishing the running jobs (again to release them now)\n`);
        stop.abort();
        if (grace !== null) setTimeout(() => release.abort(), grace * 1000).unref();
      } else if (!release.signal.aborted) {
        process.stderr.write(`nianbao worker: ${sig}: releasing the running jobs\n`);
        release.abort();
      }
    };
    process.on('SIGTERM', () => onSignal('SIGTERM'));
    process.on('SIGINT', () => onSignal('SIGINT'));
    const s = await runWorker({
      db: opts.db,
      jobs: Math.floor(intOption(opts.jobs, '--jobs', 1)),
      isolation: isolationOptions(opts),
      pollSeconds: intOption(opts.poll, '--poll', 2),
      leaseCheckSeconds: Math.floor(intOption(opts.leaseCheck, '--lease-check', DEFAULT_LEASE_CHECK_SECONDS)),
      untilEmpty: !!opts.untilEmpty,
      log: opts.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
      notice: (line) => process.stderr.write(`${line}\n`),
      outageLimitMs: intOption(opts.outageLimit, '--outage-limit', DEFAULT_OUTAGE_LIMIT_MS / 1000) * 1000,
      stop: stop.signal,
      release: release.signal,
    });
    process.stderr.write(
      `worker ${s.worker} stopped: ${s.done} ok, ${s.flagged} flagged by checks, ${s.failed} failed, ${s.skipped} skipped, ${s.released} released in ${(s.elapsedMs / 1000).toFixed(1)} s\n`,
    );
    return 0;
  },
};
