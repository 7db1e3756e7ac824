// An image or TIFF scan as a SourceDocument: each image (or TIFF page) becomes one page of a PDF
// made in memory, which goes through the scanned-PDF path (page image, deskew, grid, OCR) unchanged.
// Page numbers in provenance are image/TIFF-frame numbers.
import { NianbaoError } from '../core/errors.js';
import { decodeImage } from './image-decode.js';
import { framesToPdf } from './image-pdf.js';
import { DEFAULT_MAX_PAGES } from '../core/limits.js';
import { readPdf } from './pdf.js';
import type { ExtractorSettings } from './settings.js';
import type { PageProgress, PageScreen, ReaderWarning, SourceDocument } from './types.js';

export interface ImageReadOptions {
  file: string | null;
  maxPages?: number;
  /** false: refuse, since an image has no text without OCR. */
  ocr?: boolean;
  /** Tolerances of OCR (default: extractors/settings.ts defaults). */
  settings?: ExtractorSettings;
  /** Asked before OCR whether to read on (see PdfReadOptions). */
  screen?: PageScreen;
  /** Told as each page is read. */
  onProgress?: PageProgress;
}

export async function readImage(bytes: Uint8Array, opts: ImageReadOptions): Promise<SourceDocument> {
  if (opts.ocr === false)
    throw new NianbaoError(
      'UNSUPPORTED_FORMAT',
      'an image has no text layer: it can only be read with OCR (run without --no-ocr)',
      opts.file,
    );
  const warnings: ReaderWarning[] = [];
  const frames = await decodeImage(bytes, {
    file: opts.file,
    maxPages: opts.maxPages ?? DEFAULT_MAX_PAGES,
    // Most of a multi-page scan intact: read it, and name the page that is not.
    onDamagedPage: (page, why) =>
      warnings.push({
        code: 'damaged-page',
        message: `page ${page} of the image is damaged: only what decodes is read (${why})`,
      }),
  });
  const pdf = framesToPdf(frames);
  const doc = await readPdf(pdf, opts);
  return { ...doc, kind: 'image', pdf, warnings: [...(doc.warnings ?? []), ...warnings] };
}
