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

/** Messages of allocations that failed inside the engine: the file needs more memory than there is. */
const ALLOCATION_FAILED =
  /allocation failed|out of memory|Invalid (?:typed )?array length|Invalid string length|Array buffer allocation|Cannot create a string longer/i;

/**
 * An error thrown by pdf.js (or the canvas it renders to) as the file's one-line error:
 * OUT_OF_MEMORY for failed allocations, CORRUPT_PDF with the engine's first line otherwise
 * (a circular page tree, resources nested too deep, bad Flate data, a string the canvas cannot
 * convert). NianbaoErrors pass through.
 */
export function engineError(e: unknown, file: string | null, where?: string): NianbaoError {
  if (e instanceof NianbaoError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  const first = (raw.split('\n')[0] || (e instanceof Error ? e.name : 'unknown error')).slice(0, 200);
  const reason = where ? `${where}: ${first}` : first;
  if (ALLOCATION_FAILED.test(raw)) return new NianbaoError('OUT_OF_MEMORY', `ran out of memory (${reason})`, file);
  if (/call stack/i.test(raw))
    return new NianbaoError('CORRUPT_PDF', `not a readable PDF (structure nested too deep: ${reason})`, file);
  return new NianbaoError('CORRUPT_PDF', `not a readable PDF (${reason})`, file);
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
    throw engineError(e, file);
  }
}
