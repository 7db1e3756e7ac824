// How a number read by OCR is trusted or flagged: two reads and the ink must agree.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';
import type { PageContext } from '../extractors/ocr/context.js';
import type { PixelBox } from '../extractors/ocr/grid.js';
import type { Binary } from '../extractors/ocr/image.js';
import { judgeNumber, normalizeDigits, numberInk, OCR_DOUBTFUL_BELOW } from '../extractors/ocr/numbers.js';
import type { OcrPool } from '../extractors/ocr/pool.js';

const W = 400;
const H = 60;
function sheet(): Binary {
  return { width: W, height: H, data: new Uint8Array(W * H) };
}
function fill(b: Binary, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) b.data.fill(1, y * W + x0, y * W + x1 + 1);
}
/** A digit-like glyph: a 20×34 outline (3 px strokes) with its top-left corner at x. */
function digit(b: Binary, x: number): void {
  fill(b, x, 10, x + 19, 12);
  fill(b, x, 41, x + 19, 43);
  fill(b, x, 10, x + 2, 43);
  fill(b, x + 17, 10, x + 19, 43);
}
/** A slash: a 3 px wide stroke from bottom-left to top-right, 34 px tall. */
function slash(b: Binary, x: number): void {
  for (let y = 10; y <= 43; y++) {
    const cx = x + Math.round(((43 - y) * 14) / 33);
    fill(b, cx, y, cx + 2, y);
  }
}
const ctxOf = (bin: Binary): PageContext => ({
  page: 1,
  pool: null as unknown as OcrPool,
  bin,
  dpi: 300,
  second: null,
  settings: DEFAULT_OCR_SETTINGS,
});
const box = (x0: number, x1: number): PixelBox => ({ x0, y0: 10, x1, y1: 43 });
const read = (text: string, confidence = 95) => ({ text, confidence });

describe('OCR numbers', () => {
  it('normalises what readers return for digits', () => {
    expect(normalizeDigits('１ ２３')).toBe('123');
    expect(normalizeDigits('一1')).toBe('-1');
    expect(normalizeDigits('o')).toBe('0');
    expect(normalizeDigits('＋3')).toBe('+3');
  });

  it('counts digits, signs and a slash from the ink alone', () => {
    const b = sheet();
    digit(b, 100);
    digit(b, 124);
    fill(b, 70, 25, 89, 27); // a minus: short, thin, centred
    expect(numberInk(ctxOf(b), box(70, 143))).toEqual({ glyphs: 2, sign: '-', slash: false });
    const p = sheet();
    fill(p, 70, 26, 87, 28); // a plus: centred, about half the digit height
    fill(p, 77, 19, 79, 35);
    digit(p, 100);
    expect(numberInk(ctxOf(p), box(70, 119))).toMatchObject({ glyphs: 1, sign: '+' });
    const s = sheet();
    slash(s, 100);
    expect(numberInk(ctxOf(s), box(100, 116))).toEqual({ glyphs: 1, sign: null, slash: true });
    // Two digits that touch count as two.
    const t = sheet();
    digit(t, 100);
    digit(t, 119);
    expect(numberInk(ctxOf(t), box(100, 138)).glyphs).toBe(2);
  });

  it('trusts a number only when both reads and the ink agree', () => {
    const b = sheet();
    digit(b, 100);
    digit(b, 124);
    const ctx = ctxOf(b);
    const ok = judgeNumber(ctx, box(100, 143), read('27', 70), read('27', 60));
    expect(ok).toMatchObject({ text: '27', confidence: 85 });
    // Reads agree but the ink shows two digits, not three.
    const wrongCount = judgeNumber(ctx, box(100, 143), read('127'), read('127'));
    expect(wrongCount.confidence).toBeLessThan(OCR_DOUBTFUL_BELOW);
    // Reads disagree: doubtful, and the read that fits the ink is kept.
    const split = judgeNumber(ctx, box(100, 143), read('2'), read('27'));
    expect(split).toMatchObject({ text: '27' });
    expect(split.confidence).toBeLessThan(OCR_DOUBTFUL_BELOW);
  });

  it('keeps the second engine’s number, flagged, when neither tesseract read is a number', () => {
    const b = sheet();
    digit(b, 100);
    const ctx = ctxOf(b);
    // A thin 「1」 read as 「目」 and as nothing; PP-OCR reads 1, one glyph as the ink shows.
    expect(judgeNumber(ctx, box(100, 119), read(''), read('目'), read('1'))).toMatchObject({
      text: '1',
      confidence: 40,
    });
    // PP-OCR's read does not fit the ink (two digits): the word stays, no number.
    expect(judgeNumber(ctx, box(100, 119), read(''), read('目'), read('11'))).toMatchObject({
      text: '目',
      confidence: 25,
    });
    // One tesseract read is a number: the reads disagree as before, PP-OCR does not decide alone.
    expect(judgeNumber(ctx, box(100, 119), read('7'), read('目'), read('1'))).toMatchObject({
      text: '7',
      confidence: 25,
    });
  });

  it('keeps the sign the ink shows, and reads a leaning lone glyph as 「/」, flagged', () => {
    const p = sheet();
    fill(p, 70, 26, 87, 28);
    fill(p, 77, 19, 79, 35);
    digit(p, 100);
    const plus = judgeNumber(ctxOf(p), box(70, 119), read('43'), read('+3'));
    expect(plus.text).toBe('+3');
    expect(plus.confidence).toBeLessThan(OCR_DOUBTFUL_BELOW);
    const s = sheet();
    slash(s, 100);
    const sl = judgeNumber(ctxOf(s), box(100, 116), read('1'), read('1'));
    expect(sl).toMatchObject({ text: '/', confidence: 50 });
    expect(judgeNumber(ctxOf(s), box(100, 116), read('/'), read('/'))).toMatchObject({ text: '/', confidence: 95 });
  });
});
