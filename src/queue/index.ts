// Many machines: a pg-boss job queue on the PostgreSQL store — enqueue, worker, status.
export { enqueue, enqueueSummaryText, type EnqueueOptions, type EnqueueSummary } from './enqueue.js';
export { runWorker, type WorkerOptions, type WorkerSummary } from './worker.js';
export { queueStatus, statusText, type QueueStatus, type WorkerStatus } from './status.js';
export {
  QUEUE,
  jobId,
  DEFAULT_LEASE_SECONDS,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RETRY_DELAY_SECONDS,
  DEFAULT_LEASE_CHECK_SECONDS,
  type JobData,
} from './boss.js';
