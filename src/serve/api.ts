// The JSON API under /api/ (the pages use it; scripts can too). Handlers only call what exists:
// the store, corrections, review's messages, compare, the ingest path.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { writeWorkbook } from '../output/xlsx.js';
import { parseCorrections } from '../corrections/index.js';
import { failedFindings } from '../findings/findings.js';
import type { Store } from '../db/store.js';
import { NianbaoError } from '../errors.js';
import { toCsv, BOM } from '../output/csv.js';
import type { Report } from '../schema/record.js';
import { agencyKey } from '../text/agency-key.js';
import { seriesSvg } from './chart.js';
import { listAnswer, parseListQuery, selectSummaries } from './list.js';
import type { ResolvedServeOptions } from './options.js';
import type { PageImages } from './page-image.js';
import type { Sessions } from './security.js';
import { agencySeries } from './series.js';
import type { Uploads } from './uploads.js';

export interface ApiContext {
  store: Store;
  opts: ResolvedServeOptions;
  images: PageImages;
  uploads: Uploads;
  sessions: Sessions;
}

/** A sha256 from the URL, or null: nothing else reaches a query. */
export const shaParam = (c: Context): string | null => {
  const s = c.req.param('sha') ?? '';
  return /^[0-9a-f]{64}$/.test(s) ? s : null;
};

const failedIds = (r: Report) => failedFindings(r.checks).map((f) => f.id);

/** The report of the URL's sha256, or null (then the handler answers 404). */
export async function reportOf(ctx: ApiContext, c: Context): Promise<Report | null> {
  const sha = shaParam(c);
  return sha ? ctx.store.latestRecord(sha) : null;
}

/** Register every /api/ route on `app`. */
export function apiRoutes(app: Hono, ctx: ApiContext): void {
  app.get('/api/session', (c) => c.json({ csrf: ctx.sessions.csrf(ctx.sessions.session(c)) }));
  app.get('/api/reports', async (c) =>
    c.json(listAnswer(await ctx.store.reportSummaries(), parseListQuery(c.req.query()))),
  );
  app.get('/api/reports/:sha', async (c) => {
    const r = await reportOf(ctx, c);
    if (!r) return c.json({ error: 'no such report' }, 404);
    if (c.req.query('download'))
      c.header('Content-Disposition', `attachment; filename="${r.source.sha256.slice(0, 12)}.json"`);
    return c.json(r);
  });
  app.get('/api/reports/:sha/pages/:n', async (c) => {
    const r = await reportOf(ctx, c);
    const n = Number(c.req.param('n'));
    const png = r && Number.isInteger(n) ? await ctx.images.png(r, n) : null;
    if (!png) return c.json({ error: 'no such page image' }, 404);
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=60' });
  });
  app.post('/api/reports/:sha/corrections', (c) => correct(ctx, c));
  app.delete('/api/reports/:sha/corrections', (c) => revert(ctx, c));
  app.get('/api/series', async (c) =>
    c.json(await agencySeries(ctx.store, await ctx.store.reportSummaries(), c.req.query('agency') ?? '')),
  );
  app.get('/api/series.svg', async (c) => {
    const s = await agencySeries(ctx.store, await ctx.store.reportSummaries(), c.req.query('agency') ?? '');
    return c.body(seriesSvg(s), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
  });
  app.get('/api/export', (c) => exportSelection(ctx, c));
  app.post('/api/uploads', (c) => upload(ctx, c));
  app.get('/api/uploads/:id', (c) => {
    const job = ctx.uploads.get(c.req.param('id'));
    return job ? c.json(job) : c.json({ error: 'no such upload' }, 404);
  });
}

/** POST {path, value, note?, author?}: store the correction, re-check, answer what changed. */
async function correct(ctx: ApiContext, c: Context) {
  const before = await reportOf(ctx, c);
  if (!before) return c.json({ error: 'no such report' }, 404);
  const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
  if (!body || typeof body !== 'object')
    throw new NianbaoError('USAGE', 'the body must be JSON: {"path", "value", "note", "author"}');
  const line = {
    sha256: before.source.sha256,
    path: body.path,
    value: body.value,
    note: body.note || undefined,
    author: body.author || undefined,
    time: new Date().toISOString(),
  };
  const [fix] = parseCorrections(JSON.stringify(line), 'request');
  await ctx.store.putCorrections([fix]);
  await ctx.store.reapplyCorrections([fix.sha256]);
  return c.json(await changed(ctx, before));
}

/** DELETE ?path=P (every cell without it): remove the corrections, revert, answer what changed. */
async function revert(ctx: ApiContext, c: Context) {
  const before = await reportOf(ctx, c);
  if (!before) return c.json({ error: 'no such report' }, 404);
  const path = c.req.query('path');
  const r = await ctx.store.removeCorrections([{ sha256: before.source.sha256, ...(path ? { path } : {}) }]);
  if (r.removed.length === 0) return c.json({ error: 'no stored correction of that cell' }, 404);
  return c.json(await changed(ctx, before));
}

/** The checks before and after a change (cross-year checks of the agency recomputed). */
async function changed(ctx: ApiContext, before: Report) {
  const after = (await ctx.store.latestRecord(before.source.sha256))!;
  if (after.agency) await ctx.store.refreshCrossYear([agencyKey(after.agency)]);
  const was = new Set(failedIds(before));
  const now = new Set(failedIds(after));
  return {
    failedBefore: was.size,
    failedAfter: now.size,
    nowPassing: [...was].filter((id) => !now.has(id)),
    nowFailing: [...now].filter((id) => !was.has(id)),
    corrections: after.corrections ?? [],
  };
}

const EXPORTS = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** GET ?as=csv|json|jsonl|xlsx + the list's filters: the selection's records (CSV: the long table). */
async function exportSelection(ctx: ApiContext, c: Context) {
  // `as`, not `format`: that is the list's filter by the reports' source format.
  const format = c.req.query('as') ?? 'json';
  if (!(format in EXPORTS)) throw new NianbaoError('USAGE', `as takes csv, json, jsonl or xlsx, not 「${format}」`);
  const wanted = new Set(
    selectSummaries(await ctx.store.reportSummaries(), parseListQuery(c.req.query())).map((s) => s.sha256),
  );
  const records: Report[] = [];
  for await (const r of ctx.store.latestRecords()) if (wanted.has(r.source.sha256)) records.push(r);
  const attachment = {
    'Content-Type': EXPORTS[format as keyof typeof EXPORTS],
    'Content-Disposition': `attachment; filename="nianbao-selection.${format}"`,
  };
  if (format === 'xlsx')
    return c.body(new Uint8Array(await workbookBytes(records, ctx.opts.uploadDir)), 200, attachment);
  const text =
    format === 'csv'
      ? BOM + toCsv(records).long
      : format === 'jsonl'
        ? records.map((r) => JSON.stringify(r) + '\n').join('')
        : JSON.stringify(records, null, 1);
  return c.body(text, 200, attachment);
}

/** The records as an xlsx workbook (output/xlsx.ts writes a file: a temporary one, read and removed). */
async function workbookBytes(records: Report[], dir: string): Promise<Buffer> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `selection-${randomBytes(6).toString('hex')}.xlsx`);
  try {
    await writeWorkbook(records, file);
    return await readFile(file);
  } finally {
    await rm(file, { force: true });
  }
}

/** POST multipart files: at most maxUploadFiles, each at most maxUploadBytes; answers the job. */
async function upload(ctx: ApiContext, c: Context) {
  const form = await c.req.parseBody({ all: true });
  const given = form['files'] ?? form['file'];
  const files = (Array.isArray(given) ? given : given === undefined ? [] : [given]).filter(
    (f): f is File => typeof f !== 'string',
  );
  if (files.length === 0) throw new NianbaoError('USAGE', 'no files in the upload (multipart field "files")');
  if (files.length > ctx.opts.maxUploadFiles)
    return c.json({ error: `at most ${ctx.opts.maxUploadFiles} files per upload` }, 413);
  const big = files.find((f) => f.size > ctx.opts.maxUploadBytes);
  if (big) return c.json({ error: `${big.name}: larger than ${ctx.opts.maxUploadBytes} bytes` }, 413);
  const job = await ctx.uploads.start(
    await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))),
  );
  return c.json(job, 202);
}
