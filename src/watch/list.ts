// A source's list pages → its report links: the first page, then pagination links of the same
// column, breadth first, up to the page limit. The first page failing fails the source; a later
// page failing is one failure of the run (the reports of the other pages are still taken).
import { asNianbaoError } from '../errors.js';
import { decodePage } from './charset.js';
import { discover } from './discover.js';
import type { Fetcher } from './fetch.js';
import { pageLinks, type PageLink } from './links.js';
import type { UrlFailure } from './runs.js';
import type { WatchSource } from './sources.js';

/** What a source's list pages gave. */
export interface ListResult {
  reports: PageLink[];
  /** List pages read. */
  pages: number;
  failures: UrlFailure[];
}

/** Failure of a URL, as the run reports it. */
export function failureOf(e: unknown, url: string): UrlFailure {
  const err = asNianbaoError(e, url);
  return { url, code: err.code, message: err.message };
}

/**
 * Read the source's list pages (at most `maxPages`) and collect the report links on them, each
 * once, in page order. Throws (a NianbaoError naming the URL) when the first page cannot be read.
 */
export async function readListPages(fetcher: Fetcher, source: WatchSource, maxPages: number): Promise<ListResult> {
  const queue = [source.url];
  const seen = new Set(queue);
  const reports = new Map<string, PageLink>();
  const failures: UrlFailure[] = [];
  let pages = 0;
  while (queue.length && pages < maxPages) {
    const url = queue.shift()!;
    let html: string;
    let finalUrl: string;
    try {
      const r = await fetcher.get(url);
      html = decodePage(r.bytes, r.headers['content-type']);
      finalUrl = r.finalUrl;
    } catch (e) {
      if (pages === 0) throw e;
      failures.push(failureOf(e, url));
      continue;
    } finally {
      pages++;
    }
    const found = discover(pageLinks(html, finalUrl), source.url, source.match);
    for (const link of found.reports) if (!reports.has(link.url)) reports.set(link.url, link);
    for (const p of found.pages) {
      if (!seen.has(p)) {
        seen.add(p);
        queue.push(p);
      }
    }
  }
  return { reports: [...reports.values()], pages, failures };
}
