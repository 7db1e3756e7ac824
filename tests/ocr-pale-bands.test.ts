// A photocopier's pale streak over a table (extractors/ocr/pale-bands.ts), on synthetic binaries
// with known answers: the band is found from the rules it broke, and an inkless cell under it is
// unread, never a printed blank.
import { describe, expect, it } from 'vitest';
import type { Binary } from '../extractors/ocr/image.js';
import type { PixelRule, Table } from '../extractors/ocr/grid.js';
import { paleBands, underBand } from '../extractors/ocr/pale-bands.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';

const DPI = 300;
const XS = [100, 500, 700, 900];
const YS = [100, 180, 260, 340, 420];

/** A ruled 4 × 3 table (2 px rules) on a 1000 × 520 binary, and its rules and table as found. */
function table(): { bin: Binary; rules: PixelRule[]; tables: Table[] } {
  const bin: Binary = { width: 1000, height: 520, data: new Uint8Array(1000 * 520) };
  const rules: PixelRule[] = [];
  for (const y of YS) {
    for (let x = XS[0]; x <= XS[3] + 1; x++) bin.data[y * 1000 + x] = bin.data[(y + 1) * 1000 + x] = 1;
    rules.push({ orient: 'h', x0: XS[0], x1: XS[3] + 1, y0: y, y1: y + 1 });
  }
  for (const x of XS) {
    for (let y = YS[0]; y <= YS[4] + 1; y++) bin.data[y * 1000 + x] = bin.data[y * 1000 + x + 1] = 1;
    rules.push({ orient: 'v', x0: x, x1: x + 1, y0: YS[0], y1: YS[4] + 1 });
  }
  const box = { x0: XS[0], y0: YS[0], x1: XS[3] + 1, y1: YS[4] + 1 };
  return { bin, rules, tables: [{ box, cells: [] } as unknown as Table] };
}

/** Wipe columns x0..x1 from row y0 to y1 (a pale streak: the toner did not take). */
function wipe(bin: Binary, x0: number, x1: number, y0 = 0, y1 = bin.height - 1): void {
  for (let y = y0; y <= y1; y++) bin.data.fill(0, y * bin.width + x0, y * bin.width + x1 + 1);
}

describe('pale streaks over a table', () => {
  it('a printed table has none', () => {
    const { bin, rules, tables } = table();
    expect(paleBands(bin, tables, rules, DPI, DEFAULT_OCR_SETTINGS)).toEqual([]);
  });

  it('a streak down the page is the band where every row rule is broken', () => {
    const { bin, rules, tables } = table();
    wipe(bin, 590, 609);
    expect(paleBands(bin, tables, rules, DPI, DEFAULT_OCR_SETTINGS)).toEqual([{ x0: 590, x1: 609, y0: 100, y1: 421 }]);
  });

  it('gaps narrower than paleBandMinIn, or in fewer than three rules, are no band', () => {
    const { bin, rules, tables } = table();
    wipe(bin, 590, 593); // 4 px < 0.02 in at 300 dpi
    wipe(bin, 800, 830, 170, 270); // two rules only
    expect(paleBands(bin, tables, rules, DPI, DEFAULT_OCR_SETTINGS)).toEqual([]);
  });

  it('a streak across the page breaks the column rules', () => {
    const { bin, rules, tables } = table();
    for (let y = 300; y <= 311; y++) bin.data.fill(0, y * 1000, y * 1000 + 1000);
    expect(paleBands(bin, tables, rules, DPI, DEFAULT_OCR_SETTINGS)).toEqual([{ x0: 100, x1: 901, y0: 300, y1: 311 }]);
  });

  it('an inkless cell is under the band only when the band crosses its middle third', () => {
    const band = { x0: 590, x1: 609, y0: 100, y1: 421 };
    expect(underBand({ x0: 505, y0: 185, x1: 695, y1: 255 }, [band])).toEqual({ x0: 590, y0: 185, x1: 609, y1: 255 });
    // The band grazes the cell's edge: its value (printed in the middle) was not under it.
    expect(underBand({ x0: 600, y0: 185, x1: 895, y1: 255 }, [band])).toBeNull();
    expect(underBand({ x0: 105, y0: 185, x1: 495, y1: 255 }, [band])).toBeNull();
  });
});
