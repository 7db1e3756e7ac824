// Ruling lines from PDFium's page objects: every path object's subpaths, with the object's matrix
// and those of the form XObjects around it, mapped to layout space (see ../rules.ts for which count).
import { apply, multiply, type Matrix } from '../matrix.js';
import { subpathRules, type Point } from '../rules.js';
import { DEFAULT_EXTRACTOR_SETTINGS, type PdfTextSettings } from '../settings.js';
import type { Rule } from '../types.js';
import type { Scratch } from './scratch.js';
import { OBJ, SEG, type Pdfium } from './wasm.js';

/** Form XObjects nested deeper than this are not searched (a hostile file can nest without end). */
const MAX_FORM_DEPTH = 16;

export function pageRules(
  px: Pdfium,
  page: number,
  vt: Matrix,
  s: Scratch,
  tol: PdfTextSettings = DEFAULT_EXTRACTOR_SETTINGS.pdfText,
): Rule[] {
  const f = px.fn;
  const rules: Rule[] = [];
  const visit = (count: number, get: (i: number) => number, outer: Matrix, depth: number) => {
    for (let i = 0; i < count; i++) {
      const obj = get(i);
      if (!obj) continue;
      const type = f.FPDFPageObj_GetType(obj);
      if (type !== OBJ.PATH && type !== OBJ.FORM) continue;
      const m = multiply(outer, objectMatrix(px, obj, s));
      if (type === OBJ.FORM) {
        if (depth < MAX_FORM_DEPTH)
          visit(f.FPDFFormObj_CountObjects(obj), (j) => f.FPDFFormObj_GetObject(obj, j), m, depth + 1);
        continue;
      }
      if (!f.FPDFPath_GetDrawMode(obj, s.ptr, s.ptr + 4)) continue;
      const filled = s.i32(0) !== 0;
      const stroked = s.i32(1) !== 0;
      if (!stroked && !filled) continue;
      for (const sub of subpaths(px, obj, s))
        rules.push(
          ...subpathRules(
            sub.map(([x, y]) => apply(m, x, y)),
            stroked,
            tol,
          ),
        );
    }
  };
  visit(f.FPDFPage_CountObjects(page), (i) => f.FPDFPage_GetObject(page, i), vt, 0);
  return rules;
}

function objectMatrix(px: Pdfium, obj: number, s: Scratch): Matrix {
  if (!px.fn.FPDFPageObj_GetMatrix(obj, s.ptr)) return [1, 0, 0, 1, 0, 0];
  return [s.f32(0), s.f32(1), s.f32(2), s.f32(3), s.f32(4), s.f32(5)];
}

/** Subpaths as point lists in the object's space; curves keep only their end point, closing repeats the start. */
function subpaths(px: Pdfium, path: number, s: Scratch): Point[][] {
  const f = px.fn;
  const out: Point[][] = [];
  let cur: Point[] = [];
  let bezier = 0;
  const n = f.FPDFPath_CountSegments(path);
  for (let i = 0; i < n; i++) {
    const seg = f.FPDFPath_GetPathSegment(path, i);
    if (!seg || !f.FPDFPathSegment_GetPoint(seg, s.ptr, s.ptr + 4)) continue;
    const p: Point = [s.f32(0), s.f32(1)];
    const type = f.FPDFPathSegment_GetType(seg);
    if (type === SEG.MOVETO) {
      if (cur.length) out.push(cur);
      cur = [p];
      bezier = 0;
    } else if (type === SEG.BEZIERTO) {
      // A curve comes as three points (two controls, then the end).
      if (++bezier % 3 === 0) cur.push(p);
    } else {
      bezier = 0;
      cur.push(p);
    }
    if (f.FPDFPathSegment_GetClose(seg) && cur.length) cur.push(cur[0]);
  }
  if (cur.length) out.push(cur);
  return out;
}
