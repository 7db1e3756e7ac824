// Ruling lines from painted paths, the same for every engine: stroked axis-aligned segments, and
// filled rectangles thin enough to be lines (Word, WPS and Chromium draw borders so).
import { DEFAULT_EXTRACTOR_SETTINGS, type PdfTextSettings } from './settings.js';
import type { Rule } from './types.js';

export type Point = [number, number];

/**
 * Rules of one subpath already in layout space (closed subpaths repeat their first point).
 * `stroked`: the path is stroked (its segments are the lines); else it is only filled. A stroked
 * segment counts within `ruleAxisTolerance` (pt) of axis-aligned, a filled rectangle at most
 * `ruleMaxThickness` thick.
 */
export function subpathRules(
  pts: Point[],
  stroked: boolean,
  tol: PdfTextSettings = DEFAULT_EXTRACTOR_SETTINGS.pdfText,
): Rule[] {
  return stroked ? axisSegments(pts, tol.ruleAxisTolerance) : thinRect(pts, tol.ruleMaxThickness);
}

function axisSegments(pts: Point[], eps: number): Rule[] {
  const out: Rule[] = [];
  for (let k = 1; k < pts.length; k++) {
    const [ax, ay] = pts[k - 1];
    const [bx, by] = pts[k];
    if (Math.abs(ax - bx) < eps && Math.abs(ay - by) > eps) out.push(rule(ax, ay, ax, by));
    else if (Math.abs(ay - by) < eps && Math.abs(ax - bx) > eps) out.push(rule(ax, ay, bx, ay));
  }
  return out;
}

function thinRect(pts: Point[], maxThickness: number): Rule[] {
  if (pts.length < 4 || pts.length > 6) return [];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = x1 - x0;
  const h = y1 - y0;
  if (h <= maxThickness && w > h) return [rule(x0, (y0 + y1) / 2, x1, (y0 + y1) / 2)];
  if (w <= maxThickness && h > w) return [rule((x0 + x1) / 2, y0, (x0 + x1) / 2, y1)];
  return [];
}

function rule(x0: number, y0: number, x1: number, y1: number): Rule {
  return { x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) };
}
