// The pixel operations of the OCR clean-up, made faster, against their plain formulas (the code
// they replaced): the outputs must be bit-identical, so the reading of a page does not change.
import { describe, expect, it } from 'vitest';
import {
  boxBlur3,
  binarize,
  flattenBackground,
  otsuThreshold,
  rotateGray,
  shearGray,
  type Gray,
} from '../extractors/ocr/image.js';
import { clearSpecks } from '../extractors/ocr/ink.js';
import { warpGray } from '../extractors/ocr/perspective.js';
import { transpose } from '../extractors/ocr/streaks.js';
import { DEFAULT_OCR_SETTINGS as S } from '../extractors/settings.js';

/** A deterministic noisy page: paper 150–255 with dark blobs, an uneven light across it. */
function noisy(w: number, h: number, seed = 7): Gray {
  let s = seed;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const light = 255 - Math.round((60 * x) / w);
      data[y * w + x] = rand() < 0.15 ? Math.round(rand() * 90) : Math.max(0, light - Math.round(rand() * 40));
    }
  }
  return { width: w, height: h, data };
}

/** The bilinear sample the rotation, shear and warp take: Math.floor, white outside. */
function bilinear(img: Gray, sx: number, sy: number): number {
  const { width: w, height: h, data: src } = img;
  const x0 = Math.floor(sx);
  const y0 = Math.floor(sy);
  if (x0 < 0 || y0 < 0 || x0 >= w - 1 || y0 >= h - 1) return 255;
  const fx = sx - x0;
  const fy = sy - y0;
  const i = y0 * w + x0;
  const top = src[i] + (src[i + 1] - src[i]) * fx;
  const bot = src[i + w] + (src[i + w + 1] - src[i + w]) * fx;
  return (top + (bot - top) * fy + 0.5) | 0;
}

function referenceRotate(img: Gray, degrees: number): Uint8Array {
  const { width: w, height: h } = img;
  const out = new Uint8Array(w * h);
  const rad = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(rad), Math.sin(rad)];
  const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
  for (let y = 0; y < h; y++) {
    let sx = cx - cos * cx - sin * (y - cy);
    let sy = cy - sin * cx + cos * (y - cy);
    for (let x = 0; x < w; x++, sx += cos, sy += sin) out[y * w + x] = bilinear(img, sx, sy);
  }
  return out;
}

function referenceBlur(img: Gray): Uint8Array {
  const { width: w, height: h, data } = img;
  const at = (x: number, y: number) => data[Math.min(h - 1, Math.max(0, y)) * w + Math.min(w - 1, Math.max(0, x))];
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) sum += at(x + dx, y + dy);
      out[y * w + x] = (sum / 9) | 0;
    }
  }
  return out;
}

describe('OCR pixel operations, bit-identical to their plain formulas', () => {
  it('box blur: the edge pixels repeated, ⌊sum / 9⌋', () => {
    const img = { width: 3, height: 2, data: Uint8Array.from([0, 90, 255, 9, 18, 27]) };
    expect([...boxBlur3(img).data]).toEqual([24, 82, 141, 18, 50, 82]);
    const one = { width: 1, height: 3, data: Uint8Array.from([255, 0, 100]) };
    expect([...boxBlur3(one).data]).toEqual([170, 118, 66]);
    const page = noisy(61, 47);
    expect(Buffer.from(boxBlur3(page).data).equals(Buffer.from(referenceBlur(page)))).toBe(true);
  });

  it("binarize: Otsu's threshold of the blurred page (capped), ink at or below it", () => {
    const page = noisy(61, 47);
    const blurred = { ...page, data: referenceBlur(page) };
    const t = Math.min(otsuThreshold(blurred), S.binarizeMaxThreshold);
    expect(t).toBe(182);
    const want = blurred.data.map((v) => (v <= t ? 1 : 0));
    expect(Buffer.from(binarize(page, S).data).equals(Buffer.from(want))).toBe(true);
  });

  it('rotation, shear and warp sample exactly as Math.floor would, white outside', () => {
    const page = noisy(53, 41);
    for (const deg of [0.0125, 1.3, -2.7, 4, 45]) {
      expect(Buffer.from(rotateGray(page, deg).data).equals(Buffer.from(referenceRotate(page, deg)))).toBe(true);
    }
    const t = Math.tan((2.5 * Math.PI) / 180);
    const sheared = shearGray(page, 2.5).data;
    for (let y = 0; y < page.height; y++) {
      for (let x = 0; x < page.width; x++) {
        const sx = x + (y - (page.height - 1) / 2) * t;
        const x0 = Math.floor(sx);
        const [a, b] = [page.data[y * page.width + x0], page.data[y * page.width + x0 + 1]];
        const want = x0 < 0 || x0 >= page.width - 1 ? 255 : (a + (b - a) * (sx - x0) + 0.5) | 0;
        expect(sheared[y * page.width + x]).toBe(want);
      }
    }
    const H = Float64Array.from([1.01, 0.02, -1.5, -0.01, 0.99, 2.25, 0.0002, -0.0001, 1]);
    const warped = warpGray(page, H).data;
    for (let y = 0; y < page.height; y++) {
      for (let x = 0; x < page.width; x++) {
        const d = H[6] * x + H[7] * y + 1;
        const want = bilinear(page, (H[0] * x + H[1] * y + H[2]) / d, (H[3] * x + H[4] * y + H[5]) / d);
        expect(warped[y * page.width + x]).toBe(want);
      }
    }
  });

  it('paper evening: each pixel over the interpolated paper level', () => {
    const page = noisy(300, 200);
    const out = flattenBackground(page, S);
    expect(out).not.toBe(page);
    const sum = out.data.reduce((a, v) => a + v, 0);
    expect([sum, out.data[0], out.data[150], out.data[299], out.data[59_999]]).toEqual([
      12_336_585, 255, 216, 233, 216,
    ]);
  });

  it('transpose: rows become columns, tiles or not', () => {
    const w = 130;
    const h = 70;
    const data = new Uint8Array(w * h).map((_, i) => ((i * 7919) % 3 === 0 ? 1 : 0));
    const t = transpose({ width: w, height: h, data });
    expect([t.width, t.height]).toEqual([h, w]);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(t.data[x * h + y]).toBe(data[y * w + x]);
  });

  it('specks: components below the area cleared, a decimal point between digits kept', () => {
    const w = 40;
    const bin = { width: w, height: 20, data: new Uint8Array(w * 20) };
    const rect = (x0: number, y0: number, x1: number, y1: number) => {
      for (let y = y0; y <= y1; y++) bin.data.fill(1, y * w + x0, y * w + x1 + 1);
    };
    rect(2, 2, 5, 15); // a digit
    rect(8, 14, 9, 15); // a decimal point (2×2)
    rect(12, 2, 15, 15); // a digit
    rect(30, 3, 30, 4); // a speck (2 px)
    rect(34, 10, 35, 10); // a speck, diagonal-joined to the next pixel
    rect(36, 11, 36, 11);
    const dot = { maxHeight: S.dotMaxHeight, maxGap: S.dotMaxGap, baseline: S.dotBaseline };
    expect(clearSpecks(bin, { x0: 0, y0: 0, x1: w - 1, y1: 19 }, 8, dot)).toBe(5);
    expect(bin.data.reduce((a, v) => a + v, 0)).toBe(2 * 56 + 4);
  });
});
