// A list page → the report links on it and the further list pages to read. A report link is one
// whose title names a 政府信息公开(工作)年度报告 with a year (or matches the source's `match`);
// pagination is 「下一页」/「下页」, page-number links, Hanweb `pageNum=N`, TRS `index_N.html` and
// TRS's script call createPageHTML(count, current, "index", "html").
import type { PageLink, PageLinks } from './links.js';

/** The built-in rule: a 年报 title with a year (2008–2099, Arabic or Chinese numerals). */
const REPORT_TITLE = /政府信息公开.{0,6}年度?报告|政务公开.{0,4}年度报告|信息公开年报/;
const YEAR = /(20[0-9]{2}|二[〇○零][一二][〇○零一二三四五六七八九])\s*年/;

/** Whether a link is a report: `match` against its text or URL, else the built-in title rule. */
export function isReportLink(link: PageLink, match: RegExp | null): boolean {
  if (match) return match.test(link.text) || match.test(link.url);
  return REPORT_TITLE.test(link.text) && YEAR.test(link.text);
}

const NEXT_TEXT = /^(下一页|下页|后页|next|›|»|>)$/i;
const PAGE_URL = /(index_\d+\.s?html?$)|([?&](pagenum|page|pageindex|curpage|pageno)=\d+)/i;

/** The same site, and a list page of the same column (its directory is the list's directory or below). */
function sameColumn(candidate: string, listUrl: string): boolean {
  const c = new URL(candidate);
  const l = new URL(listUrl);
  const dir = l.pathname.replace(/[^/]*$/, '');
  return c.origin === l.origin && c.pathname.startsWith(dir);
}

/** Pages TRS announces by script: createPageHTML(count, current, "index", "html") → index_1.html … */
function trsPages(scripts: string, listUrl: string): string[] {
  const m = /createPageHTML\(\s*(\d+)\s*,\s*\d+\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']/.exec(scripts);
  if (!m) return [];
  const count = Math.min(Number(m[1]), 1000);
  const out: string[] = [];
  for (let k = 1; k < count; k++) out.push(new URL(`${m[2]}_${k}.${m[3]}`, listUrl).toString());
  return out;
}

/** What a list page leads to. */
export interface Discovered {
  /** Report links (article pages or documents), in page order, each URL once. */
  reports: PageLink[];
  /** Further list pages of the same column, each once. */
  pages: string[];
}

/** The reports and pagination of one list page (`listUrl` is the source's first page: pages stay in its column). */
export function discover(page: PageLinks, listUrl: string, match: RegExp | null): Discovered {
  const reports = new Map<string, PageLink>();
  const pages = new Set<string>();
  for (const link of page.links) {
    if (isReportLink(link, match)) {
      if (!reports.has(link.url)) reports.set(link.url, link);
      continue;
    }
    const paging =
      NEXT_TEXT.test(link.text) || (/^\d{1,3}$/.test(link.text) && PAGE_URL.test(link.url)) || PAGE_URL.test(link.url);
    if (paging && sameColumn(link.url, listUrl)) pages.add(link.url);
  }
  for (const p of trsPages(page.scripts, listUrl)) pages.add(p);
  return { reports: [...reports.values()], pages: [...pages] };
}
