// A page's characters from PDFium's text page → glyph runs as layout takes them. A run is what
// pdf.js would make one text item of: glyphs of one font and size following each other on one
// baseline; a gap wider than pdf.js's tracking-space threshold, or white space, becomes one space
// inside the run, and a gap wider than its space-in-flow maximum ends the run. A glyph's box
// spans its advance and, across the baseline, the font's ascent and descent (fonts.ts), which is
// how pdf.js boxes its items — so both engines give the same lines and cells.
import { normalizeGlyphs } from '../glyphs.js';
import { apply, multiply, type Matrix } from '../matrix.js';
import type { BBox, TextRun } from '../types.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type PdfTextSettings } from '../settings.js';
import { fontMetrics, type FontMetrics } from './fonts.js';
import type { Scratch } from './scratch.js';
import type { Pdfium } from './wasm.js';

// Their tolerances are settings (extractors/settings.ts, `pdfText`): spaceMin (pdf.js's
// TRACKING_SPACE_FACTOR), spaceMax (SPACE_IN_FLOW_MAX_FACTOR), baselineAlign, glyphOverlap, sameSize.

interface Glyph {
  ch: string;
  font: number;
  size: number;
  rotated: boolean;
  advance: 1 | -1;
  /** Layout-space origin (on the baseline). */
  ox: number;
  oy: number;
  box: BBox;
}

interface Building {
  chars: string[];
  box: BBox;
  last: Glyph;
  fontIndex: number;
}

/** Glyph runs of the text page `tp`; `vt` maps page space to layout space. */
export function pageRuns(
  px: Pdfium,
  tp: number,
  vt: Matrix,
  s: Scratch,
  tol: PdfTextSettings = DEFAULT_EXTRACTOR_SETTINGS.pdfText,
): TextRun[] {
  const fallback: FontMetrics = { ascent: tol.fallbackAscent, descent: tol.fallbackDescent };
  const f = px.fn;
  const fontOf = new Map<number, number>();
  const metricsOf = new Map<number, FontMetrics>();
  const nameOf = new Map<number, string | undefined>();
  const runs: TextRun[] = [];
  let cur: Building | null = null;
  let spaced = false;
  const flush = () => {
    if (cur) {
      const font = cur.last.font;
      if (!nameOf.has(font)) nameOf.set(font, fontNameOf(px, tp, cur.fontIndex));
      runs.push(finish(cur, nameOf.get(font)));
    }
    cur = null;
  };
  const n = f.FPDFText_CountChars(tp);
  for (let k = 0; k < n; k++) {
    const code = f.FPDFText_GetUnicode(tp, k);
    const obj = f.FPDFText_GetTextObject(tp, k);
    let font = fontOf.get(obj);
    if (font === undefined) fontOf.set(obj, (font = obj ? f.FPDFTextObj_GetFont(obj) : 0));
    if (code === 0 || isSpace(code)) {
      // A space drawn in another font ends the run, as any font change does in pdf.js;
      // spaces PDFium inserted for a gap have no text object.
      if (cur && obj && font !== cur.last.font) flush();
      spaced = true;
      continue;
    }
    let metrics = metricsOf.get(font);
    if (!metrics) metricsOf.set(font, (metrics = fontMetrics(px, font, s, fallback)));
    const g = glyph(px, tp, k, vt, s, String.fromCodePoint(code), font, metrics);
    if (!g) continue;
    const gap = cur ? gapAfter(cur.last, g, tol) : null;
    spaced ||= gap !== null && gap > tol.spaceMin * g.size;
    spaced &&= cur !== null;
    if (cur && gap !== null && gap <= tol.spaceMax * g.size) {
      if (spaced) cur.chars.push(' ');
      spaced = false;
      cur.chars.push(g.ch);
      cur.box = union(cur.box, g.box);
      cur.last = g;
      continue;
    }
    flush();
    spaced = false;
    cur = { chars: [g.ch], box: g.box, last: g, fontIndex: k };
  }
  flush();
  return runs;
}

function glyph(
  px: Pdfium,
  tp: number,
  k: number,
  vt: Matrix,
  s: Scratch,
  ch: string,
  font: number,
  fm: FontMetrics,
): Glyph | null {
  const f = px.fn;
  if (!f.FPDFText_GetLooseCharBox(tp, k, s.ptr)) return null;
  const [l, t, r, b] = [s.f32(0), s.f32(1), s.f32(2), s.f32(3)];
  const [ax, ay] = apply(vt, l, t);
  const [bx, by] = apply(vt, r, b);
  const loose: BBox = [Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by)];
  if (!f.FPDFText_GetCharOrigin(tp, k, s.ptr, s.ptr + 8)) return null;
  const [ox, oy] = apply(vt, s.f64(0), s.f64(1));
  // The text rendering matrix without translation, font size folded in, in layout space.
  const fontSize = f.FPDFText_GetFontSize(tp, k) || 1;
  const tm: Matrix = f.FPDFText_GetMatrix(tp, k, s.ptr)
    ? [s.f32(0), s.f32(1), s.f32(2), s.f32(3), 0, 0]
    : [1, 0, 0, 1, 0, 0];
  const m = multiply(
    [vt[0], vt[1], vt[2], vt[3], 0, 0],
    [tm[0] * fontSize, tm[1] * fontSize, tm[2] * fontSize, tm[3] * fontSize, 0, 0],
  );
  const size = Math.hypot(m[2], m[3]) || loose[3] - loose[1] || 1;
  // Text turned a quarter (some exporters set vertical cells so): glyphs run down the page.
  const rotated = Math.abs(m[1]) > Math.abs(m[0]);
  // +1 when glyphs advance right (or down, when rotated), -1 when left (or up).
  const advance: 1 | -1 = (rotated ? m[1] : m[0]) < 0 ? -1 : 1;
  const box: BBox = rotated
    ? [ox - size * fm.descent, loose[1], ox + size * fm.ascent, loose[3]]
    : [loose[0], oy - size * fm.ascent, loose[2], oy + size * fm.descent];
  return { ch, font, size, rotated, advance, ox, oy, box };
}

/**
 * The gap from `prev` to `next` along their common baseline when `next` may continue the run
 * (same font and size, same line, not overlapping back by more than pdf.js allows); else null.
 */
function gapAfter(prev: Glyph, next: Glyph, tol: PdfTextSettings): number | null {
  if (next.font !== prev.font || next.rotated !== prev.rotated || next.advance !== prev.advance) return null;
  if (Math.abs(next.size - prev.size) > tol.sameSize * prev.size) return null;
  const size = prev.size;
  // Along the baseline: x for upright text, y for text turned a quarter.
  const [lo, hi, across] = prev.rotated ? ([1, 3, 'ox'] as const) : ([0, 2, 'oy'] as const);
  if (Math.abs(next[across] - prev[across]) >= size * tol.baselineAlign) return null;
  const gap = prev.advance > 0 ? next.box[lo] - prev.box[hi] : prev.box[lo] - next.box[hi];
  return gap > -size * tol.glyphOverlap ? gap : null;
}

function finish(b: Building, fontName: string | undefined): TextRun {
  return {
    text: normalizeGlyphs(b.chars.join('')),
    bbox: b.box,
    fontSize: b.last.size,
    ...(fontName ? { fontName } : {}),
    dir: b.last.rotated ? 'ttb' : 'ltr',
  };
}

const FONT_NAME_BYTES = 128;
function fontNameOf(px: Pdfium, tp: number, k: number): string | undefined {
  const buf = px.fn.malloc(FONT_NAME_BYTES);
  if (!buf) return undefined;
  try {
    const len = px.fn.FPDFText_GetFontInfo(tp, k, buf, FONT_NAME_BYTES, 0);
    if (len <= 1 || len > FONT_NAME_BYTES) return undefined;
    return Buffer.from(px.heapU8().subarray(buf, buf + len - 1)).toString('utf8');
  } finally {
    px.fn.free(buf);
  }
}

const isSpace = (c: number) =>
  c <= 0x20 ||
  c === 0x85 ||
  c === 0xa0 ||
  c === 0x3000 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0xfeff;

const union = (a: BBox, b: BBox): BBox => [
  Math.min(a[0], b[0]),
  Math.min(a[1], b[1]),
  Math.max(a[2], b[2]),
  Math.max(a[3], b[3]),
];
