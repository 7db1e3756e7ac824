// The second OCR engine (PP-OCRv4 recognition through ONNX Runtime, model from an npm package):
// every number cell of a rendered table 三 page read alone, against the page's own text layer.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';
import { detectRules, findTables, removeRules } from '../extractors/ocr/grid.js';
import { binarize } from '../extractors/ocr/image.js';
import { textLines } from '../extractors/ocr/ink.js';
import { numberShaped } from '../extractors/ocr/numbers.js';
import { closePaddle, sharedPaddle } from '../extractors/ocr/paddle.js';
import { renderPage, type CanvasFactory } from '../extractors/ocr/render.js';
import { openPdf } from '../extractors/pdf-document.js';
import { textLayerPage } from '../extractors/pdf-text.js';
import type { PixelBox } from '../extractors/ocr/grid.js';

const root = path.resolve(__dirname, '..');

afterAll(async () => {
  await closePaddle();
});

describe('PP-OCR second reader', () => {
  it(
    'loads from the npm packages (no download) and reads every number cell of table 三 as printed',
    { timeout: 120_000 },
    async () => {
      const reader = await sharedPaddle();
      expect(reader).not.toBeNull();
      const file = path.join(root, 'samples/city-2021-ruled.pdf');
      const doc = await openPdf(readFileSync(file), file);
      try {
        const page = await doc.getPage(3);
        const text = await textLayerPage(page, 3);
        const img = await renderPage(page, doc.canvasFactory as CanvasFactory, 300);
        const bin = binarize(img.gray);
        const rules = detectRules(bin, { dpi: 300 });
        const tables = findTables(rules, { dpi: 300 });
        removeRules(bin, rules);
        const ctx = { dpi: 300, bin, page: 3, pool: null as never, second: null, settings: DEFAULT_OCR_SETTINGS };
        const boxes: PixelBox[] = [];
        for (const cell of tables.flatMap((t) => t.cells)) {
          const inner = { x0: cell.x0 + 3, y0: cell.y0 + 3, x1: cell.x1 - 3, y1: cell.y1 - 3 };
          const lines = textLines(bin, inner, 5);
          if (lines.length === 1 && numberShaped(ctx, lines[0])) boxes.push(lines[0]);
        }
        // What the text layer prints inside each box (page points = pixels / scale).
        const printed = boxes.map((b) =>
          text.runs
            .filter((r) => {
              const cx = ((r.bbox[0] + r.bbox[2]) / 2) * img.scaleX;
              const cy = ((r.bbox[1] + r.bbox[3]) / 2) * img.scaleY;
              return cx >= b.x0 - 4 && cx <= b.x1 + 4 && cy >= b.y0 - 4 && cy <= b.y1 + 4;
            })
            .map((r) => r.text.trim())
            .join(''),
        );
        expect(boxes.length).toBeGreaterThan(150);
        const reads = await reader!.read(bin, boxes);
        expect(reads.map((r) => r.text)).toEqual(printed);
        expect(Math.min(...reads.map((r) => r.confidence))).toBeGreaterThan(50);
      } finally {
        await doc.destroy();
      }
    },
  );
});
