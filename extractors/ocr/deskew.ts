// Skew estimation by projection profiles: text lines and table rules are horizontal on the
// printed page, so the angle at which ink piles up into the sharpest row histogram is the skew.
import type { Binary } from './image.js';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../settings.js';

/**
 * Skew of the content in degrees (content line y = y0 + x·tan(angle)); pass it to rotateGray to
 * straighten. Searches ±`skewMaxDegrees` coarse-to-fine; returns 0 for pages with too little ink.
 */
export function estimateSkew(bin: Binary, s: OcrSettings = DEFAULT_OCR_SETTINGS): number {
  const maxDegrees = s.skewMaxDegrees;
  const pts = samplePoints(bin, s.skewMaxPoints);
  if (pts.length < s.skewMinInk) return 0;
  let best = 0;
  let step = 0.2;
  let lo = -maxDegrees;
  let hi = maxDegrees;
  // Coarse to fine: 0.2° → 0.05° → 0.0125°.
  for (let pass = 0; pass < 3; pass++) {
    let bestScore = -1;
    for (let a = lo; a <= hi + 1e-9; a += step) {
      const s = profileScore(pts, bin.height, bin.width, a);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    lo = best - step;
    hi = best + step;
    step /= 4;
  }
  return Math.abs(best) < s.skewMinDegrees ? 0 : Number(best.toFixed(3));
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
