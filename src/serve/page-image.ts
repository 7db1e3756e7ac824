// A report's page as a PNG with the boxes of what was read: every number's box (green; red when a
// failed check names it), drawn over the page rendered from the record's own source file — only when
// that file is still there and unchanged (review/crops.ts findSource). The page's script draws the
// clicked cell's box on top, from the same provenance.
import { openPdf } from '../../extractors/pdf-document.js';
import { encodePng, renderPageColour } from '../../extractors/render-canvas.js';
import type { CanvasFactory } from '../../extractors/ocr/render.js';
import { failedPaths } from '../inspect/locate.js';
import { ocrSkewDegrees } from '../inspect/skew.js';
import { findSource } from '../review/crops.js';
import type { Report } from '../schema/record.js';
import { PAGE_IMAGE_CACHE, PAGE_IMAGE_SCALE } from './options.js';

const READ = 'rgba(46, 160, 67, 0.9)';
const FAILED = '#e00000';

/** Page PNGs by sha256 and page, the least recently used dropped first. */
export class PageImages {
  private cache = new Map<string, Buffer>();

  constructor(
    private readonly baseDir: string,
    private readonly keep = PAGE_IMAGE_CACHE,
  ) {}

  /** Why `record` has no page image, or null when it has. */
  async unavailable(record: Report): Promise<string | null> {
    const s = await findSource(record, this.baseDir);
    return s.ok ? null : `没有页面图像 No page image: ${s.reason}`;
  }

  /**
   * Page `page` of `record`'s source with the boxes drawn, or null when there is no such page or no
   * usable source. Rendered at PAGE_IMAGE_SCALE pixels per point.
   */
  async png(record: Report, page: number): Promise<Buffer | null> {
    const key = `${record.source.sha256}:${page}:${JSON.stringify(record.checks.map((c) => c.passed))}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const png = await render(record, page, this.baseDir);
    if (!png) return null;
    this.cache.set(key, png);
    while (this.cache.size > this.keep) this.cache.delete(this.cache.keys().next().value!);
    return png;
  }
}

async function render(record: Report, pageNo: number, baseDir: string): Promise<Buffer | null> {
  const source = await findSource(record, baseDir);
  if (!source.ok) return null;
  const pdf = await openPdf(source.bytes, source.file);
  try {
    if (pageNo < 1 || pageNo > pdf.numPages) return null;
    const factory = pdf.canvasFactory as CanvasFactory;
    const page = await pdf.getPage(pageNo);
    // An OCR'd page is drawn turned as OCR deskewed it: its boxes are in that frame.
    const skew = record.source.ocrPages.includes(pageNo) ? await ocrSkewDegrees(page, factory) : 0;
    const drawing = await renderPageColour(page, factory, PAGE_IMAGE_SCALE, 0, skew);
    try {
      const s = drawing.scale;
      const failed = failedPaths(record);
      for (const [path, p] of Object.entries(record.provenance)) {
        if (p.page !== pageNo || !p.bbox || p.text === '') continue;
        drawing.ctx.strokeStyle = failed.has(path) ? FAILED : READ;
        drawing.ctx.lineWidth = failed.has(path) ? 2.5 : 1.2;
        const [x0, y0, x1, y1] = p.bbox;
        drawing.ctx.strokeRect(x0 * s - 2, y0 * s - 2, (x1 - x0) * s + 4, (y1 - y0) * s + 4);
      }
      return await encodePng(drawing);
    } finally {
      drawing.destroy();
      page.cleanup();
    }
  } finally {
    await pdf.destroy();
  }
}
