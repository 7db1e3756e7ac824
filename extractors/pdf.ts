// A PDF as SourcePages: the text layer of each page (OCR decides per page where it is not usable).
import { NianbaoError } from '../core/errors.js';
import { DEFAULT_MAX_PAGES } from '../core/limits.js';
import { checkContentBudget } from './content-budget.js';
import { engineError, openPdf } from './pdf-document.js';
import { textLayerPage } from './pdf-text.js';
import { ocrPdfPage } from './ocr/page.js';
import type { CanvasFactory } from './ocr/render.js';
import { assessTextLayer } from './text-quality.js';
import type { SourceDocument, SourcePage } from './types.js';

export interface PdfReadOptions {
  file: string | null;
  /** Refuse documents with more pages than this (a 年报 has a handful). */
  maxPages?: number;
  /** false: never OCR (text layer only). */
  ocr?: boolean;
}

export { DEFAULT_MAX_PAGES };

export async function readPdf(bytes: Uint8Array, opts: PdfReadOptions): Promise<SourceDocument> {
  // Before pdf.js: content streams it would walk for minutes fail at once.
  checkContentBudget(bytes, opts.file);
  const doc = await openPdf(bytes, opts.file);
  try {
    if (doc.numPages === 0) throw new NianbaoError('CORRUPT_PDF', 'the PDF has no pages', opts.file);
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    if (doc.numPages > maxPages) {
      throw new NianbaoError('TOO_LARGE', `the PDF has ${doc.numPages} pages, more than the limit of ${maxPages}`, opts.file);
    }
    const pages: SourcePage[] = [];
    const ocrPages: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      // Whatever pdf.js throws while reading or rendering a page is the file's fault: a one-line
      // CORRUPT_PDF (or OUT_OF_MEMORY) naming the page, never an internal error.
      try {
        const pdfPage = await doc.getPage(n);
        // --- page text source: the text layer, or OCR where it is empty or not plausible text ---
        const textPage = await textLayerPage(pdfPage, n);
        if (opts.ocr !== false && !assessTextLayer(textPage).plausible) {
          pages.push(await ocrPdfPage(pdfPage, n, { canvasFactory: doc.canvasFactory as CanvasFactory }));
          ocrPages.push(n);
        } else pages.push(textPage);
        pdfPage.cleanup();
      } catch (e) {
        throw engineError(e, opts.file, `page ${n}`);
      }
    }
    return { kind: 'pdf', pageCount: doc.numPages, pages, ocrPages };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
