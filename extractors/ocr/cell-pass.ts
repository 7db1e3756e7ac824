// The cell-reading pass: the grid gives every number cell's ink, so the cells are cut out and read
// in one batch by PP-OCR's line recogniser (no detection, no layout) and, on the same crops, by
// tesseract's digits-only reader (mosaics). Where the two engines read the same number and it fits
// the ink (digit count, sign, a lone 「/」), it is taken; only the rest are read by chi_sim as well
// and judged, and re-read when doubtful, as before (numbers.ts). The chi_sim read of every number
// was the dearest of the three (measured, README). `cellPass` 2 takes a confident PP-OCR read alone.
import type { PageContext, PixelRun } from './context.js';
import type { PixelBox } from './grid.js';
import { readBoxes } from './mosaic.js';
import {
  CONFIDENCE,
  DIGIT_WHITELIST,
  fitsInk,
  judgeNumber,
  normalizeDigits,
  numberInk,
  readOfLines,
  retryNumber,
  type Read,
} from './numbers.js';
import type { PaddleRead } from './paddle.js';
import type { OcrLine } from './recognize.js';

/**
 * Given the one-line number boxes of a page's cells, return one run each (same order). `cellPass`
 * 0 (or no PP-OCR): every box read by all three readers. 1: PP-OCR and the digits-only read first,
 * chi_sim only where they do not settle it. 2: PP-OCR first, both tesseract reads only where its
 * read alone does not settle it.
 */
export async function readNumberCells(ctx: PageContext, boxes: PixelBox[]): Promise<PixelRun[]> {
  if (!boxes.length) return [];
  const mode = ctx.second ? ctx.settings.cellPass : 0;
  if (mode === 0) return voteNumbers(ctx, boxes, null, null);
  const [second, digits] = await Promise.all([
    ctx.second!.read(ctx.bin, boxes, ctx.settings),
    mode === 1 ? readBoxes(ctx, boxes, { tessedit_char_whitelist: DIGIT_WHITELIST }) : null,
  ]);
  const out: Array<PixelRun | null> = boxes.map((box, i) =>
    digits ? enginesSettle(ctx, box, second[i], readOfLines(digits[i])) : secondSettles(ctx, box, second[i]),
  );
  const rest = out.flatMap((run, i) => (run ? [] : [i]));
  const voted = await voteNumbers(
    ctx,
    rest.map((i) => boxes[i]),
    rest.map((i) => second[i]),
    digits ? rest.map((i) => digits[i]) : null,
  );
  rest.forEach((i, k) => (out[i] = voted[k]));
  return out as PixelRun[];
}

/** Two engines settle a number: PP-OCR and the digits-only read are the same value and fit the ink (90). */
export function enginesSettle(ctx: PageContext, box: PixelBox, second: PaddleRead, digits: Read): PixelRun | null {
  const text = normalizeDigits(second.text);
  if (text !== normalizeDigits(digits.text) || !fitsInk(text, numberInk(ctx, box))) return null;
  return { text, box, confidence: CONFIDENCE.enginesAgree, linePx: box.y1 - box.y0 + 1 };
}

/**
 * PP-OCR's read settles a number alone (`cellPass` 2): it fits the ink and each of its characters
 * has at least `cellPassMinConfidence` (85: one engine). Null when tesseract must read it too.
 */
export function secondSettles(ctx: PageContext, box: PixelBox, read: PaddleRead): PixelRun | null {
  const text = normalizeDigits(read.text);
  if (!read.chars.length || read.chars.some((c) => c.confidence < ctx.settings.cellPassMinConfidence)) return null;
  if (!fitsInk(text, numberInk(ctx, box))) return null;
  return { text, box, confidence: CONFIDENCE.secondFitsInk, linePx: box.y1 - box.y0 + 1 };
}

/**
 * Tesseract's chi_sim and digits-only reads of the boxes (mosaics; the digits-only read and PP-OCR's
 * when given), judged with the ink and PP-OCR's read; a doubtful number is read again alone.
 */
async function voteNumbers(
  ctx: PageContext,
  boxes: PixelBox[],
  seconds: Array<PaddleRead | null> | null,
  digitsRead: OcrLine[][] | null,
): Promise<PixelRun[]> {
  if (!boxes.length) return [];
  const [chi, digits, second] = await Promise.all([
    readBoxes(ctx, boxes, {}),
    digitsRead ?? readBoxes(ctx, boxes, { tessedit_char_whitelist: DIGIT_WHITELIST }),
    seconds ?? (ctx.second ? ctx.second.read(ctx.bin, boxes, ctx.settings) : boxes.map(() => null)),
  ]);
  const reads = boxes.map((_, i) => [readOfLines(digits[i]), readOfLines(chi[i])]);
  return Promise.all(
    boxes.map((box, i) => {
      const run = judgeNumber(ctx, box, reads[i][0], reads[i][1], second[i]);
      return run.confidence < ctx.settings.doubtfulBelow ? retryNumber(ctx, box, reads[i], second[i]) : run;
    }),
  );
}
