// `worker`: take jobs from the queue and run them in the isolated extraction pool, with the same
// time, memory and page limits as batch and ingest. Many workers on many hosts share one queue.
// A job ends as a stored report (then the cross-year checks of its agency are recomputed) or as a
// failure row; failed jobs are retried by pg-boss with backoff up to their attempt limit. A worker
// killed outright leaves its jobs active until their lease expires; then another worker retries them.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import type PgBoss from 'pg-boss';
import { agencyKey } from '../crossyear/checks.js';
import { parsePgUrl } from '../db/postgres/connect.js';
import { openPgStore, type PgStore } from '../db/postgres/store.js';
import { newOwner } from '../db/write.js';
import { asNianbaoError, NianbaoError } from '../errors.js';
import { ExtractionPool, DEFAULT_TIMEOUT_MS, type IsolationOptions } from '../isolation/pool.js';
import type { Report } from '../schema/record.js';
import { openBoss, QUEUE, type JobData } from './boss.js';
import { requirePostgres } from './enqueue.js';
import { isConnectionError, OutageGuard } from './outage.js';
import { flaggedByChecks } from '../pipeline/flagged.js';

export interface WorkerOptions {
  db: string;
  /** Jobs run at once (pool size). Default 1. */
  jobs?: number;
  isolation?: IsolationOptions;
  /** Seconds between polls of an empty queue. Default 2. */
  pollSeconds?: number;
  /** Seconds between checks for expired leases (any one worker does it). Default 30. */
  leaseCheckSeconds?: number;
  /** Exit when no job is queued or running any more (scripts, tests). */
  untilEmpty?: boolean;
  /** One line per job and per event. */
  log?: (line: string) => void;
  /** Aborted: stop taking jobs, finish the running ones, exit. */
  stop?: AbortSignal;
  /** Aborted: release the running jobs now (they go back to the queue) and exit. */
  release?: AbortSignal;
  /** Lines about database outages, printed even when `log` is off. Default: `log`. */
  notice?: (line: string) => void;
  /** How long the database may stay unreachable before the worker gives up (ms). Default 15 minutes. */
  outageLimitMs?: number;
}

export interface WorkerSummary {
  worker: string;
  done: number;
  flagged: number;
  failed: number;
  skipped: number;
  released: number;
  elapsedMs: number;
}

const HEARTBEAT_MS = 10_000;
const ERROR_PAUSE_MS = 5_000;
const MAX_ERRORS_IN_A_ROW = 10;

/**
 * A worker, top to bottom: connect and register, then one loop per pool slot (fetch a job, run it,
 * repeat) until stopped or — with `untilEmpty` — until the queue is empty; then unregister and
 * disconnect. Resolves to the counts of this worker's jobs.
 */
export async function runWorker(opts: WorkerOptions): Promise<WorkerSummary> {
  const t0 = Date.now();
  requirePostgres(opts.db, 'worker');
  const w = await startWorker(opts);
  try {
    w.log(
      `worker ${w.summary.worker}: ${w.jobs} job${w.jobs === 1 ? '' : 's'} at once, queue ${w.target.queueSchema}.${QUEUE} on ${w.target.display}`,
    );
    await Promise.all(Array.from({ length: w.jobs }, () => loop(w)));
  } finally {
    await stopWorker(w);
  }
  w.summary.elapsedMs = Date.now() - t0;
  return w.summary;
}

/** What the steps of one worker share. */
interface WorkerRun {
  opts: WorkerOptions;
  jobs: number;
  log: (line: string) => void;
  target: ReturnType<typeof parsePgUrl>;
  store: PgStore;
  boss: PgBoss;
  pool: ExtractionPool;
  /** Private folder for bytes fetched from the database. */
  tmp: string;
  timeoutMs: number;
  heartbeat: NodeJS.Timeout;
  /** Settles when `opts.release` is aborted. */
  releasing: Promise<'released'>;
  /** The lease-shorter-than-timeout warning was given. */
  warnedLease: boolean;
  /** Database calls go through it: an outage pauses the worker instead of failing its jobs. */
  db: OutageGuard;
  summary: WorkerSummary;
}

/** Connect to the store and the queue, register the worker (its heartbeat also records lost jobs), start the pool. */
async function startWorker(opts: WorkerOptions): Promise<WorkerRun> {
  const jobs = Math.max(1, Math.floor(opts.jobs ?? 1));
  const log = opts.log ?? (() => {});
  const target = parsePgUrl(opts.db);
  const store = await openPgStore(opts.db, { resilient: true });
  let boss: PgBoss;
  try {
    boss = await openBoss(target, { supervise: true, leaseCheckSeconds: opts.leaseCheckSeconds });
  } catch (e) {
    await store.close();
    throw e;
  }
  const worker = newOwner();
  const summary: WorkerSummary = { worker, done: 0, flagged: 0, failed: 0, skipped: 0, released: 0, elapsedMs: 0 };
  await store.pool.query('INSERT INTO workers (worker, host, pid, jobs) VALUES ($1, $2, $3, $4)', [
    worker,
    hostname(),
    process.pid,
    jobs,
  ]);
  const heartbeat = setInterval(() => {
    void store.pool.query('UPDATE workers SET last_seen_at = now() WHERE worker = $1', [worker]).catch(() => {});
    void recordLostJobs(store, boss).catch(() => {});
  }, HEARTBEAT_MS);
  const pool = new ExtractionPool(jobs, opts.isolation);
  const tmp = await mkdtemp(path.join(tmpdir(), 'nianbao-worker-'));
  const releasing = new Promise<'released'>((resolve) => {
    if (opts.release?.aborted) resolve('released');
    opts.release?.addEventListener('abort', () => resolve('released'), { once: true });
  });
  const timeoutMs = opts.isolation?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const db = new OutageGuard({ log: opts.notice ?? log, limitMs: opts.outageLimitMs, stop: opts.release });
  return {
    opts,
    jobs,
    log,
    target,
    store,
    boss,
    pool,
    tmp,
    timeoutMs,
    heartbeat,
    releasing,
    warnedLease: false,
    db,
    summary,
  };
}

/** Stop the heartbeat and the pool, remove the temp folder, mark the worker stopped, disconnect. */
async function stopWorker(w: WorkerRun): Promise<void> {
  clearInterval(w.heartbeat);
  await w.pool.close();
  await rm(w.tmp, { recursive: true, force: true });
  await w.store.pool
    .query('UPDATE workers SET stopped_at = now(), last_seen_at = now() WHERE worker = $1', [w.summary.worker])
    .catch(() => {});
  await w.boss.stop({ graceful: false, wait: true });
  await w.store.close();
}

const stopping = (w: WorkerRun) => !!w.opts.stop?.aborted || !!w.opts.release?.aborted;

/**
 * One loop per pool slot: fetch a job, run it, repeat until stopped (or the queue is empty).
 * A lost database (a restart, a failover, a cut network) pauses the loop with backoff until it is
 * back (`OutageGuard`); the job in hand keeps its result and stores it then. Other errors are logged
 * and retried after a pause; many in a row end the worker.
 */
async function loop(w: WorkerRun): Promise<void> {
  const { opts } = w;
  let errors = 0;
  while (!stopping(w)) {
    try {
      const [job] = await w.db.run('fetching a job', () =>
        w.boss.fetch<JobData>(QUEUE, { batchSize: 1, includeMetadata: true }),
      );
      if (!job) {
        if (opts.untilEmpty && (await w.db.run('looking at the queue', () => queueIdle(w.boss)))) return;
        await sleep((opts.pollSeconds ?? 2) * 1000, opts.stop, opts.release);
      } else await runJob(w, job);
      errors = 0;
    } catch (e) {
      if (isConnectionError(e) && stopping(w)) return; // released during an outage: the leases bring the jobs back
      if ((e as { code?: string }).code === 'DB_UNAVAILABLE' || ++errors >= MAX_ERRORS_IN_A_ROW) throw e;
      w.log(`error: ${(e as Error).message.split('\n')[0]} (retrying in ${ERROR_PAUSE_MS / 1000} s)`);
      await sleep(ERROR_PAUSE_MS, opts.stop, opts.release);
    }
  }
}

/** Run one job to its end: skipped (already stored), stored, failed (pg-boss retries), or released. */
async function runJob(w: WorkerRun, job: PgBoss.JobWithMetadata<JobData>): Promise<void> {
  const { store, boss, summary: s, log } = w;
  const d = job.data;
  const key = { sha256: d.sha256, version: d.version };
  warnShortLease(w, job);
  await w.db.run('starting a job', () => startRun(w, job));
  const started = Date.now();
  const secs = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (await w.db.run('looking up a report', () => store.hasReport(key))) {
    await w.db.run('completing a job', () => boss.complete(QUEUE, job.id, { skipped: true }));
    await runFinish(w, job, 'skipped', 'already in the database');
    s.skipped++;
    return log(`skipped ${d.path} (already in the database)`);
  }
  const out = await extractJob(w, job);
  if (out === 'released' || out === 'failed') return;
  const report = out;
  // As stored: with the corrections stored for its content applied. Null: another worker stored it
  // while this one's lease had run out (frozen, or cut off from the database) — its row stands.
  const stored = await w.db.run('storing a report', () => store.writeReportOnce(key, report));
  if (stored === null) {
    await runFinish(w, job, 'skipped', 'stored by another worker meanwhile (this lease had expired)');
    s.skipped++;
    return log(`skipped ${d.path} (another worker stored it while this worker's lease had expired)`);
  }
  if (report.agency) await w.db.run('cross-year checks', () => store.refreshCrossYear([agencyKey(report.agency!)]));
  await w.db.run('completing a job', () => boss.complete(QUEUE, job.id));
  // Flagged as stored (corrected), by the same rule as batch and ingest: a failed check or a table not read.
  const flagged = flaggedByChecks(stored);
  await runFinish(w, job, flagged ? 'flagged' : 'done');
  if (flagged) s.flagged++;
  else s.done++;
  log(`${flagged ? 'flagged' : 'ok'} ${d.path} (${secs()})`);
}

/**
 * The extraction of one job's file in the isolated pool: the report, or 'failed' (the failure is
 * recorded and pg-boss retries the job), or 'released' (back to the queue untouched). A lost
 * database while reading stored bytes or recording a failure waits for the database; it is never
 * recorded as the file's failure.
 */
async function extractJob(w: WorkerRun, job: PgBoss.JobWithMetadata<JobData>): Promise<Report | 'released' | 'failed'> {
  const { store, boss, summary: s, log } = w;
  const d = job.data;
  const started = Date.now();
  try {
    const file = d.stored ? await w.db.run('reading stored bytes', () => fetchBytes(store, d, w.tmp)) : d.file;
    const out = await Promise.race([w.pool.extract(file), w.releasing]);
    if (out === 'released') {
      // Back to the queue as it was (cancel + resume keeps its retry count: a stop is not a failure).
      await boss.cancel(QUEUE, job.id);
      await boss.resume(QUEUE, job.id);
      await runFinish(w, job, 'released');
      s.released++;
      log(`released ${d.path}`);
      return 'released';
    }
    if (out.source.sha256 !== d.sha256) {
      throw new NianbaoError(
        'NOT_FOUND',
        'the file changed after it was enqueued (its sha256 differs); enqueue it again',
        d.path,
      );
    }
    return { ...out, source: { ...out.source, path: d.path } };
  } catch (e) {
    if (isConnectionError(e) || (e as { code?: string }).code === 'DB_UNAVAILABLE') throw e;
    const err = asNianbaoError(e, d.path);
    const key = { sha256: d.sha256, version: d.version };
    const attempts = await w.db.run('recording a failure', () =>
      store.writeFailure(key, { path: d.path, code: err.code, message: err.message }),
    );
    await w.db.run('failing a job', () => boss.fail(QUEUE, job.id, { code: err.code, message: err.message }));
    await runFinish(w, job, 'failed', `${err.code}: ${err.message}`);
    s.failed++;
    const last = job.retryCount >= job.retryLimit;
    const secs = ((Date.now() - started) / 1000).toFixed(1);
    log(
      `failed ${d.path}: ${err.code}: ${err.message} (attempt ${attempts}${last ? ', the last' : ', will be retried'}; ${secs} s)`,
    );
    return 'failed';
  } finally {
    if (d.stored) await rm(path.join(w.tmp, d.sha256), { recursive: true, force: true });
  }
}

/**
 * Close this worker's open run of the job with its outcome. A run another worker already closed as
 * lost (this one's lease expired meanwhile) stays lost.
 */
async function runFinish(
  w: WorkerRun,
  job: PgBoss.JobWithMetadata<JobData>,
  outcome: string,
  detail: string | null = null,
) {
  await w.db.run('recording a run', () =>
    w.store.pool.query(
      'UPDATE queue_runs SET finished_at = now(), outcome = $3, detail = $4 WHERE job_id = $1 AND worker = $2 AND finished_at IS NULL',
      [job.id, w.summary.worker, outcome, detail],
    ),
  );
}

/** Once per worker: a job lease shorter than the time limit lets another worker take a slow file. */
function warnShortLease(w: WorkerRun, job: PgBoss.JobWithMetadata<JobData>): void {
  if (w.warnedLease || job.expireInSeconds * 1000 >= w.timeoutMs + 30_000) return;
  w.warnedLease = true;
  w.log(
    `warning: jobs have a ${job.expireInSeconds} s lease but --timeout is ${w.timeoutMs / 1000} s: a slow file may be retried by another worker while this one still works on it (enqueue --lease)`,
  );
}

/**
 * This attempt's row in queue_runs (earlier attempts by workers that died are closed as lost, for
 * status); `runFinish` records how it ended.
 */
async function startRun(w: WorkerRun, job: PgBoss.JobWithMetadata<JobData>): Promise<void> {
  const d = job.data;
  const { store } = w;
  await store.pool.query(
    `UPDATE queue_runs SET finished_at = now(), outcome = 'lost', detail = 'the worker stopped before finishing (its lease expired)' WHERE job_id = $1 AND finished_at IS NULL`,
    [job.id],
  );
  await store.pool.query(
    'INSERT INTO queue_runs (job_id, sha256, extractor_version, path, worker) VALUES ($1,$2,$3,$4,$5)',
    [job.id, d.sha256, d.version, d.path, w.summary.worker],
  );
}

/** Bytes stored by `enqueue --store-bytes`, written to a private temp file named like the original. */
async function fetchBytes(store: PgStore, d: JobData, tmp: string): Promise<string> {
  const { rows } = await store.pool.query<{ bytes: Buffer }>('SELECT bytes FROM files WHERE sha256 = $1', [d.sha256]);
  if (!rows[0]) throw new NianbaoError('NOT_FOUND', 'the file contents are not in the database (files table)', d.path);
  const dir = path.join(tmp, d.sha256);
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, path.basename(d.path) || 'file');
  await writeFile(file, rows[0].bytes);
  return file;
}

/** No job waiting, retrying or running (pg-boss's states before `completed`). */
async function queueIdle(boss: PgBoss): Promise<boolean> {
  return (await boss.getQueueSize(QUEUE, { before: 'completed' })) === 0;
}

/** Runs left open longer than this are looked up: their worker has surely lost the lease. */
const LOST_RUN_AFTER_S = 60;

/**
 * Jobs that pg-boss gave up on because their last lease expired (the worker died each time) have
 * no failure row of their own: add one, so every file that never got a report is listed. Found
 * through nianbao's own runs left open, each looked up with pg-boss's public `getJobById`.
 */
async function recordLostJobs(store: PgStore, boss: PgBoss): Promise<void> {
  const { rows } = await store.pool.query<{
    job_id: string;
    sha256: string;
    extractor_version: string;
    path: string;
    n: number;
  }>(
    `SELECT r.job_id, r.sha256, r.extractor_version, r.path, count(*) OVER (PARTITION BY r.job_id)::int AS n
     FROM queue_runs r
     WHERE r.finished_at IS NULL AND r.started_at < now() - make_interval(secs => $1)
       AND NOT EXISTS (SELECT 1 FROM reports p WHERE p.sha256 = r.sha256 AND p.extractor_version = r.extractor_version)
       AND NOT EXISTS (SELECT 1 FROM failures f WHERE f.sha256 = r.sha256 AND f.extractor_version = r.extractor_version)
     LIMIT 100`,
    [LOST_RUN_AFTER_S],
  );
  for (const r of rows) {
    const job = await boss.getJobById<JobData>(QUEUE, r.job_id, { includeArchive: true });
    if (job?.state !== 'failed') continue;
    await store.pool.query(
      `INSERT INTO failures (sha256, extractor_version, path, code, message, attempts, first_failed_at, last_failed_at)
       VALUES ($1, $2, $3, 'WORKER_CRASHED', 'the worker running it stopped answering (lease expired) on every attempt',
               $4, now(), now())
       ON CONFLICT DO NOTHING`,
      [r.sha256, r.extractor_version, r.path, job.retryCount + 1],
    );
  }
}

function sleep(ms: number, ...signals: Array<AbortSignal | undefined>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      // Idle polls come every few seconds for days: leave no listener behind.
      for (const sig of signals) sig?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    for (const sig of signals) sig?.addEventListener('abort', done, { once: true });
  });
}
