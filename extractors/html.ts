// A saved web page (an article in a government site's CMS, site chrome included) → markup blocks:
// the report's content found in the DOM, its paragraphs as lines, its data tables as grids with
// rowspan/colspan. Decoded as a browser decodes it (decode.ts) and parsed by the HTML5 algorithm
// (parse5), so a page a browser shows whole — a stray <p> or </div> between rows, a <font> left
// open, missing </td>s — is read whole.
import { decodePage } from './decode.js';
import {
  ancestors,
  BLOCK,
  elements,
  hidden,
  isElement,
  parsePage,
  SKIP,
  textOf,
  tidyLines,
  selectorOf,
} from './html/dom.js';
import { isTitleText, publishersOutside, titleOutside } from './html/page-head.js';
import type { ChildNode, Element } from './html/dom.js';
import { isDataTable, readHtmlTables, tableRows } from './html/tables.js';
import { imageTableWarnings, type ContentImage } from './html/images.js';
import { sectionGridRows } from './html/section-grid.js';
import { layoutMarkup, type MarkupBlock, type MarkupCell } from './markup/layout.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type TextQualitySettings } from './settings.js';
import type { ReaderWarning, SourceDocument } from './types.js';

export { readHtmlTables };

/** Headings 一 … 六 of a 年报: where they are is where the report's content is. */
const SECTION_HEADING =
  /^[一二三四五六][、.．]\s*(总体情况|主动公开|收到和处理|政府信息公开行政复议|因政府信息公开|存在的主要问题|其他需要报告)/u;

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
    if (keys.size > bestKeys || (keys.size === bestKeys && bestKeys > 1 && depth > bestDepth))
      [best, bestKeys, bestDepth] = [el, keys.size, depth];
  }
  return best;
}

/** Blocks of the content: paragraphs (text between block boundaries) and data tables (tables with no table inside). */
function blocksOf(content: Element, images: ContentImage[] = []): MarkupBlock[] {
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
    if (n.name === 'img') {
      flush();
      return void images.push({ blocksBefore: blocks.length, src: n.attribs['data-src'] ?? n.attribs.src ?? '' });
    }
    if (isDataTable(n)) {
      flush();
      blocks.push({ kind: 'table', rows: tableRows(n, tableIndex++) });
      return;
    }
    const grid = n.name === 'section' || n.name === 'div' ? sectionGridRows(n, tableIndex) : null;
    if (grid) {
      flush();
      blocks.push({ kind: 'table', rows: grid });
      tableIndex++;
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
  const decoded = decodePage(bytes, {
    transportCharset: opts.charset,
    maxInvalidShare: settings.charsetMaxInvalidShare,
  });
  return readHtmlText(decoded.text, decoded.warnings);
}

/** An already decoded page → a markup SourceDocument carrying `warnings`. */
export function readHtmlText(html: string, warnings: ReaderWarning[] = []): SourceDocument {
  const doc = parsePage(html);
  const root = doc.children.find((c): c is Element => isElement(c) && c.name === 'html')!;
  const body = [...elements(root)].find((e) => e.name === 'body') ?? root;
  const content = contentRoot(body);
  const images: ContentImage[] = [];
  const blocks = blocksOf(content, images);
  warnings = [...warnings, ...imageTableWarnings(blocks, images)];
  const firstHeading = blocks.findIndex((b) => b.kind === 'paragraph' && SECTION_HEADING.test(b.text));
  const hasTitle = blocks
    .slice(0, Math.max(1, firstHeading))
    .some((b) => b.kind === 'paragraph' && b.text.split('\n').some(isTitleText));
  if (!hasTitle && content !== body) {
    const title = titleOutside(root, content);
    if (title) blocks.unshift({ kind: 'paragraph', text: title, ref: { selector: 'title' } });
  }
  const publishers = content !== body ? publishersOutside(body, content) : [];
  return { ...layoutMarkup(blocks), warnings, ...(publishers.length ? { publishers } : {}) };
}

/**
 * The data tables of an HTML fragment (e.g. a `<table>` a Markdown converter wrote), each as rows of
 * cells with their spans, read as `readHtml` reads a page's tables (HTML5 parsing); `firstIndex`
 * numbers them. The same as `readHtmlTables` (html/tables.ts), under the name the Markdown reader uses.
 */
export const htmlTables: (fragment: string, firstIndex?: number) => MarkupCell[][][] = readHtmlTables;
