// The skew OCR straightened a scanned page by. OCR reports text in the deskewed frame, so inspect
// turns the page image the same way before drawing over it. The angle is re-estimated here with
// OCR's own functions (the SourcePage does not carry it); to ±0.0125°, the estimator's step.
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { estimateSkew } from '../../extractors/ocr/deskew.js';
import { binarize } from '../../extractors/ocr/image.js';
import { renderPage, type CanvasFactory } from '../../extractors/ocr/render.js';

export async function ocrSkewDegrees(page: PDFPageProxy, factory: CanvasFactory): Promise<number> {
  const image = await renderPage(page, factory, 300);
  return estimateSkew(binarize(image.gray));
}
