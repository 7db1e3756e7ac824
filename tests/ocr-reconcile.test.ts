// Two readings of a title-block line (extractors/ocr/reconcile.ts): tesseract's words and PP-OCR's
// characters aligned; a differing character decided by the rest of the page, then by confidence;
// every word they disagree on held at ocr.proseDisagreeConfidence (50).
import { describe, expect, it } from 'vitest';
import { align, attested, reconcileLine } from '../extractors/ocr/reconcile.js';
import type { PaddleRead } from '../extractors/ocr/paddle.js';
import type { OcrLine, OcrWord } from '../extractors/ocr/recognize.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';

/** A tesseract word: each character at confidence 99 but those given in `low` (index → confidence). */
function word(text: string, x0: number, low: Record<number, number> = {}): OcrWord {
  const glyphConfidences = Array.from(text).map((_, i) => low[i] ?? 99);
  const min = Math.min(...glyphConfidences);
  return {
    text,
    box: { x0, y0: 0, x1: x0 + 10 * text.length, y1: 20 },
    confidence: min,
    minSymbolConfidence: min,
    glyphConfidences,
  };
}
const lineOf = (...words: OcrWord[]): OcrLine => ({ words, box: { x0: 0, y0: 0, x1: 500, y1: 20 }, confidence: 95 });
/** PP-OCR's reading: each character at 98 but those given in `low`. */
function paddle(text: string, low: Record<number, number> = {}): PaddleRead {
  const chars = Array.from(text.replace(/\s/g, '')).map((c, i) => ({ text: c, confidence: low[i] ?? 98 }));
  return { text, confidence: Math.min(...chars.map((c) => c.confidence)), chars };
}

const BODY =
  '2021年,临江市人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导\n2021年,临江市人民政府办公室坚持以公开为常态';

describe('align', () => {
  it('gives the edit script in reading order', () => {
    expect(align(['恋', '江', '市'], ['临', '江', '市']).map((o) => o.kind)).toEqual(['substitute', 'same', 'same']);
    expect(align(['工', '作'], ['工', '.', '作'])).toEqual([
      { kind: 'same', t: 0, p: 0 },
      { kind: 'insert', t: 1, p: 1 },
      { kind: 'same', t: 1, p: 2 },
    ]);
    expect(align(['a', 'b'], ['b'])).toEqual([
      { kind: 'delete', t: 0, p: 0 },
      { kind: 'same', t: 1, p: 0 },
    ]);
  });
});

describe('attested', () => {
  it('is the longest stretch around a character that the page prints', () => {
    const seq = Array.from('临江市人民政府办公室2021年');
    // 「临江市人民政府办公室」: the body prints it followed by 「坚」, not by 「2021年」.
    expect(attested(seq, 0, BODY)).toBe(10);
    expect(attested(seq, 12, BODY)).toBe(5); // 「2021年」
    expect(attested(Array.from('恋江市人民'), 0, BODY)).toBe(0);
  });
});

describe('reconcileLine', () => {
  it('keeps the character the rest of the page prints around it (临, not 恋), and flags the word', () => {
    const t = lineOf(word('恋江市人民政府办公室2021年政府信息公开工作年度报告', 0, { 0: 92 }));
    const r = reconcileLine(
      t,
      paddle('临江市人民政府办公室2021年政府信息公开工作年度报告', { 0: 60 }),
      BODY,
      DEFAULT_OCR_SETTINGS,
    );
    expect(r.line.words.map((w) => w.text)).toEqual(['临江市人民政府办公室2021年政府信息公开工作年度报告']);
    expect(r.decisions).toEqual([{ tesseract: '恋', paddle: '临', kept: '临', by: 'page' }]);
    expect(r.disagreements).toBe(1);
    expect([r.line.words[0].confidence, r.line.words[0].minSymbolConfidence]).toEqual([50, 50]);
  });

  it('decides by confidence where the page does not tell (a header date: 「312」 / 「3/2」)', () => {
    const t = lineOf(word('2023/312', 0, { 6: 92 }), word('10:41', 100), word('临江市住建局', 200));
    const r = reconcileLine(t, paddle('2023/3/2 10:41临江市住建局'), BODY, DEFAULT_OCR_SETTINGS);
    expect(r.line.words.map((w) => w.text)).toEqual(['2023/3/2', '10:41', '临江市住建局']);
    expect(r.decisions).toEqual([{ tesseract: '1', paddle: '/', kept: '/', by: 'confidence' }]);
    // Only the word they disagree on is held low.
    expect(r.line.words.map((w) => w.minSymbolConfidence)).toEqual([50, 99, 99]);
    // PP-OCR less sure than tesseract: tesseract's stays (still flagged).
    const unsure = reconcileLine(t, paddle('2023/3/2 10:41临江市住建局', { 6: 80 }), BODY, DEFAULT_OCR_SETTINGS);
    expect(unsure.line.words[0].text).toBe('2023/312');
    expect(unsure.line.words[0].minSymbolConfidence).toBe(50);
  });

  it('agreement (full-width and ASCII punctuation alike, PP-OCR’s spaces ignored) changes nothing', () => {
    const t = lineOf(word('2021年,临江市', 0));
    const r = reconcileLine(t, paddle('2021年， 临江市'), BODY, DEFAULT_OCR_SETTINGS);
    expect(r).toEqual({ line: t, disagreements: 0, decisions: [] });
  });

  it('an extra character in one reading is not decided, but its word is flagged', () => {
    const t = lineOf(word('临江市城东街道办事处2023年', 0), word('政府信息公开工作年度报告', 200));
    const r = reconcileLine(
      t,
      paddle('临江市城东街道办事处2023年政府信息公开工.作年度报告', { 26: 33 }),
      BODY,
      DEFAULT_OCR_SETTINGS,
    );
    expect(r.line.words.map((w) => [w.text, w.minSymbolConfidence])).toEqual([
      ['临江市城东街道办事处2023年', 99],
      ['政府信息公开工作年度报告', 50],
    ]);
    expect([r.disagreements, r.decisions.length]).toEqual([1, 0]);
  });

  it('readings too far apart (ocr.proseSecondMaxDiffer, 0.3) are not merged; the whole line is flagged', () => {
    const t = lineOf(word('索引号:113301', 0), word('发布机构:临江市', 200));
    const r = reconcileLine(t, paddle('o', { 0: 10 }), BODY, DEFAULT_OCR_SETTINGS);
    expect(r.line.words.map((w) => [w.text, w.minSymbolConfidence])).toEqual([
      ['索引号:113301', 50],
      ['发布机构:临江市', 50],
    ]);
    expect(r.decisions).toEqual([]);
  });
});
