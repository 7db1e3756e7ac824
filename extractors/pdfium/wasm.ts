// PDFium compiled to WebAssembly (@embedpdf/pdfium), loaded once per process from the package's
// own pdfium.wasm by local path: nothing is fetched. Only the raw C exports are used (one call per
// character is the hot loop; the package's cwrap wrappers add argument checks on every call).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The C functions of PDFium this project calls (pointers and handles are wasm32 numbers). */
export interface PdfiumExports {
  malloc(size: number): number;
  free(ptr: number): void;
  PDFiumExt_Init(): void;
  FPDF_LoadMemDocument(data: number, size: number, password: number): number;
  FPDF_CloseDocument(doc: number): void;
  FPDF_GetLastError(): number;
  FPDF_GetPageCount(doc: number): number;
  FPDF_LoadPage(doc: number, index: number): number;
  FPDF_ClosePage(page: number): void;
  FPDF_GetPageBoundingBox(page: number, rect: number): number;
  FPDFPage_GetRotation(page: number): number;
  FPDFPage_CountObjects(page: number): number;
  FPDFPage_GetObject(page: number, index: number): number;
  FPDFPageObj_GetType(obj: number): number;
  FPDFPageObj_GetMatrix(obj: number, matrix: number): number;
  FPDFFormObj_CountObjects(form: number): number;
  FPDFFormObj_GetObject(form: number, index: number): number;
  FPDFPath_GetDrawMode(path: number, fillMode: number, stroke: number): number;
  FPDFPath_CountSegments(path: number): number;
  FPDFPath_GetPathSegment(path: number, index: number): number;
  FPDFPathSegment_GetPoint(segment: number, x: number, y: number): number;
  FPDFPathSegment_GetType(segment: number): number;
  FPDFPathSegment_GetClose(segment: number): number;
  FPDFText_LoadPage(page: number): number;
  FPDFText_ClosePage(textPage: number): void;
  FPDFText_CountChars(textPage: number): number;
  FPDFText_GetUnicode(textPage: number, index: number): number;
  FPDFText_IsGenerated(textPage: number, index: number): number;
  FPDFText_GetLooseCharBox(textPage: number, index: number, rect: number): number;
  FPDFText_GetCharOrigin(textPage: number, index: number, x: number, y: number): number;
  FPDFText_GetFontSize(textPage: number, index: number): number;
  FPDFText_GetMatrix(textPage: number, index: number, matrix: number): number;
  FPDFText_GetTextObject(textPage: number, index: number): number;
  FPDFText_GetFontInfo(textPage: number, index: number, buffer: number, length: number, flags: number): number;
  FPDFTextObj_GetFont(textObject: number): number;
  FPDFFont_GetIsEmbedded(font: number): number;
  FPDFFont_GetFontData(font: number, buffer: number, length: number, outLength: number): number;
  FPDFFont_GetAscent(font: number, size: number, ascent: number): number;
  FPDFFont_GetDescent(font: number, size: number, descent: number): number;
  FPDFFont_GetBaseFontName(font: number, buffer: number, length: number): number;
  memory: WebAssembly.Memory;
}

export interface Pdfium {
  fn: PdfiumExports;
  /** Current views of the wasm heap (they are replaced when the heap grows). */
  heapF32(): Float32Array;
  heapF64(): Float64Array;
  heapI32(): Int32Array;
  heapU8(): Uint8Array;
}

/** FPDF_GetLastError codes. */
export const FPDF_ERR = { SUCCESS: 0, UNKNOWN: 1, FILE: 2, FORMAT: 3, PASSWORD: 4, SECURITY: 5, PAGE: 6 } as const;
/** FPDFPageObj_GetType values. */
export const OBJ = { TEXT: 1, PATH: 2, IMAGE: 3, SHADING: 4, FORM: 5 } as const;
/** FPDFPathSegment_GetType values. */
export const SEG = { LINETO: 0, BEZIERTO: 1, MOVETO: 2 } as const;

let loading: Promise<Pdfium> | null = null;

/** The process's PDFium instance, initialised on first use (about 60 ms). */
export function loadPdfium(): Promise<Pdfium> {
  loading ??= instantiate();
  return loading;
}

/**
 * A wasm heap never shrinks: after a document that grew it past this, the instance is dropped
 * (and its memory with it) so a long batch stays flat; the next document gets a fresh one.
 */
export const MAX_RETAINED_HEAP_BYTES = 256 * 1024 * 1024;

/**
 * Drop the instance when its heap is over MAX_RETAINED_HEAP_BYTES, or always (`force`: after
 * PDFium aborted, e.g. out of wasm memory, the instance is unusable).
 */
export function releasePdfium(px: Pdfium, force = false): void {
  if (force || px.fn.memory.buffer.byteLength > MAX_RETAINED_HEAP_BYTES) loading = null;
}

async function instantiate(): Promise<Pdfium> {
  const require = createRequire(import.meta.url);
  // The package's default would fetch the .wasm from a CDN; hand it the bytes instead.
  const wasmBinary = readFileSync(require.resolve('@embedpdf/pdfium/pdfium.wasm'));
  const { init } = await import('@embedpdf/pdfium');
  // print/printErr: an abort's message becomes our error, not a line on stderr.
  const quiet = () => {};
  const wrapped = await init({ wasmBinary, print: quiet, printErr: quiet } as never);
  const module = wrapped.pdfium as unknown as {
    wasmExports: PdfiumExports;
    HEAPF32: Float32Array;
    HEAPF64: Float64Array;
    HEAP32: Int32Array;
    HEAPU8: Uint8Array;
  };
  const fn = module.wasmExports;
  // Library set-up without a form-fill environment: no JavaScript, no XFA, no actions ever run.
  fn.PDFiumExt_Init();
  return {
    fn,
    heapF32: () => module.HEAPF32,
    heapF64: () => module.HEAPF64,
    heapI32: () => module.HEAP32,
    heapU8: () => module.HEAPU8,
  };
}
