// pandoc's own table syntaxes, as `pandoc -t markdown` and `-t plain` write them: simple and
// multiline tables (columns given by the runs of a dashed line, cells placed by their display
// column — a CJK character is two wide), and grid tables drawn with 「+」「-」「=」「|」. Merged
// cells come out as a cell and empty ones beside it (pandoc before 3 drops spans), or, in a grid
// table, as a cell whose 「|」 is missing (colSpan). Each row is read as a pipe row would be.
import { charWidth } from '../plain-text.js';
import { cleanInline } from './inline.js';
import type { MdCell } from './blocks.js';

/** A dashed line of two runs or more: the column rule of a simple or multiline table. */
const COLUMN_RULE = /^[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t]*$/;
/** One run of dashes: a multiline table's top and bottom line (when it has a header). */
const FULL_RULE = /^[ \t]*-{3,}[ \t]*$/;
/** A grid table's border: 「+----+----+」, or 「+====+」 under its header. */
const GRID_BORDER = /^[ \t]*\+(?:[-=:]+\+)+[ \t]*$/;
/** How many header lines a multiline table's top rule may stand above its column rule. */
const MAX_HEADER_LINES = 8;

export const isColumnRule = (line: string): boolean => COLUMN_RULE.test(line);
export const isGridBorder = (line: string): boolean => GRID_BORDER.test(line);

/** A table found at a line: its rows, and the last line it takes. */
export interface PandocTable {
  rows: MdCell[][];
  end: number;
}

/** Display column [from, to) of a column. */
type Extent = [number, number];

/** The pandoc table starting on line `i` (grid, headerless, headed simple or headed multiline), or null. */
export function pandocTable(lines: string[], i: number): PandocTable | null {
  const t = lines[i];
  if (GRID_BORDER.test(t)) return gridTable(lines, i);
  if (COLUMN_RULE.test(t)) {
    // Headerless: the rows run to the next column rule (multiline when blank lines part them).
    const close = findLine(lines, i + 1, (l) => COLUMN_RULE.test(l));
    const stop = close ?? findLine(lines, i + 1, (l) => !l.trim()) ?? lines.length;
    return { rows: bodyRows(lines, i + 1, stop, extents(t)), end: close ?? stop - 1 };
  }
  if (t.trim() && COLUMN_RULE.test(lines[i + 1] ?? '') && (i === 0 || !lines[i - 1].trim())) {
    // Simple table with a header line: rows one a line, to a blank line or a closing rule.
    const cols = extents(lines[i + 1]);
    const stop = findLine(lines, i + 2, (l) => !l.trim() || COLUMN_RULE.test(l) || FULL_RULE.test(l)) ?? lines.length;
    const closed = stop < lines.length && lines[stop].trim() !== '';
    return { rows: [rowOf(lines, [i], cols), ...bodyRows(lines, i + 2, stop, cols)], end: closed ? stop : stop - 1 };
  }
  if (FULL_RULE.test(t)) {
    // Multiline table with a header: top rule, header lines, column rule, rows, bottom rule.
    const rule = findLine(lines, i + 1, (l) => COLUMN_RULE.test(l) || !l.trim());
    if (rule === null || rule === i + 1 || rule - i - 1 > MAX_HEADER_LINES || !COLUMN_RULE.test(lines[rule]))
      return null;
    const cols = extents(lines[rule]);
    const close = findLine(lines, rule + 1, (l) => FULL_RULE.test(l)) ?? lines.length;
    const header = rowOf(lines, range(i + 1, rule), cols);
    return { rows: [header, ...bodyRows(lines, rule + 1, close, cols)], end: Math.min(close, lines.length - 1) };
  }
  return null;
}

const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, k) => a + k);

function findLine(lines: string[], from: number, test: (line: string) => boolean): number | null {
  for (let j = from; j < lines.length; j++) if (test(lines[j])) return j;
  return null;
}

/** The runs of a dashed line as display extents (the line is ASCII: index = column). */
function extents(rule: string): Extent[] {
  return [...rule.matchAll(/-+/g)].map((m): Extent => [m.index ?? 0, (m.index ?? 0) + m[0].length]);
}

/** Lines [a, b) as rows: groups parted by blank lines when there are any (multiline), else one a line. */
function bodyRows(lines: string[], a: number, b: number, cols: Extent[]): MdCell[][] {
  const idx = range(a, b);
  if (!idx.some((j) => !lines[j].trim())) return idx.map((j) => rowOf(lines, [j], cols));
  const groups: number[][] = [];
  let cur: number[] = [];
  for (const j of idx) {
    if (lines[j].trim()) cur.push(j);
    else if (cur.length) {
      groups.push(cur);
      cur = [];
    }
  }
  if (cur.length) groups.push(cur);
  return groups.map((g) => rowOf(lines, g, cols));
}

/** A word of a line: its text, 0-based index in the line and display column. */
interface Word {
  text: string;
  index: number;
  at: number;
}

function wordsOf(raw: string): Word[] {
  const out: Word[] = [];
  let col = 0;
  let index = 0;
  let cur: Word | null = null;
  for (const ch of raw) {
    if (ch === ' ' || ch === '\t') cur = null;
    else if (cur) cur.text += ch;
    else out.push((cur = { text: ch, index, at: col }));
    col += ch === '\t' ? 1 : charWidth(ch);
    index += ch.length;
  }
  return out;
}

/** The column a word starting at display column `at` belongs to: the one it starts in, else the nearest. */
function columnOf(at: number, cols: Extent[]): number {
  let best = 0;
  let gap = Infinity;
  cols.forEach(([from, to], k) => {
    const d = at < from ? from - at : at >= to ? at - to + 1 : 0;
    if (d < gap) [best, gap] = [k, d];
  });
  return best;
}

/** One table row from the lines `rows` (several when a multiline cell wraps), one cell per column. */
function rowOf(lines: string[], rows: number[], cols: Extent[]): MdCell[] {
  const parts: Array<{ text: string; line: number; column: number; last: number } | null> = cols.map(() => null);
  for (const j of rows) {
    for (const w of wordsOf(lines[j])) {
      const k = columnOf(w.at, cols);
      const p = parts[k];
      if (!p) parts[k] = { text: w.text, line: j + 1, column: w.index + 1, last: j };
      else [p.text, p.last] = [joinWrapped(p.text, w.text, p.last === j), j];
    }
  }
  return parts.map((p, k) => {
    if (!p) return { text: '', cols: [], line: rows[0] + 1, column: cols[k][0] + 1 };
    const cell = cleanInline(p.text, p.column);
    return { ...cell, line: p.line, column: p.column };
  });
}

const CJK_END = /[\u2e80-\ua4cf\uf900-\ufaff\uff00-\uffef（）《》“”、，。：；]$/u;
const CJK_START = /^[\u2e80-\ua4cf\uf900-\ufaff\uff00-\uffef（）《》“”、，。：；]/u;

/** Two words of a cell: a space between them on one line; over a wrap, none beside CJK (pandoc broke it at the width). */
function joinWrapped(a: string, b: string, sameLine: boolean): string {
  return sameLine || !(CJK_END.test(a) || CJK_START.test(b)) ? `${a} ${b}` : a + b;
}

/**
 * A grid table (pandoc 3 draws merged cells in it): the 「+」 joining its borders are the column
 * edges, lines with a border segment the row edges. A cell starts at a corner with a border to its right and
 * a wall below; it spans columns to the next wall and rows to the next border under it.
 */
function gridTable(lines: string[], i: number): PandocTable | null {
  let j = i + 1;
  while (j < lines.length && /^[ \t]*[+|]/.test(lines[j])) j++;
  const canvas = lines.slice(i, j).map(cellsOf);
  // Column edges: every 「+」 that joins a border on some line (a top row of merged cells shows only some).
  const edge = (row: string[], x: number) =>
    row[x] === '+' && (BORDER.test(row[x + 1] ?? '') || BORDER.test(row[x - 1] ?? ''));
  const xs = [...new Set(canvas.flatMap((row) => row.flatMap((_, x) => (edge(row, x) ? [x] : []))))].sort(
    (a, b) => a - b,
  );
  const ys = canvas.flatMap((row, y) => (xs.some((x) => row[x] === '+' && BORDER.test(row[x + 1] ?? '')) ? [y] : []));
  const rows: MdCell[][] = ys.slice(0, -1).map(() => []);
  ys.slice(0, -1).forEach((y, r) => {
    xs.slice(0, -1).forEach((x, c) => {
      if (canvas[y][x] !== '+' || !BORDER.test(canvas[y][x + 1] ?? '') || !/[|+]/.test(canvas[y + 1]?.[x] ?? ''))
        return;
      let k = c + 1;
      while (k < xs.length - 1 && !/[|+]/.test(canvas[y + 1][xs[k]] ?? '')) k++;
      let m = r + 1;
      while (m < ys.length - 1 && !canvas[ys[m]].slice(x + 1, xs[k]).every((ch) => ch === '+' || BORDER.test(ch))) m++;
      rows[r].push(gridCell(canvas, lines, i, [y + 1, ys[m]], [x + 1, xs[k]], [m - r, k - c]));
    });
  });
  return rows.length ? { rows: rows.filter((r) => r.length), end: j - 1 } : null;
}

const BORDER = /^[-=:]$/;

/** A line as display cells: a wide character fills its first cell, '' its second. */
function cellsOf(raw: string): string[] {
  const out: string[] = [];
  for (const ch of raw) {
    out.push(ch);
    if (charWidth(ch) === 2) out.push('');
  }
  return out;
}

/** The text of the cell over canvas lines [y0, y1) and columns [x0, x1), with its spans. */
function gridCell(
  canvas: string[][],
  lines: string[],
  top: number,
  [y0, y1]: number[],
  [x0, x1]: number[],
  [rs, cs]: number[],
): MdCell {
  let text = '';
  let at: { line: number; column: number } | null = null;
  for (let y = y0; y < y1; y++) {
    const part = canvas[y].slice(x0, x1).join('').trim();
    if (!part) continue;
    at ??= { line: top + y + 1, column: lines[top + y].indexOf(part) + 1 };
    text = text ? joinWrapped(text, part, false) : part;
  }
  const cell = cleanInline(text, at?.column ?? 1);
  return {
    ...cell,
    line: at?.line ?? top + y0 + 1,
    column: at?.column ?? x0 + 1,
    ...(cs > 1 ? { colSpan: cs } : {}),
    ...(rs > 1 ? { rowSpan: rs } : {}),
  };
}
