// Tables drawn without <table>: WeChat editors (秀米, 135编辑器) lay a table out as rows of
// `display: flex` <section>s whose children are the cells, sized by `width: N%` or `flex: N`. Such a
// grid is read as a table: the columns are the union of the cells' edges over all rows, each cell
// spanning the columns between its edges (merged cells of a header keep their span).
import { elements, hidden, innerText, isElement, selectorOf, type Element } from './dom.js';
import type { MarkupCell } from '../markup/layout.js';

const ROW_STYLE = /display\s*:\s*(?:-webkit-)?(?:flex|box|table-row)/i;
/** Edges closer than this share of the row's width are one column edge. */
const EDGE_SNAP = 0.005;

const visibleChildren = (el: Element) => el.children.filter((c): c is Element => isElement(c) && !hidden(c));

/** A row of the grid: a flex (or table-row) container of at least two cells. */
const isRow = (el: Element) => ROW_STYLE.test(el.attribs.style ?? '') && visibleChildren(el).length >= 2;

/** A cell's share of its row: `width: N%`, else `flex: N`/`flex-grow: N`, else 1 (normalised by the caller). */
function weight(el: Element): number {
  const style = el.attribs.style ?? '';
  const pct = /(?:^|;)\s*width\s*:\s*([\d.]+)%/i.exec(style);
  if (pct) return Number(pct[1]);
  const flex = /(?:^|;)\s*flex(?:-grow)?\s*:\s*([\d.]+)/i.exec(style);
  return flex ? Number(flex[1]) : 1;
}

/** Each row's cells as [start, end) shares of the width. */
function spans(rows: Element[]): Array<Array<{ el: Element; a: number; b: number }>> {
  return rows.map((row) => {
    const cells = visibleChildren(row);
    const total = cells.reduce((n, c) => n + weight(c), 0);
    let at = 0;
    return cells.map((el) => {
      const a = at;
      at += weight(el) / total;
      return { el, a, b: at };
    });
  });
}

/**
 * The rows of a grid drawn with sections (null when `el` is not one: fewer than two rows, or any
 * visible child that is not a row, or a <table> inside). `index` numbers the table in provenance.
 */
export function sectionGridRows(el: Element, index: number): MarkupCell[][] | null {
  if (el.name === 'table' || el.name === 'tr' || isRow(el)) return null;
  const rows = visibleChildren(el).filter((c) => innerText(c).length > 0 || isRow(c));
  if (rows.length < 2 || !rows.every(isRow) || [...elements(el)].some((e) => e.name === 'table')) return null;
  const laid = spans(rows);
  const edges = [...new Set(laid.flat().flatMap((c) => [c.a, c.b]))]
    .sort((x, y) => x - y)
    .filter((e, i, all) => i === 0 || e - all[i - 1] > EDGE_SNAP);
  const col = (x: number) => edges.findIndex((e) => Math.abs(e - x) <= EDGE_SNAP);
  return laid.map((cells, r) =>
    cells.map(({ el: cell, a, b }) => ({
      text: innerText(cell),
      rowSpan: 1,
      colSpan: Math.max(1, col(b) - col(a)),
      ref: { table: index, row: r, col: -1, selector: selectorOf(cell) },
    })),
  );
}
