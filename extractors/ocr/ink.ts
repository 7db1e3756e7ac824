// Where the ink is inside a box: its tight bounds, its text lines, and its glyph columns.
import type { Binary } from './image.js';
import type { PixelBox } from './grid.js';

/** Tight box around the ink in `box`, ignoring rows/columns with fewer than `minInk` ink pixels. */
export function inkBounds(bin: Binary, box: PixelBox, minInk = 1): PixelBox | null {
  const rows = rowProfile(bin, box);
  const cols = colProfile(bin, box);
  const y0 = rows.findIndex((v) => v >= minInk);
  const x0 = cols.findIndex((v) => v >= minInk);
  if (y0 < 0 || x0 < 0) return null;
  const y1 = rows.length - 1 - [...rows].reverse().findIndex((v) => v >= minInk);
  const x1 = cols.length - 1 - [...cols].reverse().findIndex((v) => v >= minInk);
  return { x0: box.x0 + x0, y0: box.y0 + y0, x1: box.x0 + x1, y1: box.y0 + y1 };
}

export function rowProfile(bin: Binary, b: PixelBox): Int32Array {
  const out = new Int32Array(b.y1 - b.y0 + 1);
  for (let y = b.y0; y <= b.y1; y++) {
    const r = y * bin.width;
    let n = 0;
    for (let x = b.x0; x <= b.x1; x++) n += bin.data[r + x];
    out[y - b.y0] = n;
  }
  return out;
}

export function colProfile(bin: Binary, b: PixelBox): Int32Array {
  const out = new Int32Array(b.x1 - b.x0 + 1);
  for (let y = b.y0; y <= b.y1; y++) {
    const r = y * bin.width;
    for (let x = b.x0; x <= b.x1; x++) out[x - b.x0] += bin.data[r + x];
  }
  return out;
}

/** Spans [start, end] of a profile where it is ≥ min, joining spans separated by < joinGap. */
export function spans(profile: Int32Array, min: number, joinGap: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= profile.length; i++) {
    const on = i < profile.length && profile[i] >= min;
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      const prev = out[out.length - 1];
      if (prev && start - prev[1] - 1 < joinGap) prev[1] = i - 1;
      else out.push([start, i - 1]);
      start = -1;
    }
  }
  return out;
}

/** Text lines in a box: horizontal bands of ink separated by blank rows. */
export function textLines(bin: Binary, box: PixelBox, minGap: number): PixelBox[] {
  const rows = rowProfile(bin, box);
  return spans(rows, 1, minGap)
    .map(([a, b]) => inkBounds(bin, { x0: box.x0, y0: box.y0 + a, x1: box.x1, y1: box.y0 + b }))
    .filter((b): b is PixelBox => b !== null);
}

/**
 * Glyph columns of one line: x-separated ink groups at least `tallShare` (half) of the line's height
 * tall (so a decimal point or comma does not count). For printed digits each digit is one group.
 */
export function glyphColumns(bin: Binary, line: PixelBox, tallShare = 0.5): PixelBox[] {
  const cols = colProfile(bin, line);
  const h = line.y1 - line.y0 + 1;
  return spans(cols, 1, 1)
    .map(([a, b]) => inkBounds(bin, { x0: line.x0 + a, y0: line.y0, x1: line.x0 + b, y1: line.y1 }))
    .filter((g): g is PixelBox => g !== null && g.y1 - g.y0 + 1 >= h * tallShare);
}

/**
 * Clear specks: ink components smaller than minArea pixels inside box (JPEG noise, line residue).
 * In place; returns how many pixels were cleared.
 */
export function clearSpecks(bin: Binary, box: PixelBox, minArea: number): number {
  const { width: w, data } = bin;
  const seen = new Uint8Array((box.x1 - box.x0 + 1) * (box.y1 - box.y0 + 1));
  const bw = box.x1 - box.x0 + 1;
  let cleared = 0;
  const stack: number[] = [];
  const comp: number[] = [];
  for (let y = box.y0; y <= box.y1; y++) {
    for (let x = box.x0; x <= box.x1; x++) {
      const li = (y - box.y0) * bw + (x - box.x0);
      if (!data[y * w + x] || seen[li]) continue;
      seen[li] = 1;
      stack.push(x, y);
      comp.length = 0;
      while (stack.length) {
        const cy = stack.pop()!;
        const cx = stack.pop()!;
        comp.push(cy * w + cx);
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = cx + dx;
            const ny = cy + dy;
            if (nx < box.x0 || nx > box.x1 || ny < box.y0 || ny > box.y1) continue;
            const nli = (ny - box.y0) * bw + (nx - box.x0);
            if (seen[nli] || !data[ny * w + nx]) continue;
            seen[nli] = 1;
            stack.push(nx, ny);
          }
        }
      }
      if (comp.length < minArea) {
        for (const p of comp) data[p] = 0;
        cleared += comp.length;
      }
    }
  }
  return cleared;
}
