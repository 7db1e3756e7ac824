// `nianbao status`: the queue and its workers (PostgreSQL), and the last watch run per source.
import { isPostgresUrl } from '../../db/store.js';
import { NianbaoError } from '../../errors.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';

const usage = `Usage: nianbao status --db FILE.sqlite|postgres://… [--json]

The queue at a glance (PostgreSQL): jobs queued, running, done and failed; files finished per minute
over the last 1, 5 and 15 minutes; and each worker (host:pid:id) with its running/done/failed jobs,
its rate over 5 minutes and when it was last heard from (running, stopped, or silent: no heartbeat
for a minute — killed? its jobs go back to the queue when their lease expires).

Then, on either database, the last 'nianbao watch' run of every source: when it started, and its
new, changed, unchanged, not modified and failed documents — or why the source failed as a whole,
or "running (or killed)" for a run that has not finished.

Options:
      --db FILE|URL  a SQLite file, or postgres://user@host:5432/db[?schema=NAME] (required)
      --json         the same as one JSON object (the queue's fields, and watch: a list)
  -h, --help         show this help

Watch it: watch -n 5 nianbao status --db postgres://…
Exit codes: 0 shown; 2 usage; 3 the database not found or unreachable.`;

export const command: Command = {
  name: 'status',
  summary: 'the job queue and its workers (PostgreSQL), the last watch run per source',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, { values: { '--db': 'db' }, booleans: { '--json': 'json' } });
    if (positionals.length) throw new NianbaoError('USAGE', `unexpected argument 「${positionals[0]}」 (see --help)`);
    if (typeof opts.db !== 'string')
      throw new NianbaoError('USAGE', 'status needs --db FILE|postgres://… (see --help)');
    // Loaded on use: pg and pg-boss stay out of the other commands' start-up.
    const { watchStatus, watchStatusText } = await import('../../watch/status.js');
    const { queueStatus, statusText } = await import('../../queue/status.js');
    const queue = isPostgresUrl(opts.db) ? await queueStatus(opts.db) : null;
    const watch = await watchStatus(opts.db);
    if (opts.json) process.stdout.write(JSON.stringify({ ...queue, watch }, null, 2) + '\n');
    else process.stdout.write((queue ? statusText(queue) + '\n' : '') + watchStatusText(watch) + '\n');
    return 0;
  },
};
