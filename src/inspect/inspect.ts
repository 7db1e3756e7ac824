// `nianbao inspect`: read a report as extract does, then draw what was read over each page image.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { openPdf } from '../../extractors/pdf-document.js';
import { encodePng, renderPageColour } from '../../extractors/render-canvas.js';
import type { CanvasFactory } from '../../extractors/ocr/render.js';
import type { SourceDocument } from '../../extractors/types.js';
import { NianbaoError } from '../errors.js';
import { buildRecord } from '../pipeline/extract.js';
import { readInputFile, readSource } from '../pipeline/read-input.js';
import type { Report } from '../schema/record.js';
import { drawPlan, GUTTER } from './draw.js';
import { planPage, type PagePlan } from './plan.js';
import { ocrSkewDegrees } from './skew.js';

export interface InspectOptions {
  /** Only this page (1-based). */
  page?: number;
  /** Pixels per PDF point (default 3, i.e. 216 dpi). */
  scale?: number;
  ocr?: boolean;
  maxPages?: number;
}

export interface InspectedPage {
  plan: PagePlan;
  /** PNG bytes; null for plain-text input (there is no page image). */
  png: Buffer | null;
}

export interface Inspection {
  record: Report;
  doc: SourceDocument;
  pages: InspectedPage[];
}

export const DEFAULT_SCALE = 3;

export async function inspectFile(file: string, opts: InspectOptions = {}): Promise<Inspection> {
  const bytes = await readInputFile(file);
  const doc = await readSource(bytes, { file, maxPages: opts.maxPages, ocr: opts.ocr });
  const record = buildRecord(doc, {
    file,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format: doc.format,
  });
  if (opts.page !== undefined && (opts.page < 1 || opts.page > doc.pageCount)) {
    throw new NianbaoError(
      'USAGE',
      `--page ${opts.page} is out of range (the document has ${doc.pageCount} pages)`,
      file,
    );
  }
  const wanted = doc.pages.filter((p) => opts.page === undefined || p.page === opts.page);
  const plans = wanted.map((p) => planPage(p, record));
  // Images are drawn on the PDF they were read through; text and markup have no page image.
  const pdfBytes = doc.kind === 'pdf' ? bytes : doc.kind === 'image' ? doc.pdf : undefined;
  if (!pdfBytes) return { record, doc, pages: plans.map((plan) => ({ plan, png: null })) };

  const title = `${path.basename(file)} — ${record.title ?? 'untitled'}`;
  const pdf = await openPdf(pdfBytes, file);
  try {
    const factory = pdf.canvasFactory as CanvasFactory;
    const pages: InspectedPage[] = [];
    for (const plan of plans) {
      const pdfPage = await pdf.getPage(plan.page);
      // OCR'd pages: turn the scan as OCR did, so its boxes sit on the glyphs.
      const skew = doc.ocrPages.includes(plan.page) ? await ocrSkewDegrees(pdfPage, factory) : 0;
      const drawing = await renderPageColour(pdfPage, factory, opts.scale ?? DEFAULT_SCALE, GUTTER + 8, skew);
      try {
        drawPlan(drawing.ctx, plan, drawing.scale, title);
        pages.push({ plan, png: await encodePng(drawing) });
      } finally {
        drawing.destroy();
        pdfPage.cleanup();
      }
    }
    return { record, doc, pages };
  } finally {
    await pdf.destroy();
  }
}

/**
 * HTML/DOCX: where each value of the record was read, one line per record path, tab-separated:
 * path, table, row, column (HTML grid column, or DOCX cell), CSS-like selector, text as printed.
 */
export function cellMap(record: Report): string {
  const rows = Object.entries(record.provenance)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([p, v]) =>
      [
        p,
        v.table ?? '',
        v.row ?? '',
        v.col ?? v.cell ?? '',
        v.selector ?? (v.paragraph !== undefined ? `paragraph ${v.paragraph}` : ''),
        v.text,
      ].join('\t'),
    );
  return ['path\ttable\trow\tcolumn\tselector\ttext', ...rows].join('\n') + '\n';
}

/** 'dir/report.pdf', page 3 → 'report-p3.png'. */
export function pngName(file: string, page: number): string {
  return `${path.basename(file).replace(/\.[^.]+$/, '')}-p${page}.png`;
}
