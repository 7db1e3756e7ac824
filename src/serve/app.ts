// The app: middleware (CSP and headers, Host guard, access token, CSRF, body size), the pages, the
// JSON API, the two assets — and 404 for anything else (no request path ever reaches the disk).
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compareReports } from '../compare/index.js';
import type { Store } from '../db/store.js';
import { isNianbaoError } from '../errors.js';
import { apiRoutes, reportOf, type ApiContext } from './api.js';
import { ASSETS } from './assets.js';
import { seriesSvg } from './chart.js';
import { comparePage } from './compare-page.js';
import { listPage } from './list-page.js';
import { shell } from './layout.js';
import type { ResolvedServeOptions } from './options.js';
import { PageImages } from './page-image.js';
import { reportPage } from './report-page.js';
import { hostGuard, securityHeaders, Sessions, tokenGuard } from './security.js';
import { agencySeries, agencyYears } from './series.js';
import { Uploads } from './uploads.js';
import { esc } from '../review/escape.js';

/** The Hono app over an open store. The caller closes the store. */
export function createApp(store: Store, opts: ResolvedServeOptions): Hono {
  const ctx: ApiContext = {
    store,
    opts,
    images: new PageImages(opts.baseDir),
    uploads: new Uploads(opts),
    sessions: new Sessions(),
  };
  const app = new Hono();
  app.use('*', securityHeaders, hostGuard(opts), tokenGuard(opts), ctx.sessions.guard(opts));
  // The whole upload, not only each file: a request larger than all its files together is refused unread.
  app.use(
    '/api/uploads',
    bodyLimit({
      maxSize: opts.maxUploadBytes * opts.maxUploadFiles + 64 * 1024,
      onError: (c) => c.json({ error: 'upload too large' }, 413),
    }),
  );
  const csrf = (c: Context) => ctx.sessions.csrf(ctx.sessions.session(c));
  app.get('/', (c) => c.html(listPage(csrf(c))));
  app.get('/report/:sha', async (c) => {
    const record = await reportOf(ctx, c);
    if (!record) return c.html(notFound(csrf(c)), 404);
    return c.html(reportPage({ record, csrf: csrf(c), imageNote: await ctx.images.unavailable(record) }));
  });
  app.get('/compare', (c) => compare(ctx, c, csrf(c)));
  app.get('/chart', async (c) => {
    const agency = c.req.query('agency') ?? '';
    const s = await agencySeries(store, await store.reportSummaries(), agency);
    const body = `<main class="narrow"><h1>${esc(s.agency)} · 历年趋势 over the years</h1><figure class="chart">${seriesSvg(s)}</figure>
<p class="muted">${esc(`${s.path}; red points: flagged reports; dashed lines: the report's template changes (the forms differ, so a jump there is not a trend).`)}</p>
<p><a href="/compare?agency=${encodeURIComponent(agency)}">逐年对比 compare years</a> · <a href="/api/series?agency=${encodeURIComponent(agency)}">JSON</a></p></main>`;
    return c.html(shell({ title: `${s.agency} — chart`, page: 'chart', csrf: csrf(c), body }));
  });
  app.get('/assets/:name', (c) => {
    const a = ASSETS.get(c.req.param('name'));
    if (!a) return c.text('not found', 404);
    return c.body(a.body, 200, { 'Content-Type': a.type, 'Cache-Control': 'no-cache' });
  });
  apiRoutes(app, ctx);
  app.notFound((c) =>
    c.req.path.startsWith('/api/') ? c.json({ error: 'not found' }, 404) : c.text('not found', 404),
  );
  app.onError((e, c) => {
    if (isNianbaoError(e) && e.code === 'USAGE') return c.json({ error: e.message }, 400);
    if (isNianbaoError(e) && e.code === 'NOT_FOUND') return c.json({ error: e.message }, 404);
    console.error(`nianbao serve: ${c.req.method} ${c.req.path}: ${(e as Error).stack ?? e}`);
    return c.json({ error: 'internal error (see the server log)' }, 500);
  });
  return app;
}

const notFound = (csrf: string) =>
  shell({
    title: 'not found',
    page: 'list',
    csrf,
    body: '<main class="narrow"><h1>没有这份报告 No such report</h1><p><a href="/">all reports</a></p></main>',
  });

async function compare(ctx: ApiContext, c: Context, csrf: string) {
  const agency = c.req.query('agency') ?? '';
  const years = agencyYears(await ctx.store.reportSummaries(), agency);
  const want = (k: string) => (c.req.query(k) ? Number(c.req.query(k)) : null);
  const b = years.find((y) => y.year === want('b')) ?? years[years.length - 1];
  const a = years.find((y) => y.year === want('a')) ?? years.filter((y) => b && y.year! < b.year!).pop();
  if (!a || !b || a === b)
    return c.html(
      comparePage({ agency, years, comparison: null, csrf, note: `${agency}: fewer than two years stored` }),
    );
  const [pa, pb] = await Promise.all([ctx.store.latestRecord(a.sha256), ctx.store.latestRecord(b.sha256)]);
  const [prev, cur] = a.year! < b.year! ? [pa!, pb!] : [pb!, pa!];
  return c.html(comparePage({ agency, years, comparison: compareReports(prev, cur), csrf }));
}
