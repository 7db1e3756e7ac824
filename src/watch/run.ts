// `watch`, one run, top to bottom: resolve the limits, open the store, then for each source (a few
// at a time; each host still one request at a time) read its list pages and visit its report
// links, recording the source's run; finally hand the new documents to the ingest path.
import pLimit from 'p-limit';
import { newOwner } from '../db/write.js';
import type { IsolationOptions } from '../isolation/pool.js';
import { Fetcher } from './fetch.js';
import { handOff, type HandoffSummary } from './handoff.js';
import { failureOf, readListPages } from './list.js';
import { resolveFetchLimits, type FetchLimits } from './options.js';
import { emptyCounts, finishRun, startRun, type SourceRun } from './runs.js';
import { WATCH_DDL } from './schema.js';
import type { WatchSource } from './sources.js';
import { openSql } from './sql.js';
import { WatchStore } from './store.js';
import { visitReport, type VisitContext } from './visit.js';

/** One watch run: where to store, what to watch, and the limits. */
export interface WatchOptions {
  /** A SQLite file, or a postgres:// URL. */
  db: string;
  sources: WatchSource[];
  /** Fetch limits and politeness; each defaults to its `DEFAULT_*` (options.ts). */
  limits?: Partial<FetchLimits>;
  /** Extraction processes of the SQLite ingest (default: as `ingest`). */
  jobs?: number;
  isolation?: IsolationOptions;
  /**
   * Hand the new documents to the ingest path at the end of the run (default true). false keeps
   * them pending: the next run that ingests hands them over (the bench measures the crawl alone).
   */
  ingest?: boolean;
  /** One line per event worth a log line (a source started or done). */
  log?: (line: string) => void;
}

/** What one run did, per source and for the ingest. */
export interface WatchSummary {
  runId: string;
  sources: SourceRun[];
  ingest: HandoffSummary;
  /** HTTP requests sent (attempts, redirects and robots.txt included). */
  requests: number;
  elapsedMs: number;
}

/** One source: its list pages, then each report link; the run row written at the start and the end. */
async function watchSource(
  ctx: VisitContext,
  limits: FetchLimits,
  runId: string,
  source: WatchSource,
): Promise<SourceRun> {
  const run: SourceRun = { source: source.url, agency: source.agency, error: null, ...emptyCounts() };
  const sql = ctx.store.sql;
  await startRun(sql, runId, source.url, source.agency);
  try {
    const list = await readListPages(ctx.fetcher, source, limits.maxListPages);
    run.failures.push(...list.failures);
    for (const link of list.reports)
      await visitReport(ctx, link.url, { source: source.url, agency: source.agency }, run);
  } catch (e) {
    run.error = failureOf(e, source.url);
  }
  await finishRun(sql, runId, run);
  return run;
}

/**
 * Watch every source once and ingest what is new. Resolves to the summary (a source that failed
 * as a whole has its `error`; documents that failed are in its `failures`); rejects on a bad
 * option (USAGE) or when the database fails.
 */
export async function watchOnce(opts: WatchOptions): Promise<WatchSummary> {
  const t0 = Date.now();
  const limits = resolveFetchLimits(opts.limits);
  const store = new WatchStore(await openSql(opts.db, WATCH_DDL));
  const fetcher = new Fetcher(limits);
  const owner = newOwner();
  const startedAt = new Date().toISOString();
  const runId = `${startedAt} ${owner}`;
  // A claim outlives the slowest fetch: every attempt timing out, with its backoff, and every redirect.
  const perAttempt =
    limits.connectTimeoutMs + limits.headersTimeoutMs + limits.bodyTimeoutMs + limits.backoffMs * 2 ** limits.retries;
  const ctx: VisitContext = {
    fetcher,
    store,
    owner,
    claimTtlMs: perAttempt * (limits.retries + 1) * (limits.maxRedirects + 1),
    startedAt,
    visited: new Set(),
  };
  try {
    const limit = pLimit(limits.sourceConcurrency);
    const sources = await Promise.all(
      opts.sources.map((s) =>
        limit(async () => {
          opts.log?.(`watching ${s.url}`);
          const r = await watchSource(ctx, limits, runId, s);
          opts.log?.(sourceLine(r));
          return r;
        }),
      ),
    );
    const ingest =
      opts.ingest === false
        ? await pendingOnly(store)
        : await handOff(store, { db: opts.db, jobs: opts.jobs, isolation: opts.isolation });
    return { runId, sources, ingest, requests: fetcher.requests, elapsedMs: Date.now() - t0 };
  } finally {
    await fetcher.close();
    await store.sql.close();
  }
}

/** The hand-off not done: how many documents wait for it. */
async function pendingOnly(store: WatchStore): Promise<HandoffSummary> {
  return { documents: (await store.pending()).length, ingested: 0, flagged: 0, queued: 0, failed: [], waiting: 0 };
}

/** `SOURCE (AGENCY): 2 new, 1 changed, …` — one source's counts. */
export function sourceLine(r: SourceRun): string {
  const who = r.agency ? `${r.source} (${r.agency})` : r.source;
  if (r.error) return `${who}: FAILED ${r.error.code}: ${r.error.message}`;
  const busy = r.busy ? `, ${r.busy} left to another watcher` : '';
  return `${who}: ${r.new} new, ${r.changed} changed, ${r.unchanged} unchanged, ${r.notModified} not modified, ${r.failures.length} failed${busy}`;
}

/** The run's summary as the CLI prints it: a line per source, a line per failure, the ingest. */
export function watchSummaryText(s: WatchSummary): string {
  const lines: string[] = [];
  for (const r of s.sources) {
    lines.push(sourceLine(r));
    for (const f of r.failures) lines.push(`  failed ${f.url}: ${f.code}: ${f.message}`);
  }
  const i = s.ingest;
  const what = i.queued
    ? `${i.queued} queued for the workers`
    : `${i.ingested} ingested (${i.flagged} flagged by checks)`;
  lines.push(
    `ingest: ${i.documents} new document${i.documents === 1 ? '' : 's'}: ${what}, ${i.failed.length} failed` +
      (i.waiting ? `, ${i.waiting} being extracted by another run` : ''),
  );
  for (const f of i.failed) lines.push(`  failed ${f.url}: ${f.code}: ${f.message}`);
  lines.push(`${s.requests} HTTP requests in ${(s.elapsedMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
