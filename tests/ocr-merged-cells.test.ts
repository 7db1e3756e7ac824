// A number cell holding two columns' values (their rule lost), cut into its numbers
// (extractors/ocr/merged-cells.ts), on synthetic ink with known answers.
import { describe, expect, it } from 'vitest';
import type { Binary } from '../extractors/ocr/image.js';
import { splitAtWideGaps } from '../extractors/ocr/merged-cells.js';
import { DEFAULT_OCR_SETTINGS as S } from '../extractors/settings.js';

const SHAPE = { gap: S.numberSplitGapShare, tall: S.tallGlyphShare, part: S.numberSplitPartShare };
const H = 30; // digit height, px (10.5 pt at 200 dpi)

function page(): Binary {
  return { width: 600, height: 100, data: new Uint8Array(600 * 100) };
}
function rect(b: Binary, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) b.data.fill(1, y * b.width + x0, y * b.width + x1 + 1);
}
/** A digit-like glyph 16 px wide, H tall, top at y = 20. */
const digit = (b: Binary, x: number) => rect(b, x, 20, x + 15, 20 + H - 1);
/** A 3×3 decimal point on the baseline. */
const point = (b: Binary, x: number) => rect(b, x, 20 + H - 3, x + 2, 20 + H - 1);
const line = { x0: 0, y0: 20, x1: 599, y1: 20 + H - 1 };

describe('splitAtWideGaps', () => {
  it('leaves one number whole: digits 4 px apart and a decimal point (7730.28)', () => {
    const b = page();
    for (const x of [100, 120, 140, 160]) digit(b, x);
    point(b, 180);
    for (const x of [188, 208]) digit(b, x);
    expect(splitAtWideGaps(b, line, SHAPE)).toEqual([line]);
  });

  it('cuts two columns’ values run together (「0」 … 「8」, the rule between lost)', () => {
    const b = page();
    digit(b, 100);
    digit(b, 250);
    expect(splitAtWideGaps(b, line, SHAPE)).toEqual([
      { x0: 100, y0: 20, x1: 115, y1: 49 },
      { x0: 250, y0: 20, x1: 265, y1: 49 },
    ]);
  });

  it('keeps a sign and a point with their own number, not the neighbour’s', () => {
    const b = page();
    rect(b, 90, 33, 97, 35); // a minus before 4.5
    digit(b, 100);
    point(b, 119);
    digit(b, 125);
    digit(b, 300);
    const parts = splitAtWideGaps(b, line, SHAPE);
    expect(parts.map((p) => [p.x0, p.x1])).toEqual([
      [90, 140],
      [300, 315],
    ]);
  });

  it('leaves out the stub of a lost rule standing on the rule below (1 | 0 read as 110)', () => {
    const b = page();
    digit(b, 100);
    rect(b, 200, 32, 202, 20 + H - 1); // 18 px of the rule's foot, between the two values
    digit(b, 300);
    const parts = splitAtWideGaps(b, line, SHAPE);
    expect(parts.map((p) => [p.x0, p.x1])).toEqual([
      [100, 115],
      [300, 315],
    ]);
  });

  it('reads one number beside taller ink as the line it is, not the taller ink alone', () => {
    const b = page();
    digit(b, 100);
    rect(b, 250, 5, 252, 80); // a stub as tall as the cell
    const tall = { x0: 0, y0: 5, x1: 599, y1: 80 };
    expect(splitAtWideGaps(b, tall, SHAPE)).toEqual([tall]);
  });
});
