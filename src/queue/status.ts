// `status`: the queue at a glance — jobs by state, throughput over recent minutes, and each worker.
import { parsePgUrl } from '../db/postgres/connect.js';
import { openPgStore } from '../db/postgres/store.js';
import { QUEUE } from './boss.js';
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

export async function queueStatus(db: string): Promise<QueueStatus> {
  requirePostgres(db, 'status');
  const t = parsePgUrl(db);
  const store = await openPgStore(db, { readonly: true });
  try {
    const q = store.pool;
    const states: Record<string, number> = {};
    const queueExists = (await q.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`"${t.queueSchema}".job`])).rows[0].t;
    if (queueExists) {
      // Finished jobs move to the archive table after a while; count both.
      const { rows } = await q.query<{ state: string; n: number }>(
        `SELECT state::text, count(*)::int AS n FROM (
           SELECT state FROM "${t.queueSchema}".job WHERE name = $1
           UNION ALL SELECT state FROM "${t.queueSchema}".archive WHERE name = $1) j GROUP BY state`,
        [QUEUE],
      );
      for (const r of rows) states[r.state] = r.n;
    }
    const throughput = [];
    for (const minutes of [1, 5, 15]) {
      const { rows } = await q.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM queue_runs WHERE outcome IN ('done', 'flagged', 'failed') AND finished_at > now() - make_interval(mins => $1)`,
        [minutes],
      );
      throughput.push({ minutes, perMinute: rows[0].n / minutes });
    }
    const { rows: ws } = await q.query<{ worker: string; jobs: number; stopped: boolean; ago: number; running: number; done: number; failed: number; recent: number }>(
      `SELECT w.worker, w.jobs, w.stopped_at IS NOT NULL AS stopped, extract(epoch FROM now() - w.last_seen_at)::float8 AS ago,
              count(*) FILTER (WHERE r.id IS NOT NULL AND r.finished_at IS NULL)::int AS running,
              count(*) FILTER (WHERE r.outcome IN ('done', 'flagged'))::int AS done,
              count(*) FILTER (WHERE r.outcome = 'failed')::int AS failed,
              count(*) FILTER (WHERE r.outcome IN ('done', 'flagged', 'failed') AND r.finished_at > now() - interval '5 minutes')::int AS recent
       FROM workers w LEFT JOIN queue_runs r ON r.worker = w.worker
       GROUP BY w.worker, w.jobs, w.stopped_at, w.last_seen_at, w.started_at
       ORDER BY w.started_at`,
    );
    return {
      queued: (states.created ?? 0) + (states.retry ?? 0),
      running: states.active ?? 0,
      done: states.completed ?? 0,
      failed: states.failed ?? 0,
      throughput,
      workers: ws.map((w) => ({
        worker: w.worker,
        jobs: w.jobs,
        state: w.stopped ? 'stopped' : w.ago > SILENT_AFTER_S ? 'silent' : 'running',
        running: w.stopped ? 0 : w.running,
        done: w.done,
        failed: w.failed,
        perMinute: w.recent / 5,
        lastSeenSecondsAgo: Math.round(w.ago),
      })),
    };
  } finally {
    await store.close();
  }
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
