// The DOM as the HTML5 parser builds it (parse5, into htmlparser2's node types through its tree
// adapter) and what the readers ask of it: elements, visibility, the text a reader sees, a selector.
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import type { ChildNode, Document, Element } from 'domhandler';

export type { ChildNode, Element };

/** Parse a whole page as a browser does (HTML5 tree construction: misnested and unclosed tags repaired the same way). */
export function parsePage(html: string): Document {
  return parse(html, { treeAdapter: adapter }) as Document;
}

/** Parse a fragment as the content of a <body> (e.g. HTML inside Markdown): the <body> element holding it. */
export function parseBodyFragment(html: string): Element {
  const doc = parsePage(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  const root = doc.children.find((c): c is Element => isElement(c) && c.name === 'html');
  return root!.children.find((c): c is Element => isElement(c) && c.name === 'body')!;
}

/** Never shown: scripts, styles, form controls, the head. */
export const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'svg',
  'head',
  'select',
  'button',
  'input',
  'textarea',
]);
/** Elements a browser lays out as blocks (their text starts and ends a line). */
export const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'hr',
  'center',
  'form',
  'fieldset',
  'address',
  'figure',
  'figcaption',
  'caption',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'tfoot',
]);

export const isElement = (n: ChildNode | null | undefined): n is Element =>
  !!n && (n.type === 'tag' || n.type === 'script' || n.type === 'style');

/** WeChat's article body: `visibility: hidden` in the page as saved, until its script shows it. */
const SHOWN_BY_SCRIPT = new Set(['js_content']);

export const hidden = (el: Element): boolean =>
  !SHOWN_BY_SCRIPT.has(el.attribs.id ?? '') &&
  (/display\s*:\s*none|visibility\s*:\s*hidden/i.test(el.attribs.style ?? '') || 'hidden' in el.attribs);

/** The parent element (null at the root). */
export const parentOf = (el: Element): Element | null =>
  isElement(el.parent as ChildNode) ? (el.parent as Element) : null;

export function* elements(node: ChildNode): Generator<Element> {
  if (!isElement(node)) return;
  yield node;
  for (const c of node.children) yield* elements(c);
}

export function* ancestors(el: Element): Generator<Element> {
  for (let cur = parentOf(el); cur; cur = parentOf(cur)) yield cur;
}

/** Text as a reader sees it: block boundaries and <br> as newlines, spaces collapsed, blank lines dropped. */
export function innerText(node: ChildNode): string {
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
  return tidyLines(out.join(''));
}

/** Non-breaking spaces as spaces, each line trimmed, blank lines dropped. */
export function tidyLines(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
}

/** The text on one line. */
export const textOf = (node: ChildNode): string => innerText(node).replace(/\n/g, '');

/** A CSS-like path from the nearest ancestor with an id (or the root): `div#zoom>table:nth-of-type(2)>tbody>tr:nth-of-type(5)>td:nth-of-type(4)`. */
export function selectorOf(el: Element): string {
  const parts: string[] = [];
  for (let cur: Element | null = el; cur; cur = parentOf(cur)) {
    if (cur.attribs.id && /^[\w-]+$/.test(cur.attribs.id)) {
      parts.unshift(`${cur.name}#${cur.attribs.id}`);
      break;
    }
    const parent = parentOf(cur);
    const name = cur.name;
    const same = parent ? parent.children.filter((c): c is Element => isElement(c) && c.name === name) : [cur];
    parts.unshift(same.length > 1 ? `${name}:nth-of-type(${same.indexOf(cur) + 1})` : name);
  }
  return parts.join('>');
}
