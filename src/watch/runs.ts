// Each watch run, per source: started, then finished with its counts and failures (or failed as a
// whole). A run killed midway stays 'running' with its start time: status shows it as such.
import type { Sql } from './sql.js';

/** One document URL that could not be fetched or kept, and why. */
export interface UrlFailure {
  url: string;
  code: string;
  message: string;
}

/** What one run did with one source's documents. */
export interface SourceCounts {
  /** Contents never seen before. */
  new: number;
  /** New content at a URL that served another before (a corrected re-publication): a new version. */
  changed: number;
  /** Fetched again, same content (or a content already kept from another URL). */
  unchanged: number;
  /** 304, or not asked again because the article page was unchanged. */
  notModified: number;
  /** Held by another watcher right now (it fetches them). */
  busy: number;
  failures: UrlFailure[];
}

/** One source in one run: its counts, and why it failed as a whole (or null). */
export interface SourceRun extends SourceCounts {
  source: string;
  agency: string | null;
  /** Why the whole source failed (its list page unreadable or refused), or null. */
  error: UrlFailure | null;
}

/** All counts 0, no failure. */
export const emptyCounts = (): SourceCounts => ({
  new: 0,
  changed: 0,
  unchanged: 0,
  notModified: 0,
  busy: 0,
  failures: [],
});

/** Record that this run began on `source` (state running, until finishRun). */
export async function startRun(sql: Sql, runId: string, source: string, agency: string | null): Promise<void> {
  await sql.run(
    "INSERT INTO watch_runs (run_id, source, agency, started_at, state) VALUES ($1, $2, $3, $4, 'running')",
    [runId, source, agency, new Date().toISOString()],
  );
}

/** Record how this run ended on the source: its counts and failures, or why it failed as a whole. */
export async function finishRun(sql: Sql, runId: string, r: SourceRun): Promise<void> {
  await sql.run(
    `UPDATE watch_runs SET finished_at = $3, state = $4, new_documents = $5, changed = $6, unchanged = $7, not_modified = $8,
       failed = $9, error = $10, failures = $11 WHERE run_id = $1 AND source = $2`,
    [
      runId,
      r.source,
      new Date().toISOString(),
      r.error ? 'failed' : 'ok',
      r.new,
      r.changed,
      r.unchanged,
      r.notModified,
      r.failures.length,
      r.error ? `${r.error.code}: ${r.error.message}` : null,
      JSON.stringify(r.failures),
    ],
  );
}

/** The last run of one source, as `nianbao status` shows it. */
export interface LastRun {
  source: string;
  agency: string | null;
  startedAt: string;
  finishedAt: string | null;
  state: 'running' | 'ok' | 'failed';
  new: number;
  changed: number;
  unchanged: number;
  notModified: number;
  failed: number;
  error: string | null;
}

/** The latest run of every source that was ever watched, ordered by source. */
export async function lastRuns(sql: Sql): Promise<LastRun[]> {
  const rows = await sql.all<Record<string, string | number | null>>(
    `SELECT r.* FROM watch_runs r WHERE r.started_at = (SELECT max(started_at) FROM watch_runs x WHERE x.source = r.source) ORDER BY r.source`,
  );
  return rows.map((r) => ({
    source: String(r.source),
    agency: r.agency === null ? null : String(r.agency),
    startedAt: String(r.started_at),
    finishedAt: r.finished_at === null ? null : String(r.finished_at),
    state: r.state as LastRun['state'],
    new: Number(r.new_documents),
    changed: Number(r.changed),
    unchanged: Number(r.unchanged),
    notModified: Number(r.not_modified),
    failed: Number(r.failed),
    error: r.error === null ? null : String(r.error),
  }));
}
