// `enqueue`: one queue job per file content (sha256 + extractor version). A content already in the
// store, or already queued (in any state), is not queued again, so enqueueing a folder twice
// extracts each file once.
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import { sha256File } from '../batch/hash.js';
import { expandInputs } from '../batch/inputs.js';
import { parsePgUrl } from '../db/postgres/connect.js';
import { openPgStore } from '../db/postgres/store.js';
import { isPostgresUrl } from '../db/store.js';
import { NianbaoError } from '../errors.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { DEFAULT_LEASE_SECONDS, DEFAULT_MAX_ATTEMPTS, DEFAULT_RETRY_DELAY_SECONDS, jobId, openBoss, QUEUE, singletonKey, type JobData } from './boss.js';

export interface EnqueueOptions {
  /** postgres://… */
  db: string;
  inputs: string[];
  cwd?: string;
  /** Keep the bytes in the database (workers then need no shared storage). */
  storeBytes?: boolean;
  /** Attempts per job, the first included. Default 3. */
  maxAttempts?: number;
  leaseSeconds?: number;
  /** First retry after this; doubled each time (pg-boss backoff). Default 30. */
  retryDelaySeconds?: number;
  version?: string;
  /** One line per file (for --verbose). */
  onFile?: (path: string, outcome: EnqueueOutcome, detail?: string) => void;
}

export type EnqueueOutcome = 'queued' | 'already-queued' | 'done' | 'duplicate' | 'unreadable';

export interface EnqueueSummary {
  files: number;
  queued: number;
  /** A job for this content exists already (queued, running, finished or failed). */
  alreadyQueued: number;
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
  if (!isPostgresUrl(db)) throw new NianbaoError('USAGE', `${command} needs --db postgres://… (the queue lives in PostgreSQL; SQLite is for 'ingest')`);
}

export async function enqueue(opts: EnqueueOptions): Promise<EnqueueSummary> {
  const t0 = Date.now();
  requirePostgres(opts.db, 'enqueue');
  const version = opts.version ?? EXTRACTOR_VERSION;
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const store = await openPgStore(opts.db);
  const boss = await openBoss(parsePgUrl(opts.db)).catch(async (e) => {
    await store.close();
    throw e;
  });
  const { files, problems } = await expandInputs(opts.inputs, opts.cwd);
  const s: EnqueueSummary = { files: files.length, queued: 0, alreadyQueued: 0, done: 0, duplicates: 0, unreadable: 0, storedBytes: 0, problems, elapsedMs: 0 };
  const seen = new Set<string>();
  const note = opts.onFile ?? (() => {});
  const limit = pLimit(4);
  try {
    await Promise.all(
      files.map((f) =>
        limit(async () => {
          let sha: string;
          try {
            sha = await sha256File(f.abs);
          } catch (e) {
            s.unreadable++;
            problems.push(`${f.path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); not queued`);
            return note(f.path, 'unreadable');
          }
          if (seen.has(sha)) {
            s.duplicates++;
            return note(f.path, 'duplicate');
          }
          seen.add(sha);
          if (await store.hasReport({ sha256: sha, version })) {
            s.done++;
            return note(f.path, 'done');
          }
          if (opts.storeBytes) {
            const bytes = await readFile(f.abs);
            const r = await store.pool.query('INSERT INTO files (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [sha, bytes, bytes.length]);
            if (r.rowCount) s.storedBytes += bytes.length;
          }
          const data: JobData = { sha256: sha, version, path: f.path, file: f.abs, stored: !!opts.storeBytes };
          const id = await boss.send(QUEUE, data, {
            id: jobId(sha, version),
            singletonKey: singletonKey(sha, version),
            retryLimit: maxAttempts - 1,
            retryDelay: opts.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
            retryBackoff: true,
            expireInSeconds: opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
          });
          if (id) s.queued++;
          else s.alreadyQueued++;
          note(f.path, id ? 'queued' : 'already-queued');
        }),
      ),
    );
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await store.close();
  }
  s.elapsedMs = Date.now() - t0;
  return s;
}

export function enqueueSummaryText(s: EnqueueSummary, db: string): string {
  const parts = [`${s.queued} queued`, `${s.alreadyQueued} already queued`, `${s.done} already in the database`];
  if (s.duplicates) parts.push(`${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'}`);
  if (s.unreadable) parts.push(`${s.unreadable} unreadable`);
  const lines = [`${s.files} file${s.files === 1 ? '' : 's'}: ${parts.join(', ')} in ${(s.elapsedMs / 1000).toFixed(1)} s → ${db}`];
  if (s.storedBytes) lines.push(`stored ${(s.storedBytes / 1048576).toFixed(1)} MB of file contents in the database`);
  for (const p of s.problems) lines.push(`note: ${p}`);
  return lines.join('\n');
}
