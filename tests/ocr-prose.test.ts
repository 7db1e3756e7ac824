// The title block of the first OCR'd page (extractors/ocr/prose.ts): which line bands PP-OCR reads too.
import { describe, expect, it } from 'vitest';
import { titleBlockBands } from '../extractors/ocr/prose.js';
import type { OcrLine } from '../extractors/ocr/recognize.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';

const band = (y0: number, h: number) => ({ x0: 100, y0, x1: 1500, y1: y0 + h - 1 });
const read = (...texts: string[]): OcrLine[] =>
  texts.map((text) => ({
    words: [{ text, box: band(0, 10), confidence: 95, minSymbolConfidence: 95 }],
    box: band(0, 10),
    confidence: 95,
  }));

describe('titleBlockBands', () => {
  it('takes one-line bands from the top, not a tall band of several lines, up to the first numbered heading', () => {
    const boxes = [
      band(180, 31),
      band(368, 107),
      band(493, 197),
      band(766, 58),
      band(935, 46),
      ...[1031, 1131, 1231, 1331].map((y) => band(y, 47)),
    ];
    const reads = [
      read('2023/312 10:41 临江市住建局2022年政府信息公开工作年度报告'),
      read('索引号:113301'),
      read('名称:', '年度报告'),
      read('临江市住建局2022年政府信息公开工作年度报告'),
      read('一、总体情况'),
      ...[0, 1, 2, 3].map(() => read('2022年,临江市住建局坚持以习近平')),
    ];
    // Median band height 47: 107 is over 2 × 47 (ocr.proseSecondMaxHeight); 197 is two lines.
    expect(titleBlockBands(boxes, reads, DEFAULT_OCR_SETTINGS)).toEqual([0, 3]);
  });

  it('stops after ocr.proseSecondLines (6) bands when no heading is read', () => {
    const boxes = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => band(100 * k, 50));
    const reads = boxes.map(() => read('临江市住建局'));
    expect(titleBlockBands(boxes, reads, DEFAULT_OCR_SETTINGS)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(titleBlockBands(boxes, reads, { ...DEFAULT_OCR_SETTINGS, proseSecondLines: 2 })).toEqual([0, 1]);
  });
});
