// `status`: the queue at a glance — jobs by state, throughput over recent minutes, and each worker.
import type PgBoss from 'pg-boss';
import type pg from 'pg';
import { parsePgUrl } from '../db/postgres/connect.js';
import { openPgStore } from '../db/postgres/store.js';
import { openBoss, QUEUE } from './boss.js';
import { requirePostgres } from './enqueue.js';

export interface WorkerStatus {
  worker: string;
  jobs: number;
  /** running: heard from lately; stopped: exited cleanly; silent: no heartbeat for a minute (killed?). */
  state: 'running' | 'stopped' | 'silent';
  running: number;
  done: number;
  failed: number;
  /** Jobs finished (done, flagged or failed) in the last 5 minutes, per minute. */
  perMinute: number;
  lastSeenSecondsAgo: number;
}

export interface QueueStatus {
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Jobs finished per minute over the last 1, 5 and 15 minutes. */
  throughput: { minutes: number; perMinute: number }[];
  workers: WorkerStatus[];
}

/** A worker not heard from for this long is reported silent (heartbeats come every 10 s). */
const SILENT_AFTER_S = 60;

/**
 * The queue at a glance. Queued and running jobs come from pg-boss's public API (`getQueueSize`),
 * finished ones from nianbao's own `queue_runs`, so no pg-boss table is read and the queue can be
 * upgraded without touching this code.
 */
export async function queueStatus(db: string): Promise<QueueStatus> {
  requirePostgres(db, 'status');
  const t = parsePgUrl(db);
  const store = await openPgStore(db, { readonly: true });
  const boss = await openBoss(t);
  try {
    const q = store.pool;
    const queued = await boss.getQueueSize(QUEUE, { before: 'active' });
    const running = (await boss.getQueueSize(QUEUE, { before: 'completed' })) - queued;
    const { done, failed } = await finishedJobs(q, boss);
    const throughput = [];
    for (const minutes of [1, 5, 15]) {
      const { rows } = await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM queue_runs
         WHERE outcome IN ('done', 'flagged', 'failed') AND finished_at > now() - make_interval(mins => $1)`,
        [minutes],
      );
      throughput.push({ minutes, perMinute: rows[0].n / minutes });
    }
    return { queued, running, done, failed, throughput, workers: await workerRows(q) };
  } finally {
    await boss.stop({ graceful: false, wait: true });
    await store.close();
  }
}

/**
 * Jobs that ended: done (a run stored or skipped it) and failed (no such run, and pg-boss holds the
 * job as failed: its retries are spent, or its last lease expired). Only jobs whose latest run did
 * not succeed are looked up one by one (`getJobById`), and those are few.
 */
async function finishedJobs(q: pg.Pool, boss: PgBoss): Promise<{ done: number; failed: number }> {
  const { rows } = await q.query<{ job_id: string; ok: boolean }>(
    `SELECT job_id, bool_or(outcome IN ('done', 'flagged', 'skipped')) AS ok FROM queue_runs GROUP BY job_id`,
  );
  let done = 0;
  let failed = 0;
  for (const r of rows) {
    if (r.ok) done++;
    else if ((await boss.getJobById(QUEUE, r.job_id, { includeArchive: true }))?.state === 'failed') failed++;
  }
  return { done, failed };
}

async function workerRows(q: pg.Pool): Promise<WorkerStatus[]> {
  const { rows: ws } = await q.query<{
    worker: string;
    jobs: number;
    stopped: boolean;
    ago: number;
    running: number;
    done: number;
    failed: number;
    recent: number;
  }>(
    `SELECT w.worker, w.jobs, w.stopped_at IS NOT NULL AS stopped, extract(epoch FROM now() - w.last_seen_at)::float8 AS ago,
            count(*) FILTER (WHERE r.id IS NOT NULL AND r.finished_at IS NULL)::int AS running,
            count(*) FILTER (WHERE r.outcome IN ('done', 'flagged'))::int AS done,
            count(*) FILTER (WHERE r.outcome = 'failed')::int AS failed,
            count(*) FILTER (WHERE r.outcome IN ('done', 'flagged', 'failed')
                               AND r.finished_at > now() - interval '5 minutes')::int AS recent
     FROM workers w LEFT JOIN queue_runs r ON r.worker = w.worker
     GROUP BY w.worker, w.jobs, w.stopped_at, w.last_seen_at, w.started_at
     ORDER BY w.started_at`,
  );
  return ws.map((w) => ({
    worker: w.worker,
    jobs: w.jobs,
    state: w.stopped ? 'stopped' : w.ago > SILENT_AFTER_S ? 'silent' : 'running',
    running: w.stopped ? 0 : w.running,
    done: w.done,
    failed: w.failed,
    perMinute: w.recent / 5,
    lastSeenSecondsAgo: Math.round(w.ago),
  }));
}

export function statusText(s: QueueStatus): string {
  const lines = [
    `jobs: ${s.queued} queued, ${s.running} running, ${s.done} done, ${s.failed} failed`,
    `throughput: ${s.throughput.map((x) => `${x.perMinute.toFixed(1)}/min over ${x.minutes} min`).join(', ')}`,
  ];
  const shown = s.workers.filter((w) => w.state !== 'stopped' || w.done + w.failed > 0);
  if (shown.length) {
    lines.push('workers:');
    const width = Math.max(...shown.map((w) => w.worker.length));
    for (const w of shown) {
      lines.push(
        `  ${w.worker.padEnd(width)}  ${w.state.padEnd(7)}  ${w.running}/${w.jobs} running  ${w.done} done  ${w.failed} failed  ` +
          `${w.perMinute.toFixed(1)}/min  last seen ${w.lastSeenSecondsAgo} s ago`,
      );
    }
  } else lines.push('workers: none yet');
  return lines.join('\n');
}
