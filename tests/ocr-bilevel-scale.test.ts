// A bilevel scan below the render resolution is scaled by nearest neighbour and stays bilevel
// (issue 25): pdf.js renders some scales smoothed (a 272 dpi scan came back grey along every edge),
// the page then took the grey path (blur + Otsu) and lost the strokes one source pixel wide.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bilevelAtDpi, grayFrom1bpp, nearest } from '../extractors/ocr/bilevel-scale.js';
import { bilevelLevels, type Gray } from '../extractors/ocr/image.js';
import { ocrPdfPageWithStats } from '../extractors/ocr/page.js';
import { closeOcr } from '../extractors/ocr/pool.js';
import type { CanvasFactory, PageImage } from '../extractors/ocr/render.js';
import { openPdf } from '../extractors/pdf-document.js';

afterAll(async () => {
  await closeOcr();
});

const pageImage = (gray: Gray, dpi: number): PageImage => ({
  gray,
  scaleX: dpi / 72,
  scaleY: dpi / 72,
  offsetX: 0,
  offsetY: 0,
  dpi,
  origin: 'embedded',
});

describe('OCR: a bilevel scan is scaled by nearest neighbour', () => {
  it('unpacks a 1-bit image as pdf.js gives it (rows of whole bytes, the high bit first, a set bit white)', () => {
    // 10 × 2: row 0 black at x = 1 and x = 9; row 1 all white but x = 8.
    const data = new Uint8Array([0b10111111, 0b10111111, 0b11111111, 0b01111111]);
    const g = grayFrom1bpp(data, 10, 2);
    expect([...g.data.slice(0, 10)]).toEqual([255, 0, 255, 255, 255, 255, 255, 255, 255, 0]);
    expect([...g.data.slice(10)]).toEqual([255, 255, 255, 255, 255, 255, 255, 255, 0, 255]);
  });

  it('a one-pixel stroke stays one solid run, two levels only', () => {
    // 4 × 4 at 200 dpi, a vertical stroke at x = 1 → 6 × 6 at 300 dpi.
    const src: Gray = { width: 4, height: 4, data: new Uint8Array(16).fill(255) };
    for (let y = 0; y < 4; y++) src.data[y * 4 + 1] = 0;
    const out = nearest(src, 6, 6);
    expect([...out.data.slice(0, 6)]).toEqual([255, 0, 0, 255, 255, 255]);
    expect(bilevelLevels(out)).toEqual({ ink: 0, paper: 255 });
  });

  it('only a bilevel image below the native floor (280 dpi): its scale and dpi follow; grey, or 280 dpi and up, are left', () => {
    const bw: Gray = { width: 272, height: 136, data: new Uint8Array(272 * 136).fill(255) };
    bw.data[5] = 0;
    const up = bilevelAtDpi(pageImage(bw, 272), 280, 300)!;
    expect(up.gray.width).toBe(300);
    expect(up.gray.height).toBe(150);
    expect(up.dpi).toBeCloseTo(300, 6);
    expect(up.scaleX).toBeCloseTo(300 / 72, 6);
    expect(up.offsetX).toBe(0);
    expect(bilevelAtDpi(pageImage(bw, 300), 280, 300)).toBeNull();
    expect(bilevelAtDpi(pageImage(bw, 284), 280, 300)).toBeNull(); // from the floor up: rendered
    const grey = { ...bw, data: bw.data.map((v, i) => (i === 7 ? 128 : v)) };
    expect(bilevelAtDpi(pageImage(grey, 272), 280, 300)).toBeNull();
  });

  it(
    'the committed 200 dpi light bilevel scan is read from its own 1-bit image at 300 dpi, its table 二 exact',
    { timeout: 300_000 },
    async () => {
      const scan = path.resolve(__dirname, '../samples/scanned/agency-2021-variants.bilevel200light.pdf');
      const doc = await openPdf(readFileSync(scan), scan);
      try {
        const { page, stats } = await ocrPdfPageWithStats(await doc.getPage(2), 2, {
          canvasFactory: doc.canvasFactory as CanvasFactory,
        });
        expect([stats.imageOrigin, stats.dpi]).toEqual(['embedded', 300]);
        const texts = page.runs.map((r) => r.text);
        for (const n of ['3107', '261', '29', '58.83']) expect(texts).toContain(n);
      } finally {
        await doc.destroy();
      }
    },
  );
});
