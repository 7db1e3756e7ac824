// PDFium and pdf.js must give the same record for every PDF sample: every field, check, warning and
// section the same; provenance boxes within ENGINE_BBOX_TOLERANCE points. And PDFium hands over to
// pdf.js when it cannot open a file or finds no text.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport, NianbaoError } from '../src/index.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { readPdf } from '../extractors/pdf.js';
import { openPdf } from '../extractors/pdf-document.js';
import { textLayerPage } from '../extractors/pdf-text.js';
import { readPdfiumPages } from '../extractors/pdfium/document.js';
import { DEFAULT_EXTRACTOR_SETTINGS } from '../extractors/settings.js';
import type { Report } from '../src/schema/record.js';

/** Largest difference (PDF points) allowed between the engines' provenance boxes. */
const ENGINE_BBOX_TOLERANCE = 1;

const dir = path.resolve(__dirname, '../samples');
const textPdfs = readdirSync(dir).filter((f) => f.endsWith('.pdf'));
const badPdfs = readdirSync(path.join(dir, 'bad')).filter((f) => f.endsWith('.pdf'));

/** Paths of every number that differs by more than the tolerance, or any other difference. */
function differences(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a === 'number' && typeof b === 'number') {
    const tol = /\.bbox\.\d+$/.test(at) ? ENGINE_BBOX_TOLERANCE : 0;
    return Math.abs(a - b) <= tol ? [] : [`${at}: ${a} vs ${b}`];
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`),
    );
  }
  return Object.is(a, b) ? [] : [`${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

const withoutEngine = (r: Report) => ({ ...r, source: { ...r.source, engine: undefined } });

describe('PDFium and pdf.js give the same records', () => {
  it('covers the PDF samples', () => {
    expect(textPdfs.length).toBeGreaterThanOrEqual(9);
  });

  for (const f of textPdfs) {
    it(f, async () => {
      const file = path.join(dir, f);
      const pdfium = await extractReport(file, { ocr: false, engine: 'pdfium' });
      const pdfjs = await extractReport(file, { ocr: false, engine: 'pdfjs' });
      expect(pdfium.source.engine).toBe('pdfium');
      expect(pdfjs.source.engine).toBe('pdfjs');
      expect(differences(withoutEngine(pdfium), withoutEngine(pdfjs))).toEqual([]);
      expect(Object.keys(pdfium.provenance).length).toBeGreaterThan(100);
    });
  }

  for (const f of badPdfs) {
    it(`bad/${f}: the same error`, async () => {
      const file = path.join(dir, 'bad', f);
      const codeOf = (engine: 'pdfium' | 'pdfjs') =>
        extractReport(file, { ocr: false, engine }).then(
          () => 'ok',
          (e: unknown) => (e instanceof NianbaoError ? e.code : `not a NianbaoError: ${String(e)}`),
        );
      const [a, b] = await Promise.all([codeOf('pdfium'), codeOf('pdfjs')]);
      expect(a).toBe(b);
      expect(a).not.toBe('ok');
    });
  }
});

describe('fallback to pdf.js', () => {
  it('reads a PDF that PDFium refuses (objects without endobj) with pdf.js, to the same values', async () => {
    const base = readFileSync(path.join(dir, 'district-2019.pdf'));
    // PDFium cannot load a page whose objects lack `endobj`; pdf.js's lexer reads them anyway.
    const broken = new Uint8Array(Buffer.from(base.toString('latin1').replace(/endobj/g, ''), 'latin1'));
    const record = await extractReport(broken, { path: 'district-2019-noendobj.pdf', ocr: false });
    expect(record.source.engine).toBe('pdfjs');
    const expected = JSON.parse(readFileSync(path.join(dir, 'district-2019.expected.json'), 'utf8')) as Expected;
    const cmp = compareRecord(record, expected);
    expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
    expect(cmp.fields.length).toBeGreaterThan(150);
  });

  it('hands a page without text (a scan) to pdf.js', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'scanned/district-2019.scan200.pdf')));
    const doc = await readPdf(bytes, { file: null, ocr: false, engine: 'pdfium' });
    expect(doc.engine).toBe('pdfjs');
    expect(doc.pageCount).toBe(5);
  });

  it('refuses a page over its character or object cap, which pdf.js (after the content budget) then reads', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(dir, 'district-2019.pdf')));
    await expect(
      readPdfiumPages(bytes, {
        file: null,
        maxPages: 50,
        settings: { ...DEFAULT_EXTRACTOR_SETTINGS.pdfText, maxPageChars: 100 },
      }),
    ).rejects.toThrow(/^PDFium could not open the PDF \(page 1 has \d+ characters, over the limit of 100\)$/);
    await expect(
      readPdfiumPages(bytes, {
        file: null,
        maxPages: 50,
        settings: { ...DEFAULT_EXTRACTOR_SETTINGS.pdfText, maxPageObjects: 100 },
      }),
    ).rejects.toThrow(/^PDFium could not open the PDF \(page 1 has \d+ objects, over the limit of 100\)$/);
    const record = await extractReport(bytes, {
      path: 'district-2019.pdf',
      ocr: false,
      settings: { pdfText: { maxPageChars: 100 } },
    });
    expect(record.source.engine).toBe('pdfjs');
    const expected = JSON.parse(readFileSync(path.join(dir, 'district-2019.expected.json'), 'utf8')) as Expected;
    expect(compareRecord(record, expected).fields.filter((x) => !x.ok)).toEqual([]);
  });

  it('keeps password and page-limit refusals (no second opinion)', async () => {
    const enc = path.join(dir, 'bad/encrypted.pdf');
    await expect(extractReport(enc, { engine: 'pdfium' })).rejects.toMatchObject({ code: 'ENCRYPTED_PDF' });
    await expect(
      extractReport(path.join(dir, 'city-2021-ruled.pdf'), { engine: 'pdfium', maxPages: 2 }),
    ).rejects.toMatchObject({
      code: 'TOO_LARGE',
      message: 'the PDF has 4 pages, more than the limit of 2',
    });
  });
});

/** A one-page PDF with a crop box off the origin, /Rotate, a word drawn upright and one turned a quarter, and a ruled box. */
function rotatedPdf(rotate: number): Uint8Array {
  const content =
    'BT /F1 14 Tf 1 0 0 1 60 120 Tm (Total 123) Tj ET BT /F1 10 Tf 0 1 -1 0 250 40 Tm (Side) Tj ET 0.5 w 40 60 m 260 60 l S 40 60 220 1.5 re f';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /CropBox [10 20 290 190] /Rotate ${rotate} /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>`,
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, k) => {
    offsets.push(out.length);
    out += `${k + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

describe('page geometry', () => {
  for (const rotate of [0, 90, 180, 270]) {
    it(`puts runs and rules where pdf.js does on a cropped page with /Rotate ${rotate}`, async () => {
      const bytes = rotatedPdf(rotate);
      const a = (await readPdfiumPages(bytes, { file: null, maxPages: 1 })).pages[0];
      const doc = await openPdf(bytes, null);
      const page = await doc.getPage(1);
      const b = await textLayerPage(page, 1);
      await doc.destroy();
      expect([a.width, a.height]).toEqual([b.width, b.height]);
      expect(a.width).toBe(rotate % 180 ? 170 : 280);
      expect(a.runs.map((r) => [r.text, r.dir])).toEqual(b.runs.map((r) => [r.text, r.dir]));
      expect(a.runs.map((r) => r.text)).toEqual(['Total 123', 'Side']);
      // Text set leftwards on screen (this page turned 180°, or the quarter-turned word on the page
      // turned 270°): pdf.js boxes it from its origin rightwards, off the glyphs; PDFium's box covers
      // the glyphs. There only the extent across the baseline is compared.
      const leftwards = rotate === 180 ? ['Total 123'] : rotate === 270 ? ['Side'] : [];
      a.runs.forEach((r, i) => {
        const axes = leftwards.includes(r.text) ? [1, 3] : [0, 1, 2, 3];
        for (const k of axes)
          expect(Math.abs(r.bbox[k] - b.runs[i].bbox[k])).toBeLessThanOrEqual(ENGINE_BBOX_TOLERANCE);
      });
      const key = (r: { x0: number; y0: number; x1: number; y1: number }) =>
        [r.x0, r.y0, r.x1, r.y1].map((v) => Math.round(v));
      expect(a.rules.map(key)).toEqual(b.rules.map(key));
      expect(a.rules).toHaveLength(2);
    });
  }
});
