// A saved web page (an article in a government site's CMS, site chrome included) → markup blocks:
// the report's content found in the DOM, its paragraphs as lines, its data tables as grids with
// rowspan/colspan. Decoded as a browser decodes it (decode.ts) and parsed by the HTML5 algorithm
// (parse5), so a page a browser shows whole — a stray <p> or </div> between rows, a <font> left
// open, missing </td>s — is read whole.
import { decodePage } from './decode.js';
import { ancestors, BLOCK, elements, hidden, isElement, parsePage, SKIP, textOf, tidyLines, selectorOf } from './html/dom.js';
import type { ChildNode, Element } from './html/dom.js';
import { isDataTable, readHtmlTables, tableRows } from './html/tables.js';
import { layoutMarkup, type MarkupBlock, type MarkupCell } from './markup/layout.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type TextQualitySettings } from './settings.js';
import type { ReaderWarning, SourceDocument } from './types.js';

export { readHtmlTables };

/** Headings 一 … 六 of a 年报: where they are is where the report's content is. */
const SECTION_HEADING = /^[一二三四五六][、.．]\s*(总体情况|主动公开|收到和处理|政府信息公开行政复议|因政府信息公开|存在的主要问题|其他需要报告)/u;
const TITLE = /政府信息公开工作年度报告|政务公开工作年度报告/u;

/**
 * The report's content: the deepest element holding the most distinct section headings. Copies of
 * a heading elsewhere (a hidden template, a sidebar) hold fewer and lose.
 */
function contentRoot(root: Element): Element {
  const keysOf = new Map<Element, Set<string>>();
  for (const el of elements(root)) {
    if (SKIP.has(el.name) || hidden(el)) continue;
    // The element whose own text starts with a heading (its text nodes and inline children).
    const own = el.children.filter((c) => c.type === 'text' || (isElement(c) && !BLOCK.has(c.name)));
    const m = SECTION_HEADING.exec(own.map(textOf).join('').trim());
    if (!m) continue;
    for (const cur of [el, ...ancestors(el)]) {
      const set = keysOf.get(cur) ?? new Set<string>();
      set.add(m[1]);
      keysOf.set(cur, set);
    }
  }
  let best: Element = root;
  let bestKeys = 1;
  let bestDepth = -1;
  for (const [el, keys] of keysOf) {
    const depth = [...ancestors(el)].length;
    if (keys.size > bestKeys || (keys.size === bestKeys && bestKeys > 1 && depth > bestDepth)) [best, bestKeys, bestDepth] = [el, keys.size, depth];
  }
  return best;
}

/** The title printed outside the content (CMS pages put it in an <h1> above the article body), or <title>. */
function titleOutside(doc: Element, content: Element): string | null {
  for (const el of elements(doc)) {
    if (el === content) break;
    if (!/^h[1-6]$/.test(el.name) && !/title|bt|tit/i.test(el.attribs.class ?? '')) continue;
    if (hidden(el) || [...ancestors(el)].some((a) => a.name === 'a' || a.name === 'nav' || a.name === 'li')) continue;
    const text = textOf(el);
    if (TITLE.test(text) && text.length < 100) return text;
  }
  const title = [...elements(doc)].find((e) => e.name === 'title');
  const text = title ? textOf(title) : '';
  return TITLE.test(text) ? text.split(/[_|｜]|\s[-—]\s/)[0].trim() : null;
}

/** Blocks of the content: paragraphs (text between block boundaries) and data tables (tables with no table inside). */
function blocksOf(content: Element): MarkupBlock[] {
  const blocks: MarkupBlock[] = [];
  let tableIndex = 0;
  let buf: string[] = [];
  let bufEl: Element = content;
  const flush = () => {
    const text = tidyLines(buf.join(''));
    if (text) blocks.push({ kind: 'paragraph', text, ref: { selector: selectorOf(bufEl) } });
    buf = [];
  };
  const walk = (n: ChildNode, blockEl: Element) => {
    if (n.type === 'text') {
      if (buf.length === 0) bufEl = blockEl;
      buf.push(n.data.replace(/[ \t\r\n\f]+/g, ' '));
      return;
    }
    if (!isElement(n) || SKIP.has(n.name) || hidden(n)) return;
    if (n.name === 'br') return void buf.push('\n');
    if (isDataTable(n)) {
      flush();
      blocks.push({ kind: 'table', rows: tableRows(n, tableIndex++) });
      return;
    }
    const block = BLOCK.has(n.name);
    if (block) flush();
    for (const c of n.children) walk(c, block ? n : blockEl);
    if (block) flush();
  };
  walk(content, content);
  flush();
  return blocks;
}

export interface HtmlOptions {
  /** The charset the transport names (HTTP Content-Type, an MHT part), ahead of the page's <meta>. */
  charset?: string | null;
  /** textQuality settings (charsetMaxInvalidShare). */
  settings?: TextQualitySettings;
}

/**
 * A web page → a markup SourceDocument (one synthetic page; provenance maps back to the cells).
 * Bytes invalid in the page's charset are read as U+FFFD and warned (`invalid-bytes`); a page whose
 * declared charset does not fit it at all is read in one that does (`charset-mismatch`).
 */
export function readHtml(bytes: Uint8Array, opts: HtmlOptions = {}): SourceDocument {
  const settings = opts.settings ?? DEFAULT_EXTRACTOR_SETTINGS.textQuality;
  const decoded = decodePage(bytes, { transportCharset: opts.charset, maxInvalidShare: settings.charsetMaxInvalidShare });
  return readHtmlText(decoded.text, decoded.warnings);
}

/** An already decoded page → a markup SourceDocument carrying `warnings`. */
export function readHtmlText(html: string, warnings: ReaderWarning[] = []): SourceDocument {
  const doc = parsePage(html);
  const root = doc.children.find((c): c is Element => isElement(c) && c.name === 'html')!;
  const body = [...elements(root)].find((e) => e.name === 'body') ?? root;
  const content = contentRoot(body);
  const blocks = blocksOf(content);
  const hasTitle = blocks
    .slice(0, Math.max(1, blocks.findIndex((b) => b.kind === 'paragraph' && SECTION_HEADING.test(b.text))))
    .some((b) => b.kind === 'paragraph' && TITLE.test(b.text));
  if (!hasTitle && content !== body) {
    const title = titleOutside(root, content);
    if (title) blocks.unshift({ kind: 'paragraph', text: title, ref: { selector: 'title' } });
  }
  return { ...layoutMarkup(blocks), warnings };
}

/**
 * The data tables of an HTML fragment (e.g. a `<table>` a Markdown converter wrote), each as rows of
 * cells with their spans, read as `readHtml` reads a page's tables (HTML5 parsing); `firstIndex`
 * numbers them. The same as `readHtmlTables` (html/tables.ts), under the name the Markdown reader uses.
 */
export const htmlTables: (fragment: string, firstIndex?: number) => MarkupCell[][][] = readHtmlTables;
