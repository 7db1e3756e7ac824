// Markup (HTML, DOCX) → one synthetic page of runs and ruling lines, so that the PDF path's layout,
// section and table steps (and their label matching) read it unchanged. Tables become fully ruled
// grids with merged cells left open, as a ruled PDF table would be drawn; paragraphs become lines.
// Positions mean nothing to users: provenance is mapped back to the cells (see `regions`).
import type { BBox, MarkupRef, MarkupRegion, Rule, SourceDocument, TextRun } from '../types.js';

/** One table cell as the document declares it. `text` holds its lines, joined by '\n'. */
export interface MarkupCell {
  text: string;
  rowSpan: number;
  colSpan: number;
  /** Text set top-to-bottom (CSS writing-mode, DOCX textDirection), or a tall merged label. */
  vertical?: boolean;
  ref: MarkupRef;
}

export type MarkupBlock = { kind: 'paragraph'; text: string; ref: MarkupRef } | { kind: 'table'; rows: MarkupCell[][] };

/** Synthetic type metrics (points): CJK glyphs are one em wide, others half. */
export const MARKUP_METRICS = { fontSize: 10, lineHeight: 14, cellPadding: 3, blockGap: 7 } as const;

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Width of `s` in points at the synthetic metrics (CJK one em, others half). */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? MARKUP_METRICS.fontSize : MARKUP_METRICS.fontSize / 2;
  return w;
}

/** A cell placed in the table grid. */
interface Placed {
  cell: MarkupCell;
  r: number;
  c: number;
  rs: number;
  cs: number;
}

/**
 * Cells → grid positions, the way browsers resolve rowspan/colspan: each cell takes the next free
 * column of its row; spans past the last row are cut at the table's end.
 */
export function placeCells(rows: MarkupCell[][]): { placed: Placed[]; nRows: number; nCols: number } {
  const taken: boolean[][] = rows.map(() => []);
  const placed: Placed[] = [];
  let nCols = 0;
  rows.forEach((row, r) => {
    let c = 0;
    for (const cell of row) {
      while (taken[r][c]) c++;
      const rs = Math.max(1, Math.min(cell.rowSpan || rows.length - r, rows.length - r));
      const cs = Math.max(1, Math.min(cell.colSpan, 1000));
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) taken[r + dr][c + dc] = true;
      placed.push({ cell, r, c, rs, cs });
      c += cs;
      nCols = Math.max(nCols, c);
    }
  });
  return { placed, nRows: rows.length, nCols };
}

/** Sizes along one axis: each item needs `need` over [start, start+span); spans share their deficit. */
function sizes(n: number, items: Array<{ start: number; span: number; need: number }>, min: number): number[] {
  const out = new Array<number>(n).fill(min);
  for (const it of items.filter((i) => i.span === 1)) out[it.start] = Math.max(out[it.start], it.need);
  for (const it of items.filter((i) => i.span > 1)) {
    const have = out.slice(it.start, it.start + it.span).reduce((a, b) => a + b, 0);
    if (have < it.need) for (let k = 0; k < it.span; k++) out[it.start + k] += (it.need - have) / it.span;
  }
  return out;
}

const cellLines = (cell: MarkupCell) =>
  cell.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A tall merged cell with a short text label is set vertically, as printed tables do. */
function isVertical(p: Placed): boolean {
  if (p.cell.vertical) return true;
  const text = cellLines(p.cell).join('');
  return p.rs >= 4 && p.cs === 1 && /^[\p{Script=Han}、，,（）()]+$/u.test(text) && Array.from(text).length >= 4;
}

/** Lay the blocks out top to bottom on one page: paragraphs as lines, tables as ruled grids. */
export function layoutMarkup(blocks: MarkupBlock[]): SourceDocument {
  const sheet: Sheet = { runs: [], rules: [], regions: [], y: 0, width: 0 };
  for (const block of blocks) {
    if (block.kind === 'paragraph') layoutParagraph(sheet, block);
    else layoutTable(sheet, block.rows);
  }
  const page = {
    page: 1,
    width: sheet.width,
    height: sheet.y,
    runs: sheet.runs,
    rules: sheet.rules,
    source: 'markup' as const,
  };
  return { kind: 'markup', pageCount: 1, pages: [page], ocrPages: [], regions: sheet.regions };
}

/** The page being laid out: what is on it, how far down it is filled, how wide it is. */
interface Sheet {
  runs: TextRun[];
  rules: Rule[];
  regions: MarkupRegion[];
  y: number;
  width: number;
}

/** A run of one line of text at (x, top of its line box); its glyph box. */
function line(sheet: Sheet, text: string, x: number, top: number): BBox {
  const { fontSize: fs, lineHeight: lh } = MARKUP_METRICS;
  const bbox: BBox = [x, top + (lh - fs) / 2, x + textWidth(text), top + (lh + fs) / 2];
  sheet.runs.push({ text, bbox, fontSize: fs, dir: 'ltr' });
  sheet.width = Math.max(sheet.width, bbox[2]);
  return bbox;
}

/** Each non-blank line of the paragraph on a line of its own (its region the line box), then the block gap. */
function layoutParagraph(sheet: Sheet, block: Extract<MarkupBlock, { kind: 'paragraph' }>): void {
  const { lineHeight: lh, blockGap } = MARKUP_METRICS;
  for (const text of block.text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const bbox = line(sheet, text, 0, sheet.y);
    sheet.regions.push({ page: 1, bbox: [bbox[0], sheet.y, bbox[2], sheet.y + lh], ref: block.ref });
    sheet.y += lh;
  }
  sheet.y += blockGap;
}

/** The table as a fully ruled grid sized to its cells' text (an empty table adds nothing), then the block gap. */
function layoutTable(sheet: Sheet, rows: MarkupCell[][]): void {
  const { placed, nRows, nCols } = placeCells(rows);
  if (nRows === 0 || nCols === 0) return;
  const vertical = new Set(placed.filter(isVertical));
  const { xs, ys } = gridLines(placed, nRows, nCols, vertical, sheet.y);
  const seen = new Set<string>();
  const rule = (x0: number, y0: number, x1: number, y1: number) => {
    const key = [x0, y0, x1, y1].map((v) => v.toFixed(2)).join(',');
    if (!seen.has(key)) sheet.rules.push({ x0, y0, x1, y1 });
    seen.add(key);
  };
  for (const p of placed) {
    const [x0, x1, y0, y1] = [xs[p.c], xs[p.c + p.cs], ys[p.r], ys[p.r + p.rs]];
    rule(x0, y0, x1, y0);
    rule(x0, y1, x1, y1);
    rule(x0, y0, x0, y1);
    rule(x1, y0, x1, y1);
    // An HTML cell's `col` is its column in the grid, known only once spans are resolved.
    const ref = p.cell.ref.col !== undefined ? { ...p.cell.ref, col: p.c } : p.cell.ref;
    sheet.regions.push({ page: 1, bbox: [x0, y0, x1, y1], ref });
    cellText(sheet, p, [x0, y0, x1, y1], vertical.has(p));
  }
  sheet.width = Math.max(sheet.width, xs[xs.length - 1]);
  sheet.y = ys[ys.length - 1] + MARKUP_METRICS.blockGap;
}

/** Column and row boundaries from the top `y`: each column as wide, each row as tall, as its cells' text needs. */
function gridLines(
  placed: Placed[],
  nRows: number,
  nCols: number,
  vertical: Set<Placed>,
  y: number,
): { xs: number[]; ys: number[] } {
  const { fontSize: fs, lineHeight: lh, cellPadding: pad } = MARKUP_METRICS;
  const colW = sizes(
    nCols,
    placed.map((p) => ({
      start: p.c,
      span: p.cs,
      need: vertical.has(p) ? fs + 2 * pad : Math.max(0, ...cellLines(p.cell).map(textWidth)) + 2 * pad,
    })),
    fs + 2 * pad,
  );
  const rowH = sizes(
    nRows,
    placed.map((p) => ({
      start: p.r,
      span: p.rs,
      need: vertical.has(p)
        ? Array.from(cellLines(p.cell).join('')).length * fs + 2 * pad
        : cellLines(p.cell).length * lh + 2 * pad,
    })),
    lh + 2 * pad,
  );
  const xs = [0];
  for (const w of colW) xs.push(xs[xs.length - 1] + w);
  const ys = [y];
  for (const h of rowH) ys.push(ys[ys.length - 1] + h);
  return { xs, ys };
}

/** A cell's text in its box: one top-to-bottom run when vertical, else its lines centred both ways. */
function cellText(sheet: Sheet, p: Placed, [x0, y0, x1, y1]: BBox, vertical: boolean): void {
  const { fontSize: fs, lineHeight: lh } = MARKUP_METRICS;
  const lines = cellLines(p.cell);
  if (lines.length === 0) return;
  if (vertical) {
    const text = lines.join('');
    const h = Array.from(text).length * fs;
    const top = (y0 + y1 - h) / 2;
    sheet.runs.push({ text, bbox: [(x0 + x1 - fs) / 2, top, (x0 + x1 + fs) / 2, top + h], fontSize: fs, dir: 'ttb' });
    return;
  }
  // Vertically centred, as table cells are printed (vertical-align: middle).
  let top = (y0 + y1 - lines.length * lh) / 2;
  for (const text of lines) {
    line(sheet, text, (x0 + x1 - textWidth(text)) / 2, top);
    top += lh;
  }
}
