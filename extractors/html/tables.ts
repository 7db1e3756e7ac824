// HTML data tables → markup cells (rowspan/colspan as declared; the grid is resolved by layout).
// `readHtmlTables` is the entry point for HTML tables met outside a web page (<table> inside Markdown).
import {
  elements,
  hidden,
  innerText,
  isElement,
  parseBodyFragment,
  selectorOf,
  type ChildNode,
  type Element,
} from './dom.js';
import type { MarkupCell } from '../markup/layout.js';

/** A data table: a <table> with no <table> inside (a layout table holds others). */
export const isDataTable = (el: Element): boolean =>
  el.name === 'table' && !el.children.some((c) => isElement(c) && [...elements(c)].some((e) => e.name === 'table'));

/** The rows of a table's visible <tr>s (through <thead>/<tbody>/<tfoot>), each its visible <td>/<th> cells; `index` names the table in provenance. */
export function tableRows(table: Element, index: number): MarkupCell[][] {
  const trs: Element[] = [];
  const collect = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c) || hidden(c)) continue;
      if (c.name === 'tr') trs.push(c);
      else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot') collect(c);
    }
  };
  collect(table);
  return trs.map((tr, r) =>
    tr.children
      .filter((c): c is Element => isElement(c) && (c.name === 'td' || c.name === 'th') && !hidden(c))
      .map((td) => cellOf(td, index, r)),
  );
}

function cellOf(td: Element, table: number, row: number): MarkupCell {
  const span = (name: string) => {
    const v = Number.parseInt(td.attribs[name] ?? '1', 10);
    return Number.isFinite(v) && v >= 0 ? v : 1;
  };
  const vertical = [...elements(td)].some(
    (e) => /writing-mode\s*:\s*(vertical|tb)/i.test(e.attribs.style ?? '') || /\bvert/i.test(e.attribs.class ?? ''),
  );
  return {
    text: innerText(td),
    rowSpan: span('rowspan'),
    colSpan: Math.max(1, span('colspan')),
    vertical,
    // col: set to the grid column by layout, once row spans from above are known.
    ref: { table, row, col: -1, selector: selectorOf(td) },
  };
}

/**
 * The data tables of an HTML fragment (as a browser parses it inside <body>: missing </td>s, stray
 * tags between rows and unclosed inline tags repaired as HTML5 does), each as rows of cells for
 * `layoutMarkup`'s `{ kind: 'table', rows }` block. Tables are numbered from `firstIndex` in their
 * cells' provenance (`ref.table`); `ref.selector` is relative to the fragment. Stable entry point:
 * the Markdown reader calls it for <table> inside Markdown.
 */
export function readHtmlTables(fragment: string, firstIndex = 0): MarkupCell[][][] {
  const root = parseBodyFragment(fragment);
  const tables = [...elements(root as ChildNode)].filter((e) => isDataTable(e) && !hiddenWithin(e, root));
  return tables.map((t, k) =>
    tableRows(t, firstIndex + k).map((row) =>
      row.map((c) => ({ ...c, ref: { ...c.ref, selector: c.ref.selector?.replace(/^html>body>/, '') } })),
    ),
  );
}

function hiddenWithin(el: Element, root: Element): boolean {
  for (
    let cur: Element | null = el;
    cur && cur !== root;
    cur = isElement(cur.parent as ChildNode) ? (cur.parent as Element) : null
  ) {
    if (hidden(cur)) return true;
  }
  return false;
}
