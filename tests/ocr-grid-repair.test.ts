// Ruling lines broken by a light bilevel scan, put back together (extractors/ocr/grid-repair.ts),
// on synthetic images with known answers.
import { describe, expect, it } from 'vitest';
import { detectRules, findTables } from '../extractors/ocr/grid.js';
import { repairRegions, repairRules } from '../extractors/ocr/grid-repair.js';
import { binarize, type Gray } from '../extractors/ocr/image.js';

const DPI = 300;

function blank(w: number, h: number): Gray {
  return { width: w, height: h, data: new Uint8Array(w * h).fill(255) };
}
function rect(img: Gray, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) img.data.fill(0, y * img.width + x0, y * img.width + x1 + 1);
}
/** A seeded generator (the same pieces every run). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const XS = [100, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000];
const YS = [100, 200, 280, 360, 440, 520, 600];

/** A digit-like glyph: a 3 px vertical stroke with short bars (no stroke longer than the glyph). */
function digit(img: Gray, x: number, y: number): void {
  rect(img, x + 8, y, x + 10, y + 34);
  rect(img, x + 2, y + 32, x + 16, y + 34);
}

/**
 * A 6-row × 8-column table whose 2 px rules are broken into dashes of 70–170 px with gaps of
 * 6–40 px (a thin rule thresholded light, as measured on the light bilevel sample), a 「1」 in
 * every value cell of the second column.
 */
function brokenTable(): { img: Gray; rows: number; cols: number } {
  const img = blank(2400, 1200);
  const rnd = prng(7);
  const xs = XS;
  const ys = YS;
  const dashed = (horizontal: boolean, fixed: number, from: number, to: number) => {
    for (let p = from; p <= to;) {
      const len = 70 + Math.floor(rnd() * 101);
      const end = Math.min(to, p + len);
      if (horizontal) rect(img, p, fixed, end, fixed + 1);
      else rect(img, fixed, p, fixed + 1, end);
      p = end + 6 + Math.floor(rnd() * 35);
    }
  };
  for (const y of ys) dashed(true, y, xs[0], xs[xs.length - 1] + 1);
  for (const x of xs) dashed(false, x, ys[0], ys[ys.length - 1] + 1);
  for (let r = 1; r < ys.length - 1; r++) digit(img, 690, ys[r] + 22);
  return { img, rows: ys.length - 1, cols: xs.length - 1 };
}

describe('grid recovery from broken ruling lines', () => {
  it('the rule detector alone loses the broken grid', () => {
    const { img, rows, cols } = brokenTable();
    const bin = binarize(img);
    const tables = findTables(detectRules(bin, { dpi: DPI }), { dpi: DPI });
    expect(tables.reduce((n, t) => n + t.cells.length, 0)).toBeLessThan(rows * cols);
  });

  it('recovers every rule of the table from its pieces, and its cells', () => {
    const { img, rows, cols } = brokenTable();
    const bin = binarize(img);
    const detected = detectRules(bin, { dpi: DPI });
    // The pieces that survived mark where to look.
    expect(repairRegions(detected, bin, DPI)).toHaveLength(1);
    const rules = repairRules(bin, detected, repairRegions(detected, bin, DPI), DPI);
    // Each printed line is covered end to end by the rules along it.
    const along = (o: 'h' | 'v', at: number) =>
      rules.filter((r) => r.orient === o && Math.abs((o === 'h' ? r.y0 + r.y1 : r.x0 + r.x1) / 2 - at) <= 4);
    const covered = (o: 'h' | 'v', at: number, from: number, to: number) => {
      const spans = along(o, at)
        .map((r) => (o === 'h' ? [r.x0, r.x1] : [r.y0, r.y1]))
        .sort((a, b) => a[0] - b[0]);
      let reach = from;
      for (const [s, e] of spans) if (s <= reach + 12) reach = Math.max(reach, e);
      return reach >= to - 12;
    };
    expect(YS.map((y) => covered('h', y + 0.5, XS[0], XS[XS.length - 1]))).toEqual(YS.map(() => true));
    expect(XS.map((x) => covered('v', x + 0.5, YS[0], YS[YS.length - 1]))).toEqual(XS.map(() => true));
    const [table, ...rest] = findTables(rules, { dpi: DPI });
    expect(rest).toEqual([]);
    expect(table.cells).toHaveLength(rows * cols);
  });

  it('does not make a rule of digits stacked in a column, nor of a line of text in a cell', () => {
    const img = blank(2400, 1200);
    for (const y of [100, 600]) rect(img, 100, y, 2001, y + 1);
    for (const x of [100, 2000]) rect(img, x, 100, x + 1, 601);
    for (let r = 0; r < 6; r++) digit(img, 690, 122 + r * 80);
    for (let k = 0; k < 10; k++) rect(img, 140 + k * 44, 140, 176 + k * 44, 142);
    const bin = binarize(img);
    const detected = detectRules(bin, { dpi: DPI });
    const tables = findTables(detected, { dpi: DPI });
    expect(tables).toHaveLength(1);
    const rules = repairRules(bin, detected, repairRegions(detected, bin, DPI), DPI);
    expect(rules.length).toBe(detected.length);
  });
});
