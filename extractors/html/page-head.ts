// What a web page prints about its report outside the report's own text: the title in the page's
// header block, an <h1> above the article, the CMS's ArticleTitle <meta> or <title> (site name cut
// off); the publishing agency in the article header's fields (发布机构, 来源, …).
import { ancestors, elements, hidden, innerText, isElement, textOf, type ChildNode, type Element } from './dom.js';

/**
 * A report's title as a line: a year, 政府信息公开 / 政务公开, ending in 报告, no sentence punctuation
 * (so an introduction that mentions the annual report is not one). 「年度报告」 with or without 工作.
 */
export function isTitleText(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return (
    t.length <= 80 &&
    /\d{4}\s*年/u.test(t) &&
    /政[府务](?:信息)?公开/u.test(t) &&
    /报告[）)]?$/u.test(t) &&
    !/[，。；,;]/u.test(t)
  );
}

/** Cuts a site name off a <title>: 「…年度报告_沭阳县人民政府」, 「… - 某某网」, 「…｜某某」. */
const SITE_SUFFIX = /\s*(?:[_|｜]|\s[-—–－]\s|——).*$/u;

/** An element a title block is in: a heading, or a class or id naming a title (title, tit, bt = 标题). */
const titleish = (el: Element) =>
  /^h[1-6]$/.test(el.name) || /title|tit|bt/i.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`);
const inLink = (el: Element) => [...ancestors(el)].some((a) => a.name === 'a' || a.name === 'nav' || a.name === 'li');

/** The title printed before the content (header block, <h1>), else the ArticleTitle <meta>, else <title>. */
export function titleOutside(root: Element, content: Element): string | null {
  for (const el of elements(root)) {
    if (el === content) break;
    if (!titleish(el) || hidden(el) || inLink(el) || el.name === 'title') continue;
    const text = textOf(el).trim();
    if (isTitleText(text)) return text;
  }
  const meta = [...elements(root)].find(
    (e) => e.name === 'meta' && /^(articletitle|title|og:title)$/i.test(e.attribs.name ?? e.attribs.property ?? ''),
  );
  const title = [...elements(root)].find((e) => e.name === 'title');
  for (const text of [meta?.attribs.content ?? '', title ? textOf(title) : '']) {
    const cut = text.replace(SITE_SUFFIX, '').trim();
    if (isTitleText(cut)) return cut;
  }
  return null;
}

/** The article header's fields that name who published it, most specific first. */
const PUBLISHER_FIELDS = ['发布机构', '发文机关', '发布单位', '公开主体', '信息来源', '来源'];
const FIELD = new RegExp(`(${PUBLISHER_FIELDS.join('|')})\\s*[:：]\\s*([^\\s:：|｜]+)`, 'gu');

/**
 * The names the page's fields outside the content give as publisher (「发布机构：沭阳县发展和改革局」,
 * 「来源：…」), most specific field first; the pipeline keeps one only if it reads as an agency name.
 */
export function publishersOutside(body: Element, content: Element): string[] {
  const lines: string[] = [];
  const walk = (n: ChildNode) => {
    if (n === content || !isElement(n) || hidden(n)) return;
    // A table row or a block with a field: its text as a reader sees it, one line per block.
    if (n.children.some((c) => c.type === 'text' && /[:：]/.test(c.data))) lines.push(...innerText(n).split('\n'));
    else n.children.forEach(walk);
  };
  walk(body);
  const found = lines.flatMap((l) =>
    [...l.matchAll(FIELD)].map((m) => ({ field: PUBLISHER_FIELDS.indexOf(m[1]), name: m[2] })),
  );
  return [...new Set(found.sort((a, b) => a.field - b.field).map((f) => f.name))];
}
