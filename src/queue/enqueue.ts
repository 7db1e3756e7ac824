// `enqueue`: one queue job per file content (sha256 + extractor version). A content already in the
// store, or already queued (in any state), is not queued again, so enqueueing a folder twice
// extracts each file once.
import { readFile } from 'node:fs/promises';
import type PgBoss from 'pg-boss';
import pLimit from 'p-limit';
import { sha256File } from '../batch/hash.js';
import { expandInputs, type InputFile } from '../batch/inputs.js';
import { parsePgUrl } from '../db/postgres/connect.js';
import { openPgStore, type PgStore } from '../db/postgres/store.js';
import { isPostgresUrl } from '../db/store.js';
import { NianbaoError } from '../errors.js';
import { EXTRACTOR_VERSION } from '../version.js';
import {
  DEFAULT_LEASE_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_DELAY_SECONDS,
  jobId,
  openBoss,
  QUEUE,
  singletonKey,
  type JobData,
} from './boss.js';

export interface EnqueueOptions {
  /** postgres://… */
  db: string;
  inputs: string[];
  cwd?: string;
  /** Keep the bytes in the database (workers then need no shared storage). */
  storeBytes?: boolean;
  /** Give files whose job failed (attempts used up) one more attempt. */
  retryFailed?: boolean;
  /** Attempts per job, the first included. Default 3. */
  maxAttempts?: number;
  leaseSeconds?: number;
  /** First retry after this; doubled each time (pg-boss backoff). Default 30. */
  retryDelaySeconds?: number;
  version?: string;
  /** One line per file (for --verbose). */
  onFile?: (path: string, outcome: EnqueueOutcome, detail?: string) => void;
}

export type EnqueueOutcome = 'queued' | 'already-queued' | 'retried' | 'done' | 'duplicate' | 'unreadable';

export interface EnqueueSummary {
  files: number;
  queued: number;
  /** A job for this content exists already (queued, running, finished or failed). */
  alreadyQueued: number;
  /** Failed jobs given one more attempt (--retry-failed). */
  retried: number;
  /** In the store already. */
  done: number;
  duplicates: number;
  unreadable: number;
  /** Bytes newly stored (--store-bytes). */
  storedBytes: number;
  problems: string[];
  elapsedMs: number;
}

export function requirePostgres(db: string, command: string): void {
  if (!isPostgresUrl(db))
    throw new NianbaoError(
      'USAGE',
      `${command} needs --db postgres://… (the queue lives in PostgreSQL; SQLite is for 'ingest')`,
    );
}

/**
 * Files onto the queue, top to bottom: connect, expand the inputs, then for each file (four at a
 * time) hash it, skip a duplicate or a content already stored, store its bytes (--store-bytes) and
 * send its job (one job per content and version; a failed one retried with --retry-failed).
 */
export async function enqueue(opts: EnqueueOptions): Promise<EnqueueSummary> {
  const t0 = Date.now();
  requirePostgres(opts.db, 'enqueue');
  const { q, files } = await openQueue(opts);
  const limit = pLimit(4);
  try {
    await Promise.all(files.map((f) => limit(() => enqueueFile(q, f))));
  } finally {
    await q.boss.stop({ graceful: false, wait: true });
    await q.store.close();
  }
  q.summary.elapsedMs = Date.now() - t0;
  return q.summary;
}

/** What the steps of one enqueue run share. */
interface EnqueueRun {
  opts: EnqueueOptions;
  version: string;
  store: PgStore;
  boss: PgBoss;
  /** Contents already taken by an earlier input. */
  seen: Set<string>;
  note: NonNullable<EnqueueOptions['onFile']>;
  summary: EnqueueSummary;
}

/** Connect to the store and the queue, expand the inputs; all counts 0. */
async function openQueue(opts: EnqueueOptions): Promise<{ q: EnqueueRun; files: InputFile[] }> {
  const store = await openPgStore(opts.db);
  const boss = await openBoss(parsePgUrl(opts.db)).catch(async (e) => {
    await store.close();
    throw e;
  });
  const { files, problems } = await expandInputs(opts.inputs, opts.cwd);
  const summary: EnqueueSummary = {
    files: files.length,
    queued: 0,
    alreadyQueued: 0,
    retried: 0,
    done: 0,
    duplicates: 0,
    unreadable: 0,
    storedBytes: 0,
    problems,
    elapsedMs: 0,
  };
  const q: EnqueueRun = {
    opts,
    version: opts.version ?? EXTRACTOR_VERSION,
    store,
    boss,
    seen: new Set(),
    note: opts.onFile ?? (() => {}),
    summary,
  };
  return { q, files };
}

/** One file: hashed, taken once per content, skipped when already stored, else its bytes stored (if asked) and its job sent. */
async function enqueueFile(q: EnqueueRun, f: InputFile): Promise<void> {
  const s = q.summary;
  let sha: string;
  try {
    sha = await sha256File(f.abs);
  } catch (e) {
    s.unreadable++;
    s.problems.push(
      `${f.path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); not queued`,
    );
    return q.note(f.path, 'unreadable');
  }
  if (q.seen.has(sha)) {
    s.duplicates++;
    return q.note(f.path, 'duplicate');
  }
  q.seen.add(sha);
  if (await q.store.hasReport({ sha256: sha, version: q.version })) {
    s.done++;
    return q.note(f.path, 'done');
  }
  if (q.opts.storeBytes) await storeBytes(q, f, sha);
  q.note(f.path, await sendJob(q, f, sha));
}

/** The file's bytes into the files table (once per content), counted when new. */
async function storeBytes(q: EnqueueRun, f: InputFile, sha: string): Promise<void> {
  const bytes = await readFile(f.abs);
  const r = await q.store.pool.query(
    'INSERT INTO files (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
    [sha, bytes, bytes.length],
  );
  if (r.rowCount) q.summary.storedBytes += bytes.length;
}

/** The content's job sent (queued), or a failed one retried (--retry-failed), or it is already queued; counted. */
async function sendJob(q: EnqueueRun, f: InputFile, sha: string): Promise<EnqueueOutcome> {
  const { opts, boss, version, summary: s } = q;
  const data: JobData = { sha256: sha, version, path: f.path, file: f.abs, stored: !!opts.storeBytes };
  const id = await boss.send(QUEUE, data, {
    id: jobId(sha, version),
    singletonKey: singletonKey(sha, version),
    retryLimit: (opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1,
    retryDelay: opts.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
  });
  if (id) {
    s.queued++;
    return 'queued';
  }
  if (opts.retryFailed && (await boss.getJobById<JobData>(QUEUE, jobId(sha, version)))?.state === 'failed') {
    await boss.retry(QUEUE, jobId(sha, version));
    s.retried++;
    return 'retried';
  }
  s.alreadyQueued++;
  return 'already-queued';
}

export function enqueueSummaryText(s: EnqueueSummary, db: string): string {
  const parts = [`${s.queued} queued`, `${s.alreadyQueued} already queued`, `${s.done} already in the database`];
  if (s.retried) parts.splice(1, 0, `${s.retried} failed before and retried`);
  if (s.duplicates) parts.push(`${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'}`);
  if (s.unreadable) parts.push(`${s.unreadable} unreadable`);
  const lines = [
    `${s.files} file${s.files === 1 ? '' : 's'}: ${parts.join(', ')} in ${(s.elapsedMs / 1000).toFixed(1)} s → ${db}`,
  ];
  if (s.storedBytes) lines.push(`stored ${(s.storedBytes / 1048576).toFixed(1)} MB of file contents in the database`);
  for (const p of s.problems) lines.push(`note: ${p}`);
  return lines.join('\n');
}
