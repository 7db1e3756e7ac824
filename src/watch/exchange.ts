// One HTTP exchange on undici: a GET, no redirect followed, the body read up to the size cap, every
// failure as a typed error saying whether a retry may help.
import zlib from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { NianbaoError } from '../errors.js';
import { REFUSED_ADDRESS } from './guard.js';
import type { FetchLimits } from './options.js';

/** One HTTP answer. */
export interface Exchange {
  status: number;
  /** Response headers, names lower-case (several values joined with ", "; Set-Cookie dropped). */
  headers: Record<string, string>;
  /** The body of a 2xx answer; empty otherwise (read and discarded). */
  bytes: Buffer;
}

/** A failed exchange: the NianbaoError to report, and whether trying again may help (timeouts, resets). */
export class ExchangeError extends Error {
  constructor(
    readonly error: NianbaoError,
    readonly transient: boolean,
  ) {
    super(error.message);
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** The request's failure as an ExchangeError (its cause chain searched for the guard's refusal). */
export function classify(e: unknown, url: string, limits: FetchLimits): ExchangeError {
  if (e instanceof ExchangeError) return e;
  const chain: Array<{ code?: string; name?: string; message?: string }> = [];
  for (let x = e as { cause?: unknown } | undefined; x && chain.length < 5; x = x.cause as typeof x)
    chain.push(x as (typeof chain)[0]);
  const refused = chain.find((x) => x.code === REFUSED_ADDRESS);
  if (refused) return new ExchangeError(new NianbaoError('URL_REFUSED', refused.message!, url), false);
  const code = chain.map((x) => x.code).find(Boolean) ?? '';
  const fail = (msg: string, transient: boolean) =>
    new ExchangeError(new NianbaoError('FETCH_FAILED', msg, url), transient);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return fail(`no connection within ${limits.connectTimeoutMs} ms`, true);
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return fail(`no response within ${limits.headersTimeoutMs} ms`, true);
  if (code === 'UND_ERR_BODY_TIMEOUT' || chain.some((x) => x.name === 'TimeoutError')) {
    return fail(`the response did not arrive within ${limits.bodyTimeoutMs} ms`, true);
  }
  if (code === 'ENOTFOUND') return fail('no such host (DNS)', false);
  const msg = chain[0]?.message ?? String(e);
  return fail(`${code ? `${code}: ` : ''}${msg}`, TRANSIENT_CODES.has(code));
}

function headerRecord(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined && k !== 'set-cookie') out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** Read a body, at most `limits.maxBytes` (else TOO_LARGE, the transfer stopped). */
async function readCapped(
  body: Dispatcher.ResponseData['body'],
  url: string,
  limits: FetchLimits,
  declared: number,
): Promise<Buffer> {
  const tooLarge = () =>
    new ExchangeError(
      new NianbaoError('TOO_LARGE', `the response is larger than the cap of ${limits.maxBytes} bytes`, url),
      false,
    );
  if (declared > limits.maxBytes) {
    body.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limits.maxBytes) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The body as sent, or decoded when the server compressed it although we asked for identity (capped alike). */
function decoded(bytes: Buffer, encoding: string | undefined, url: string, limits: FetchLimits): Buffer {
  const e = (encoding ?? '').trim().toLowerCase();
  if (!e || e === 'identity') return bytes;
  const opts = { maxOutputLength: limits.maxBytes };
  try {
    if (e === 'gzip' || e === 'x-gzip') return zlib.gunzipSync(bytes, opts);
    if (e === 'deflate') return zlib.inflateSync(bytes, opts);
    if (e === 'br') return zlib.brotliDecompressSync(bytes, opts);
  } catch (err) {
    const large = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    const error = large
      ? new NianbaoError(
          'TOO_LARGE',
          `the response is larger than the cap of ${limits.maxBytes} bytes (decompressed)`,
          url,
        )
      : new NianbaoError('FETCH_FAILED', `the response's ${e} encoding is damaged`, url);
    throw new ExchangeError(error, false);
  }
  return bytes; // an encoding we do not know: kept as sent
}

/**
 * GET `url` once through `dispatcher` (which enforces the connect timeout and the address guard):
 * the status, the headers and, for a 2xx answer, the body. Throws ExchangeError.
 */
export async function exchange(
  url: URL,
  headers: Record<string, string>,
  limits: FetchLimits,
  dispatcher: Dispatcher,
): Promise<Exchange> {
  try {
    const r = await request(url, {
      dispatcher,
      method: 'GET',
      headers,
      headersTimeout: limits.headersTimeoutMs,
      bodyTimeout: limits.bodyTimeoutMs,
      // The whole exchange, so a server dripping a byte at a time cannot hold the run.
      signal: AbortSignal.timeout(limits.headersTimeoutMs + limits.bodyTimeoutMs),
    });
    const h = headerRecord(r.headers);
    if (r.statusCode < 200 || r.statusCode >= 300) {
      await r.body.dump({ limit: 64 * 1024 }).catch(() => {});
      return { status: r.statusCode, headers: h, bytes: Buffer.alloc(0) };
    }
    const declared = Number(h['content-length'] ?? -1);
    const bytes = await readCapped(r.body, url.toString(), limits, declared);
    return { status: r.statusCode, headers: h, bytes: decoded(bytes, h['content-encoding'], url.toString(), limits) };
  } catch (e) {
    throw classify(e, url.toString(), limits);
  }
}
