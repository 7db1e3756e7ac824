// Vertical metrics of a font, chosen as pdf.js chooses them so both engines give a glyph the same
// box: an embedded sfnt (TrueType/OpenType) program's hhea ascender/descender over its units per
// em (pdf.js: "PDF FontDescriptor metrics lie"), else the font descriptor's /Ascent and /Descent,
// else 0.88 / 0.12 of the em.
import { DEFAULT_EXTRACTOR_SETTINGS } from '../settings.js';
import type { Scratch } from './scratch.js';
import type { Pdfium } from './wasm.js';

export interface FontMetrics {
  /** Above the baseline, in ems (> 0). */
  ascent: number;
  /** Below the baseline, in ems (> 0). */
  descent: number;
}

/** The metrics of a font that gives none (settings `pdfText.fallbackAscent` / `fallbackDescent`). */
export const DEFAULT_METRICS: FontMetrics = {
  ascent: DEFAULT_EXTRACTOR_SETTINGS.pdfText.fallbackAscent,
  descent: DEFAULT_EXTRACTOR_SETTINGS.pdfText.fallbackDescent,
};

/** Font programs larger than this are not read for their metrics (the descriptor's are used). */
const MAX_FONT_BYTES = 32 * 1024 * 1024;

/** A font's metrics; `fallback` for a font (or a metric) that gives none. */
export function fontMetrics(
  px: Pdfium,
  font: number,
  s: Scratch,
  fallback: FontMetrics = DEFAULT_METRICS,
): FontMetrics {
  if (!font) return fallback;
  const f = px.fn;
  if (f.FPDFFont_GetIsEmbedded(font) === 1) {
    const sfnt = withFontProgram(px, font, s, (program) => sfntMetrics(program, fallback));
    if (sfnt) return sfnt;
  }
  // FPDFFont_GetAscent/Descent at size 1: the descriptor's values in ems (descent negative).
  const ascent = f.FPDFFont_GetAscent(font, 1, s.ptr) ? s.f32(0) : 0;
  const descent = f.FPDFFont_GetDescent(font, 1, s.ptr) ? -s.f32(0) : 0;
  return withFallback(ascent, descent, fallback);
}

/** Like pdf.js's text layer (pdf-text.ts): a non-positive metric falls back to the default. */
const withFallback = (ascent: number, descent: number, fallback: FontMetrics): FontMetrics => ({
  ascent: ascent > 0 ? ascent : fallback.ascent,
  descent: descent > 0 ? descent : fallback.descent,
});

/** `read` of the font's embedded program (a view of the wasm heap, valid only during the call), or null. */
function withFontProgram<T>(px: Pdfium, font: number, s: Scratch, read: (program: Uint8Array | null) => T): T {
  const f = px.fn;
  // size_t out-parameter: wasm32, so 4 bytes.
  if (!f.FPDFFont_GetFontData(font, 0, 0, s.ptr)) return read(null);
  const size = s.i32(0) >>> 0;
  if (size < 12 || size > MAX_FONT_BYTES) return read(null);
  const buf = f.malloc(size);
  if (!buf) return read(null);
  try {
    if (!f.FPDFFont_GetFontData(font, buf, size, s.ptr)) return read(null);
    // Only the table directory, head and hhea are read: no copy out of the heap.
    return read(px.heapU8().subarray(buf, buf + size));
  } finally {
    f.free(buf);
  }
}

/** hhea ascender/descender over head unitsPerEm of an sfnt font program; null if not one. */
export function sfntMetrics(data: Uint8Array | null, fallback: FontMetrics = DEFAULT_METRICS): FontMetrics | null {
  if (!data || data.length < 12) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const version = view.getUint32(0);
  // TrueType 1.0, 'true', or 'OTTO' (CFF in an sfnt).
  if (version !== 0x00010000 && version !== 0x74727565 && version !== 0x4f54544f) return null;
  const numTables = view.getUint16(4);
  let head = -1;
  let hhea = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    if (rec + 16 > data.length) return null;
    const tag = String.fromCharCode(data[rec], data[rec + 1], data[rec + 2], data[rec + 3]);
    const offset = view.getUint32(rec + 8);
    if (tag === 'head') head = offset;
    else if (tag === 'hhea') hhea = offset;
  }
  if (head < 0 || hhea < 0 || head + 20 > data.length || hhea + 8 > data.length) return null;
  const unitsPerEm = view.getUint16(head + 18);
  if (!unitsPerEm) return null;
  const ascent = view.getInt16(hhea + 4) / unitsPerEm;
  const descent = -view.getInt16(hhea + 6) / unitsPerEm;
  return withFallback(ascent, descent, fallback);
}
