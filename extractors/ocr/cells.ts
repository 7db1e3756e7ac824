// Reading a ruled table: every cell's ink is found, cells shaped like a number are read as
// numbers (two batched reads plus a glyph count), the rest as blocks of Chinese text.
import type { PageContext, PixelRun } from './context.js';
import type { PixelBox, Table } from './grid.js';
import { inkBounds, textLines } from './ink.js';
import { readBoxes } from './mosaic.js';
import { DIGIT_WHITELIST, judgeNumber, numberShaped, readOfLines } from './numbers.js';
import { runsFromLines } from './runs.js';

export async function readTables(ctx: PageContext, tables: Table[]): Promise<PixelRun[]> {
  const numeric: PixelBox[] = [];
  const text: PixelBox[] = [];
  for (const cell of tables.flatMap((t) => t.cells)) {
    const ink = cellInk(ctx, cell);
    if (!ink) continue;
    const lines = textLines(ctx.bin, ink, Math.max(2, Math.round(ctx.dpi / 60)));
    if (lines.length === 1 && numberShaped(ctx, lines[0])) numeric.push(lines[0]);
    else text.push(ink);
  }
  const [chi, digits, textLinesRead] = await Promise.all([
    readBoxes(ctx, numeric, {}),
    readBoxes(ctx, numeric, { tessedit_char_whitelist: DIGIT_WHITELIST }),
    readBoxes(ctx, text, {}),
  ]);
  const numbers = numeric.map((box, i) => judgeNumber(ctx, box, readOfLines(digits[i]), readOfLines(chi[i])));
  const words = await Promise.all(textLinesRead.map((lines) => runsFromLines(ctx, lines)));
  return [...numbers, ...words.flat()];
}

/** The ink inside a cell, staying clear of the rule fringe at its edges. */
function cellInk(ctx: PageContext, cell: PixelBox): PixelBox | null {
  const pad = Math.max(2, Math.round(ctx.dpi / 100));
  const inner = { x0: cell.x0 + pad, y0: cell.y0 + pad, x1: cell.x1 - pad, y1: cell.y1 - pad };
  if (inner.x1 <= inner.x0 || inner.y1 <= inner.y0) return null;
  return inkBounds(ctx.bin, inner);
}
