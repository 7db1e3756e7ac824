// The job queue is pg-boss on the same PostgreSQL database as the store, in its own schema.
// Why pg-boss (10.x): it runs on Node 20 (11+ and Graphile Worker 0.17+ need Node 22), leases are
// plain per-job expiry times checked by a maintenance step whose interval is configurable (Graphile
// Worker's lock timeout is a fixed 4 hours — a killed worker's job would wait that long), retries with
// exponential backoff are per-job options, and its fetch/complete/fail API lets nianbao run jobs in
// its own isolated pool and decide when a job is finished or released.
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { RESILIENT, type PgTarget } from '../db/postgres/connect.js';
import { DEFAULT_LEASE_CHECK_SECONDS } from './defaults.js';

export * from './defaults.js';

/** The one queue: each job extracts one file content. */
export const QUEUE = 'nianbao-extract';

/** What a job carries. */
export interface JobData {
  sha256: string;
  version: string;
  /** The path as given to enqueue: the record's source.path. */
  path: string;
  /** Where a worker reads the file (absolute, on storage every worker mounts the same way). */
  file: string;
  /** The bytes are in the `files` table (enqueue --store-bytes). */
  stored: boolean;
}

/**
 * The job id for a content and extractor version. pg-boss's job key is (queue, id) and an insert of
 * an existing id does nothing, so one content is one job however often it is enqueued — in every
 * state, not only while queued (what a singletonKey alone guarantees in pg-boss 10).
 */
export function jobId(sha256: string, version: string): string {
  const h = createHash('sha256').update(`nianbao:${sha256}:${version}`).digest('hex');
  // Formatted as a version-5-style UUID (pg-boss ids are uuid).
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const singletonKey = (sha256: string, version: string) => `${sha256}:${version}`;

export interface BossOptions {
  /** Workers run the maintenance that expires leases; enqueue and status do not. */
  supervise?: boolean;
  leaseCheckSeconds?: number;
}

export async function openBoss(t: PgTarget, opts: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    // pg-boss hands these to its pg pool: a cut link fails a call within a minute instead of hanging.
    ...RESILIENT,
    connectionString: t.connectionString,
    schema: t.queueSchema,
    max: 3,
    application_name: 'nianbao-queue',
    supervise: !!opts.supervise,
    schedule: false,
    maintenanceIntervalSeconds: opts.leaseCheckSeconds ?? DEFAULT_LEASE_CHECK_SECONDS,
    // Finished jobs stay queryable (status, duplicate enqueues) for a week.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    archiveFailedAfterSeconds: 7 * 24 * 3600,
  } as PgBoss.ConstructorOptions);
  boss.on('error', () => {}); // maintenance errors are retried by pg-boss; a dead database shows in the next call
  await boss.start();
  if (!(await boss.getQueue(QUEUE))) {
    try {
      await boss.createQueue(QUEUE, { name: QUEUE, policy: 'standard' });
    } catch (e) {
      if (!(await boss.getQueue(QUEUE))) throw e; // another process created it at the same moment
    }
  }
  return boss;
}
