// A PDF through PDFium: open from memory, read every page's text layer and rules, close
// everything (pages, document, the copy of the bytes in wasm memory) before returning.
import { NianbaoError } from '../../core/errors.js';
import type { Matrix } from '../matrix.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type PdfTextSettings } from '../settings.js';
import type { PageProgress, SourcePage } from '../types.js';
import { pageViewport } from '../viewport.js';
import { pageRules } from './rules.js';
import { scratch, type Scratch } from './scratch.js';
import { pageRuns } from './text.js';
import { FPDF_ERR, loadPdfium, releasePdfium, type Pdfium } from './wasm.js';

/** PDFium could not open the file (the caller may try another engine); `reason` says why. */
export class PdfiumRefused extends Error {
  constructor(readonly reason: string) {
    super(`PDFium could not open the PDF (${reason})`);
    this.name = 'PdfiumRefused';
  }
}

const REASONS: Record<number, string> = {
  [FPDF_ERR.UNKNOWN]: 'unknown error',
  [FPDF_ERR.FILE]: 'file not found or could not be opened',
  [FPDF_ERR.FORMAT]: 'not in PDF format or corrupted',
  [FPDF_ERR.SECURITY]: 'unsupported security scheme',
  [FPDF_ERR.PAGE]: 'page not found or content error',
};

export interface PdfiumReadOptions {
  file: string | null;
  maxPages: number;
  /** Tolerances of runs and rules (default: their defaults). */
  settings?: PdfTextSettings;
  /** Told as each page's text layer is read. */
  onProgress?: PageProgress;
}

/**
 * The text layer (runs and rules) of every page. Throws ENCRYPTED_PDF and TOO_LARGE as
 * NianbaoErrors, PdfiumRefused for anything else PDFium cannot open.
 */
export async function readPdfiumPages(
  bytes: Uint8Array,
  opts: PdfiumReadOptions,
): Promise<{ pageCount: number; pages: SourcePage[] }> {
  const px = await loadPdfium();
  const f = px.fn;
  const data = f.malloc(Math.max(1, bytes.length));
  if (!data) throw new NianbaoError('TOO_LARGE', 'the PDF does not fit in PDFium memory', opts.file);
  const s = scratch(px);
  let doc = 0;
  let aborted = false;
  try {
    px.heapU8().set(bytes, data);
    doc = f.FPDF_LoadMemDocument(data, bytes.length, 0);
    if (!doc) {
      const err = f.FPDF_GetLastError();
      if (err === FPDF_ERR.PASSWORD)
        throw new NianbaoError('ENCRYPTED_PDF', 'the PDF is encrypted with a password; decrypt it first', opts.file);
      throw new PdfiumRefused(REASONS[err] ?? `error ${err}`);
    }
    const pageCount = f.FPDF_GetPageCount(doc);
    if (pageCount > opts.maxPages) {
      throw new NianbaoError(
        'TOO_LARGE',
        `the PDF has ${pageCount} pages, more than the limit of ${opts.maxPages}`,
        opts.file,
      );
    }
    if (pageCount <= 0) throw new PdfiumRefused('no pages');
    const pages: SourcePage[] = [];
    const tol = opts.settings ?? DEFAULT_EXTRACTOR_SETTINGS.pdfText;
    for (let i = 0; i < pageCount; i++) {
      pages.push(readPage(px, doc, i, s, tol));
      opts.onProgress?.(i + 1, pageCount, 'text');
    }
    return { pageCount, pages };
  } catch (e) {
    if (e instanceof NianbaoError || e instanceof PdfiumRefused) throw e;
    // An abort inside PDFium (out of wasm memory, a trap): this instance is done for.
    aborted = true;
    throw new PdfiumRefused(`PDFium failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  } finally {
    if (!aborted) {
      if (doc) f.FPDF_CloseDocument(doc);
      s.free();
      f.free(data);
    }
    releasePdfium(px, aborted);
  }
}

function readPage(px: Pdfium, doc: number, index: number, s: Scratch, tol: PdfTextSettings): SourcePage {
  const f = px.fn;
  const page = f.FPDF_LoadPage(doc, index);
  if (!page) throw new PdfiumRefused(`page ${index + 1} could not be loaded`);
  try {
    const { width, height, transform } = viewportOf(px, page, s);
    const objects = f.FPDFPage_CountObjects(page);
    if (objects > tol.maxPageObjects)
      throw new PdfiumRefused(`page ${index + 1} has ${objects} objects, over the limit of ${tol.maxPageObjects}`);
    const tp = f.FPDFText_LoadPage(page);
    if (!tp) throw new PdfiumRefused(`the text of page ${index + 1} could not be read`);
    try {
      const chars = f.FPDFText_CountChars(tp);
      if (chars > tol.maxPageChars)
        throw new PdfiumRefused(`page ${index + 1} has ${chars} characters, over the limit of ${tol.maxPageChars}`);
      const runs = pageRuns(px, tp, transform, s, tol);
      const rules = pageRules(px, page, transform, s, tol);
      return { page: index + 1, width, height, runs, rules, source: 'pdf-text' };
    } finally {
      f.FPDFText_ClosePage(tp);
    }
  } finally {
    f.FPDF_ClosePage(page);
  }
}

function viewportOf(px: Pdfium, page: number, s: Scratch): { width: number; height: number; transform: Matrix } {
  // The page's bounding box is its crop box within its media box (FS_RECTF left, top, right, bottom).
  if (!px.fn.FPDF_GetPageBoundingBox(page, s.ptr)) throw new PdfiumRefused('a page without a usable media box');
  const [l, t, r, b] = [s.f32(0), s.f32(1), s.f32(2), s.f32(3)];
  return pageViewport([l, b, r, t], (px.fn.FPDFPage_GetRotation(page) & 3) * 90);
}
