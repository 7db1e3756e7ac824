// A 「—」 recognised by its shape is trusted (it is no number) only where a printed dash could be:
// on a light bilevel scan the thin strokes of a digit vanish and leave one thick bar — the top of a
// 「7」 whose stem was lost, the foot of a 「2」 whose curve was lost — which is as solid and thin as a
// dash. Read as 「—」 (a printed blank) it was a number lost with no warning. Such a bar is an unread
// cell instead (null, `cell-unreadable`).
import { cellInkMin, type PageContext, type PixelRun } from './context.js';
import type { PixelBox } from './grid.js';
import { rowProfile } from './ink.js';
import { UNREAD_CELL } from '../types.js';

/** A cell read as 「—」 by shape: the cell's inside, and the bar's ink. */
export interface DashCell {
  cell: PixelBox;
  inner: PixelBox;
  ink: PixelBox;
}

/**
 * Is the bar `d` a printed dash? Not when, before specks were cleared, the cell had ink off the
 * bar's rows (fragments of the strokes a light threshold broke: `cellInkMinPx`), nor when it sits
 * off the middle of its row's digits (`dashBandShare`: the number lines of cells on the same row,
 * `rowNumbers`): a dash stands at mid-height of a digit, a 「7」's top bar at its top, a 「2」's foot at
 * its bottom.
 */
export function isPrintedDash(ctx: PageContext, d: DashCell, rowNumbers: PixelBox[]): boolean {
  const s = ctx.settings;
  if (ctx.raw) {
    const min = cellInkMin(ctx);
    const rows = rowProfile(ctx.raw, d.inner);
    let off = 0;
    // One row either side of the bar is its own edge (the deskew's interpolation), not a fragment.
    rows.forEach((n, k) => {
      const y = d.inner.y0 + k;
      if (y < d.ink.y0 - 1 || y > d.ink.y1 + 1) off += n;
    });
    if (off >= min) return false;
  }
  const band = digitBand(rowNumbers);
  if (!band) return true;
  const h = band.y1 - band.y0 + 1;
  const mid = (d.ink.y0 + d.ink.y1) / 2;
  return mid >= band.y0 + s.dashBandShare * h && mid <= band.y1 - s.dashBandShare * h;
}

/** The median top and bottom of a row's number lines; null when the row has none. */
function digitBand(lines: PixelBox[]): { y0: number; y1: number } | null {
  if (!lines.length) return null;
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  return { y0: med(lines.map((l) => l.y0)), y1: med(lines.map((l) => l.y1)) };
}

/** The number lines whose vertical centre lies within the dash cell's rows (its row-mates). */
export function rowMates(cell: PixelBox, numberLines: PixelBox[]): PixelBox[] {
  return numberLines.filter((l) => {
    const c = (l.y0 + l.y1) / 2;
    return c >= cell.y0 && c <= cell.y1;
  });
}

/** The run a dash cell gives: 「—」 at `dashConfidence`, or unread; either the height of a line of digits. */
export function dashRun(ctx: PageContext, d: DashCell, printed: boolean, half: number): PixelRun {
  // Both stand on the row as a line of digits would (a bar 6 px tall fell out of its row).
  const mid = Math.round((d.ink.y0 + d.ink.y1) / 2);
  const box = { ...d.ink, y0: mid - half, y1: mid + half };
  const confidence = printed ? ctx.settings.dashConfidence : 0;
  return { text: printed ? '—' : UNREAD_CELL, box, confidence, linePx: 2 * half };
}
