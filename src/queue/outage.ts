// Riding out a database outage (a restart, a failover, a lost network): a worker pauses, retries
// with exponential backoff, logs one line when the outage starts and one when it ends, and gives up
// only after `outageLimitMs` — never a crash loop, never a result thrown away because a write failed.
import { NianbaoError } from '../errors.js';

/** First pause after a failed database call; doubled each time up to `DEFAULT_MAX_BACKOFF_MS`. */
export const DEFAULT_FIRST_BACKOFF_MS = 500;
/** Longest pause between two tries: a restarted server is noticed within this long. */
export const DEFAULT_MAX_BACKOFF_MS = 5_000;
/** How long a worker waits for its database before it exits (a restart or failover takes seconds). */
export const DEFAULT_OUTAGE_LIMIT_MS = 15 * 60_000;

/** SQLSTATE classes and codes that mean "the server or the link went away", not "the query is wrong". */
const PG_GONE = /^(08|57P0[1-4]|53300|58030)/;
const NODE_GONE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);
const MESSAGE_GONE =
  /Connection terminated|connection timeout|Query read timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i;

/**
 * Given an error thrown by a pg or pg-boss call, tell whether it is a lost connection (retry later)
 * rather than a fault of the query or the data (fail now).
 */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown } | null;
  if (!err) return false;
  const code = typeof err.code === 'string' ? err.code : '';
  if (PG_GONE.test(code) || NODE_GONE.has(code)) return true;
  return typeof err.message === 'string' && MESSAGE_GONE.test(err.message);
}

export interface OutageOptions {
  log: (line: string) => void;
  /** Give up after the database has been unreachable this long (ms). */
  limitMs?: number;
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** Aborted: stop waiting, throw the last error. */
  stop?: AbortSignal;
}

/**
 * One outage tracker per worker, shared by its loops, so an outage is logged once however many
 * calls hit it. `run(what, fn)` calls `fn` until it succeeds or fails with an error that is not a
 * lost connection; between tries it waits with exponential backoff.
 * Throws DB_UNAVAILABLE once the outage has lasted `limitMs`.
 */
export class OutageGuard {
  private since: number | null = null;
  private readonly limitMs: number;
  private readonly first: number;
  private readonly max: number;

  constructor(private readonly opts: OutageOptions) {
    this.limitMs = opts.limitMs ?? DEFAULT_OUTAGE_LIMIT_MS;
    this.first = opts.firstBackoffMs ?? DEFAULT_FIRST_BACKOFF_MS;
    this.max = opts.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  }

  /** The database is unreachable now (an outage is in progress). */
  get down(): boolean {
    return this.since !== null;
  }

  async run<T>(what: string, fn: () => Promise<T>): Promise<T> {
    for (let wait = this.first; ; wait = Math.min(wait * 2, this.max)) {
      try {
        const out = await fn();
        this.recovered();
        return out;
      } catch (e) {
        if (!isConnectionError(e)) throw e;
        this.failed(what, e);
        if (this.opts.stop?.aborted) throw e;
        await pause(wait, this.opts.stop);
      }
    }
  }

  private failed(what: string, e: unknown): void {
    const now = Date.now();
    if (this.since === null) {
      this.since = now;
      const msg = ((e as Error).message ?? String(e)).split('\n')[0];
      this.opts.log(
        `database unreachable (${what}: ${msg}); pausing, retrying with backoff up to ${this.max / 1000} s`,
      );
    } else if (now - this.since >= this.limitMs) {
      throw new NianbaoError(
        'DB_UNAVAILABLE',
        `the database has been unreachable for ${Math.round((now - this.since) / 1000)} s (outage limit ${this.limitMs / 1000} s)`,
      );
    }
  }

  private recovered(): void {
    if (this.since === null) return;
    this.opts.log(`database reachable again after ${((Date.now() - this.since) / 1000).toFixed(1)} s; resuming`);
    this.since = null;
  }
}

function pause(ms: number, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    stop?.addEventListener('abort', done, { once: true });
  });
}
