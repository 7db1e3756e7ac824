// Numbers must be exact or flagged. A number is read twice — chi_sim unconstrained, and a
// digits-only read — and the count of printed digit glyphs is measured from the ink. Only when
// all three agree is it trusted.
import type { PageContext, PixelRun } from './context.js';
import type { PixelBox } from './grid.js';
import { colProfile, glyphColumns, inkBounds, spans } from './ink.js';
import { readNumber, readRegion, PSM, type OcrLine } from './recognize.js';
import { DEFAULT_OCR_SETTINGS } from '../settings.js';

/** Confidence below this means "do not trust this value" by default (`doubtfulBelow`; the core turns it into a warning). */
export const OCR_DOUBTFUL_BELOW = DEFAULT_OCR_SETTINGS.doubtfulBelow;

/**
 * The confidence scale of a number run (0–100; README "Confidence of a number run"): what each
 * combination of evidence is worth. Not tolerances — the levels the judgement assigns; the
 * threshold they are compared with is the setting `doubtfulBelow`.
 */
export const CONFIDENCE = {
  /** The two tesseract reads disagree, and nothing settles it. */
  readsDisagree: 25,
  /** Tesseract's reads agree with each other but not with the ink. */
  inkDisagrees: 40,
  /** Tesseract's reads and the ink agree, PP-OCR reads another number. */
  enginesDisagree: 45,
  /** Agreement of tesseract's reads and the ink, without a second engine (the least it gets). */
  agreed: 85,
  /** Agreement of both engines and the ink (the least it gets). */
  enginesAgree: 90,
  /** The cell pass: PP-OCR alone, every character at least `cellPassMinConfidence`, and the ink agree. */
  secondFitsInk: 85,
  /** A leaning glyph read as 「/」, a reader saw the slash too. */
  slashSeen: 70,
  /** A leaning glyph read as 「/」 by its shape alone. */
  slashShape: 50,
  /** Neither tesseract read is a number at all (「1」 read as 「目」 or nothing); PP-OCR's is, and fits the ink: its number, doubtful (one engine). */
  secondOnly: 40,
  /** A re-read majority that PP-OCR contradicts: at most this (two engines that disagree stay doubtful). */
  retryCapped: 55,
  /** What a re-read majority adds to the first judgement before that cap. */
  retryBonus: 20,
} as const;

/** Characters a digits-only read may produce. */
export const DIGIT_WHITELIST = '0123456789.,+-/';

const NUMERIC = /^[-+]?[\d,.]*\d[\d,.]*%?$/;
/** Letters a lone digit is mistaken for in text: o/O/〇 for 0 (the same shape). */
export const DIGIT_LOOKALIKE = /^[oO〇]$/;

/** What a printed 「/」 (no value) reads as. */
const SLASH = /^\/$/;

export function looksNumeric(text: string): boolean {
  return NUMERIC.test(normalizeDigits(text));
}

const isValue = (s: string) => NUMERIC.test(s) || SLASH.test(s);

/** Full-width digits and punctuation as ASCII; spaces dropped (numbers are never spaced). */
export function normalizeDigits(text: string): string {
  return (
    (DIGIT_LOOKALIKE.test(text.trim()) ? '0' : text)
      .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
      .replace(/[，]/g, ',')
      .replace(/[．。]/g, '.')
      .replace(/[－—–]/g, '-')
      .replace(/＋/g, '+')
      .replace(/／/g, '/')
      // chi_sim reads a minus sign before digits as 一 (one).
      .replace(/^一(?=\d)/, '-')
      .replace(/\s+/g, '')
  );
}

/** Glyphs that stand full height in a number: digits, and a lone 「/」. */
const tallCount = (s: string) => (s.match(/[\d/]/g) ?? []).length;

/**
 * Lean of a glyph: how far right the ink of its top quarter sits of the ink of its bottom quarter,
 * as a share of its height. measured on the samples: 「/」 0.19–0.20, 7 0.10–0.13, other digits within ±0.08.
 */
export function glyphLean(ctx: PageContext, g: PixelBox): number {
  const h = g.y1 - g.y0 + 1;
  const band = Math.max(1, Math.floor(h / 4));
  const cx = (y0: number, y1: number) => {
    let sum = 0;
    let n = 0;
    for (let y = y0; y <= y1; y++) {
      for (let x = g.x0; x <= g.x1; x++) {
        if (ctx.bin.data[y * ctx.bin.width + x]) {
          sum += x;
          n++;
        }
      }
    }
    return n ? sum / n : (g.x0 + g.x1) / 2;
  };
  return (cx(g.y0, g.y0 + band - 1) - cx(g.y1 - band + 1, g.y1)) / h;
}

/** A lone glyph that leans like 「/」 by default (`slashLean`). */
export const SLASH_LEAN = DEFAULT_OCR_SETTINGS.slashLean;

export interface NumberInk {
  /** Digits (and 「/」) the ink shows. */
  glyphs: number;
  /** A leading sign seen in the ink: a short glyph centred on the line before the digits. */
  sign: '+' | '-' | null;
  /** The only glyph is a slash 「/」 (a cell printed with no value). */
  slash: boolean;
}

/**
 * What the ink of a number shows, independent of any recogniser: how many digits (one per glyph
 * column, more for a column as wide as several — digits touch at low resolution; a digit is about
 * 0.6 as wide as tall), and whether a sign stands in front.
 */
export function numberInk(ctx: PageContext, box: PixelBox): NumberInk {
  const s = ctx.settings;
  const lineH = box.y1 - box.y0 + 1;
  const groups = spans(colProfile(ctx.bin, box), 1, 1)
    .map(([a, b]) => inkBounds(ctx.bin, { x0: box.x0 + a, y0: box.y0, x1: box.x0 + b, y1: box.y1 }))
    .filter((g): g is PixelBox => g !== null);
  let sign: NumberInk['sign'] = null;
  const first = groups[0];
  if (first && groups.length > 1) {
    const h = first.y1 - first.y0 + 1;
    const centred = first.y0 - box.y0 > s.signMargin * lineH && box.y1 - first.y1 > s.signMargin * lineH;
    if (centred && h <= s.signMaxHeight * lineH) {
      sign = h < s.minusMaxHeight * lineH ? '-' : '+';
      groups.shift();
    }
  }
  const tall = groups.filter((g) => g.y1 - g.y0 + 1 >= s.tallGlyphShare * lineH);
  const slash = sign === null && tall.length === 1 && groups.length === 1 && glyphLean(ctx, tall[0]) >= s.slashLean;
  let glyphs = 0;
  for (const g of groups) {
    const w = g.x1 - g.x0 + 1;
    const h = g.y1 - g.y0 + 1;
    if (h < s.tallGlyphShare * lineH) continue; // decimal point, comma
    glyphs += Math.max(1, Math.round(w / (s.digitAspect * h)));
  }
  return { glyphs, sign, slash };
}

/**
 * Is this one-line ink box shaped like a number? Every glyph column narrower than tall (CJK
 * glyphs are square), and there is at least one.
 */
export function numberShaped(ctx: PageContext, line: PixelBox): boolean {
  const s = ctx.settings;
  const h = line.y1 - line.y0 + 1;
  if (h > ctx.dpi * s.numberMaxHeightIn) return false;
  const cols = glyphColumns(ctx.bin, line, s.tallGlyphShare);
  if (!cols.length || cols.length > s.numberMaxGlyphs) return false;
  return cols.every((c) => c.x1 - c.x0 + 1 <= s.numberGlyphAspect * (c.y1 - c.y0 + 1));
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

/** Does a normalised read fit what the ink shows (digit count, sign, a lone slash)? */
export function fitsInk(t: string, ink: NumberInk): boolean {
  return (
    isValue(t) &&
    tallCount(t) === ink.glyphs &&
    (ink.sign === null ? !/^[-+]/.test(t) : t.startsWith(ink.sign)) &&
    (t === '/') === ink.slash
  );
}

/**
 * Decide a number from its reads and its ink: tesseract's digits-only and chi_sim reads, and,
 * when the second engine is available, PP-OCR's read (`second`, null when it is not).
 * - both tesseract reads, the ink and the second engine agree: ≥ 90;
 * - the two tesseract reads agree with the ink but the second engine reads otherwise: 45 (doubtful:
 *   read again; tesseract's own confidence is 93–99 on wrong digits, so this is the catch);
 * - the tesseract reads disagree, but the second engine and one of them agree and fit the ink: 85
 *   (two independent engines plus the glyph count);
 * - neither tesseract read is a number, the second engine's is and fits the ink: its number at 40
 *   (doubtful: one engine);
 * - without a second engine: as before (≥ 85 on agreement with the ink, ≤ 40 / ≤ 25 otherwise).
 */
export function judgeNumber(
  ctx: PageContext,
  box: PixelBox,
  digits: Read,
  chi: Read,
  second: Read | null = null,
): PixelRun {
  const ink = numberInk(ctx, box);
  const fits = (t: string) => fitsInk(t, ink);
  const a = normalizeDigits(digits.text);
  const b = normalizeDigits(chi.text);
  const p = second ? normalizeDigits(second.text) : null;
  const agree = a !== '' && a === b && isValue(a);
  let confidence = Math.max(digits.confidence, chi.confidence);
  let text = fits(a) ? a : fits(b) ? b : a || b;
  // Agreement of two reads and the ink is strong evidence; any disagreement is a doubt.
  if (!agree) confidence = Math.min(confidence, CONFIDENCE.readsDisagree);
  else if (!fits(a)) confidence = Math.min(confidence, CONFIDENCE.inkDisagrees);
  else if (p !== null && p !== a) confidence = CONFIDENCE.enginesDisagree;
  else confidence = Math.max(confidence, p !== null ? CONFIDENCE.enginesAgree : CONFIDENCE.agreed);
  if (!agree && p !== null && fits(p) && (p === a || p === b)) {
    text = p;
    confidence = CONFIDENCE.agreed;
  } else if (!isValue(a) && !isValue(b) && p !== null && fits(p)) {
    // A thin 「1」 or a broken 「4」 that tesseract cannot read as a digit at all: the cell keeps
    // PP-OCR's number, flagged, rather than a word that is no number.
    text = p;
    confidence = CONFIDENCE.secondOnly;
  }
  if (process.env.NIANBAO_OCR_DEBUG && confidence < ctx.settings.doubtfulBelow) {
    console.error('ocr number doubtful', JSON.stringify({ page: ctx.page, a, b, p, ink, box }));
  }
  // A lone leaning glyph that the readers took for 1, 7 or 「1/」: the cell prints 「/」. The
  // shape is the evidence, so it stays flagged unless a reader saw the slash too.
  if (ink.slash && !fits(text)) {
    text = '/';
    confidence = /\//.test(a + b + (p ?? '')) ? CONFIDENCE.slashSeen : CONFIDENCE.slashShape;
  }
  return { text, box, confidence: Math.round(confidence), linePx: box.y1 - box.y0 + 1 };
}

/**
 * Second opinion for a doubtful number: the box read alone by both tesseract readers, and a vote
 * over all four tesseract reads. Three matching reads that fit the ink are trusted — unless the
 * second engine (`second`) read something else, which keeps the number doubtful (≤ 55): two
 * engines that disagree are never settled by one engine's majority.
 */
export async function retryNumber(
  ctx: PageContext,
  box: PixelBox,
  first: Read[],
  second: Read | null = null,
): Promise<PixelRun> {
  const margin = ctx.settings.regionMarginPx;
  const [digits, chi] = await Promise.all([
    readNumber(ctx.pool, ctx.bin, box, ctx.page, margin),
    readRegion(ctx.pool, ctx.bin, box, PSM.line, ctx.page, margin).then(readOfLines),
  ]);
  const reads = [...first, { text: digits.text, confidence: digits.minSymbolConfidence }, chi];
  const ink = numberInk(ctx, box);
  const fits = (t: string) => fitsInk(t, ink);
  const votes = new Map<string, number>();
  for (const r of reads) {
    const t = normalizeDigits(r.text);
    if (fits(t)) votes.set(t, (votes.get(t) ?? 0) + 1);
  }
  const p = second ? normalizeDigits(second.text) : null;
  const [best] = [...votes.entries()].sort((x, y) => y[1] - x[1] || (x[0] === p ? -1 : y[0] === p ? 1 : 0));
  const fallback = judgeNumber(ctx, box, reads[0], reads[1], second);
  if (!best) return fallback;
  const [text, n] = best;
  const engines = p === null || p === text;
  let confidence =
    n >= ctx.settings.retryMinVotes && engines
      ? CONFIDENCE.agreed
      : Math.min(fallback.confidence + CONFIDENCE.retryBonus, CONFIDENCE.retryCapped);
  // Two independent engines and two tesseract reads agreeing with the ink is as good as three.
  if (p === text && n >= 2) confidence = CONFIDENCE.agreed;
  if (process.env.NIANBAO_OCR_DEBUG)
    console.error('ocr number retry', JSON.stringify({ page: ctx.page, reads: reads.map((r) => r.text), p, text, n }));
  return { text, box, confidence, linePx: box.y1 - box.y0 + 1 };
}

/** Verify a number found outside ruled tables (one call per read; rare, so not batched). */
export async function readVerifiedNumber(ctx: PageContext, box: PixelBox, chi?: Read): Promise<PixelRun> {
  const margin = ctx.settings.regionMarginPx;
  const [digits, chiRead, second] = await Promise.all([
    readNumber(ctx.pool, ctx.bin, box, ctx.page, margin),
    chi ? Promise.resolve(chi) : readRegion(ctx.pool, ctx.bin, box, PSM.line, ctx.page, margin).then(readOfLines),
    ctx.second ? ctx.second.read(ctx.bin, [box], ctx.settings).then(([r]) => r) : Promise.resolve(null),
  ]);
  const reads = [{ text: digits.text, confidence: digits.minSymbolConfidence }, chiRead];
  const run = judgeNumber(ctx, box, reads[0], reads[1], second);
  return run.confidence < ctx.settings.doubtfulBelow ? retryNumber(ctx, box, reads, second) : run;
}
