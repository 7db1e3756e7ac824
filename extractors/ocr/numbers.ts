// Numbers must be exact or flagged. A number is read twice — chi_sim unconstrained, and a
// digits-only read — and the count of printed digit glyphs is measured from the ink. Only when
// all three agree is it trusted.
import type { PageContext, PixelRun } from './context.js';
import type { PixelBox } from './grid.js';
import { glyphColumns } from './ink.js';
import { readNumber, readRegion, PSM, type OcrLine } from './recognize.js';

/** Confidence below this means "do not trust this value" (the core turns it into a warning). */
export const OCR_DOUBTFUL_BELOW = 60;

/** Characters a digits-only read may produce. */
export const DIGIT_WHITELIST = '0123456789.,-';

const NUMERIC = /^[-+]?[\d,.]*\d[\d,.]*%?$/;

export function looksNumeric(text: string): boolean {
  return NUMERIC.test(normalizeDigits(text));
}

/** Full-width digits and punctuation as ASCII; spaces dropped (numbers are never spaced). */
export function normalizeDigits(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[，]/g, ',')
    .replace(/[．。]/g, '.')
    .replace(/[－—–]/g, '-')
    .replace(/\s+/g, '');
}

const digitCount = (s: string) => (s.match(/\d/g) ?? []).length;

/**
 * Is this one-line ink box shaped like a number? Every glyph column narrower than tall (CJK
 * glyphs are square), and there is at least one.
 */
export function numberShaped(ctx: PageContext, line: PixelBox): boolean {
  const h = line.y1 - line.y0 + 1;
  if (h > ctx.dpi * 0.35) return false;
  const cols = glyphColumns(ctx.bin, line);
  if (!cols.length || cols.length > 16) return false;
  return cols.every((c) => c.x1 - c.x0 + 1 <= 0.8 * (c.y1 - c.y0 + 1));
}

export interface Read {
  text: string;
  /** Lowest per-glyph confidence. */
  confidence: number;
}

export function readOfLines(lines: OcrLine[]): Read {
  const words = lines.flatMap((l) => l.words);
  return {
    text: words.map((w) => w.text).join(''),
    confidence: words.length ? Math.min(...words.map((w) => w.minSymbolConfidence)) : 0,
  };
}

/** Decide a number from its two reads and its glyph count. */
export function judgeNumber(ctx: PageContext, box: PixelBox, digits: Read, chi: Read): PixelRun {
  const a = normalizeDigits(digits.text);
  const b = normalizeDigits(chi.text);
  const glyphs = glyphColumns(ctx.bin, box).length;
  const agree = a !== '' && a === b;
  const countOk = digitCount(a) === glyphs;
  let confidence = Math.max(digits.confidence, chi.confidence);
  // Agreement of two reads and the glyph count is strong evidence; any disagreement is a doubt.
  if (!agree) confidence = Math.min(confidence, 25);
  else if (!countOk) confidence = Math.min(confidence, 40);
  else confidence = Math.max(confidence, 85);
  if (process.env.NIANBAO_OCR_DEBUG && confidence < OCR_DOUBTFUL_BELOW) {
    console.error('ocr number doubtful', JSON.stringify({ page: ctx.page, a, b, glyphs, box }));
  }
  // Prefer the digits-only read; fall back to chi_sim's if it produced nothing.
  const text = a || b;
  return { text, box, confidence: Math.round(confidence), linePx: box.y1 - box.y0 + 1 };
}

/** Verify a number found inside text (one call per read; rare, so not batched). */
export async function readVerifiedNumber(ctx: PageContext, box: PixelBox, chi?: Read): Promise<PixelRun> {
  const [digits, chiRead] = await Promise.all([
    readNumber(ctx.pool, ctx.bin, box, ctx.page),
    chi ? Promise.resolve(chi) : readRegion(ctx.pool, ctx.bin, box, PSM.line, ctx.page).then(readOfLines),
  ]);
  return judgeNumber(ctx, box, { text: digits.text, confidence: digits.minSymbolConfidence }, chiRead);
}
