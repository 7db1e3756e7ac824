// The app's barriers, as Hono middleware: a strict Content-Security-Policy (scripts only from the
// app itself, no inline script), the Host header of a loopback server (DNS rebinding), the access
// token of a server on a network, and a per-session CSRF token on every write.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isLoopback, type ResolvedServeOptions } from './options.js';

/** Scripts and styles only from /assets (no 'unsafe-inline', no eval); data: images for crops. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SESSION_COOKIE = 'nianbao_session';
const TOKEN_COOKIE = 'nianbao_token';
export const CSRF_HEADER = 'x-csrf-token';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Headers on every response: the CSP, no sniffing, no referrer, no framing. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Content-Security-Policy', CSP);
  c.res.headers.set('X-Content-Type-Options', 'nosniff');
  c.res.headers.set('Referrer-Policy', 'no-referrer');
  c.res.headers.set('X-Frame-Options', 'DENY');
  if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
};

/** A loopback server answers only requests addressed to a loopback name (no DNS rebinding). */
export function hostGuard(opts: ResolvedServeOptions): MiddlewareHandler {
  return async (c, next) => {
    if (opts.loopback) {
      const host = (c.req.header('host') ?? '').replace(/:\d+$/, '');
      if (!isLoopback(host)) return c.text('nianbao serve: this server answers loopback names only', 421);
    }
    await next();
  };
}

/**
 * With --token: every request carries it — `Authorization: Bearer T`, or the cookie set when a page
 * was opened as `/?token=T` (the token then leaves the address bar by a redirect).
 */
export function tokenGuard(opts: ResolvedServeOptions): MiddlewareHandler {
  return async (c, next) => {
    const token = opts.token;
    if (token === null) return next();
    const given = c.req.query('token');
    if (c.req.method === 'GET' && given !== undefined && same(given, token)) {
      setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      const url = new URL(c.req.url);
      url.searchParams.delete('token');
      return c.redirect(url.pathname + url.search, 303);
    }
    if (bearer(c, token) || same(getCookie(c, TOKEN_COOKIE) ?? '', token)) return next();
    return c.json({ error: 'this server needs its access token (Authorization: Bearer T, or open /?token=T)' }, 401);
  };
}

const bearer = (c: Context, token: string | null) => {
  const h = c.req.header('authorization') ?? '';
  return token !== null && h.startsWith('Bearer ') && same(h.slice(7), token);
};

/** Sessions and their CSRF tokens: HMAC of the session id under a secret of this process. */
export class Sessions {
  private readonly secret = randomBytes(32);

  /** The session of this request, made (and set as a cookie) if it has none. */
  session(c: Context): string {
    const had = getCookie(c, SESSION_COOKIE);
    if (had && /^[0-9a-f]{64}$/.test(had)) return had;
    const id = randomBytes(32).toString('hex');
    setCookie(c, SESSION_COOKIE, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return id;
  }

  csrf(session: string): string {
    return createHmac('sha256', this.secret).update(session).digest('hex');
  }

  /**
   * Writes (POST, PUT, PATCH, DELETE) need the session's CSRF token in X-CSRF-Token — or, from a
   * script of a server with --token, the token as a bearer header (which no other site can send).
   */
  guard(opts: ResolvedServeOptions): MiddlewareHandler {
    return async (c, next) => {
      if (!WRITES.has(c.req.method)) return next();
      const session = getCookie(c, SESSION_COOKIE) ?? '';
      const given = c.req.header(CSRF_HEADER) ?? '';
      if ((session && given && same(given, this.csrf(session))) || bearer(c, opts.token)) return next();
      return c.json({ error: 'missing or wrong CSRF token (X-CSRF-Token; GET /api/session gives one)' }, 403);
    };
  }
}
