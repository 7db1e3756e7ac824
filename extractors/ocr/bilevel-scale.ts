// A bilevel scan (a scanner's 1-bit "text" mode) below the native-resolution floor is brought to the
// render resolution by nearest neighbour, so it stays bilevel. Rendered by pdf.js instead, it comes
// back smoothed at some scales (a 272 dpi or 238 dpi scan: greys along every edge, no longer two
// levels) and takes the grey path: blurred and Otsu-thresholded, a stroke one source pixel wide is
// lost, and the bilevel path (its own ink united with the blurred threshold, image.ts) is skipped.
// Measured on a city-2021 draw at 272 dpi, threshold 44%: 49.02% of fields exact rendered, 56.86% as
// bilevel.
import { bilevelLevels, type Gray } from './image.js';
import type { PageImage } from './render.js';

/** A 1-bit image as pdf.js decodes it (rows packed 8 pixels a byte from the high bit, a set bit white) as greys. */
export function grayFrom1bpp(data: Uint8Array | Uint8ClampedArray, w: number, h: number): Gray {
  const out = new Uint8Array(w * h);
  const stride = Math.ceil(w / 8);
  for (let y = 0; y < h; y++) {
    const row = y * stride;
    for (let x = 0; x < w; x++) out[y * w + x] = data[row + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
  }
  return { width: w, height: h, data: out };
}

/**
 * The embedded page image scaled by nearest neighbour to `dpi` (the render resolution) when it is
 * bilevel (two greys) and below `minDpi` (the native floor); null otherwise (the page is rendered
 * as before: from the floor up, a 284 dpi draw scaled so read a digit and the title's first
 * character worse than rendered — a duplicated row or column every 18 is no finer grid).
 */
export function bilevelAtDpi(image: PageImage, minDpi: number, dpi: number): PageImage | null {
  if (image.dpi >= minDpi || image.dpi >= dpi || !bilevelLevels(image.gray)) return null;
  const f = dpi / image.dpi;
  const gray = nearest(image.gray, Math.round(image.gray.width * f), Math.round(image.gray.height * f));
  const sx = gray.width / image.gray.width;
  const sy = gray.height / image.gray.height;
  return { ...image, gray, scaleX: image.scaleX * sx, scaleY: image.scaleY * sy, dpi: image.dpi * sy };
}

/** `img` resized to w × h, each pixel the source pixel its centre falls in. */
export function nearest(img: Gray, w: number, h: number): Gray {
  const out = new Uint8Array(w * h);
  const xs = new Int32Array(w);
  for (let x = 0; x < w; x++) xs[x] = Math.min(img.width - 1, Math.floor(((x + 0.5) * img.width) / w));
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor(((y + 0.5) * img.height) / h));
    const src = sy * img.width;
    const row = y * w;
    for (let x = 0; x < w; x++) out[row + x] = img.data[src + xs[x]];
  }
  return { width: w, height: h, data: out };
}
