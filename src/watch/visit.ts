// One report link of a source, to its end: the article page (or the document it is) fetched
// conditionally, its attachments fetched, every document kept by content with its version, and
// each outcome counted. A URL another watcher holds, or answered since this run began, is left to
// it; one failing is counted with its reason and never stops the others.
import { createHash } from 'node:crypto';
import { attachments, isHtmlPage } from './article.js';
import { dispositionName, documentExtension, safeLabel } from './disposition.js';
import type { Fetched, Fetcher } from './fetch.js';
import { failureOf } from './list.js';
import type { SourceCounts } from './runs.js';
import type { Origin, UrlState, WatchStore } from './store.js';

/** What the visits of one run share. */
export interface VisitContext {
  fetcher: Fetcher;
  store: WatchStore;
  /** This watcher's claim owner (host:pid:random). */
  owner: string;
  /** How long a URL claim lasts: longer than the slowest fetch with its retries. */
  claimTtlMs: number;
  /** When this run began (ISO 8601): a URL answered since then, by another watcher, is not asked again. */
  startedAt: string;
  /** URLs already visited by this run (a document linked from two articles or sources is fetched once). */
  visited: Set<string>;
}

const validatorsOf = (s: UrlState | null) => ({ etag: s?.etag, lastModified: s?.lastModified });
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The label and extension of a fetched document (Content-Disposition first, else the URL's last segment). */
function nameOf(r: Fetched, html: boolean): { fileName: string | null; extension: string | null } {
  const fromHeader = dispositionName(r.headers['content-disposition']);
  let last = new URL(r.finalUrl).pathname.split('/').pop() ?? '';
  try {
    last = decodeURIComponent(last);
  } catch {
    // not percent-encoded UTF-8: kept as it is
  }
  const fromUrl = safeLabel(last);
  return {
    fileName: fromHeader ?? fromUrl,
    extension: html ? 'html' : (documentExtension(fromHeader) ?? documentExtension(fromUrl)),
  };
}

/** Keep a fetched document and count what it was. */
async function keep(ctx: VisitContext, o: Origin, r: Fetched, counts: SourceCounts, html: boolean): Promise<void> {
  const doc = {
    ...o,
    url: r.url,
    finalUrl: r.finalUrl,
    bytes: r.bytes,
    sha256: sha256(r.bytes),
    headers: r.headers,
    fetchedAt: r.fetchedAt,
  };
  const put = await ctx.store.putDocument({ ...doc, ...nameOf(r, html) });
  if (put.kind === 'new') counts.new++;
  else if (put.kind === 'changed') counts.changed++;
  else counts.unchanged++;
}

type Visit = (state: UrlState | null) => Promise<void>;

/**
 * Claim `url` and run `visit` with its state as it is now; a URL busy with another watcher, or
 * answered to another since this run began, is counted busy; a failure is counted and recorded.
 */
async function claimed(
  ctx: VisitContext,
  url: string,
  kind: 'article' | 'document',
  o: Origin,
  counts: SourceCounts,
  visit: Visit,
): Promise<void> {
  if (ctx.visited.has(url)) return;
  ctx.visited.add(url);
  if (!(await ctx.store.claimUrl(url, kind, o, ctx.owner, ctx.claimTtlMs))) {
    counts.busy++;
    return;
  }
  const state = await ctx.store.urlState(url);
  if (state?.lastFetchedAt && state.lastFetchedAt >= ctx.startedAt) {
    counts.busy++;
    return ctx.store.releaseUrl(url, ctx.owner);
  }
  try {
    await visit(state);
  } catch (e) {
    const f = failureOf(e, url);
    counts.failures.push(f);
    await ctx.store.recordVisit(url, { status: 0, error: `${f.code}: ${f.message}` });
  }
}

/** An attachment: fetched (conditionally when known) and kept. With `onlyIfCheap`, one known without validators is not asked again. */
async function visitDocument(
  ctx: VisitContext,
  url: string,
  o: Origin,
  counts: SourceCounts,
  onlyIfCheap: boolean,
): Promise<void> {
  const known = await ctx.store.urlState(url);
  if (onlyIfCheap && known?.sha256 && !known.etag && !known.lastModified && !ctx.visited.has(url)) {
    ctx.visited.add(url);
    counts.notModified++;
    return;
  }
  await claimed(ctx, url, 'document', o, counts, async (state) => {
    const r = await ctx.fetcher.get(url, validatorsOf(state));
    if (r.status === 304) {
      counts.notModified++;
      return ctx.store.recordVisit(url, { status: 304 });
    }
    await keep(ctx, o, r, counts, isHtmlPage(r));
  });
}

/** The attachments of an article whose page did not change: each asked only if that costs a 304. */
async function unchangedArticle(ctx: VisitContext, state: UrlState, o: Origin, counts: SourceCounts): Promise<void> {
  if (!state.children?.length) {
    counts.notModified++; // the page itself is the report
    return;
  }
  for (const child of state.children) await visitDocument(ctx, child, o, counts, true);
}

/**
 * Visit one report link: a document is kept; an article page's attachments are visited (or the
 * page kept when it has none). An unchanged article (304, or the same bytes) costs nothing more
 * for attachments the server cannot answer conditionally.
 */
export async function visitReport(ctx: VisitContext, url: string, o: Origin, counts: SourceCounts): Promise<void> {
  let children: string[] = [];
  await claimed(ctx, url, 'article', o, counts, async (state) => {
    const r = await ctx.fetcher.get(url, validatorsOf(state));
    if (state && (r.status === 304 || (state.sha256 === sha256(r.bytes) && state.children))) {
      await ctx.store.recordVisit(url, { status: r.status, headers: r.headers });
      return unchangedArticle(ctx, state, o, counts);
    }
    if (!isHtmlPage(r)) return keep(ctx, o, r, counts, false);
    children = attachments(r);
    if (!children.length) return keep(ctx, o, r, counts, true);
    await ctx.store.recordVisit(url, { status: r.status, headers: r.headers, sha256: sha256(r.bytes), children });
  });
  for (const child of children) await visitDocument(ctx, child, o, counts, false);
}
