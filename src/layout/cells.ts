// Cell-aware lines for ruled tables: within a ruled cell, its lines are one value (a number wrapped
// in a narrow cell, 「343」 over 「0」, is 3430) or one label; a table row is the cells that share
// their top edge, however their contents are centred vertically.
import type { Rule } from '../../extractors/types.js';
import { cellAround, gridCells } from './grid.js';
import type { Line, Token } from './lines.js';
import type { LayoutSettings } from '../settings.js';

/** A line of a number's digits (a wrapped part of one); 「1.」 (a label's numbering) is not one. */
const DIGITS = /^[+\-−－]?[\d０-９]+(?:[,，][\d０-９]{1,3})*(?:\.[\d０-９]+)?$/u;
const cy = (t: Token) => (t.bbox[1] + t.bbox[3]) / 2;

/**
 * Lines of one page with the tokens of ruled cells regrouped: each cell's lines joined into one
 * token (only where the cell has several lines), each table row (cells sharing a top edge) one line.
 * Returns the lines unchanged where the grid does not look like cells of single rows: a "cell" with
 * more lines than a cell holds, or one that mixes lines of digits and words. `tol`: the cell* settings.
 */
export function regroupByCells(
  lines: Line[],
  rules: Rule[],
  makeLine: (tokens: Token[]) => Line,
  tol: LayoutSettings,
): Line[] {
  if (rules.length < 8) return lines;
  const { cells } = gridCells(rules);
  if (cells.length < 4) return lines;
  const { byCell, outside } = splitByCell(lines, cells, makeLine);
  if (byCell.size === 0) return lines;
  const rowTokens: RowToken[] = [];
  for (const { cell, tokens } of byCell.values()) {
    const content = cellContent(tokens, tol);
    if (!content) return lines;
    for (const token of content) rowTokens.push({ top: cell[1], token });
  }
  const rebuilt = tableRows(rowTokens, tol.cellRowSnap).map((r) => ({
    top: r.top,
    line: makeLine(r.tokens.sort((a, b) => a.bbox[0] - b.bbox[0])),
  }));
  const kept = outside.map((l) => ({ top: l.bbox[1], line: l }));
  return [...rebuilt, ...kept].sort((a, b) => a.top - b.top).map((x) => x.line);
}

type Cell = [number, number, number, number];
/** A token placed in its table row by the top edge of its cell. */
interface RowToken {
  top: number;
  token: Token;
}

/** The tokens inside ruled cells, by cell; the lines of what lies outside every cell. */
function splitByCell(lines: Line[], cells: Cell[], makeLine: (tokens: Token[]) => Line) {
  const byCell = new Map<string, { cell: Cell; tokens: Token[] }>();
  const outside: Line[] = [];
  for (const line of lines) {
    const keep: Token[] = [];
    for (const t of line.tokens) {
      const cell = cellAround(cells, t.bbox);
      if (!cell) {
        keep.push(t);
        continue;
      }
      const key = cell.join(',');
      const entry = byCell.get(key) ?? { cell: cell as Cell, tokens: [] };
      entry.tokens.push(t);
      byCell.set(key, entry);
    }
    if (keep.length) outside.push(keep.length === line.tokens.length ? line : makeLine(keep));
  }
  return { byCell, outside };
}

/**
 * A cell's tokens: as they are when it has one line; its lines joined into one token when they are
 * one value (lines of digits) or one label; null when unsure (words and numbers in one cell, more
 * lines than a cell holds).
 */
function cellContent(tokens: Token[], tol: LayoutSettings): Token[] | null {
  const cellLines = linesOf(tokens, tol.cellLineTolerance);
  if (cellLines.length === 1) return cellLines[0];
  const digitLines = cellLines.filter((l) => l.every((t) => DIGITS.test(t.text))).length;
  if (digitLines > 0 && digitLines < cellLines.length) return null;
  if (digitLines > 0 && (cellLines.length > tol.cellMaxValueLines || cellLines.some((l) => l.length > 1))) return null;
  if (cellLines.length > tol.cellMaxLabelLines) return null;
  return [joinedToken(cellLines)];
}

/** One token for a cell's lines: their text in reading order, the box around them, the lowest confidence. */
function joinedToken(cellLines: Token[][]): Token {
  const all = cellLines.flat();
  return {
    text: cellLines.map((l) => l.map((t) => t.text).join('')).join(''),
    page: all[0].page,
    bbox: [
      Math.min(...all.map((t) => t.bbox[0])),
      Math.min(...all.map((t) => t.bbox[1])),
      Math.max(...all.map((t) => t.bbox[2])),
      Math.max(...all.map((t) => t.bbox[3])),
    ],
    ...(all.some((t) => t.confidence !== undefined)
      ? { confidence: Math.min(...all.map((t) => t.confidence ?? 100)) }
      : {}),
  };
}

/** Rows: cells whose tops are (nearly) the same, within `snap`. */
function tableRows(rowTokens: RowToken[], snap: number): Array<{ top: number; tokens: Token[] }> {
  const sorted = [...rowTokens].sort((a, b) => a.top - b.top);
  const rows: Array<{ top: number; tokens: Token[] }> = [];
  for (const r of sorted) {
    const last = rows[rows.length - 1];
    if (last && r.top - last.top <= snap) last.tokens.push(r.token);
    else rows.push({ top: r.top, tokens: [r.token] });
  }
  return rows;
}

/** A cell's tokens as lines, top to bottom, each left to right. */
function linesOf(tokens: Token[], sameLine: number): Token[][] {
  const sorted = [...tokens].sort((a, b) => cy(a) - cy(b) || a.bbox[0] - b.bbox[0]);
  const out: Token[][] = [];
  for (const t of sorted) {
    const last = out[out.length - 1];
    const h = t.bbox[3] - t.bbox[1];
    if (last && Math.abs(cy(t) - cy(last[0])) <= sameLine * h) last.push(t);
    else out.push([t]);
  }
  return out.map((l) => l.sort((a, b) => a.bbox[0] - b.bbox[0]));
}
