// Table rows from lines: a label (reassembled across wrapped lines) and the value cells beside it.
import type { BBox, Rule } from '../../extractors/types.js';
import type { Line, Token } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { parseCell } from '../text/values.js';
import { DEFAULT_SETTINGS, type TableSettings } from '../settings.js';
import { TornRun } from './torn-runs.js';

export interface TableRow {
  /** The label as printed, squashed (NFKC, no white space), numbering included. */
  label: string;
  /** Numbering depth: 1 「一、」, 2 「（一）」, 3 「1.」, 0 none. */
  level: 0 | 1 | 2 | 3;
  /** The number in the numbering (「（三）」 → 3), if any. */
  index: number | null;
  /** Value tokens as printed, left to right (blank markers included). */
  values: Token[];
  /** The line holding the values (null for a row printed with no value at all). */
  line: Line | null;
  /**
   * Values printed alone on the line under this row's values, each under one of them: digits
   * wrapped in a narrow cell (「343」 over 「0」) or a row whose label was lost. Not read; flagged.
   */
  stacked?: Token[];
  /**
   * The label and the values were printed apart (a torn table: label lines first, value lines after)
   * and were paired by their order: the parser places the row by the template and the arithmetic.
   */
  torn?: boolean;
}

/**
 * Split a line into its label words and the value cells at its end. With `tol`, one short word
 * among the values (OCR read a 「4」 as 「勾」) is taken as a cell where at least
 * `unreadableMinValues` numbers stand beside it: it would otherwise turn the whole row into label
 * text. Such a cell reads as no number, and the parser flags it.
 */
export function splitLine(line: Line, tol?: TableSettings): { label: Token[]; values: Token[] } {
  const tokens = line.tokens;
  const isValue = (t: Token) => parseCell(t.text) !== null;
  let k = tokens.length;
  while (k > 0 && isValue(tokens[k - 1])) k--;
  if (tol && k > 0 && Array.from(tokens[k - 1].text).length <= tol.unreadableMaxChars) {
    let j = k - 1;
    while (j > 0 && isValue(tokens[j - 1])) j--;
    if (k - 1 - j > 0 && k - 1 - j + (tokens.length - k) >= tol.unreadableMinValues) k = j;
  }
  return { label: tokens.slice(0, k), values: tokens.slice(k) };
}

const CN_DIGITS = '一二三四五六七八九十';
const MARKERS = /[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)|(?<![\d.])\d{1,2}[.、](?!\d)/gu;

function cnNumber(s: string): number {
  if (s.length === 1) return CN_DIGITS.indexOf(s) + 1;
  if (s[0] === '十') return 10 + CN_DIGITS.indexOf(s[1]) + 1;
  return (CN_DIGITS.indexOf(s[0]) + 1) * 10 + (s[1] === '十' ? 0 : CN_DIGITS.indexOf(s[1]) + 1);
}

interface Segment {
  label: string;
  level: TableRow['level'];
  index: number | null;
}

function markerInfo(marker: string): { level: TableRow['level']; index: number } {
  if (marker.startsWith('(')) return { level: 2, index: cnNumber(marker.slice(1, -1)) };
  if (/^\d/.test(marker)) return { level: 3, index: Number(marker.replace(/\D/g, '')) };
  return { level: 1, index: cnNumber(marker.slice(0, -1)) };
}

/** Cut a label at its numbering markers: 「（三）<group>1.<row>」 → two segments. */
export function segmentsOf(text: string): { lead: string; segments: Segment[] } {
  const starts = [...text.matchAll(MARKERS)].map((m) => m.index ?? 0);
  if (starts.length === 0) return { lead: '', segments: text ? [{ label: text, level: 0, index: null }] : [] };
  const segments = starts.map((s, k) => {
    const label = text.slice(s, starts[k + 1] ?? text.length);
    const marker = label.match(MARKERS)?.[0] ?? '';
    return { label, ...markerInfo(marker) };
  });
  return { lead: text.slice(0, starts[0]), segments };
}

/**
 * Rows of a numbered table (table 三) from its lines. Lines without values are label text:
 * they wrap into the next row's label, or (after a row, on the same page) finish the previous one.
 * Labels printed with no values are kept as blank rows unless a deeper level follows (a group head).
 * A line of values with no label is a row of its own (its label lost, e.g. by OCR; the label
 * line that follows it names it), unless it sits right under the row above, each value under one of
 * that row's: then it is kept on that row as `stacked` (see TableRow).
 */
export function numberedRows(lines: Line[], tol: TableSettings = DEFAULT_SETTINGS.tables): TableRow[] {
  const rows: TableRow[] = [];
  let pending = '';
  let pendingPage: number | null = null;
  const run = new TornRun(rows);
  for (const line of lines) {
    const { label, values } = splitLine(line, tol);
    const text = squash(label.map((t) => t.text).join(''));
    if (values.length === 0) {
      if (!pending) pendingPage = line.page;
      pending += text;
      continue;
    }
    const prev = rows[rows.length - 1];
    if (!text && !pending && !run.open && prev && stackedUnder(values, prev, line, tol)) {
      prev.stacked = [...(prev.stacked ?? []), ...values];
      continue;
    }
    if (!text && run.open && segmentsOf(pending).segments.every((seg) => seg.level === 0)) {
      // Another value line of a torn run (text between them that numbers no row — a repeated header — is not a label).
      run.addValues(values, line);
    } else {
      run.resolve();
      // A value line alone after label lines: the last label's, unless more value lines follow (a torn run).
      if (!text) run.start(values, line);
      emitRow(rows, pending + text, values, line, pendingPage ?? line.page);
    }
    pending = '';
    pendingPage = null;
  }
  run.resolve();
  if (pending) emitRow(rows, pending, [], null, pendingPage);
  return withoutGroupHeads(rows);
}

/** Rows without the group heads: a label printed with no values, followed by a deeper level. */
function withoutGroupHeads(rows: TableRow[]): TableRow[] {
  return rows.filter((r, k) => r.line !== null || !(rows[k + 1] && rows[k + 1].level > r.level && r.level > 0));
}

/**
 * Label text `text` with its `values` (from `line` on `page`) into `rows`: a row per numbered
 * segment (the values on the last), or the rest or the label of the row before it.
 */
function emitRow(rows: TableRow[], text: string, values: Token[], line: Line | null, page: number | null): void {
  const { lead, segments } = segmentsOf(text);
  const prev = rows[rows.length - 1];
  const continues = prev?.line && prev.line.page === page;
  if (lead && continues) prev.label += lead;
  // Unnumbered text with no values after a row is the rest of that row's label.
  if (segments.length === 1 && segments[0].level === 0 && values.length === 0 && continues) {
    prev.label += segments[0].label;
    return;
  }
  // The label of a row whose values came first (a line of values alone, then its label).
  if (
    segments.length === 1 &&
    values.length === 0 &&
    prev?.line &&
    prev.label === '' &&
    !prev.torn &&
    prev.line.page === page
  ) {
    Object.assign(prev, segments[0]);
    return;
  }
  if (segments.length === 0) {
    if (values.length > 0 && line) rows.push({ label: '', level: 0, index: null, values, line });
    return;
  }
  segments.forEach((seg, k) => {
    const last = k === segments.length - 1;
    rows.push({ ...seg, values: last ? values : [], line: last ? line : null });
  });
}

/** Values alone on a line just under `prev`'s values, fewer than them, each under one of them. */
function stackedUnder(values: Token[], prev: TableRow, line: Line, tol: TableSettings): boolean {
  if (!prev.line || prev.line.page !== line.page || values.length >= prev.values.length) return false;
  const h = Math.max(...prev.values.map((v) => v.bbox[3] - v.bbox[1]));
  const below = Math.min(...values.map((v) => v.bbox[1])) - Math.max(...prev.values.map((v) => v.bbox[3]));
  if (below < -h / 2 || below > tol.stackedValueMaxGap * h) return false;
  return values.every((v) => prev.values.some((p) => v.bbox[0] < p.bbox[2] && p.bbox[0] < v.bbox[2]));
}

/** How a row's values were put into columns; 'inferred' and 'guess' are reported to the reader. */
export type Placement = 'exact' | 'rules' | 'centres' | 'inferred' | 'guess';

/** Where a column's cell sits on the row, for a cell printed blank (its provenance box). */
export type CellBoxes = Array<BBox | null>;

/**
 * Place a row's value tokens into `n` columns. Exact count: in order. Fewer: by the ruling
 * lines around the cells, else by the column centres learnt from complete rows, else by the
 * row's own spacing (a wide gap holds the blank columns), else left to right as a guess.
 * `boxes` gives, where the columns are known (rules, centres), each column's box on this row, so
 * that a blank cell's provenance can say where nothing was printed.
 */
export function placeValues(
  values: Token[],
  n: number,
  ctx: { rules?: Rule[]; centres?: number[] | null; tol?: TableSettings },
): { cells: Array<Token | null>; how: Placement; extra: Token[]; boxes: CellBoxes } {
  const tol = ctx.tol ?? DEFAULT_SETTINGS.tables;
  const none: CellBoxes = Array(n).fill(null);
  if (values.length === n) return { cells: values, how: 'exact', extra: [], boxes: values.map((v) => v.bbox) };
  if (values.length > n) return { cells: values.slice(-n), how: 'guess', extra: values.slice(0, -n), boxes: none };
  if (values.length === 0) return { cells: Array(n).fill(null), how: 'exact', extra: [], boxes: none };
  const y0 = Math.min(...values.map((v) => v.bbox[1]));
  const y1 = Math.max(...values.map((v) => v.bbox[3]));
  const bySlots = ctx.rules ? placeBySlots(values, n, ctx.rules, tol) : null;
  if (bySlots) {
    return {
      cells: bySlots.cells,
      how: 'rules',
      extra: [],
      boxes: bySlots.edges.slice(0, n).map((e, k) => [e, y0, bySlots.edges[k + 1], y1]),
    };
  }
  const byCentres = ctx.centres ? placeByCentres(values, ctx.centres, tol) : null;
  if (byCentres) {
    const centres = ctx.centres!;
    const half = Math.min(...centres.slice(1).map((c, k) => c - centres[k])) * tol.blankCellHalfWidth;
    return { cells: byCentres, how: 'centres', extra: [], boxes: centres.map((c) => [c - half, y0, c + half, y1]) };
  }
  const bySpacing = placeBySpacing(values, n, tol);
  if (bySpacing) return { cells: bySpacing, how: 'inferred', extra: [], boxes: none };
  return { cells: [...values, ...Array(n - values.length).fill(null)], how: 'guess', extra: [], boxes: none };
}

/**
 * Blank columns from the row's own spacing: gaps clearly wider than the usual one hold the
 * missing columns, in proportion to their excess. Needs the first and last columns printed
 * (where a blank would leave no gap) — so only when the row spans as wide as its peers.
 */
function placeBySpacing(values: Token[], n: number, tol: TableSettings): Array<Token | null> | null {
  const missing = n - values.length;
  if (values.length < 3 || missing <= 0) return null;
  const xs = values.map(cx);
  const gaps = xs.slice(1).map((x, k) => x - xs[k]);
  const unit = [...gaps].sort((a, b) => a - b)[Math.floor((gaps.length - 1) / 2)];
  const excess = gaps.map((g) => g / unit - 1);
  const wide = excess.map((e) => (e >= tol.spacingWideGap ? e : 0));
  const total = wide.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  // Share the missing columns among the wide gaps in proportion to their width (largest remainder).
  const share = wide.map((e) => (missing * e) / total);
  const extra = share.map(Math.floor);
  let left = missing - extra.reduce((a, b) => a + b, 0);
  const order = share.map((v, k) => [v - Math.floor(v), k]).sort((a, b) => b[0] - a[0]);
  for (const [, k] of order) if (left-- > 0) extra[k]++;
  const cells: Array<Token | null> = [];
  values.forEach((v, k) => {
    cells.push(v);
    if (k < extra.length) for (let q = 0; q < extra[k]; q++) cells.push(null);
  });
  return cells;
}

const cx = (t: Token) => (t.bbox[0] + t.bbox[2]) / 2;

function placeBySlots(
  values: Token[],
  n: number,
  rules: Rule[],
  tol: TableSettings,
): { cells: Array<Token | null>; edges: number[] } | null {
  const y = (values[0].bbox[1] + values[0].bbox[3]) / 2;
  const xs = rules
    .filter((r) => r.x1 - r.x0 < tol.ruleMaxWidth && r.y0 <= y && r.y1 >= y)
    .map((r) => (r.x0 + r.x1) / 2)
    .sort((a, b) => a - b)
    .filter((x, k, all) => k === 0 || x - all[k - 1] > tol.ruleMergeDistance);
  if (xs.length < n + 1) return null;
  const edges = xs.slice(-(n + 1));
  const cells: Array<Token | null> = Array(n).fill(null);
  for (const v of values) {
    const slot = edges.findIndex((e, k) => k < n && cx(v) > e && cx(v) < edges[k + 1]);
    if (slot < 0 || cells[slot]) return null;
    cells[slot] = v;
  }
  return { cells, edges };
}

/** Values to columns in order, each to a centre, least total distance (an alignment, not nearest-first). */
function placeByCentres(values: Token[], centres: number[], tol: TableSettings): Array<Token | null> | null {
  const n = centres.length;
  const m = values.length;
  const gap = Math.min(...centres.slice(1).map((c, k) => c - centres[k]));
  const xs = values.map(cx);
  // cost[i][j]: values i.. placed in columns j..
  const cost: number[][] = Array.from({ length: m + 1 }, () => Array(n + 1).fill(Infinity));
  for (let j = 0; j <= n; j++) cost[m][j] = 0;
  for (let i = m - 1; i >= 0; i--) {
    for (let j = n - 1; j >= 0; j--)
      cost[i][j] = Math.min(cost[i][j + 1], Math.abs(xs[i] - centres[j]) + cost[i + 1][j + 1]);
  }
  if (!Number.isFinite(cost[0][0])) return null;
  const cells: Array<Token | null> = Array(n).fill(null);
  for (let i = 0, j = 0; i < m; j++) {
    if (cost[i][j] === Math.abs(xs[i] - centres[j]) + cost[i + 1][j + 1]) {
      // A value far from every column centre is not placed by guess.
      if (Math.abs(xs[i] - centres[j]) > gap * tol.centreMaxOffset) return null;
      cells[j] = values[i];
      i++;
    }
  }
  return cells;
}

/** Column centres: the median x of each column over the rows that print every column. */
export function learnCentres(rows: Token[][], n: number): number[] | null {
  const full = rows.filter((r) => r.length === n);
  if (full.length === 0 || n < 2) return null;
  return Array.from({ length: n }, (_, k) => {
    const xs = full.map((r) => cx(r[k])).sort((a, b) => a - b);
    return xs[Math.floor(xs.length / 2)];
  });
}
