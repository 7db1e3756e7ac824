// Opening untrusted PDFs with pdfjs-dist: no eval, no XFA, capped images, all resources local.
import { createRequire } from 'node:module';
import path from 'node:path';
import { NianbaoError } from '../core/errors.js';
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const dirUrl = (sub: string) => path.join(pdfjsRoot, sub) + path.sep;

/** Images larger than this many pixels are not decoded (a hostile PDF can declare enormous ones). */
export const MAX_IMAGE_PIXELS = 40_000_000;

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<Pdfjs> | null = null;
export function loadPdfjs(): Promise<Pdfjs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjsPromise;
}

export function hasPdfHeader(bytes: Uint8Array): boolean {
  // The spec allows junk before %PDF within the first 1024 bytes.
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

export async function openPdf(bytes: Uint8Array, file: string | null): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  // pdfjs takes ownership of (and detaches) the buffer it is given: pass a copy.
  const data = new Uint8Array(bytes);
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    enableXfa: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    cMapUrl: dirUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: dirUrl('standard_fonts'),
    wasmUrl: dirUrl('wasm'),
    useSystemFonts: false,
    disableFontFace: true,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return await task.promise;
  } catch (e) {
    const err = e as { name?: string; message?: string };
    if (err?.name === 'PasswordException') {
      throw new NianbaoError('ENCRYPTED_PDF', 'the PDF is encrypted with a password; decrypt it first', file);
    }
    const reason = (err?.message ?? String(e)).split('\n')[0];
    throw new NianbaoError('CORRUPT_PDF', `not a readable PDF (${reason})`, file);
  }
}
