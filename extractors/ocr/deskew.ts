// Skew estimation by projection profiles: text lines and table rules are horizontal on the
// printed page, so the angle at which ink piles up into the sharpest row histogram is the skew.
// The same profile across, on long vertical runs only, gives the lean a photo's perspective
// leaves in the vertical rules once the rows are level.
import type { Binary } from './image.js';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../settings.js';

/**
 * Skew of the content in degrees (content line y = y0 + x·tan(angle)); pass it to rotateGray to
 * straighten. Searches ±`skewMaxDegrees` coarse-to-fine; returns 0 for pages with too little ink.
 */
export function estimateSkew(bin: Binary, s: OcrSettings = DEFAULT_OCR_SETTINGS): number {
  const pts = samplePoints(bin, s.skewMaxPoints);
  if (pts.length < s.skewMinInk) return 0;
  const best = sharpestAngle(pts, bin.height, bin.width, s.skewMaxDegrees);
  return Math.abs(best) < s.skewMinDegrees ? 0 : Number(best.toFixed(3));
}

/**
 * Lean of the page's vertical rules in degrees once its rows are level (a rule x = x0 + y·tan(angle)):
 * what one rotation leaves of a photo's perspective — the text lines levelled, the table's
 * vertical rules still slanting. Pass it to shearGray. Only ink in vertical runs of at least
 * `leanMinRunIn` counts (rules, not text: the columns of a page of prose line up along more than
 * one slant). Searches ±`leanMaxDegrees`; a lean under `leanMinDegrees` is 0, as is one that
 * sharpens the runs' column profile by less than `leanMinGain`, or any on a page with too few runs. `dpi`: the resolution of `bin`.
 */
export function estimateLean(bin: Binary, dpi: number, s: OcrSettings = DEFAULT_OCR_SETTINGS): number {
  const pts = verticalRunPoints(bin, Math.round(s.leanMinRunIn * dpi), s.skewMaxPoints);
  if (pts.length < s.skewMinInk) return 0;
  const best = sharpestAngle(pts, bin.width, bin.height, s.leanMaxDegrees);
  if (Math.abs(best) < s.leanMinDegrees) return 0;
  // A leaning rule smears over several columns upright: sheared, its profile is much sharper.
  const gain = profileScore(pts, bin.width, bin.height, best) / profileScore(pts, bin.width, bin.height, 0);
  return gain < s.leanMinGain ? 0 : Number(best.toFixed(3));
}

/** Ink pixels in vertical runs of at least `minRun` pixels, as (y, x) interleaved, thinned evenly to at most maxPoints. */
function verticalRunPoints(bin: Binary, minRun: number, maxPoints: number): Int32Array {
  const { width: w, height: h, data } = bin;
  const runs: number[] = [];
  let total = 0;
  for (let x = 0; x < w; x++) {
    let start = -1;
    for (let y = 0; y <= h; y++) {
      const ink = y < h && data[y * w + x] !== 0;
      if (ink && start < 0) start = y;
      else if (!ink && start >= 0) {
        if (y - start >= minRun) {
          runs.push(x, start, y);
          total += y - start;
        }
        start = -1;
      }
    }
  }
  const stride = Math.max(1, Math.ceil(total / maxPoints));
  const out = new Int32Array(2 * Math.ceil(total / stride) + 2);
  let n = 0;
  let k = 0;
  for (let i = 0; i < runs.length; i += 3) {
    for (let y = runs[i + 1]; y < runs[i + 2]; y++) {
      if (k++ % stride === 0) {
        out[n++] = y;
        out[n++] = runs[i];
      }
    }
  }
  return out.subarray(0, n);
}

/**
 * The shear angle (±`maxDegrees`, coarse to fine: 0.2° → 0.05° → 0.0125°) at which the points
 * (along, across interleaved) pile up into the sharpest histogram across.
 */
function sharpestAngle(pts: Int32Array, across: number, along: number, maxDegrees: number): number {
  let best = 0;
  let step = 0.2;
  let lo = -maxDegrees;
  let hi = maxDegrees;
  for (let pass = 0; pass < 3; pass++) {
    let bestScore = -1;
    for (let a = lo; a <= hi + 1e-9; a += step) {
      const score = profileScore(pts, across, along, a);
      if (score > bestScore) {
        bestScore = score;
        best = a;
      }
    }
    lo = best - step;
    hi = best + step;
    step /= 4;
  }
  return best;
}

/** Ink pixel coordinates (x, y interleaved), thinned evenly to at most maxPoints. */
function samplePoints(bin: Binary, maxPoints: number): Int32Array {
  let ink = 0;
  for (let i = 0; i < bin.data.length; i++) ink += bin.data[i];
  const stride = Math.max(1, Math.ceil(ink / maxPoints));
  const out = new Int32Array(2 * Math.ceil(ink / stride));
  let n = 0;
  let k = 0;
  for (let y = 0; y < bin.height; y++) {
    const r = y * bin.width;
    for (let x = 0; x < bin.width; x++) {
      if (bin.data[r + x] && k++ % stride === 0) {
        out[n++] = x;
        out[n++] = y;
      }
    }
  }
  return out.subarray(0, n);
}

/** Sum of squared row counts after shearing by the angle: large when ink lines up in rows. */
function profileScore(pts: Int32Array, height: number, width: number, degrees: number): number {
  const t = Math.tan((degrees * Math.PI) / 180);
  const margin = Math.ceil(Math.abs(t) * width) + 1;
  const bins = new Float64Array(height + 2 * margin);
  for (let i = 0; i < pts.length; i += 2) bins[(pts[i + 1] - pts[i] * t + margin) | 0]++;
  let s = 0;
  for (let i = 0; i < bins.length; i++) s += bins[i] * bins[i];
  return s;
}
