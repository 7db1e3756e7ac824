// The cell-reading pass: PP-OCR's and tesseract's digits-only reads of a number cell settle it when
// they agree and fit the ink; chi_sim reads the rest, and only the rest. Pass 2: PP-OCR alone.
import { describe, expect, it } from 'vitest';
import type { RecognizeResult } from 'tesseract.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';
import { enginesSettle, readNumberCells, secondSettles } from '../extractors/ocr/cell-pass.js';
import type { PageContext } from '../extractors/ocr/context.js';
import type { PixelBox } from '../extractors/ocr/grid.js';
import type { Binary } from '../extractors/ocr/image.js';
import type { PaddleRead, PaddleRecognizer } from '../extractors/ocr/paddle.js';
import type { OcrPool } from '../extractors/ocr/pool.js';

const W = 400;
const H = 60;
function fill(b: Binary, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y <= y1; y++) b.data.fill(1, y * W + x0, y * W + x1 + 1);
}
/** A sheet with two digit-like glyphs (20×34 outlines) at x = 100 and 124. */
function twoDigits(): Binary {
  const b = { width: W, height: H, data: new Uint8Array(W * H) };
  for (const x of [100, 124]) {
    fill(b, x, 10, x + 19, 12);
    fill(b, x, 41, x + 19, 43);
    fill(b, x, 10, x + 2, 43);
    fill(b, x + 17, 10, x + 19, 43);
  }
  return b;
}
const box: PixelBox = { x0: 100, y0: 10, x1: 143, y1: 43 };
const paddle = (text: string, confidence: number): PaddleRead => ({
  text,
  confidence,
  chars: Array.from(text).map((c) => ({ text: c, confidence })),
});

/** A pool whose every tesseract call reads `text` as one word, counting the calls. */
function fakePool(text: string): OcrPool & { calls: number } {
  const pool = {
    calls: 0,
    recognize: async () => {
      pool.calls++;
      const bbox = { x0: 16, y0: 16, x1: 60, y1: 50 };
      const word = { text, confidence: 96, bbox, symbols: Array.from(text).map((t) => ({ text: t, confidence: 96 })) };
      const blocks = [{ paragraphs: [{ lines: [{ confidence: 96, bbox, words: [word] }] }] }];
      return { data: { blocks } } as unknown as RecognizeResult;
    },
  };
  return pool as unknown as OcrPool & { calls: number };
}
function ctxOf(second: PaddleRead, tesseract: string, cellPass = 1): PageContext & { pool: { calls: number } } {
  const reader = { read: async (_: Binary, boxes: PixelBox[]) => boxes.map(() => second) };
  return {
    page: 1,
    pool: fakePool(tesseract),
    bin: twoDigits(),
    dpi: 300,
    second: reader as unknown as PaddleRecognizer,
    settings: { ...DEFAULT_OCR_SETTINGS, cellPass },
  };
}

describe('OCR cell pass', () => {
  it('takes a number two engines read alike when it fits the ink', () => {
    const ctx = ctxOf(paddle('27', 60), '');
    const digits = (text: string) => ({ text, confidence: 90 });
    expect(enginesSettle(ctx, box, paddle('27', 60), digits('27'))).toMatchObject({ text: '27', confidence: 90 });
    expect(enginesSettle(ctx, box, paddle('27', 99), digits('28'))).toBeNull();
    // Both read three digits where the ink shows two.
    expect(enginesSettle(ctx, box, paddle('127', 99), digits('127'))).toBeNull();
  });

  it('asks chi_sim nothing about a number PP-OCR and the digits-only read settle', async () => {
    const ctx = ctxOf(paddle('27', 99), '27');
    expect(await readNumberCells(ctx, [box])).toMatchObject([{ text: '27', confidence: 90 }]);
    // The digits-only mosaic only.
    expect(ctx.pool.calls).toBe(1);
  });

  it('reads a number the engines disagree on with chi_sim too, and it stays flagged', async () => {
    // PP-OCR reads 3 digits (does not fit); tesseract reads 28 twice: the engines disagree, doubtful.
    const other = ctxOf(paddle('271', 99), '28');
    const [run] = await readNumberCells(other, [box]);
    expect(run.confidence).toBeLessThan(DEFAULT_OCR_SETTINGS.doubtfulBelow);
    // digits-only mosaic, chi_sim mosaic, then the re-read alone (two calls).
    expect(other.pool.calls).toBe(4);
  });

  it('pass 2 takes PP-OCR’s read alone when every character is confident and it fits the ink', async () => {
    const ctx = ctxOf(paddle('27', 99), '', 2);
    expect(secondSettles(ctx, box, paddle('27', 99))).toMatchObject({ text: '27', confidence: 85 });
    // The ink shows two digits, not three; a sign the ink does not show; a doubtful character.
    expect(secondSettles(ctx, box, paddle('127', 99))).toBeNull();
    expect(secondSettles(ctx, box, paddle('-27', 99))).toBeNull();
    expect(secondSettles(ctx, box, paddle('27', DEFAULT_OCR_SETTINGS.cellPassMinConfidence - 1))).toBeNull();
    expect(secondSettles(ctx, box, paddle('', 0))).toBeNull();
    expect(secondSettles(ctx, box, paddle('2A', 99))).toBeNull();
    expect(await readNumberCells(ctx, [box])).toMatchObject([{ text: '27', confidence: 85 }]);
    expect(ctx.pool.calls).toBe(0);
    // Unsure: both tesseract reads, which agree with it and the ink.
    const unsure = ctxOf(paddle('27', 80), '27', 2);
    expect(await readNumberCells(unsure, [box])).toMatchObject([{ text: '27', confidence: 96 }]);
    expect(unsure.pool.calls).toBe(2);
  });

  it('with the pass off, reads every number three ways as before', async () => {
    const ctx = ctxOf(paddle('27', 99), '27', 0);
    expect(await readNumberCells(ctx, [box])).toMatchObject([{ text: '27', confidence: 96 }]);
    expect(ctx.pool.calls).toBe(2);
  });
});
