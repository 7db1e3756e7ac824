// Toner streaks found and wiped before the grid is looked for (extractors/ocr/streaks.ts), on a
// synthetic page with known answers.
import { describe, expect, it } from 'vitest';
import { detectRules, findTables } from '../extractors/ocr/grid.js';
import type { Binary } from '../extractors/ocr/image.js';
import { clearStreaks, findStreaks } from '../extractors/ocr/streaks.js';
import { DEFAULT_OCR_SETTINGS as S } from '../extractors/settings.js';

const DPI = 300;
const [W, H] = [2480, 3508];

function rect(b: Binary, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) b.data.fill(1, y * b.width + x0, y * b.width + x1 + 1);
}

/** A4 at 300 dpi: a ruled table 4 columns × 6 rows from y = 800 to 2000, a 3 px digit stroke in each cell. */
function page(): { bin: Binary; xs: number[]; ys: number[] } {
  const bin = { width: W, height: H, data: new Uint8Array(W * H) };
  const xs = [300, 800, 1200, 1600, 2000];
  const ys = [800, 1000, 1200, 1400, 1600, 1800, 2000];
  for (const y of ys) rect(bin, xs[0], y, xs[xs.length - 1] + 3, y + 3);
  for (const x of xs) rect(bin, x, ys[0], x + 3, ys[ys.length - 1] + 3);
  for (let c = 0; c < xs.length - 1; c++)
    for (let r = 0; r < ys.length - 1; r++) rect(bin, xs[c] + 150, ys[r] + 80, xs[c] + 152, ys[r] + 120);
  return { bin, xs, ys };
}

/** A 2 px streak from the top edge to the bottom one, leaning 1 px in 100 (0.57°), broken every 300 px. */
function streak(bin: Binary, x0: number): void {
  for (let y = 0; y < H; y++) {
    if (y % 300 >= 270) continue;
    const x = Math.round(x0 + y / 100);
    rect(bin, x, y, x + 1, y);
  }
}

describe('toner streaks', () => {
  it('a clean ruled page has none: no table rule reaches the margins', () => {
    expect(findStreaks(page().bin, DPI, S)).toEqual([]);
  });

  it('a streak through the table is found, wiped, and the grid is as without it', () => {
    const clean = page();
    const tables = findTables(detectRules(clean.bin, { dpi: DPI }), { dpi: DPI });
    const { bin } = page();
    streak(bin, 1000);
    const found = findStreaks(bin, DPI, S);
    expect(found).toHaveLength(1);
    expect(Math.abs(found[0].x0 + found[0].slope * 1400 - (1000 + 14))).toBeLessThan(2);
    // Taken for a rule, it would join the table and split its cells.
    expect(findTables(detectRules(bin, { dpi: DPI }), { dpi: DPI })[0].cells.length).toBeGreaterThan(
      tables[0].cells.length,
    );
    expect(clearStreaks(bin, DPI, S)).toBe(1);
    const after = findTables(detectRules(bin, { dpi: DPI }), { dpi: DPI });
    expect(after.map((t) => t.cells)).toEqual(tables.map((t) => t.cells));
    // The horizontal rules it crossed keep their ink; the digit strokes were never touched.
    expect(bin.data[1000 * W + 1000 + 10]).toBe(1);
    expect(bin.data[(800 + 100) * W + 300 + 151]).toBe(1);
    // Nothing of the streak is left between the rules.
    expect(bin.data[2500 * W + 1000 + 25]).toBe(0);
  });

  it('a horizontal streak is found on the page turned', () => {
    const { bin } = page();
    for (let x = 0; x < W; x++)
      if (x % 250 < 230) rect(bin, x, 1300 + Math.round(x / 200), x, 1301 + Math.round(x / 200));
    expect(clearStreaks(bin, DPI, S)).toBe(1);
    expect(bin.data[(1300 + 3) * W + 600]).toBe(0);
  });

  it('a table cropped to the image (its rules near both edges) keeps its rules: they end at its border rules', () => {
    const bin = { width: 1000, height: 1200, data: new Uint8Array(1000 * 1200) };
    for (const y of [10, 400, 800, 1188]) rect(bin, 10, y, 990, y + 2);
    for (const x of [10, 500, 988]) rect(bin, x, 10, x + 2, 1190);
    expect(findStreaks(bin, DPI, S)).toEqual([]);
  });
});
