// One page per hard scan condition through the OCR path (the full set is in `npm run eval`): every
// number of the page's table is read exactly or flagged (confidence below LOW_CONFIDENCE); no
// confident number that the page does not print.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ocrPdfPageWithStats } from '../extractors/ocr/page.js';
import { closeOcr } from '../extractors/ocr/pool.js';
import type { CanvasFactory } from '../extractors/ocr/render.js';
import { openPdf } from '../extractors/pdf-document.js';
import { textLayerPage } from '../extractors/pdf-text.js';
import { LOW_CONFIDENCE } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const NUMBER = /^[-+]?\d[\d,]*(\.\d+)?$|^\/$/;

afterAll(async () => {
  await closeOcr();
});

/** Number tokens of a page as the text-layer source prints them. */
async function printedNumbers(source: string, page: number): Promise<string[]> {
  const doc = await openPdf(readFileSync(source), source);
  try {
    const text = await textLayerPage(await doc.getPage(page), page);
    return text.runs.map((r) => r.text.replace(/\s+/g, '')).filter((t) => NUMBER.test(t));
  } finally {
    await doc.destroy();
  }
}

function multisetMinus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

describe('OCR of hard scans (one page each)', () => {
  it(
    'phone photo (perspective, light fall-off, colour cast): keystone undone, table 三 read exactly or flagged',
    { timeout: 300_000 },
    async () => {
      const scan = path.join(root, 'samples/scanned/city-2021-ruled.phone.pdf');
      const want = await printedNumbers(path.join(root, 'samples/city-2021-ruled.pdf'), 3);
      const doc = await openPdf(readFileSync(scan), scan);
      try {
        const { page, stats } = await ocrPdfPageWithStats(await doc.getPage(3), 3, {
          canvasFactory: doc.canvasFactory as CanvasFactory,
        });
        expect(stats.keystone).toBe(true);
        expect(stats.tables).toBe(1);
        const numbers = page.runs.filter((r) => NUMBER.test(r.text));
        const sure = numbers.filter((r) => r.confidence! >= LOW_CONFIDENCE).map((r) => r.text);
        // No silent error: every confident number is one the page prints.
        expect(multisetMinus(sure, want)).toEqual([]);
        // And nearly all of them are confident.
        expect(sure.length / want.length).toBeGreaterThanOrEqual(0.95);
      } finally {
        await doc.destroy();
      }
    },
  );
});
