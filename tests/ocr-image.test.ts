// The pixel side of OCR, on synthetic images with known answers: deskew, ruling lines, cells.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';
import { estimateLean, estimateSkew } from '../extractors/ocr/deskew.js';
import { detectRules, findTables, removeRules } from '../extractors/ocr/grid.js';
import { bilevelLevels, binarize, otsuThreshold, rotateGray, shearGray, type Gray } from '../extractors/ocr/image.js';
import { clearSpecks, glyphColumns, inkBounds } from '../extractors/ocr/ink.js';
import { ownBands } from '../extractors/ocr/cells.js';

const DPI = 300;

function blank(w: number, h: number): Gray {
  return { width: w, height: h, data: new Uint8Array(w * h).fill(255) };
}
function rect(img: Gray, x0: number, y0: number, x1: number, y1: number, v = 0): void {
  for (let y = y0; y <= y1; y++) img.data.fill(v, y * img.width + x0, y * img.width + x1 + 1);
}

/** A glyph-like outline (3 px strokes): no stroke longer than the glyph. */
function glyph(img: Gray, x: number, y: number, w: number, h: number): void {
  rect(img, x, y, x + w, y + 2);
  rect(img, x, y + h - 2, x + w, y + h);
  rect(img, x, y, x + 2, y + h);
  rect(img, x + w - 2, y, x + w, y + h);
}

/** A 4-row × 3-column ruled table (3 px lines), the first row's first two cells merged, with "text" blocks. */
function tablePage(): Gray {
  const img = blank(1400, 1000);
  const xs = [100, 500, 800, 1100];
  const ys = [100, 200, 300, 400, 500];
  for (const y of ys) rect(img, xs[0], y, xs[3] + 2, y + 2);
  for (const x of xs) {
    // The line between the first two columns skips the first row (a merged cell).
    rect(img, x, x === 500 ? ys[1] : ys[0], x + 2, ys[4] + 2);
  }
  // Glyph-like blocks: 3 "digits" (tall, narrow) in some cells, a wide "label" in others.
  for (let r = 1; r < 4; r++) {
    for (let k = 0; k < 3; k++) glyph(img, 560 + k * 30, ys[r] + 35, 20, 35);
    for (let k = 0; k < 6; k++) glyph(img, 140 + k * 44, ys[r] + 35, 38, 35);
  }
  // Paragraph lines of glyphs under the table, for deskew.
  for (let l = 0; l < 8; l++) for (let k = 0; k < 27; k++) glyph(img, 100 + k * 44, 560 + l * 50, 38, 30);
  return img;
}

describe('image operations', () => {
  it('Otsu separates ink from paper', () => {
    const img = blank(100, 100);
    rect(img, 10, 10, 40, 40, 30);
    const t = otsuThreshold(img);
    expect(t).toBeGreaterThanOrEqual(30);
    expect(t).toBeLessThan(255);
  });

  it('estimates and removes a skew of ±1.2°', () => {
    for (const angle of [1.2, -1.2]) {
      const skewed = rotateGray(tablePage(), -angle);
      const est = estimateSkew(binarize(skewed));
      expect(Math.abs(est - angle)).toBeLessThan(0.1);
      const straight = binarize(rotateGray(skewed, est));
      expect(Math.abs(estimateSkew(straight))).toBeLessThan(0.1);
    }
    expect(Math.abs(estimateSkew(binarize(tablePage())))).toBeLessThan(0.05);
  });

  it('estimates and removes the lean of the vertical rules a photo leaves with the rows level (±0.8°)', () => {
    for (const angle of [0.8, -0.8]) {
      const leaning = shearGray(tablePage(), -angle);
      const est = estimateLean(binarize(leaning), DPI);
      expect(Math.abs(est - angle)).toBeLessThan(0.05);
      const upright = shearGray(leaning, est);
      expect(estimateLean(binarize(upright), DPI)).toBe(0);
    }
    // No lean on a straight page, and none read from text (its strokes are short).
    expect(estimateLean(binarize(tablePage()), DPI)).toBe(0);
    const prose = blank(1400, 1000);
    for (let l = 0; l < 16; l++) for (let k = 0; k < 27; k++) glyph(prose, 100 + k * 44, 100 + l * 50, 38, 30);
    expect(estimateLean(binarize(shearGray(prose, 1)), DPI)).toBe(0);
  });

  it('finds the ruling lines and the cells they enclose, merged cell included', () => {
    const bin = binarize(tablePage());
    const rules = detectRules(bin, { dpi: DPI });
    expect(rules.filter((r) => r.orient === 'h')).toHaveLength(5);
    expect(rules.filter((r) => r.orient === 'v')).toHaveLength(4);
    const [table, ...rest] = findTables(rules, { dpi: DPI });
    expect(rest).toEqual([]);
    // The lengths are settings: asked for horizontal rules longer than the table is wide (3.3 in), none are found.
    const strict = detectRules(bin, { dpi: DPI, settings: { ...DEFAULT_OCR_SETTINGS, ruleMinLengthIn: 4 } });
    expect(strict.filter((r) => r.orient === 'h')).toHaveLength(0);
    expect(table.box).toMatchObject({ x0: 100, y0: 100 });
    // 4 rows × 3 columns, minus one for the merged pair in the first row.
    expect(table.cells).toHaveLength(11);
    const merged = table.cells[0];
    expect(merged.x0).toBeLessThan(110);
    expect(merged.x1).toBeGreaterThan(790);
    expect(merged.y1).toBeLessThan(205);
  });

  it('removes the lines but not the glyphs, and counts digit glyphs', () => {
    const bin = binarize(tablePage());
    const rules = detectRules(bin, { dpi: DPI });
    removeRules(bin, rules);
    // Nothing left on the lines' rows outside the glyph blocks.
    expect(inkBounds(bin, { x0: 90, y0: 95, x1: 1110, y1: 106 })).toBeNull();
    const cell = inkBounds(bin, { x0: 505, y0: 205, x1: 795, y1: 295 })!;
    expect(cell).toEqual({ x0: 560, y0: 235, x1: 640, y1: 270 });
    expect(glyphColumns(bin, cell)).toHaveLength(3);
  });

  it('keeps the one-pixel rules of a bilevel scan, which the blur breaks', () => {
    // A 1-bit scan's thin table after the deskew: its one-pixel lines fell half-way between two
    // pixel rows (columns), half dark on both; beside it, solid ink (text) sets Otsu's threshold.
    const img = blank(1400, 700);
    for (const y of [100, 250, 400]) rect(img, 100, y, 1301, y + 1, 128);
    for (const x of [100, 400, 700, 1000, 1300]) rect(img, x, 100, x + 1, 401, 128);
    for (let k = 0; k < 20; k++) rect(img, 100 + k * 60, 450, 140 + k * 60, 650);
    const kept = detectRules(binarize(img, DEFAULT_OCR_SETTINGS, { ink: 0, paper: 255 }), { dpi: DPI });
    expect(kept.filter((r) => r.orient === 'h')).toHaveLength(3);
    expect(kept.filter((r) => r.orient === 'v')).toHaveLength(5);
    expect(findTables(kept, { dpi: DPI })[0].cells).toHaveLength(8);
    // Blurred (a third dark) and thresholded by Otsu, the same lines are paper.
    expect(detectRules(binarize(img), { dpi: DPI })).toEqual([]);
  });

  it('tells a bilevel image by its two greys', () => {
    const img = blank(10, 10);
    expect(bilevelLevels(img)).toBeNull();
    rect(img, 0, 0, 4, 4, 0);
    expect(bilevelLevels(img)).toEqual({ ink: 0, paper: 255 });
    rect(img, 5, 5, 9, 9, 128);
    expect(bilevelLevels(img)).toBeNull();
  });
});

describe('speck removal', () => {
  const dot = {
    maxHeight: DEFAULT_OCR_SETTINGS.dotMaxHeight,
    maxGap: DEFAULT_OCR_SETTINGS.dotMaxGap,
    baseline: DEFAULT_OCR_SETTINGS.dotBaseline,
  };
  // 「443.69」 at 300 dpi: digits 18×30 px (3 px strokes), a 2×2 decimal point — four pixels, a speck by size.
  function number(): Gray {
    const img = blank(260, 80);
    for (const x of [20, 44, 68, 106, 130]) glyph(img, x, 20, 18, 30);
    rect(img, 92, 49, 93, 50);
    return img;
  }
  const bin = (img: Gray) => ({ width: img.width, height: img.height, data: img.data.map((v) => (v < 128 ? 1 : 0)) });
  const at = (b: { width: number; data: Uint8Array }, x: number, y: number) => b.data[y * b.width + x];

  it('keeps a decimal point: a compact dot on the baseline with a digit close on each side', () => {
    const b = bin(number());
    expect(clearSpecks(b, { x0: 0, y0: 0, x1: b.width - 1, y1: b.height - 1 }, 8, dot)).toBe(0);
    expect(at(b, 92, 49)).toBe(1);
  });

  it('clears the same dot off the baseline, beside one digit only, or far from digits', () => {
    const mid = number();
    rect(mid, 92, 49, 93, 50, 255);
    rect(mid, 92, 33, 93, 34); // between digits, mid-height: no point sits there
    rect(mid, 152, 49, 153, 50); // after the last digit: one neighbour
    rect(mid, 230, 10, 231, 11); // far away
    const b = bin(mid);
    expect(clearSpecks(b, { x0: 0, y0: 0, x1: b.width - 1, y1: b.height - 1 }, 8, dot)).toBe(12);
    expect([at(b, 92, 33), at(b, 152, 49), at(b, 230, 10)]).toEqual([0, 0, 0]);
  });
});

describe('a cell that is no rectangle', () => {
  it('leaves the text of the cells its box overlaps to them (read in both, it came out twice)', () => {
    // A group-label column (x 100–300) whose rule above the next row was lost runs on into that
    // row's left part: an L whose box (down to y 560) holds the next row's label cell (x 100–600).
    const group = { x0: 100, y0: 100, x1: 300, y1: 560 };
    const label = { x0: 103, y0: 503, x1: 599, y1: 559 };
    const value = { x0: 603, y0: 503, x1: 899, y1: 559 };
    const own = { x0: 150, y0: 280, x1: 250, y1: 320 };
    const theirs = { x0: 150, y0: 515, x1: 400, y1: 545 };
    expect(ownBands([own, theirs], group, [group, label, value])).toEqual([own]);
    // A rectangle's bands are all its own.
    expect(ownBands([theirs], label, [group, label, value])).toEqual([theirs]);
  });
});
