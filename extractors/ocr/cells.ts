// Reading a ruled table: every cell's ink is found, cells shaped like a number are read as
// numbers (cell-pass.ts: PP-OCR first, tesseract where it does not settle), the rest as lines of Chinese text.
import { px, type PageContext, type PixelRun } from './context.js';
import type { PixelBox, Table } from './grid.js';
import { inkBounds, textLines } from './ink.js';
import { splitAtWideGaps } from './merged-cells.js';
import { readBoxes } from './mosaic.js';
import { readNumberCells } from './cell-pass.js';
import { numberShaped } from './numbers.js';
import { runsFromLines } from './runs.js';

export async function readTables(ctx: PageContext, tables: Table[]): Promise<PixelRun[]> {
  const numeric: PixelBox[] = [];
  const text: PixelBox[] = [];
  const textCells: PixelBox[] = [];
  const dashes: PixelRun[] = [];
  const cells = tables.flatMap((t) => t.cells);
  for (const cell of cells) {
    const ink = cellInk(ctx, cell);
    if (!ink) continue;
    if (isDash(ctx, ink)) {
      // Give it the height of a line of digits around its centre, as the text layer would.
      const mid = Math.round((ink.y0 + ink.y1) / 2);
      const half = px(ctx, ctx.settings.dashHalfHeightPt);
      dashes.push({
        text: '—',
        box: { ...ink, y0: mid - half, y1: mid + half },
        confidence: ctx.settings.dashConfidence,
        linePx: 2 * half,
      });
      continue;
    }
    const lines = textLines(ctx.bin, ink, Math.max(2, Math.round(ctx.dpi / ctx.settings.cellLineGapPerInch)));
    if (lines.length === 1 && numberShaped(ctx, lines[0])) numeric.push(...numbersOf(ctx, lines[0]));
    else {
      text.push(ink);
      textCells.push(cell);
    }
  }
  // Text cells are read line band by line band: a multi-line cell read as one block in the
  // mosaic can come back as one merged, misread line (measured: 「…政府信/息」 → 「一本机关万掌提…」).
  const bandsOf = text.map((ink, i) => ownBands(lineBands(ctx, ink), textCells[i], cells));
  const [numbers, bandLines] = await Promise.all([readNumberCells(ctx, numeric), readBoxes(ctx, bandsOf.flat(), {})]);
  let k = 0;
  const textLinesRead = bandsOf.map((bands) => bandLines.slice(k, (k += bands.length)).flat());
  const words = await Promise.all(textLinesRead.map((lines) => runsFromLines(ctx, lines)));
  return [...numbers, ...dashes, ...words.flat()];
}

/** The numbers of a number-shaped line: two when a lost column rule left two cells' values in one. */
function numbersOf(ctx: PageContext, line: PixelBox): PixelBox[] {
  const s = ctx.settings;
  const shape = { gap: s.numberSplitGapShare, tall: s.tallGlyphShare, part: s.numberSplitPartShare };
  return splitAtWideGaps(ctx.bin, line, shape).filter((b) => numberShaped(ctx, b));
}

/**
 * The bands of `cell` that are its own. A region whose rule piece was lost (a photocopy's pale
 * streak) is not a rectangle, and its box overlaps its neighbours': a band centred in a smaller
 * cell's box is that cell's text, read there (read here too, it came out twice on the row).
 */
export function ownBands(bands: PixelBox[], cell: PixelBox, cells: PixelBox[]): PixelBox[] {
  const area = (b: PixelBox) => (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
  const inside = (x: number, y: number, o: PixelBox) => x >= o.x0 && x <= o.x1 && y >= o.y0 && y <= o.y1;
  return bands.filter((b) => {
    const [x, y] = [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
    return !cells.some((o) => o !== cell && area(o) < area(cell) && inside(x, y, o));
  });
}

/**
 * A cell whose only ink is one thin, solid horizontal bar: 「—」 or 「-」 (no value). Too thin for
 * tesseract to find as a text line, so it is recognised by shape.
 */
function isDash(ctx: PageContext, ink: PixelBox): boolean {
  const s = ctx.settings;
  const w = ink.x1 - ink.x0 + 1;
  const h = ink.y1 - ink.y0 + 1;
  if (h > ctx.dpi * s.dashMaxThicknessIn || w < s.dashMinAspect * h) return false;
  let on = 0;
  for (let y = ink.y0; y <= ink.y1; y++)
    for (let x = ink.x0; x <= ink.x1; x++) on += ctx.bin.data[y * ctx.bin.width + x];
  return on >= s.dashMinFill * w * h;
}

/**
 * Text line bands of a cell: row-profile bands, with bands much thinner than the tallest (under
 * `bandMinShare` of it: the separate strokes of 三 or 二) merged into their nearest neighbour.
 */
export function lineBands(ctx: PageContext, ink: PixelBox): PixelBox[] {
  const bands = textLines(ctx.bin, ink, 2);
  const maxH = Math.max(...bands.map((b) => b.y1 - b.y0 + 1));
  for (let i = 0; i < bands.length;) {
    const b = bands[i];
    if (bands.length > 1 && b.y1 - b.y0 + 1 < ctx.settings.bandMinShare * maxH) {
      const up = i > 0 ? b.y0 - bands[i - 1].y1 : Infinity;
      const down = i < bands.length - 1 ? bands[i + 1].y0 - b.y1 : Infinity;
      const j = up <= down ? i - 1 : i + 1;
      const o = bands[j];
      bands[j] = {
        x0: Math.min(o.x0, b.x0),
        y0: Math.min(o.y0, b.y0),
        x1: Math.max(o.x1, b.x1),
        y1: Math.max(o.y1, b.y1),
      };
      bands.splice(i, 1);
      i = 0; // re-check from the start: merged bands change heights
    } else i++;
  }
  return bands;
}

/** The ink inside a cell, staying clear of the rule fringe at its edges. */
function cellInk(ctx: PageContext, cell: PixelBox): PixelBox | null {
  const pad = Math.max(2, Math.round(ctx.dpi / ctx.settings.cellEdgePerInch));
  const inner = { x0: cell.x0 + pad, y0: cell.y0 + pad, x1: cell.x1 - pad, y1: cell.y1 - pad };
  if (inner.x1 <= inner.x0 || inner.y1 <= inner.y0) return null;
  return inkBounds(ctx.bin, inner);
}
