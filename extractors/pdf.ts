// A PDF as SourcePages. Two engines read the text layer: PDFium (WebAssembly; the default, several
// times faster) and pdf.js. PDFium hands over to pdf.js when it cannot open the file or when a
// page has no plausible text (pdf.js then reads the text layer, and OCRs where it too finds none),
// so both engines give the same records; the document says which engine read it.
import { NianbaoError } from '../core/errors.js';
import { DEFAULT_MAX_PAGES } from '../core/limits.js';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { checkContentBudget } from './content-budget.js';
import { engineError, openPdf } from './pdf-document.js';
import { textLayerPage } from './pdf-text.js';
import { PdfiumRefused, readPdfiumPages } from './pdfium/document.js';
import type { CanvasFactory } from './ocr/render.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type ExtractorSettings } from './settings.js';
import { assessTextLayer } from './text-quality.js';
import { Screening } from './screening.js';
import type { PageProgress, PageScreen, PdfEngine, SourceDocument, SourcePage } from './types.js';

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
  /**
   * Asked before any page is OCR'd, and after each OCR'd page until it is sure, whether the document
   * is worth reading on (a text layer that is readable but no 年报 is refused without OCR).
   */
  screen?: PageScreen;
  /** Told as each page is read (its text layer, then its OCR). */
  onProgress?: PageProgress;
}

export { DEFAULT_MAX_PAGES };

/**
 * A PDF's pages: the text layer, OCR where it is missing or not plausible text (unless `ocr: false`).
 * `screen` sees the text layers before any OCR (and the first OCR'd pages): it may stop the read with
 * NOT_A_REPORT. Throws NianbaoError (CORRUPT_PDF, ENCRYPTED_PDF, TOO_LARGE, OUT_OF_MEMORY, …).
 */
export async function readPdf(bytes: Uint8Array, opts: PdfReadOptions): Promise<SourceDocument> {
  const screening = new Screening(opts.screen, opts.file);
  if ((opts.engine ?? DEFAULT_ENGINE) === 'pdfium') {
    const doc = await readWithPdfium(bytes, opts, screening);
    if (doc) return doc;
  }
  return readWithPdfjs(bytes, opts, screening);
}

/** The document by PDFium, or null when pdf.js should read it instead (see the file comment). */
async function readWithPdfium(
  bytes: Uint8Array,
  opts: PdfReadOptions,
  screening: Screening,
): Promise<SourceDocument | null> {
  const settings = opts.settings ?? DEFAULT_EXTRACTOR_SETTINGS;
  let read: Awaited<ReturnType<typeof readPdfiumPages>>;
  try {
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    read = await readPdfiumPages(bytes, {
      file: opts.file,
      maxPages,
      settings: settings.pdfText,
      onProgress: opts.onProgress,
    });
  } catch (e) {
    if (e instanceof PdfiumRefused) return null;
    throw e;
  }
  const pending = read.pages.filter((p) => !assessTextLayer(p, settings.textQuality).plausible).length;
  if (pending === 0)
    return { kind: 'pdf', pageCount: read.pageCount, pages: read.pages, ocrPages: [], engine: 'pdfium' };
  // Pages to OCR: a readable text layer that is no 年报 stops here, before pdf.js reads it again.
  if (opts.ocr !== false) screening.check({ pages: read.pages, ocrPages: [], pendingOcr: pending });
  return null;
}

async function readWithPdfjs(bytes: Uint8Array, opts: PdfReadOptions, screening: Screening): Promise<SourceDocument> {
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
      throw new NianbaoError(
        'TOO_LARGE',
        `the PDF has ${doc.numPages} pages, more than the limit of ${maxPages}`,
        opts.file,
      );
    }
    const pages: SourcePage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      pages.push(await onPage(doc, n, opts.file, (p) => textLayerPage(p, n, settings.pdfText)));
      opts.onProgress?.(n, doc.numPages, 'text');
    }
    const ocrPages: number[] = [];
    if (opts.ocr === false) return { kind: 'pdf', pageCount: doc.numPages, pages, ocrPages, engine: 'pdfjs' };
    // OCR where the text layer is empty or not plausible text; the screen looks first.
    const toOcr = pages.filter((p) => !assessTextLayer(p, settings.textQuality).plausible).map((p) => p.page);
    if (toOcr.length) screening.check({ pages, ocrPages, pendingOcr: toOcr.length });
    for (const n of toOcr) {
      // OCR (tesseract, canvas) loads only for a document that needs it.
      const { ocrPdfPage } = await import('./ocr/page.js');
      const canvasFactory = doc.canvasFactory as CanvasFactory;
      pages[n - 1] = await onPage(doc, n, opts.file, (p) =>
        ocrPdfPage(p, n, { canvasFactory, settings: settings.ocr }),
      );
      ocrPages.push(n);
      opts.onProgress?.(n, doc.numPages, 'ocr');
      screening.check({ pages: pages.slice(0, n), ocrPages, pendingOcr: toOcr.length - ocrPages.length });
    }
    return { kind: 'pdf', pageCount: doc.numPages, pages, ocrPages, engine: 'pdfjs' };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}

/**
 * `read` applied to page `n`. Whatever pdf.js throws while reading or rendering a page is the file's
 * fault: a one-line CORRUPT_PDF (or OUT_OF_MEMORY) naming the page, never an internal error.
 */
async function onPage<T>(
  doc: PDFDocumentProxy,
  n: number,
  file: string | null,
  read: (p: PDFPageProxy) => Promise<T>,
): Promise<T> {
  try {
    const pdfPage = await doc.getPage(n);
    const out = await read(pdfPage);
    pdfPage.cleanup();
    return out;
  } catch (e) {
    throw engineError(e, file, `page ${n}`);
  }
}
