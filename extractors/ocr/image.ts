// Greyscale page images and the few pixel operations the OCR path needs (no image library:
// everything here is plain typed-array work so it runs anywhere Node runs).
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../settings.js';

/** 8-bit greyscale, row-major, 0 = black, 255 = white. */
export interface Gray {
  width: number;
  height: number;
  data: Uint8Array;
}

export function grayFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 4) {
    // Integer Rec. 601 luma; transparent pixels count as white paper.
    const a = rgba[j + 3];
    const y = (rgba[j] * 77 + rgba[j + 1] * 150 + rgba[j + 2] * 29) >> 8;
    data[i] = a === 255 ? y : 255 - (((255 - y) * a) >> 8);
  }
  return { width, height, data };
}

export function grayFromRgb(rgb: Uint8Array | Uint8ClampedArray, width: number, height: number): Gray {
  const data = new Uint8Array(width * height);
  for (let i = 0, j = 0; i < data.length; i++, j += 3)
    data[i] = (rgb[j] * 77 + rgb[j + 1] * 150 + rgb[j + 2] * 29) >> 8;
  return { width, height, data };
}

/** Half the size in each direction, each pixel the mean of a 2×2 block. */
export function halfSize(img: Gray): Gray {
  const w = img.width >> 1;
  const h = img.height >> 1;
  const out = new Uint8Array(w * h);
  const src = img.data;
  const W = img.width;
  for (let y = 0; y < h; y++) {
    const a = 2 * y * W;
    const b = a + W;
    for (let x = 0; x < w; x++)
      out[y * w + x] = (src[a + 2 * x] + src[a + 2 * x + 1] + src[b + 2 * x] + src[b + 2 * x + 1] + 2) >> 2;
  }
  return { width: w, height: h, data: out };
}

/** Otsu's threshold over the histogram: the grey level that best separates ink from paper. */
export function otsuThreshold(img: Gray): number {
  const hist = new Int32Array(256);
  const d = img.data;
  for (let i = 0; i < d.length; i++) hist[d[i]]++;
  return otsuOfHistogram(hist, d.length);
}

/** Otsu's threshold of a grey histogram of `total` pixels. */
function otsuOfHistogram(hist: Int32Array, total: number): number {
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * hist[t];
  let wB = 0;
  let sumB = 0;
  let best = 0;
  let bestT = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/** 1 = ink, 0 = paper. */
export interface Binary {
  width: number;
  height: number;
  data: Uint8Array;
}

/**
 * Global Otsu threshold after a 3×3 box blur: scans carry JPEG ringing and speckle, and the blur
 * stops single noisy pixels from becoming ink. Threshold is capped (`binarizeMaxThreshold`) so light
 * paper tints stay paper.
 *
 * Given `levels` (a page that was bilevel: its two greys, from `bilevelLevels` before the deskew)
 * there is no blur: a bilevel scan has no grey noise to smooth, and the blur spreads a one-pixel
 * stroke (a thin ruling line of a 200 dpi "text mode" scan) over three pixels, a third dark, so
 * Otsu's threshold breaks it into dashes. Ink is then every pixel darker than `bilevelInkShare`
 * of the way from the ink grey to the paper grey (the deskew's interpolation leaves a one-pixel
 * stroke at worst half dark on two pixels).
 */
export function binarize(
  img: Gray,
  s: OcrSettings = DEFAULT_OCR_SETTINGS,
  levels: BilevelLevels | null = null,
): Binary {
  const out = new Uint8Array(img.data.length);
  if (levels) {
    const t = levels.ink + s.bilevelInkShare * (levels.paper - levels.ink);
    const d = img.data;
    for (let i = 0; i < d.length; i++) out[i] = d[i] < t ? 1 : 0;
    return { width: img.width, height: img.height, data: out };
  }
  // Blurred into `out`, counted as it goes, then thresholded in place.
  const hist = new Int32Array(256);
  blurInto(img, out, hist);
  const t = Math.min(otsuOfHistogram(hist, out.length), s.binarizeMaxThreshold);
  for (let i = 0; i < out.length; i++) out[i] = out[i] <= t ? 1 : 0;
  return { width: img.width, height: img.height, data: out };
}

/** The two greys of a bilevel image: its ink (darker) and its paper. */
export interface BilevelLevels {
  ink: number;
  paper: number;
}

/**
 * The ink and paper greys of an image that has exactly two (a 1-bit scan, drawn at any scale by
 * nearest neighbour); null for a grey image, or a blank one.
 */
export function bilevelLevels(img: Gray): BilevelLevels | null {
  const d = img.data;
  if (d.length === 0) return null;
  const a = d[0];
  let b = -1;
  for (let i = 1; i < d.length; i++) {
    const v = d[i];
    if (v === a || v === b) continue;
    if (b >= 0) return null;
    b = v;
  }
  return b < 0 ? null : { ink: Math.min(a, b), paper: Math.max(a, b) };
}

export function boxBlur3(img: Gray): Gray {
  const out = new Uint8Array(img.data.length);
  blurInto(img, out, new Int32Array(256));
  return { width: img.width, height: img.height, data: out };
}

/**
 * The 3×3 box blur of `img` (edge pixels repeated) written to `out`, each grey counted in `hist`.
 * Row sums roll through three row buffers rather than a whole second image.
 */
function blurInto(img: Gray, out: Uint8Array, hist: Int32Array): void {
  const { width: w, height: h, data: src } = img;
  if (w === 0 || h === 0) return;
  let up = new Uint16Array(w);
  let mid = new Uint16Array(w);
  let dn = new Uint16Array(w);
  rowSums3(src, mid, 0, w);
  up.set(mid);
  for (let y = 0; y < h; y++) {
    if (y < h - 1) rowSums3(src, dn, (y + 1) * w, w);
    else dn.set(mid);
    const r = y * w;
    // ⌊s / 9⌋ as a multiply and shift: exact for every sum of nine 8-bit greys (0…2295).
    for (let x = 0; x < w; x++) {
      const v = ((up[x] + mid[x] + dn[x]) * 7282) >> 16;
      out[r + x] = v;
      hist[v]++;
    }
    [up, mid, dn] = [mid, dn, up];
  }
}

/** Each pixel of the row starting at `r` of `src` plus its left and right neighbours (the edge pixel repeated), into `dst`. */
function rowSums3(src: Uint8Array, dst: Uint16Array, r: number, w: number): void {
  if (w === 1) {
    dst[0] = 3 * src[r];
    return;
  }
  dst[0] = 2 * src[r] + src[r + 1];
  for (let x = 1; x < w - 1; x++) dst[x] = src[r + x - 1] + src[r + x] + src[r + x + 1];
  dst[w - 1] = src[r + w - 2] + 2 * src[r + w - 1];
}

/**
 * Rotate about the centre, bilinear, white fill. Each destination pixel (dx, dy from the centre)
 * samples the source at (cos·dx − sin·dy, sin·dx + cos·dy): with y pointing down, a positive angle
 * turns the content clockwise on screen.
 */
export function rotateGray(img: Gray, degrees: number): Gray {
  if (degrees === 0) return img;
  const { width: w, height: h, data: src } = img;
  const out = new Uint8Array(w * h);
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = (w - 1) / 2;
  const cy = (h - 1) / 2;
  const xMax = w - 1;
  const yMax = h - 1;
  for (let y = 0; y < h; y++) {
    const dy = y - cy;
    let sx = cx - cos * cx - sin * dy;
    let sy = cy - sin * cx + cos * dy;
    const r = y * w;
    for (let x = 0; x < w; x++, sx += cos, sy += sin) {
      // Outside unless both corners' pixels exist (⌊sx⌋ in 0…w−2); then ⌊sx⌋ is a truncation.
      if (!(sx >= 0 && sy >= 0 && sx < xMax && sy < yMax)) {
        out[r + x] = 255;
        continue;
      }
      const x0 = sx | 0;
      const y0 = sy | 0;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * w + x0;
      const top = src[i] + (src[i + 1] - src[i]) * fx;
      const bot = src[i + w] + (src[i + w + 1] - src[i + w]) * fx;
      out[r + x] = (top + (bot - top) * fy + 0.5) | 0;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * Shear a grey image horizontally about its middle row: pixel (x, y) takes the source at
 * x + (y − centre)·tan(degrees) (linear between two pixels, white outside), so a column leaning by
 * `degrees` (estimateLean) stands upright and rows stay where they are.
 */
export function shearGray(img: Gray, degrees: number): Gray {
  if (degrees === 0) return img;
  const { width: w, height: h, data: src } = img;
  const out = new Uint8Array(w * h);
  const t = Math.tan((degrees * Math.PI) / 180);
  const cy = (h - 1) / 2;
  for (let y = 0; y < h; y++) {
    const shift = (y - cy) * t;
    const r = y * w;
    for (let x = 0; x < w; x++) {
      const sx = x + shift;
      // Outside unless ⌊sx⌋ is in 0…w−2; then ⌊sx⌋ is a truncation.
      if (!(sx >= 0 && sx < w - 1)) {
        out[r + x] = 255;
        continue;
      }
      const x0 = sx | 0;
      const f = sx - x0;
      out[r + x] = (src[r + x0] + (src[r + x0 + 1] - src[r + x0]) * f + 0.5) | 0;
    }
  }
  return { width: w, height: h, data: out };
}

/** Binary PGM (P5) of a region of a binary image, ink black on white, with a white margin. */
export function encodeBinaryPgm(
  bin: Binary,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  margin: number,
): Uint8Array {
  const w = x1 - x0 + 2 * margin;
  const h = y1 - y0 + 2 * margin;
  const header = Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + w * h);
  out.set(header, 0);
  const body = out.subarray(header.length);
  body.fill(255);
  for (let y = y0; y < y1; y++) {
    const src = y * bin.width;
    const dst = (y - y0 + margin) * w + margin;
    for (let x = x0; x < x1; x++) if (bin.data[src + x]) body[dst + x - x0] = 0;
  }
  return out;
}

export function encodeGrayPgm(img: Gray): Uint8Array {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + img.data.length);
  out.set(header, 0);
  out.set(img.data, header.length);
  return out;
}

/**
 * Paper brightness evened out: each pixel divided by the local paper level, so light that falls
 * off across a phone photo, a grey photocopy or a shaded scan becomes white paper and one global
 * threshold then fits the whole page. The paper level is the 95th-percentile grey of coarse
 * blocks (ink never fills a whole block at the default size), the median of each block's 3×3
 * neighbourhood (a block of dense ink, or of bright desk beside a photographed page, does not
 * count), smoothed and interpolated bilinearly. Already even pages (a clean scan, a bilevel one)
 * come back unchanged.
 */
export function flattenBackground(img: Gray, s: OcrSettings = DEFAULT_OCR_SETTINGS): Gray {
  const block = s.backgroundBlockPx;
  const { width: w, height: h, data: src } = img;
  const bw = Math.ceil(w / block);
  const bh = Math.ceil(h / block);
  // Per block: the 95th-percentile grey (`paperBrightShare`) (robust to a stray bright speck of JPEG noise).
  const level = new Float32Array(bw * bh);
  const hist = new Uint32Array(256);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      hist.fill(0);
      const x0 = bx * block;
      const y0 = by * block;
      const x1 = Math.min(w, x0 + block);
      const y1 = Math.min(h, y0 + block);
      for (let y = y0; y < y1; y += 2) for (let x = x0; x < x1; x += 2) hist[src[y * w + x]]++;
      const n = Math.ceil(((x1 - x0) * (y1 - y0)) / 4);
      let k = 255;
      for (let acc = 0; k > 0; k--) if ((acc += hist[k]) >= s.paperBrightShare * n) break;
      level[by * bw + bx] = k;
    }
  }
  // Median of the 3×3 neighbourhood (outlier blocks), then a 3×3 mean (no seams).
  const robust = medianAround(level, bw, bh);
  const smooth = neighbourhood(robust, bw, bh, 1, (a, b) => a + b, 0).map((v, i) => v / countAround(i, bw, bh, 1));
  const top = Math.max(...smooth);
  let even = true;
  for (const v of smooth) if (v < top - s.backgroundUnevenGrey) even = false;
  if (even) return img;
  // The horizontal interpolation of each column depends on x alone: worked out once, not per row.
  const cols = columnWeights(w, bw, block);
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy = Math.min(bh - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(bh - 1, y0 + 1);
    const ty = fy - y0;
    const r0 = y0 * bw;
    const r1 = y1 * bw;
    for (let x = 0; x < w; x++) {
      const x0 = cols.x0[x];
      const x1 = cols.x1[x];
      const tx = cols.t[x];
      const a = smooth[r0 + x0] + (smooth[r0 + x1] - smooth[r0 + x0]) * tx;
      const b = smooth[r1 + x0] + (smooth[r1 + x1] - smooth[r1 + x0]) * tx;
      const paper = Math.max(s.paperFloorGrey, a + (b - a) * ty);
      const v = (src[y * w + x] * 255) / paper;
      out[y * w + x] = v >= 255 ? 255 : v | 0;
    }
  }
  return { width: w, height: h, data: out };
}

/** Per pixel column: the two block columns it lies between and its weight on the second (bilinear). */
function columnWeights(w: number, bw: number, block: number): { x0: Int32Array; x1: Int32Array; t: Float64Array } {
  const x0s = new Int32Array(w);
  const x1s = new Int32Array(w);
  const t = new Float64Array(w);
  for (let x = 0; x < w; x++) {
    const fx = Math.min(bw - 1, Math.max(0, (x + 0.5) / block - 0.5));
    x0s[x] = Math.floor(fx);
    x1s[x] = Math.min(bw - 1, x0s[x] + 1);
    t[x] = fx - x0s[x];
  }
  return { x0: x0s, x1: x1s, t };
}

function neighbourhood(
  v: Float32Array,
  w: number,
  h: number,
  r: number,
  f: (a: number, b: number) => number,
  init: number,
): Float32Array {
  const out = new Float32Array(v.length);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let acc = init;
      for (let dy = -r; dy <= r; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -r; dx <= r; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < w) acc = f(acc, v[yy * w + xx]);
        }
      }
      out[y * w + x] = acc;
    }
  }
  return out;
}

function medianAround(v: Float32Array, w: number, h: number): Float32Array {
  const out = new Float32Array(v.length);
  const win: number[] = [];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      win.length = 0;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) win.push(v[yy * w + xx]);
      }
      win.sort((a, b) => a - b);
      out[y * w + x] = win[win.length >> 1];
    }
  }
  return out;
}

function countAround(i: number, w: number, h: number, r: number): number {
  const x = i % w;
  const y = (i / w) | 0;
  return (Math.min(w - 1, x + r) - Math.max(0, x - r) + 1) * (Math.min(h - 1, y + r) - Math.max(0, y - r) + 1);
}
