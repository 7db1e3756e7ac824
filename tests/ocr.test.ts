// The OCR path end to end, offline (tesseract.js + the npm chi_sim data only): a scanned report
// and a report whose text layer is garbage come out with the expected numbers, and any number
// that is not exact is flagged.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBinaryPgm } from '../extractors/ocr/image.js';
import { chiSimLangPath, closeOcr, OcrPool } from '../extractors/ocr/pool.js';
import { readPdf } from '../extractors/pdf.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { extractReport, LOW_CONFIDENCE } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const scanned = path.join(root, 'samples/scanned');
const expectedOf = (name: string) => JSON.parse(readFileSync(path.join(scanned, `${name}.expected.json`), 'utf8')) as Expected & Record<string, any>;

afterAll(async () => {
  await closeOcr();
});

describe('OCR path', () => {
  it('reads the 300 dpi scan (skewed, noisy JPEG) exactly', { timeout: 120_000 }, async () => {
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

  it('detects the garbled text layer, OCRs every page, and flags every number it gets wrong', { timeout: 120_000 }, async () => {
    const file = path.join(scanned, 'bureau-2021-split.garbled.pdf');
    const doc = await readPdf(readFileSync(file), { file });
    expect(doc.ocrPages).toEqual([1, 2, 3, 4]);
    expect(doc.pages.every((p) => p.source === 'ocr' && p.runs.every((r) => r.confidence !== undefined))).toBe(true);
    // Ruling lines come back in page points, as the text path gives them.
    const rules = doc.pages[2].rules;
    expect(rules.length).toBeGreaterThan(20);
    expect(rules.every((r) => r.x0 >= 0 && r.x1 <= doc.pages[2].width && r.y1 <= doc.pages[2].height)).toBe(true);
    const record = await extractReport(file);
    const cmp = compareRecord(record, expectedOf('bureau-2021-split.garbled'));
    const numeric = cmp.fields.filter((f) => f.numeric);
    expect(numeric.length).toBeGreaterThan(150);
    expect(numeric.filter((f) => f.silent)).toEqual([]);
    expect(numeric.filter((f) => f.ok).length / numeric.length).toBeGreaterThanOrEqual(0.98);
  });

  it('runs offline: language data from the npm package, nothing cached in the working directory', () => {
    expect(chiSimLangPath()).toContain(path.join('node_modules', '@tesseract.js-data', 'chi_sim'));
    expect(existsSync(path.join(chiSimLangPath(), 'chi_sim.traineddata.gz'))).toBe(true);
    expect(readdirSync(process.cwd()).filter((f) => f.includes('traineddata'))).toEqual([]);
  });

  it('recycles workers after the configured number of pages and reads the same', { timeout: 60_000 }, async () => {
    const pool = new OcrPool({ size: 1, recycleAfterPages: 1, idleMs: 0 });
    // "2024" drawn as a 5×7 pixel font, scaled ×6.
    const glyphs: Record<string, string[]> = {
      '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
      '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
      '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
    };
    const s = 6;
    const text = '2024';
    const width = text.length * 7 * s;
    const height = 7 * s;
    const data = new Uint8Array(width * height);
    [...text].forEach((ch, k) =>
      glyphs[ch].forEach((row, y) =>
        [...row].forEach((bit, x) => {
          if (bit === '1') for (let dy = 0; dy < s; dy++) data.fill(1, (y * s + dy) * width + k * 7 * s + x * s, (y * s + dy) * width + k * 7 * s + x * s + s);
        }),
      ),
    );
    const img = encodeBinaryPgm({ width, height, data }, 0, 0, width, height, 20);
    try {
      const reads: string[] = [];
      for (const page of [1, 2, 3]) {
        const r = await pool.recognize(img, { tessedit_pageseg_mode: '7', tessedit_char_whitelist: '0123456789' }, { text: true }, page);
        reads.push(r.data.text.trim());
      }
      expect(reads).toEqual(['2024', '2024', '2024']);
      expect(pool.workersStarted).toBeGreaterThanOrEqual(2);
    } finally {
      await pool.terminate();
    }
  });
});
