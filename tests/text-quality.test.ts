// When is a text layer good enough, and when must a page be OCR'd?
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPdf } from '../extractors/pdf-document.js';
import { textLayerPage } from '../extractors/pdf-text.js';
import { assessTextLayer } from '../extractors/text-quality.js';
import type { SourcePage } from '../extractors/types.js';

const root = path.resolve(__dirname, '..');
const pageOf = (lines: string[]): SourcePage => ({
  page: 1,
  width: 595,
  height: 842,
  rules: [],
  source: 'pdf-text',
  runs: lines.map((text, i) => ({
    text,
    bbox: [72, 72 + i * 16, 520, 84 + i * 16],
    fontSize: 12,
    dir: 'ltr' as const,
  })),
});

describe('assessTextLayer', () => {
  it('accepts report prose and table text', () => {
    const seed = readFileSync(path.join(root, 'samples/seed-2021-flattened.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    const a = assessTextLayer(pageOf(seed.slice(0, 40)));
    expect(a.plausible).toBe(true);
    expect(a.score).toBeGreaterThan(0.8);
    const table = assessTextLayer(
      pageOf(['（一）予以公开', '0 0 0 0 0 0 0', '（二）部分公开', '1 0 0 0 0 0 1', '（七）总计 3 0 0 0 0 0 3']),
    );
    expect(table.plausible).toBe(true);
  });

  it('rejects an empty page and a page with only a page number', () => {
    expect(assessTextLayer(pageOf([]))).toEqual({ plausible: false, score: 0, reason: 'no text layer' });
    expect(assessTextLayer(pageOf(['- 3 -'])).plausible).toBe(false);
  });

  it('rejects private-use code points (a font without a usable ToUnicode map)', () => {
    const pua = Array.from({ length: 200 }, (_, i) => String.fromCharCode(0xe000 + ((i * 37) % 900))).join('');
    const a = assessTextLayer(pageOf([pua]));
    expect(a.plausible).toBe(false);
    expect(a.reason).toMatch(/^undecodable characters/);
  });

  it('rejects valid but wrong ideographs (a wrong map) and ASCII symbol soup', () => {
    const wrong = Array.from({ length: 300 }, (_, i) => String.fromCharCode(0x4e00 + ((i * 7919) % 20000))).join('');
    const a = assessTextLayer(pageOf([wrong]));
    expect(a.plausible).toBe(false);
    expect(a.reason).toMatch(/^unfamiliar characters/);
    const soup = assessTextLayer(pageOf(['!"#$%&\'()*+,-./:;<=>?@[]^_`{|}~!"#$%&()*+,-./:;<=>?@[]^_`{|}~']));
    expect(soup.plausible).toBe(false);
  });

  it('tells the garbled sample (ToUnicode → private use) from its original, page by page', async () => {
    for (const [file, plausible] of [
      ['samples/bureau-2021-split.pdf', true],
      ['samples/scanned/bureau-2021-split.garbled.pdf', false],
      ['samples/scanned/city-2021-ruled.scan300.pdf', false],
    ] as const) {
      const doc = await openPdf(readFileSync(path.join(root, file)), file);
      try {
        for (let n = 1; n <= doc.numPages; n++) {
          const a = assessTextLayer(await textLayerPage(await doc.getPage(n), n));
          expect(a.plausible, `${file} p${n}: ${a.reason}`).toBe(plausible);
        }
      } finally {
        await doc.destroy();
      }
    }
  });
});
