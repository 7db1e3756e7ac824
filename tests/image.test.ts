// Image input: headers read (and sizes capped) before decoding, frames → PDF pages → the OCR path.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage, imageHeader } from '../extractors/image-decode.js';
import { framesToPdf } from '../extractors/image-pdf.js';
import { openPdf } from '../extractors/pdf-document.js';
import { extractReport } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/nianbao.js');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-image-'));
const canvas = createRequire(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'))(
  '@napi-rs/canvas',
) as typeof import('@napi-rs/canvas');

function drawn(width: number, height: number) {
  const c = canvas.createCanvas(width, height);
  const ctx = c.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.fillRect(10, 10, 20, 5);
  return c;
}

describe('imageHeader', () => {
  it('reads width and height of PNG, JPEG and WebP as encoded, and a BMP header', async () => {
    const c = drawn(123, 45);
    for (const [fmt, kind] of [
      ['png', 'PNG image'],
      ['jpeg', 'JPEG image'],
      ['webp', 'WebP image'],
    ] as const) {
      const bytes = await c.encode(fmt as 'png');
      expect(imageHeader(bytes), fmt).toMatchObject({ kind, width: 123, height: 45 });
    }
    const bmp = Buffer.alloc(54);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(640, 18);
    bmp.writeInt32LE(-480, 22); // top-down rows
    bmp.writeInt32LE(11811, 38); // 300 dpi in pixels per metre
    expect(imageHeader(bmp)).toEqual({ kind: 'BMP image', width: 640, height: 480, dpi: 11811 * 0.0254 });
  });

  it('takes the resolution from PNG pHYs', () => {
    const png = readFileSync(path.join(root, 'samples/formats/city-2021-ruled.table3.png'));
    expect(imageHeader(png)).toMatchObject({ kind: 'PNG image', width: 1980, height: 2755 });
    expect(imageHeader(png)!.dpi).toBeCloseTo(300, 0);
  });
});

describe('decodeImage and framesToPdf', () => {
  it('decodes every page of a multi-page CCITT G4 TIFF at its resolution', async () => {
    const tif = readFileSync(path.join(root, 'samples/formats/city-2021-ruled.g4.tif'));
    const frames = await decodeImage(tif, { file: 't.tif', maxPages: 200 });
    expect(frames.map((f) => [f.width, f.height, Math.round(f.dpi)])).toEqual(Array(4).fill([2479, 3508, 300]));
    // Bilevel: only black and white pixels.
    expect(new Set(frames[0].gray)).toEqual(new Set([0, 255]));
    await expect(decodeImage(tif, { file: 't.tif', maxPages: 3 })).rejects.toThrow(
      'the TIFF has 4 pages, more than the limit of 3',
    );
  });

  it('makes a PDF with one page per frame, sized by its resolution, that pdf.js opens', async () => {
    const gray = new Uint8Array(300 * 150).fill(255);
    const pdf = framesToPdf([
      { width: 300, height: 150, gray, dpi: 300 },
      { width: 300, height: 150, gray, dpi: 150 },
    ]);
    const doc = await openPdf(pdf, 'x.pdf');
    try {
      expect(doc.numPages).toBe(2);
      expect((await doc.getPage(1)).getViewport({ scale: 1 })).toMatchObject({ width: 72, height: 36 });
      expect((await doc.getPage(2)).getViewport({ scale: 1 })).toMatchObject({ width: 144, height: 72 });
    } finally {
      await doc.destroy();
    }
  });
});

describe('images that cannot be read', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  const file = (name: string, data: Uint8Array) => {
    const f = path.join(dir, name);
    writeFileSync(f, data);
    return f;
  };

  it('a JPEG whose data is garbage → exit 13, one line', async () => {
    const good = await drawn(64, 64).encode('jpeg');
    const bad = Buffer.from(good);
    bad.fill(0x00, 200); // the marker segments break off: neither the size nor the pixels read
    const f = file('photo.jpg', bad);
    const r = cli('extract', f);
    expect(r.status).toBe(13);
    expect(r.stderr).toBe(`nianbao: ${f}: a damaged image (cannot be decoded)\n`);
  });

  it('a PNG declaring 100000×100000 pixels → exit 10 before anything is decoded', () => {
    const png = Buffer.from(readFileSync(path.join(root, 'samples/formats/city-2021-ruled.table3.png')));
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    const f = file('bomb.png', png);
    const r = cli('extract', f);
    expect(r.status).toBe(10);
    expect(r.stderr).toBe(`nianbao: ${f}: the image is 100000×100000 pixels, over the 40000000-pixel limit\n`);
  });

  it('an image with --no-ocr → exit 5 saying it needs OCR', () => {
    const f = path.join(root, 'samples/formats/city-2021-ruled.table3.png');
    const r = cli('extract', f, '--no-ocr');
    expect(r.status).toBe(5);
    expect(r.stderr).toBe(
      `nianbao: ${f}: an image has no text layer: it can only be read with OCR (run without --no-ocr)\n`,
    );
  });
});

describe('a PNG of table 三 alone (OCR)', () => {
  it('gives that table, and warns for every part it lacks', async () => {
    const png = path.join(root, 'samples/formats/city-2021-ruled.table3.png');
    const expected = JSON.parse(readFileSync(`${png}.expected.json`, 'utf8'));
    const r = await extractReport(png);
    expect(r.source).toMatchObject({ format: 'image', textSource: 'ocr', pageCount: 1, ocrPages: [1] });
    expect(r.applications).toEqual(expected.applications);
    expect(r.activeDisclosure).toBeNull();
    expect(r.reviewLitigation).toBeNull();
    const warned = new Set(r.warnings.map((w) => w.path));
    for (const p of ['title', 'agency', 'year', 'activeDisclosure', 'reviewLitigation']) expect(warned, p).toContain(p);
    expect(r.provenance['applications.newReceived.total']).toMatchObject({ page: 1 });
  }, 600_000);
});
