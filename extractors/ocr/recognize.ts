// Calls into tesseract for one region, and the shape of what comes back.
import type { RecognizeResult } from 'tesseract.js';
import { encodeBinaryPgm, type Binary } from './image.js';
import type { PixelBox } from './grid.js';
import type { OcrPool } from './pool.js';

export interface OcrWord {
  text: string;
  box: PixelBox;
  confidence: number;
  /** Lowest per-glyph confidence in the word. */
  minSymbolConfidence: number;
  /** Each glyph's confidence, when the glyphs spell the word's text one character each. */
  glyphConfidences?: number[];
}

export interface OcrLine {
  words: OcrWord[];
  box: PixelBox;
  confidence: number;
}

/** Page segmentation modes we use (tesseract's numbering). */
export const PSM = { block: '6', line: '7', sparse: '11' } as const;

/**
 * chi_sim (which also knows digits and Latin) over a binary region, with a white margin of
 * `margin` pixels (`regionMarginPx`); lines and words in image pixels.
 */
export async function readRegion(
  pool: OcrPool,
  bin: Binary,
  box: PixelBox,
  psm: string,
  page: number,
  margin: number,
): Promise<OcrLine[]> {
  const img = encodeBinaryPgm(bin, box.x0, box.y0, box.x1 + 1, box.y1 + 1, margin);
  const res = await pool.recognize(img, { tessedit_pageseg_mode: psm }, { text: false, blocks: true }, page);
  return linesOfResult(res, box.x0 - margin, box.y0 - margin);
}

export interface NumberRead {
  text: string;
  confidence: number;
  minSymbolConfidence: number;
}

/**
 * Digits only (with sign, decimal point and thousands comma), one line. From the cleaned binary:
 * on small noisy grey crops tesseract's own thresholding drops digits (measured: 27 → 2).
 */
export async function readNumber(
  pool: OcrPool,
  bin: Binary,
  box: PixelBox,
  page: number,
  margin: number,
): Promise<NumberRead> {
  const img = encodeBinaryPgm(bin, box.x0, box.y0, box.x1 + 1, box.y1 + 1, margin);
  const res = await pool.recognize(
    img,
    { tessedit_pageseg_mode: PSM.line, tessedit_char_whitelist: '0123456789.,-' },
    { text: false, blocks: true },
    page,
  );
  const words = linesOfResult(res, 0, 0).flatMap((l) => l.words);
  if (!words.length) return { text: '', confidence: 0, minSymbolConfidence: 0 };
  return {
    text: words.map((w) => w.text).join(''),
    confidence: Math.min(...words.map((w) => w.confidence)),
    minSymbolConfidence: Math.min(...words.map((w) => w.minSymbolConfidence)),
  };
}

interface TBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TSymbol {
  text: string;
  confidence: number;
}
interface TWord {
  text: string;
  confidence: number;
  bbox: TBox;
  symbols?: TSymbol[];
}
interface TLine {
  confidence: number;
  bbox: TBox;
  words: TWord[];
}

export function linesOfResult(res: RecognizeResult, dx: number, dy: number): OcrLine[] {
  const shift = (b: TBox): PixelBox => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 - 1 + dx, y1: b.y1 - 1 + dy });
  const blocks = (res.data.blocks ?? []) as unknown as Array<{ paragraphs: Array<{ lines: TLine[] }> }>;
  const out: OcrLine[] = [];
  for (const block of blocks) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        const words = line.words
          .filter((w) => w.text.trim())
          .map((w): OcrWord => {
            const text = w.text.trim();
            const glyphs = w.symbols ?? [];
            const perChar = glyphs.length === Array.from(text).length && glyphs.map((g) => g.text).join('') === text;
            return {
              text,
              box: shift(w.bbox),
              confidence: w.confidence,
              minSymbolConfidence: glyphs.length ? Math.min(...glyphs.map((s) => s.confidence)) : w.confidence,
              ...(perChar ? { glyphConfidences: glyphs.map((g) => g.confidence) } : {}),
            };
          });
        if (words.length) out.push({ words, box: shift(line.bbox), confidence: line.confidence });
      }
    }
  }
  return out;
}
