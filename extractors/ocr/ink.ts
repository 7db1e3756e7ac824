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

/** An ink component: its box and pixel count. */
interface Component extends PixelBox {
  n: number;
}

/** How a decimal point sits between digits (shares of the digits' height; `dot*` settings). */
export interface DotShape {
  /** The dot is at most this tall and wide. */
  maxHeight: number;
  /** The digits on either side are at most this far from it. */
  maxGap: number;
  /** Its bottom is within this of the digits' bottom (the baseline). */
  baseline: number;
}

/**
 * Clear specks: ink components smaller than minArea pixels inside box (JPEG noise, line residue),
 * except a decimal point — a compact dot on the baseline with a digit-sized component close on
 * either side (7730.28: at 200 dpi its point is 2×2 px, smaller than a speck). In place; returns
 * how many pixels were cleared.
 */
export function clearSpecks(bin: Binary, box: PixelBox, minArea: number, dot: DotShape): number {
  const { small, big } = components(bin, box, minArea);
  const byBottom = new Map<number, Component[]>();
  const bucket = 8;
  for (const c of big) {
    const k = Math.floor(c.y1 / bucket);
    const list = byBottom.get(k);
    if (list) list.push(c);
    else byBottom.set(k, [c]);
  }
  let cleared = 0;
  for (const { comp, pixels } of small) {
    if (isDecimalPoint(comp, byBottom, bucket, dot)) continue;
    for (const p of pixels) bin.data[p] = 0;
    cleared += pixels.length;
  }
  return cleared;
}

/** A compact dot with a digit-high component on each side, bottoms level with its own. */
function isDecimalPoint(c: Component, byBottom: Map<number, Component[]>, bucket: number, dot: DotShape): boolean {
  const w = c.x1 - c.x0 + 1;
  const h = c.y1 - c.y0 + 1;
  // At least 2×2 and roughly round: a one-pixel speck or a sliver is noise.
  if (w < 2 || h < 2 || w > 2 * h || h > 2 * w || c.n < 3) return false;
  const digit = (d: Component, left: boolean) => {
    const dh = d.y1 - d.y0 + 1;
    const gap = left ? c.x0 - d.x1 - 1 : d.x0 - c.x1 - 1;
    return (
      Math.max(w, h) <= dot.maxHeight * dh &&
      gap >= 0 &&
      gap <= dot.maxGap * dh &&
      Math.abs(d.y1 - c.y1) <= dot.baseline * dh
    );
  };
  let left = false;
  let right = false;
  const k = Math.floor(c.y1 / bucket);
  // Digits up to ~0.5 in tall at 300 dpi: their bottoms are within `baseline` of the dot's.
  for (let j = k - 3; j <= k + 3 && !(left && right); j++) {
    for (const d of byBottom.get(j) ?? []) {
      left ||= digit(d, true);
      right ||= digit(d, false);
    }
  }
  return left && right;
}

/** The ink components in `box` (8-connected): the big ones' boxes, the small ones' boxes and pixels. */
function components(
  bin: Binary,
  box: PixelBox,
  minArea: number,
): { small: Array<{ comp: Component; pixels: number[] }>; big: Component[] } {
  const { width: w, data } = bin;
  const bw = box.x1 - box.x0 + 1;
  const seen = new Uint8Array(bw * (box.y1 - box.y0 + 1));
  const small: Array<{ comp: Component; pixels: number[] }> = [];
  const big: Component[] = [];
  const stack = { xy: new Int32Array(1024), n: 0 };
  for (let y = box.y0; y <= box.y1; y++) {
    const r = y * w;
    const lr = (y - box.y0) * bw - box.x0;
    for (let x = box.x0; x <= box.x1; x++) {
      if (!data[r + x] || seen[lr + x]) continue;
      seen[lr + x] = 1;
      const comp: Component = { x0: x, y0: y, x1: x, y1: y, n: 0 };
      const pixels: number[] = [];
      push(stack, x, y);
      while (stack.n) {
        const cy = stack.xy[--stack.n];
        const cx = stack.xy[--stack.n];
        comp.n++;
        if (comp.n < minArea) pixels.push(cy * w + cx);
        if (cx < comp.x0) comp.x0 = cx;
        if (cx > comp.x1) comp.x1 = cx;
        if (cy < comp.y0) comp.y0 = cy;
        if (cy > comp.y1) comp.y1 = cy;
        visitNeighbours(bin, box, seen, stack, cx, cy);
      }
      if (comp.n < minArea) small.push({ comp, pixels });
      else big.push(comp);
    }
  }
  return { small, big };
}

/** A growable stack of (x, y) pairs. */
interface PointStack {
  xy: Int32Array;
  n: number;
}

function push(stack: PointStack, x: number, y: number): void {
  if (stack.n + 2 > stack.xy.length) {
    const grown = new Int32Array(stack.xy.length * 2);
    grown.set(stack.xy);
    stack.xy = grown;
  }
  stack.xy[stack.n++] = x;
  stack.xy[stack.n++] = y;
}

/** The unseen ink pixels among the 8 neighbours of (cx, cy) inside `box`: marked seen and pushed. */
function visitNeighbours(bin: Binary, box: PixelBox, seen: Uint8Array, stack: PointStack, cx: number, cy: number) {
  const { width: w, data } = bin;
  const bw = box.x1 - box.x0 + 1;
  const ya = cy > box.y0 ? cy - 1 : cy;
  const yb = cy < box.y1 ? cy + 1 : cy;
  const xa = cx > box.x0 ? cx - 1 : cx;
  const xb = cx < box.x1 ? cx + 1 : cx;
  for (let ny = ya; ny <= yb; ny++) {
    const r = ny * w;
    const lr = (ny - box.y0) * bw - box.x0;
    for (let nx = xa; nx <= xb; nx++) {
      if (seen[lr + nx] || !data[r + nx]) continue;
      seen[lr + nx] = 1;
      push(stack, nx, ny);
    }
  }
}
