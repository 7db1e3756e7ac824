// A saved web page (an article in a government site's CMS, site chrome included) → markup blocks:
// the report's content found in the DOM, its paragraphs as lines, its data tables as grids with
// rowspan/colspan. Parsed with htmlparser2 (a real HTML tokenizer/tree builder, no regexes over markup).
import { Parser, parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { layoutMarkup, type MarkupBlock, type MarkupCell } from './markup/layout.js';
import type { SourceDocument } from './types.js';

/** Decode the page: BOM, else the <meta> charset of its first bytes, else UTF-8, else GB18030. */
export function decodeHtml(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const declared = metaCharset(Buffer.from(bytes.subarray(0, 8192)).toString('latin1'));
  const candidates = declared ? [declared, 'utf-8', 'gb18030'] : ['utf-8', 'gb18030'];
  for (const enc of candidates) {
    try {
      return new TextDecoder(enc, { fatal: true }).decode(bytes);
    } catch {
      // unknown label or bytes that are not in this encoding: try the next
    }
  }
  return new TextDecoder('gb18030').decode(bytes);
}

/** The charset a <meta> tag declares (gb2312/gbk read as their superset gb18030). */
function metaCharset(head: string): string | null {
  let found: string | null = null;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (found || name !== 'meta') return;
      const raw = attribs.charset ?? /charset\s*=\s*["']?([\w-]+)/i.exec(attribs.content ?? '')?.[1];
      if (raw) found = raw.trim().toLowerCase();
    },
  });
  parser.write(head);
  parser.end();
  if (found === 'gb2312' || found === 'gbk' || found === 'x-gbk') return 'gb18030';
  return found;
}

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'head', 'select', 'button', 'input', 'textarea']);
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'nav', 'aside', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'hr', 'center', 'form', 'fieldset', 'address', 'figure',
  'figcaption', 'caption', 'table', 'tr', 'td', 'th', 'tbody', 'thead', 'tfoot',
]);
/** Headings 一 … 六 of a 年报: where they are is where the report's content is. */
const SECTION_HEADING = /^[一二三四五六][、.．]\s*(总体情况|主动公开|收到和处理|政府信息公开行政复议|因政府信息公开|存在的主要问题|其他需要报告)/u;
const TITLE = /政府信息公开工作年度报告|政务公开工作年度报告/u;

const isElement = (n: ChildNode): n is Element => n.type === 'tag' || n.type === 'script' || n.type === 'style';
const hidden = (el: Element) => /display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attribs.style ?? '') || 'hidden' in el.attribs;

/** Text of a node as a reader sees it: block boundaries and <br> as newlines, spaces collapsed. */
function innerText(node: ChildNode): string {
  const out: string[] = [];
  const walk = (n: ChildNode) => {
    if (n.type === 'text') out.push(n.data.replace(/[ \t\r\n\f]+/g, ' '));
    else if (isElement(n)) {
      if (SKIP.has(n.name) || hidden(n)) return;
      if (n.name === 'br') return void out.push('\n');
      const block = BLOCK.has(n.name);
      if (block) out.push('\n');
      n.children.forEach(walk);
      if (block) out.push('\n');
    }
  };
  walk(node);
  return out.join('').replace(/\u00a0/g, ' ').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
}

function textOf(node: ChildNode): string {
  return innerText(node).replace(/\n/g, '');
}

/** A CSS-like path from the nearest ancestor with an id (or the root): `div#zoom>table:nth-of-type(2)>tbody>tr:nth-of-type(5)>td:nth-of-type(4)`. */
function selectorOf(el: Element): string {
  const parts: string[] = [];
  let cur: Element | null = el;
  while (cur) {
    if (cur.attribs.id && /^[\w-]+$/.test(cur.attribs.id)) {
      parts.unshift(`${cur.name}#${cur.attribs.id}`);
      break;
    }
    const parent: Element | null = cur.parent && isElement(cur.parent as ChildNode) ? (cur.parent as Element) : null;
    const name = cur.name;
    const same: Element[] = parent ? parent.children.filter((c): c is Element => isElement(c) && c.name === name) : [cur];
    parts.unshift(same.length > 1 ? `${cur.name}:nth-of-type(${same.indexOf(cur) + 1})` : cur.name);
    cur = parent;
  }
  return parts.join('>');
}

function* elements(node: ChildNode): Generator<Element> {
  if (!isElement(node)) return;
  yield node;
  for (const c of node.children) yield* elements(c);
}

const containsTable = (table: Element) => table.children.some((c) => isElement(c) && [...elements(c)].some((e) => e.name === 'table'));

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
    for (let cur: Element | null = el; cur; cur = cur.parent && isElement(cur.parent as ChildNode) ? (cur.parent as Element) : null) {
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

function* ancestors(el: Element): Generator<Element> {
  for (let cur = el.parent as Element | null; cur && isElement(cur as ChildNode); cur = cur.parent as Element | null) yield cur;
}

/** Blocks of the content: paragraphs (text between block boundaries) and data tables (tables with no table inside). */
function blocksOf(content: Element): MarkupBlock[] {
  const blocks: MarkupBlock[] = [];
  let tableIndex = 0;
  let buf: string[] = [];
  let bufEl: Element = content;
  const flush = () => {
    const text = buf.join('').replace(/\u00a0/g, ' ').split('\n').map((l) => l.trim()).filter(Boolean).join('\n');
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
    if (n.name === 'table' && !containsTable(n)) {
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

function tableRows(table: Element, index: number): MarkupCell[][] {
  const trs: Element[] = [];
  const collect = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c) || hidden(c)) continue;
      if (c.name === 'tr') trs.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') collect(c);
    }
  };
  collect(table);
  return trs.map((tr, r) => {
    return tr.children
      .filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th') && !hidden(c))
      .map((td) => {
        const span = (name: string) => {
          const v = Number.parseInt(td.attribs[name] ?? '1', 10);
          return Number.isFinite(v) && v >= 0 ? v : 1;
        };
        const vertical = [...elements(td)].some((e) => /writing-mode\s*:\s*(vertical|tb)/i.test(e.attribs.style ?? '') || /\bvert/i.test(e.attribs.class ?? ''));
        const cell: MarkupCell = {
          text: innerText(td),
          rowSpan: span('rowspan'),
          colSpan: Math.max(1, span('colspan')),
          vertical,
          // col: set to the grid column by layout, once row spans from above are known.
          ref: { table: index, row: r, col: -1, selector: selectorOf(td) },
        };
        return cell;
      });
  });
}

/** A web page → a markup SourceDocument (one synthetic page; provenance maps back to the cells). */
export function readHtml(bytes: Uint8Array): SourceDocument {
  const doc = parseDocument(decodeHtml(bytes), { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const root = (doc.children.find((c) => isElement(c) && c.name === 'html') as Element | undefined) ?? (doc as unknown as Element);
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
  return layoutMarkup(blocks);
}

/**
 * The data tables of an HTML fragment (e.g. a `<table>` a Markdown converter wrote), each as rows of
 * cells with their spans, read as `readHtml` reads a page's tables; `firstIndex` numbers them.
 */
export function htmlTables(fragment: string, firstIndex = 0): MarkupCell[][][] {
  const doc = parseDocument(fragment, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const tables: MarkupCell[][][] = [];
  for (const node of doc.children) {
    for (const el of elements(node)) {
      if (el.name === 'table' && !containsTable(el) && !hidden(el)) tables.push(tableRows(el, firstIndex + tables.length));
    }
  }
  return tables;
}
