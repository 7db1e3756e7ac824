// `nianbao status`: the queue and its workers.
import { NianbaoError } from '../../errors.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';

const usage = `Usage: nianbao status --db postgres://… [--json]

The queue at a glance: jobs queued, running, done and failed; files finished per minute over the
last 1, 5 and 15 minutes; and each worker (host:pid:id) with its running/done/failed jobs, its rate
over 5 minutes and when it was last heard from (running, stopped, or silent: no heartbeat for a
minute — killed? its jobs go back to the queue when their lease expires).

Options:
      --db URL     postgres://user@host:5432/db[?schema=NAME] (required)
      --json       the same as one JSON object
  -h, --help       show this help

Watch it: watch -n 5 nianbao status --db postgres://…`;

export const command: Command = {
  name: 'status',
  summary: 'the job queue and its workers (PostgreSQL)',
  usage,
  async run(args) {
    // Loaded on use: pg and pg-boss stay out of the other commands' start-up.
    const { queueStatus, statusText } = await import('../../queue/status.js');
    const { opts, positionals } = parseArgs(args, { values: { '--db': 'db' }, booleans: { '--json': 'json' } });
    if (positionals.length) throw new NianbaoError('USAGE', `unexpected argument 「${positionals[0]}」 (see --help)`);
    if (typeof opts.db !== 'string') throw new NianbaoError('USAGE', 'status needs --db postgres://… (see --help)');
    const s = await queueStatus(opts.db);
    process.stdout.write((opts.json ? JSON.stringify(s, null, 2) : statusText(s)) + '\n');
    return 0;
  },
};
