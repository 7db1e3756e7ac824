// One polite GET: the URL guard, robots.txt, one request at a time per host with a delay, retries
// with exponential backoff on 5xx/429/timeouts (Retry-After honoured), redirects followed by hand
// (capped, loops caught, every hop checked again), a size cap, and conditional requests.
import { Agent } from 'undici';
import { NianbaoError } from '../errors.js';
import { exchange, ExchangeError, type Exchange } from './exchange.js';
import { checkUrl, guardedLookup } from './guard.js';
import { HostQueues, sleep } from './hosts.js';
import type { FetchLimits } from './options.js';
import { RobotsCache } from './robots.js';
import { decodePage } from './charset.js';

/** What we knew of a URL last time: its validators, sent as If-None-Match / If-Modified-Since. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

/** A successful GET (2xx) or a 304. */
export interface Fetched {
  /** The URL asked for. */
  url: string;
  /** Where the answer came from (after redirects). */
  finalUrl: string;
  /** 200-299, or 304 (not modified: `bytes` is empty). */
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  fetchedAt: Date;
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

/** Retry-After (seconds or an HTTP date) in ms, or null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : Math.max(0, t - now);
}

/** The polite HTTP client of one watch run. `close()` when done. */
export class Fetcher {
  private readonly agent: Agent;
  private readonly hosts: HostQueues;
  private readonly robots: RobotsCache;
  /** Requests sent (each attempt and each redirect hop counts; robots.txt too). */
  requests = 0;

  constructor(private readonly limits: FetchLimits) {
    this.agent = new Agent({
      connect: { timeout: limits.connectTimeoutMs, lookup: guardedLookup(limits.allowHosts) },
      connections: 2,
    });
    this.hosts = new HostQueues(limits.hostDelayMs);
    const getRobots = async (url: string) => {
      const r = await this.get(url);
      return { status: r.status, text: decodePage(r.bytes, r.headers['content-type']) };
    };
    this.robots = new RobotsCache(getRobots, limits.userAgent, (host, ms) => this.hosts.slowDown(host, ms));
  }

  /**
   * GET `url` (with `validators`, a conditional GET): resolves to a 2xx answer or a 304. Throws
   * URL_REFUSED (scheme, internal address, robots.txt), TOO_LARGE, or FETCH_FAILED (an HTTP error
   * status, timeouts and 5xx past the retries, a redirect loop or too many redirects), naming `url`.
   */
  async get(url: string, validators: Validators = {}): Promise<Fetched> {
    const seen = new Set<string>([url]);
    let current = url;
    for (let hop = 0; ; hop++) {
      const u = checkUrl(current, this.limits.allowHosts);
      await this.robots.check(u);
      const r = await this.withRetries(u, validators);
      if (REDIRECT_STATUS.has(r.status)) {
        current = this.nextHop(url, u, r, hop, seen);
        continue;
      }
      if (r.status === 304 || (r.status >= 200 && r.status < 300)) {
        return {
          url,
          finalUrl: u.toString(),
          status: r.status,
          headers: r.headers,
          bytes: r.bytes,
          fetchedAt: new Date(),
        };
      }
      if (u.pathname === '/robots.txt')
        return {
          url,
          finalUrl: u.toString(),
          status: r.status,
          headers: r.headers,
          bytes: r.bytes,
          fetchedAt: new Date(),
        };
      throw new NianbaoError('FETCH_FAILED', `HTTP ${r.status}${hop ? ` (at ${u})` : ''}`, url);
    }
  }

  /** The redirect's target, checked: a Location, not seen before in this chain, within the cap. */
  private nextHop(url: string, u: URL, r: Exchange, hop: number, seen: Set<string>): string {
    const loc = r.headers.location;
    if (!loc) throw new NianbaoError('FETCH_FAILED', `HTTP ${r.status} without a Location`, url);
    const next = new URL(loc, u);
    next.hash = '';
    const target = next.toString();
    if (seen.has(target))
      throw new NianbaoError('FETCH_FAILED', `redirect loop (${[...seen, target].join(' → ')})`, url);
    if (hop + 1 > this.limits.maxRedirects)
      throw new NianbaoError('FETCH_FAILED', `more than ${this.limits.maxRedirects} redirects`, url);
    seen.add(target);
    return target;
  }

  /** One hop, tried again after 5xx/429/timeouts with backoff (or the server's Retry-After). */
  private async withRetries(u: URL, v: Validators): Promise<Exchange> {
    const headers: Record<string, string> = {
      'user-agent': this.limits.userAgent,
      accept: '*/*',
      'accept-encoding': 'identity',
    };
    if (v.etag) headers['if-none-match'] = v.etag;
    if (v.lastModified) headers['if-modified-since'] = v.lastModified;
    for (let attempt = 0; ; attempt++) {
      const backoff = this.limits.backoffMs * 2 ** attempt;
      const last = attempt >= this.limits.retries;
      let r: Exchange;
      try {
        r = await this.hosts.run(u.host, () => {
          this.requests++;
          return exchange(u, headers, this.limits, this.agent);
        });
      } catch (e) {
        const x = e as ExchangeError;
        if (!x.transient || last) throw this.final(x.error, attempt);
        await sleep(backoff);
        continue;
      }
      if (!RETRY_STATUS.has(r.status)) return r;
      const after = retryAfterMs(r.headers['retry-after']);
      if (after !== null && after > this.limits.maxRetryAfterMs) {
        throw new NianbaoError(
          'FETCH_FAILED',
          `HTTP ${r.status}, asked to retry after ${Math.round(after / 1000)} s (over the limit)`,
          u.toString(),
        );
      }
      if (last) throw this.final(new NianbaoError('FETCH_FAILED', `HTTP ${r.status}`, u.toString()), attempt);
      await sleep(Math.max(after ?? 0, backoff));
    }
  }

  private final(e: NianbaoError, attempt: number): NianbaoError {
    return attempt ? new NianbaoError(e.code, `${e.message} (${attempt + 1} attempts)`, e.file) : e;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
