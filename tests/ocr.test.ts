// The OCR path end to end, offline (tesseract.js + the npm chi_sim data only): a scanned report
// and a report whose text layer is garbage come out with the expected numbers, and any number
// that is not exact is flagged.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { binarize, encodeBinaryPgm } from '../extractors/ocr/image.js';
import { textLines } from '../extractors/ocr/ink.js';
import { renderPage, type CanvasFactory } from '../extractors/ocr/render.js';
import { openPdf } from '../extractors/pdf-document.js';
import { chiSimLangPath, closeOcr, OcrPool } from '../extractors/ocr/pool.js';
import { readPdf } from '../extractors/pdf.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { buildRecord, extractReport, LOW_CONFIDENCE } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const scanned = path.join(root, 'samples/scanned');
const expectedOf = (name: string) =>
  JSON.parse(readFileSync(path.join(scanned, `${name}.expected.json`), 'utf8')) as Expected & Record<string, unknown>;

afterAll(async () => {
  await closeOcr();
});

describe('OCR path', () => {
  it('reads the 300 dpi scan (skewed, noisy JPEG) exactly', { timeout: 400_000 }, async () => {
    const file = path.join(scanned, 'city-2021-ruled.scan300.pdf');
    const record = await extractReport(file);
    expect(record.source.textSource).toBe('ocr');
    expect(record.source.ocrPages).toEqual([1, 2, 3, 4]);
    const expected = expectedOf('city-2021-ruled.scan300');
    const cmp = compareRecord(record, expected);
    expect(cmp.fields.filter((f) => !f.ok)).toEqual([]);
    expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
    // Exact values, straight from the expected record.
    expect(record.title).toBe(expected.title);
    expect(record.applications?.newReceived?.total).toBe(expected.applications.newReceived.total);
    expect(record.applications?.results?.total?.naturalPerson).toBe(expected.applications.results.total.naturalPerson);
    expect(record.reviewLitigation?.review?.total).toBe(expected.reviewLitigation.review.total);
    // OCR provenance: the page, and a confidence at or above the warning threshold.
    const p = record.provenance['applications.newReceived.total'];
    expect(p.page).toBe(3);
    expect(p.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
  });

  it(
    'detects the garbled text layer, OCRs every page, and flags every number it gets wrong',
    { timeout: 400_000 },
    async () => {
      const file = path.join(scanned, 'bureau-2021-split.garbled.pdf');
      const doc = await readPdf(readFileSync(file), { file });
      expect(doc.pageCount).toBeGreaterThan(3);
      expect(doc.ocrPages).toEqual(Array.from({ length: doc.pageCount }, (_, i) => i + 1));
      expect(doc.pages.every((p) => p.source === 'ocr' && p.runs.every((r) => r.confidence !== undefined))).toBe(true);
      // Ruling lines come back in page points, as the text path gives them.
      const rules = doc.pages[2].rules;
      expect(rules.length).toBeGreaterThan(20);
      expect(rules.every((r) => r.x0 >= 0 && r.x1 <= doc.pages[2].width && r.y1 <= doc.pages[2].height)).toBe(true);
      // The same pages through the rest of the pipeline (one OCR pass for the whole test).
      const record = buildRecord(doc, { file, sha256: '' });
      expect(record.source.ocrPages).toEqual(doc.ocrPages);
      const cmp = compareRecord(record, expectedOf('bureau-2021-split.garbled'));
      const numeric = cmp.fields.filter((f) => f.numeric);
      expect(numeric.length).toBeGreaterThan(90);
      expect(numeric.filter((f) => f.silent)).toEqual([]);
      expect(numeric.filter((f) => f.ok).length / numeric.length).toBeGreaterThanOrEqual(0.98);
    },
  );

  it('runs offline: language data from the npm package, nothing cached in the working directory', () => {
    expect(chiSimLangPath()).toContain(path.join('node_modules', '@tesseract.js-data', 'chi_sim'));
    expect(existsSync(path.join(chiSimLangPath(), 'chi_sim.traineddata.gz'))).toBe(true);
    expect(readdirSync(process.cwd()).filter((f) => f.includes('traineddata'))).toEqual([]);
  });

  it(
    'recycles workers after the configured number of pages and reads the same; survives a failed job',
    { timeout: 200_000 },
    async () => {
      // The title line of a text sample, rendered at 300 dpi and cut out by its row profile.
      const file = path.join(root, 'samples/city-2021-ruled.pdf');
      const doc = await openPdf(readFileSync(file), file);
      let crop: Uint8Array;
      try {
        const img = await renderPage(await doc.getPage(1), doc.canvasFactory as CanvasFactory, 300);
        const bin = binarize(img.gray);
        const [title] = textLines(bin, { x0: 0, y0: 0, x1: bin.width - 1, y1: bin.height - 1 }, 8);
        crop = encodeBinaryPgm(bin, title.x0, title.y0, title.x1 + 1, title.y1 + 1, 12);
      } finally {
        await doc.destroy();
      }
      const pool = new OcrPool({ size: 1, recycleAfterPages: 1, idleMs: 0 });
      try {
        const reads: string[] = [];
        for (const page of [1, 2, 3]) {
          const r = await pool.recognize(crop, { tessedit_pageseg_mode: '7' }, { text: true }, page);
          reads.push(r.data.text.replace(/\s+/g, ''));
        }
        const title = '临江市人民政府2023年政府信息公开工作年度报告';
        expect(reads).toEqual([title, title, title]);
        // A worker that has seen more than one page is replaced: three pages, three workers.
        expect(pool.workersStarted).toBe(3);
        // A job that fails (not an image) is a WORKER_CRASHED error; the pool carries on with a fresh worker.
        await expect(pool.recognize(new Uint8Array([80, 53, 10, 0]), {}, { text: true }, 3)).rejects.toMatchObject({
          code: 'WORKER_CRASHED',
        });
        const after = await pool.recognize(crop, { tessedit_pageseg_mode: '7' }, { text: true }, 3);
        expect(after.data.text.replace(/\s+/g, '')).toBe(title);
      } finally {
        await pool.terminate();
      }
    },
  );
});
