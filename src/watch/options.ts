// The watcher's limits, each named once with its reason, and resolved once (zod) at the entry.
import { z } from 'zod';
import { NianbaoError } from '../errors.js';
import { EXTRACTOR_VERSION } from '../version.js';

/** Pause between two requests to one host: agency sites are small servers; one page a second is polite. */
export const DEFAULT_HOST_DELAY_MS = 1000;
/** TCP (and TLS) connect: a live server answers a SYN in well under a second, even from abroad. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Until the response headers: CMS pages are rendered on request and can be slow, not this slow. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;
/** The whole body: a 50 MB scan at 2 MB/s takes 25 s; a stalled transfer is given up. */
export const DEFAULT_BODY_TIMEOUT_MS = 60_000;
/** Attempts after the first on 5xx, 429 and timeouts. */
export const DEFAULT_RETRIES = 3;
/** First retry after this, doubled each time (1 s, 2 s, 4 s with the defaults). */
export const DEFAULT_BACKOFF_MS = 1000;
/** A Retry-After longer than this fails the request instead of stalling the run. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;
/** Redirects followed per request (CMS sites redirect http → https → a mirror at most). */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Largest response kept: 年报 are a few MB; scans rarely exceed 50 MB. */
export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
/** List pages read per source (the first page and those reached by pagination links). */
export const DEFAULT_MAX_LIST_PAGES = 20;
/** Sources (hence hosts, mostly) watched at the same time; each host still gets one request at a time. */
export const DEFAULT_SOURCE_CONCURRENCY = 4;
/** Who is asking, and why: site operators read it in their logs (HTTP headers are ASCII). */
export const DEFAULT_USER_AGENT = `nianbao-watch/${EXTRACTOR_VERSION} (collects government information-disclosure annual reports; +https://www.npmjs.com/package/nianbao)`;

const ms = (max: number) => z.number().int().min(0).max(max);

const WatchOptionsSchema = z.strictObject({
  hostDelayMs: ms(600_000).default(DEFAULT_HOST_DELAY_MS),
  connectTimeoutMs: ms(600_000).min(1).default(DEFAULT_CONNECT_TIMEOUT_MS),
  headersTimeoutMs: ms(600_000).min(1).default(DEFAULT_HEADERS_TIMEOUT_MS),
  bodyTimeoutMs: ms(3_600_000).min(1).default(DEFAULT_BODY_TIMEOUT_MS),
  retries: z.number().int().min(0).max(10).default(DEFAULT_RETRIES),
  backoffMs: ms(600_000).default(DEFAULT_BACKOFF_MS),
  maxRetryAfterMs: ms(3_600_000).default(DEFAULT_MAX_RETRY_AFTER_MS),
  maxRedirects: z.number().int().min(0).max(20).default(DEFAULT_MAX_REDIRECTS),
  maxBytes: z.number().int().min(1024).default(DEFAULT_MAX_BYTES),
  maxListPages: z.number().int().min(1).max(1000).default(DEFAULT_MAX_LIST_PAGES),
  sourceConcurrency: z.number().int().min(1).max(64).default(DEFAULT_SOURCE_CONCURRENCY),
  userAgent: z
    .string()
    .regex(/^[\x20-\x7e]+$/, 'printable ASCII only (an HTTP header)')
    .default(DEFAULT_USER_AGENT),
  /** Host names (as in the URL) allowed to resolve to loopback, private or link-local addresses. */
  allowHosts: z.array(z.string().min(1)).default([]),
});

/** Every limit of the fetcher and the crawl; each field's default is the `DEFAULT_*` of the same name. */
export type FetchLimits = z.output<typeof WatchOptionsSchema>;

/**
 * The limits with defaults filled in and checked, frozen. Throws a USAGE NianbaoError naming the
 * first bad field (e.g. `watch option retries: too big`).
 */
export function resolveFetchLimits(input: Partial<FetchLimits> = {}): Readonly<FetchLimits> {
  const r = WatchOptionsSchema.safeParse(input);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new NianbaoError('USAGE', `watch option ${i.path.join('.') || '(options)'}: ${i.message}`);
  }
  return Object.freeze({ ...r.data, allowHosts: r.data.allowHosts.map((h) => h.toLowerCase()) });
}

/** `90s`, `30m`, `6h`, `1d` (or plain seconds) → milliseconds; a USAGE error otherwise. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/i.exec(text.trim());
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
  const n = m ? Number(m[1]) * unit[(m[2] ?? 's').toLowerCase() as keyof typeof unit] : NaN;
  if (!(n >= 1000))
    throw new NianbaoError('USAGE', `--every takes a duration of at least 1s such as 30m, 6h or 1d, not 「${text}」`);
  return n;
}
