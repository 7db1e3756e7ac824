// Queue defaults, apart from pg-boss so the CLI's help does not load the driver.
import { DEFAULT_TIMEOUT_MS } from '../isolation/pool.js';

/** A job's lease: a worker that has not finished it by then is taken as dead and the job retried. */
export const DEFAULT_LEASE_SECONDS = DEFAULT_TIMEOUT_MS / 1000 + 120; // the time limit, worker start-up, writing
export const DEFAULT_RETRY_DELAY_SECONDS = 30;
export const DEFAULT_MAX_ATTEMPTS = 3;
/** How often some worker looks for expired leases (pg-boss maintenance). */
export const DEFAULT_LEASE_CHECK_SECONDS = 30;
