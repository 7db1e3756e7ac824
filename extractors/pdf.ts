// A PDF as SourcePages. Two engines read the text layer: PDFium (WebAssembly; the default, several
// times faster) and pdf.js. PDFium hands over to pdf.js when it cannot open the file or when a
// page has no plausible text (pdf.js then reads the text layer, and OCRs where it too finds none),
// so both engines give the same records; the document says which engine read it.
import { NianbaoError } from '../core/errors.js';
import { DEFAULT_MAX_PAGES } from '../core/limits.js';
import { checkContentBudget } from './content-budget.js';
import { engineError, openPdf } from './pdf-document.js';
import { textLayerPage } from './pdf-text.js';
import { PdfiumRefused, readPdfiumPages } from './pdfium/document.js';
import type { CanvasFactory } from './ocr/render.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type ExtractorSettings } from './settings.js';
import { assessTextLayer } from './text-quality.js';
import type { PdfEngine, SourceDocument, SourcePage } from './types.js';

export { PDF_ENGINES, type PdfEngine } from './types.js';
export const DEFAULT_ENGINE: PdfEngine = 'pdfium';

export interface PdfReadOptions {
  file: string | null;
  /** Refuse documents with more pages than this (a 年报 has a handful). */
  maxPages?: number;
  /** false: never OCR (text layer only). */
  ocr?: boolean;
  /** Text-layer engine (default pdfium, with pdf.js as its fallback). */
  engine?: PdfEngine;
  /** Tolerances of text-layer reading, its judgement and OCR (default: extractors/settings.ts defaults). */
  settings?: ExtractorSettings;
}

export { DEFAULT_MAX_PAGES };

export async function readPdf(bytes: Uint8Array, opts: PdfReadOptions): Promise<SourceDocument> {
  if ((opts.engine ?? DEFAULT_ENGINE) === 'pdfium') {
    const doc = await readWithPdfium(bytes, opts);
    if (doc) return doc;
  }
  return readWithPdfjs(bytes, opts);
}

/** The document by PDFium, or null when pdf.js should read it instead (see the file comment). */
async function readWithPdfium(bytes: Uint8Array, opts: PdfReadOptions): Promise<SourceDocument | null> {
  const settings = opts.settings ?? DEFAULT_EXTRACTOR_SETTINGS;
  let read: Awaited<ReturnType<typeof readPdfiumPages>>;
  try {
    read = await readPdfiumPages(bytes, { file: opts.file, maxPages: opts.maxPages ?? DEFAULT_MAX_PAGES, settings: settings.pdfText });
  } catch (e) {
    if (e instanceof PdfiumRefused) return null;
    throw e;
  }
  if (!read.pages.every((p) => assessTextLayer(p, settings.textQuality).plausible)) return null;
  return { kind: 'pdf', pageCount: read.pageCount, pages: read.pages, ocrPages: [], engine: 'pdfium' };
}

async function readWithPdfjs(bytes: Uint8Array, opts: PdfReadOptions): Promise<SourceDocument> {
  // Before pdf.js sees the file: content streams it would walk for minutes fail at once. (PDFium
  // parses such streams in linear time and refuses pages over its character and object caps, so
  // they end up here too.)
  checkContentBudget(bytes, opts.file);
  const settings = opts.settings ?? DEFAULT_EXTRACTOR_SETTINGS;
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
        const textPage = await textLayerPage(pdfPage, n, settings.pdfText);
        if (opts.ocr !== false && !assessTextLayer(textPage, settings.textQuality).plausible) {
          // OCR (tesseract, canvas) loads only for a page that needs it.
          const { ocrPdfPage } = await import('./ocr/page.js');
          pages.push(await ocrPdfPage(pdfPage, n, { canvasFactory: doc.canvasFactory as CanvasFactory, settings: settings.ocr }));
          ocrPages.push(n);
        } else pages.push(textPage);
        pdfPage.cleanup();
      } catch (e) {
        throw engineError(e, opts.file, `page ${n}`);
      }
    }
    return { kind: 'pdf', pageCount: doc.numPages, pages, ocrPages, engine: 'pdfjs' };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
