// The cell-reading pass: the grid gives every number cell's ink, so the cells are cut out and read
// in one batch by PP-OCR's line recogniser alone (no detection, no layout). A read that fits the
// ink (digit count, sign, a lone 「/」) with every character confident is taken; only the rest are
// read by tesseract — chi_sim and digits-only, in mosaics — and judged and re-read as before
// (numbers.ts). Tesseract's two reads of every number cost more CPU than PP-OCR's one (README).
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
} from './numbers.js';
import type { PaddleRead } from './paddle.js';

/**
 * Given the one-line number boxes of a page's cells, return one run each (same order). With the
 * pass on (`cellPass`) and PP-OCR loaded, tesseract reads only the boxes PP-OCR's read does not
 * settle; otherwise every box is read by all three readers at once.
 */
export async function readNumberCells(ctx: PageContext, boxes: PixelBox[]): Promise<PixelRun[]> {
  if (!boxes.length) return [];
  if (!ctx.second || !ctx.settings.cellPass) return voteNumbers(ctx, boxes, null);
  const second = await ctx.second.read(ctx.bin, boxes, ctx.settings);
  const out: Array<PixelRun | null> = boxes.map((box, i) => secondSettles(ctx, box, second[i]));
  const rest = out.flatMap((run, i) => (run ? [] : [i]));
  const voted = await voteNumbers(
    ctx,
    rest.map((i) => boxes[i]),
    rest.map((i) => second[i]),
  );
  rest.forEach((i, k) => (out[i] = voted[k]));
  return out as PixelRun[];
}

/**
 * A number PP-OCR's read settles alone: it is a value, it fits the ink, and each of its characters
 * has at least `cellPassMinConfidence`. Null when tesseract must read it too.
 */
export function secondSettles(ctx: PageContext, box: PixelBox, read: PaddleRead): PixelRun | null {
  const text = normalizeDigits(read.text);
  if (!read.chars.length || read.chars.some((c) => c.confidence < ctx.settings.cellPassMinConfidence)) return null;
  if (!fitsInk(text, numberInk(ctx, box))) return null;
  return { text, box, confidence: CONFIDENCE.secondFitsInk, linePx: box.y1 - box.y0 + 1 };
}

/**
 * Tesseract's chi_sim and digits-only reads of the boxes (mosaics), judged with the ink and
 * PP-OCR's read (`second`: given, or read here alongside when null and PP-OCR is loaded); a
 * doubtful number is read again alone (retryNumber).
 */
async function voteNumbers(
  ctx: PageContext,
  boxes: PixelBox[],
  given: Array<PaddleRead | null> | null,
): Promise<PixelRun[]> {
  if (!boxes.length) return [];
  const [chi, digits, second] = await Promise.all([
    readBoxes(ctx, boxes, {}),
    readBoxes(ctx, boxes, { tessedit_char_whitelist: DIGIT_WHITELIST }),
    given ?? (ctx.second ? ctx.second.read(ctx.bin, boxes, ctx.settings) : boxes.map(() => null)),
  ]);
  const reads = boxes.map((_, i) => [readOfLines(digits[i]), readOfLines(chi[i])]);
  return Promise.all(
    boxes.map((box, i) => {
      const run = judgeNumber(ctx, box, reads[i][0], reads[i][1], second[i]);
      return run.confidence < ctx.settings.doubtfulBelow ? retryNumber(ctx, box, reads[i], second[i]) : run;
    }),
  );
}
