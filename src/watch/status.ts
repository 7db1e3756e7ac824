// `nianbao status`: the last watch run of every source (read-only; none before the first watch).
import { openDb } from '../db/open.js';
import { parsePgUrl, pgPool } from '../db/postgres/connect.js';
import { isPostgresUrl } from '../db/store.js';
import { lastRuns, type LastRun } from './runs.js';
import type { Sql } from './sql.js';

/** The last run per source of the database `db` names, or [] when it was never watched. */
export async function watchStatus(db: string): Promise<LastRun[]> {
  if (isPostgresUrl(db)) {
    const t = parsePgUrl(db);
    const pool = pgPool(t, 1);
    try {
      const { rows } = await pool.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [
        `"${t.schema}".watch_runs`,
      ]);
      if (!rows[0]!.t) return [];
      const sql = { all: async <R>(q: string) => (await pool.query(q)).rows as R[] } as unknown as Sql;
      return await lastRuns(sql);
    } finally {
      await pool.end();
    }
  }
  const d = openDb(db, { readonly: true });
  try {
    if (!d.prepare("SELECT 1 FROM sqlite_master WHERE name = 'watch_runs'").get()) return [];
    const sql = { all: async <R>(q: string) => d.prepare<R>(q).all() } as unknown as Sql;
    return await lastRuns(sql);
  } finally {
    d.close();
  }
}

/** One line per source: when its last run started, how it ended and its counts. */
export function watchStatusText(runs: LastRun[]): string {
  if (!runs.length) return 'watch: no runs yet';
  const lines = ['watch (last run per source):'];
  for (const r of runs) {
    const who = r.agency ? `${r.source} (${r.agency})` : r.source;
    const counts = `${r.new} new, ${r.changed} changed, ${r.unchanged} unchanged, ${r.notModified} not modified, ${r.failed} failed`;
    const end = r.state === 'running' ? 'running (or killed)' : r.state === 'failed' ? `FAILED ${r.error}` : counts;
    lines.push(`  ${who}  ${r.startedAt}  ${end}`);
  }
  return lines.join('\n');
}
