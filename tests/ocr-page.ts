// A synthetic 300 dpi strip of table cells for the OCR cell tests: ink put in as rectangles (`raw`)
// and the same with specks under 8 px cleared as the page clean-up clears them (`bin`).
import type { Binary } from '../extractors/ocr/image.js';
import { clearSpecks } from '../extractors/ocr/ink.js';

export const W = 400;
export const H = 100;

/** A W × H page with `dots` ([x, y, w, h]) as ink in `raw`, and `bin` with its specks cleared. */
export function page(dots: Array<[x: number, y: number, w: number, h: number]>): { raw: Binary; bin: Binary } {
  const raw: Binary = { width: W, height: H, data: new Uint8Array(W * H) };
  for (const [x, y, w, h] of dots)
    for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) raw.data[j * W + i] = 1;
  const bin = { ...raw, data: raw.data.slice() };
  // No decimal point in these cells: the dot rule only keeps a dot between digits.
  clearSpecks(bin, { x0: 0, y0: 0, x1: W - 1, y1: H - 1 }, 8, { maxHeight: 0.35, maxGap: 0.6, baseline: 0.15 });
  return { raw, bin };
}
