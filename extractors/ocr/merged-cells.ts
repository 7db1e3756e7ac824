// A number cell that is two cells: the column rule between them was lost (a photocopy's pale
// streak left no ink of it), so one region holds the values of both columns. Read as one number it
// came out as their digits run together (「0」「8」 → 08, 「1」「0」 → 110), a value in neither column.
import type { PixelBox } from './grid.js';
import type { Binary } from './image.js';
import { glyphColumns, inkBounds } from './ink.js';

/** How wide a gap splits a line, and what counts as a digit (shares of the line's height). */
export interface SplitShape {
  /** A gap between digits at least this wide parts two numbers (`numberSplitGapShare`). */
  gap: number;
  /** A glyph this tall is a digit (`tallGlyphShare`); shorter ink is a point, comma or sign. */
  tall: number;
  /** A part at least this share of the tallest part's height is a number (`numberSplitPartShare`). */
  part: number;
}

/**
 * The numbers of one line of ink: the line cut at every gap between its digit glyphs at least
 * `shape.gap` of the line's height wide (the digits of one number stand ~0.1–0.6 of it apart, a
 * decimal point included; the values of two columns a column's blank width apart). Each part keeps
 * the short ink (a sign, a point) within `shape.gap` of its digits; ink further out, off every
 * number, is left out, and so is a part much shorter than the tallest (`shape.part`: the stub of a
 * lost rule standing on the rule below; digits of one table are one size). A line without two
 * numbers of one size so apart comes back as it is.
 */
export function splitAtWideGaps(bin: Binary, line: PixelBox, shape: SplitShape): PixelBox[] {
  const h = line.y1 - line.y0 + 1;
  const glyphs = glyphColumns(bin, line, shape.tall);
  const gap = shape.gap * h;
  const groups: PixelBox[][] = [];
  for (const g of glyphs) {
    const last = groups[groups.length - 1];
    if (last && g.x0 - last[last.length - 1].x1 - 1 < gap) last.push(g);
    else groups.push([g]);
  }
  if (groups.length < 2) return [line];
  const height = (gs: PixelBox[]) => Math.max(...gs.map((g) => g.y1)) - Math.min(...gs.map((g) => g.y0)) + 1;
  const tallest = Math.max(...groups.map(height));
  // Two numbers of one size or none: one number beside taller ink (a rule's stub as tall as the
  // cell, the digits left short beside it) is read as the line always was, not as the stub.
  if (groups.filter((gs) => height(gs) >= shape.part * tallest).length < 2) return [line];
  const reach = Math.floor(gap);
  return groups
    .map((gs, i) => {
      const prev = groups[i - 1];
      const next = groups[i + 1];
      // Halfway to the neighbouring number at most, so no ink is read twice.
      const lo = prev ? Math.ceil((prev[prev.length - 1].x1 + gs[0].x0) / 2) : line.x0;
      const hi = next ? Math.floor((gs[gs.length - 1].x1 + next[0].x0) / 2) : line.x1;
      const x0 = Math.max(lo, gs[0].x0 - reach);
      const x1 = Math.min(hi, gs[gs.length - 1].x1 + reach);
      return height(gs) >= shape.part * tallest ? inkBounds(bin, { x0, y0: line.y0, x1, y1: line.y1 }) : null;
    })
    .filter((b): b is PixelBox => b !== null);
}
