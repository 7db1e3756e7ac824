// The PDF text layer of one page: glyph runs with positions, and the ruling lines drawn on it.
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { loadPdfjs } from './pdf-document.js';
import { normalizeGlyphs } from './glyphs.js';
import { apply, multiply, type Matrix } from './matrix.js';
import { walkOperators } from './operators.js';
import { subpathRules, type Point } from './rules.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type PdfTextSettings } from './settings.js';
import type { BBox, Rule, SourcePage, TextRun } from './types.js';

export async function textLayerPage(
  pdfPage: PDFPageProxy,
  pageNumber: number,
  tol: PdfTextSettings = DEFAULT_EXTRACTOR_SETTINGS.pdfText,
): Promise<SourcePage> {
  const viewport = pdfPage.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const [runs, rules] = await Promise.all([readRuns(pdfPage, vt, tol), readRules(pdfPage, vt, tol)]);
  return { page: pageNumber, width: viewport.width, height: viewport.height, runs, rules, source: 'pdf-text' };
}

async function readRuns(pdfPage: PDFPageProxy, vt: Matrix, tol: PdfTextSettings): Promise<TextRun[]> {
  const content = await pdfPage.getTextContent({ includeMarkedContent: false });
  const styles = content.styles as Record<string, { vertical?: boolean; ascent?: number; descent?: number }>;
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const text = normalizeGlyphs(item.str);
    if (!text || !text.trim()) continue;
    const tm = multiply(vt, item.transform as Matrix);
    const style = styles[item.fontName] ?? {};
    // Glyph height on the page: the length of the text matrix's y axis.
    const size = Math.hypot(tm[2], tm[3]) || Math.abs(item.height) || 1;
    const [x, y] = [tm[4], tm[5]];
    let bbox: BBox;
    let dir: TextRun['dir'] = 'ltr';
    if (style.vertical) {
      dir = 'ttb';
      // Vertical fonts advance downwards from the origin, centred on it horizontally.
      bbox = [x - size / 2, y, x + size / 2, y + Math.abs(item.height || size * text.length)];
    } else {
      const ascent = style.ascent && style.ascent > 0 ? style.ascent : tol.fallbackAscent;
      const descent = style.descent && style.descent < 0 ? -style.descent : tol.fallbackDescent;
      const rotated = Math.abs(tm[1]) > Math.abs(tm[0]);
      if (rotated) {
        // Text rotated 90°: glyphs run downwards (as some exporters set vertical cells).
        dir = 'ttb';
        const down = tm[1] > 0 ? 1 : -1;
        const y1 = y + down * item.width;
        bbox = [x - size * descent, Math.min(y, y1), x + size * ascent, Math.max(y, y1)];
      } else {
        bbox = [x, y - size * ascent, x + item.width, y + size * descent];
      }
    }
    runs.push({ text, bbox, fontSize: size, fontName: item.fontName, dir });
  }
  return runs;
}

/** Ruling lines: stroked axis-aligned segments and thin filled rectangles, in viewport space. */
async function readRules(pdfPage: PDFPageProxy, vt: Matrix, tol: PdfTextSettings): Promise<Rule[]> {
  const { OPS } = await loadPdfjs();
  const ops = await pdfPage.getOperatorList();
  const rules: Rule[] = [];
  const strokeOps = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  const fillOps = new Set<number>([OPS.fill, OPS.eoFill]);
  await walkOperators(ops, (fn, args, ctm) => {
    if (fn !== OPS.constructPath) return;
    const paint = args[0] as number;
    const data = (args[1] as [Float32Array | number[] | null])[0];
    const stroked = strokeOps.has(paint);
    if (!data || (!stroked && !fillOps.has(paint))) return;
    const m = multiply(vt, ctm);
    for (const sub of subpaths(data)) {
      const pts = sub.map(([x, y]) => apply(m, x, y));
      rules.push(...subpathRules(pts, stroked, tol));
    }
  });
  return rules;
}

function subpaths(data: ArrayLike<number>): Point[][] {
  const out: Point[][] = [];
  let cur: Point[] = [];
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === 0) {
      if (cur.length) out.push(cur);
      cur = [[data[i++], data[i++]]];
    } else if (op === 1) cur.push([data[i++], data[i++]]);
    else if (op === 2) {
      i += 4; // curves are not rules; keep only the end point
      cur.push([data[i++], data[i++]]);
    } else if (op === 3) {
      i += 2;
      cur.push([data[i++], data[i++]]);
    } else if (op === 4) {
      if (cur.length) cur.push(cur[0]);
    } else break;
  }
  if (cur.length) out.push(cur);
  return out;
}
