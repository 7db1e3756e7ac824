// Perspective (keystone) correction for photographed pages: a ruled table is printed as a
// rectangle, so when its outer border comes out as a general quadrilateral the camera was not
// square to the page. The border's four lines are fitted to their ink, and the page is warped by
// the homography that maps the quadrilateral back onto a rectangle. Deskew has already removed the
// mean rotation; this removes what a single angle cannot (top and bottom edges at different slopes).
import type { Binary, Gray } from './image.js';
import type { PixelRule, Table } from './grid.js';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../settings.js';

export interface PerspectiveOptions {
  dpi: number;
  /** The OCR tolerances (`keystone…`, `lineFit…`; default: their defaults). */
  settings?: OcrSettings;
}

type Point = [x: number, y: number];
/** 3×3 homography, row-major, h[8] = 1. */
export type Homography = Float64Array;

/**
 * The homography that straightens the largest table on the page (destination pixel → source
 * pixel), or null when its border is already a rectangle (a flatbed scan) or cannot be fitted.
 */
export function keystoneOf(bin: Binary, tables: Table[], opts: PerspectiveOptions): Homography | null {
  const s = opts.settings ?? DEFAULT_OCR_SETTINGS;
  const minShift = s.keystoneMinShiftIn * opts.dpi;
  const span = s.keystoneBorderSpan;
  const table = [...tables].sort((a, b) => area(b.box) - area(a.box))[0];
  if (!table) return null;
  const { box } = table;
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  if (w < opts.dpi * s.keystoneMinWidthIn || h < opts.dpi * s.keystoneMinHeightIn) return null;
  const hs = table.rules.filter((r) => r.orient === 'h' && r.x1 - r.x0 >= span * w);
  const vs = table.rules.filter((r) => r.orient === 'v' && r.y1 - r.y0 >= span * h);
  if (hs.length < 2 || vs.length < 2) return null;
  const top = fitLine(
    bin,
    hs.reduce((a, b) => (b.y0 < a.y0 ? b : a)),
    s,
  );
  const bottom = fitLine(
    bin,
    hs.reduce((a, b) => (b.y1 > a.y1 ? b : a)),
    s,
  );
  const left = fitLine(
    bin,
    vs.reduce((a, b) => (b.x0 < a.x0 ? b : a)),
    s,
  );
  const right = fitLine(
    bin,
    vs.reduce((a, b) => (b.x1 > a.x1 ? b : a)),
    s,
  );
  if (!top || !bottom || !left || !right) return null;
  const quad: Point[] = [cross(top, left), cross(top, right), cross(bottom, right), cross(bottom, left)];
  // The rectangle it should be: anchored at the top-left corner, with the mean edge lengths.
  const dist = (p: Point, q: Point) => Math.hypot(p[0] - q[0], p[1] - q[1]);
  const rw = (dist(quad[0], quad[1]) + dist(quad[3], quad[2])) / 2;
  const rh = (dist(quad[0], quad[3]) + dist(quad[1], quad[2])) / 2;
  const [x0, y0] = quad[0];
  const rect: Point[] = [
    [x0, y0],
    [x0 + rw, y0],
    [x0 + rw, y0 + rh],
    [x0, y0 + rh],
  ];
  const shift = Math.max(...quad.map((p, i) => dist(p, rect[i])));
  if (!(shift >= minShift) || shift > s.keystoneMaxShift * Math.max(w, h)) return null;
  return homography(rect, quad);
}

/** Warp a grey image: each destination pixel samples the source at H·(x, y) (bilinear, white outside). */
export function warpGray(img: Gray, H: Homography): Gray {
  const { width: w, height: h, data: src } = img;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = H[6] * x + H[7] * y + 1;
      const sx = (H[0] * x + H[1] * y + H[2]) / d;
      const sy = (H[3] * x + H[4] * y + H[5]) / d;
      // Outside unless ⌊sx⌋ is in 0…w−2 and ⌊sy⌋ in 0…h−2; then the floor is a truncation.
      if (!(sx >= 0 && sy >= 0 && sx < w - 1 && sy < h - 1)) {
        out[y * w + x] = 255;
        continue;
      }
      const xi = sx | 0;
      const yi = sy | 0;
      const fx = sx - xi;
      const fy = sy - yi;
      const i = yi * w + xi;
      const t = src[i] + (src[i + 1] - src[i]) * fx;
      const b = src[i + w] + (src[i + w + 1] - src[i + w]) * fx;
      out[y * w + x] = (t + (b - t) * fy + 0.5) | 0;
    }
  }
  return { width: w, height: h, data: out };
}

/** A line as a·x + b·y = c with (a, b) a unit normal. */
interface Line {
  a: number;
  b: number;
  c: number;
}

/**
 * Fit a ruling line to its ink: per column (row, for a vertical rule) of the rule's box, the
 * centre of the ink; a least-squares line through those centres, refitted without outliers
 * (glyph ink touching the rule).
 */
function fitLine(bin: Binary, r: PixelRule, s: OcrSettings): Line | null {
  const pts: Point[] = [];
  const along = r.orient === 'h' ? [r.x0, r.x1] : [r.y0, r.y1];
  const across = r.orient === 'h' ? [r.y0, r.y1] : [r.x0, r.x1];
  const step = Math.max(1, Math.floor((along[1] - along[0]) / s.lineFitSamples));
  for (let t = along[0]; t <= along[1]; t += step) {
    let sum = 0;
    let n = 0;
    for (let a = across[0]; a <= across[1]; a++) {
      const [x, y] = r.orient === 'h' ? [t, a] : [a, t];
      if (bin.data[y * bin.width + x]) {
        sum += a;
        n++;
      }
    }
    if (n) pts.push([t, sum / n]);
  }
  if (pts.length < s.lineFitMinPoints) return null;
  let fit = leastSquares(pts);
  const resid = (p: Point) => Math.abs(p[1] - (fit.k * p[0] + fit.m));
  const kept = pts.filter((p) => resid(p) <= s.lineFitResidualPx);
  if (kept.length >= s.lineFitMinPoints) fit = leastSquares(kept);
  // across = k·along + m, back in x/y.
  const [a, b, c] = r.orient === 'h' ? [-fit.k, 1, fit.m] : [1, -fit.k, fit.m];
  const n = Math.hypot(a, b);
  return { a: a / n, b: b / n, c: c / n };
}

function leastSquares(pts: Point[]): { k: number; m: number } {
  const n = pts.length;
  let st = 0;
  let ss = 0;
  let stt = 0;
  let sts = 0;
  for (const [t, s] of pts) {
    st += t;
    ss += s;
    stt += t * t;
    sts += t * s;
  }
  const den = n * stt - st * st;
  const k = den === 0 ? 0 : (n * sts - st * ss) / den;
  return { k, m: (ss - k * st) / n };
}

function cross(p: Line, q: Line): Point {
  const det = p.a * q.b - p.b * q.a;
  return [(p.c * q.b - p.b * q.c) / det, (p.a * q.c - p.c * q.a) / det];
}

const area = (b: { x0: number; y0: number; x1: number; y1: number }) => (b.x1 - b.x0) * (b.y1 - b.y0);

/** The homography taking each `from` point to the matching `to` point (4 pairs, direct solve). */
export function homography(from: Point[], to: Point[]): Homography {
  const A: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i];
    const [u, v] = to[i];
    A.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    A.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let k = c; k < 9; k++) A[r][k] -= f * A[c][k];
    }
  }
  const H = new Float64Array(9);
  for (let i = 0; i < 8; i++) H[i] = A[i][8] / A[i][i];
  H[8] = 1;
  return H;
}
