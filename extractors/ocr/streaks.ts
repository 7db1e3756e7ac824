// A copier's toner streak: a thin dark line along the paper's path, from one edge of the sheet to
// the other. Taken for a ruling line it joins the table it crosses, splits its cells and has the
// digits under it erased with it (a draw with a streak through table 三 read 27 of 205 fields).
// No ruling line of a 年报 runs through the page's top and bottom margins: a thin straight line
// that reaches within `streakEdgeIn` of both edges is a streak, and is wiped before the grid is
// looked for — only where it stands alone, so a stroke or a rule crossing it keeps its ink.
import type { Binary } from './image.js';
import type { OcrSettings } from '../settings.js';

/** A streak on a straightened page: x = x0 + slope·y (vertical; the transposed image's for horizontal). */
export interface Streak {
  x0: number;
  slope: number;
  /** Its typical width (pixels). */
  width: number;
}

/** Evidence of a near-vertical line: in strip `k` (rows k·strip…), ink around column `x` nearly all the way down. */
interface Point {
  k: number;
  x: number;
}

/**
 * Streaks of `bin` along its columns: lines within `streakMaxDegrees` of vertical whose ink fills
 * `streakFill` of the rows of at least `streakMinShare` of the page's strips (`streakStripIn` tall),
 * among them a strip within `streakEdgeIn` of the top and one of the bottom and strips beyond
 * the first and last rule it crosses, and at most `streakMaxWidthIn` wide.
 */
export function findStreaks(bin: Binary, dpi: number, s: OcrSettings): Streak[] {
  const strip = Math.max(8, Math.round(s.streakStripIn * dpi));
  const tan = Math.tan((s.streakMaxDegrees * Math.PI) / 180);
  const points = evidence(bin, strip, Math.ceil(strip * tan) + 1, s.streakFill);
  const strips = Math.floor(bin.height / strip);
  const edge = Math.ceil((s.streakEdgeIn * dpi) / strip);
  const lines = houghLines(points, bin, strip, tan, Math.ceil(s.streakMinShare * strips));
  const long = Math.round(s.ruleMinLengthIn * dpi);
  return lines
    .filter((l) => l.ks.some((k) => k < edge) && l.ks.some((k) => k >= strips - edge))
    .filter((l) => runsPast(bin, l, strip, long))
    .map((l) => ({ x0: l.x0, slope: l.slope, width: typicalWidth(bin, l) }))
    .filter((l) => l.width > 0 && l.width <= s.streakMaxWidthIn * dpi);
}

/**
 * The line shows beyond the first and the last rule it crosses (rows where ink at least `long` px
 * wide runs across it): a table's own rule ends at its border rules, even where the image is
 * cropped to the table; a streak runs on past them. A line crossing no rule passes.
 */
function runsPast(bin: Binary, l: Line, strip: number, long: number): boolean {
  let first = bin.height;
  let last = -1;
  for (let y = 0; y < bin.height; y++) {
    const run = runAt(bin, y, l.x0 + l.slope * y, 1);
    if (!run || run[1] - run[0] + 1 < long) continue;
    first = Math.min(first, y);
    last = y;
  }
  if (last < 0) return true;
  return l.ks.some((k) => (k + 1) * strip <= first) && l.ks.some((k) => k * strip > last);
}

/** Per strip, the columns with ink within ±`reach` px on at least `fill` of its rows (centres of runs of such columns). */
function evidence(bin: Binary, strip: number, reach: number, fill: number): Point[] {
  const { width: w, height: h } = bin;
  const out: Point[] = [];
  const count = new Int32Array(w);
  // Per strip, +1 where a row's widened ink starts and −1 past where it ends (summed into `count`).
  const edges = new Int32Array(w + 1);
  for (let k = 0; (k + 1) * strip <= h; k++) {
    edges.fill(0);
    for (let y = k * strip; y < (k + 1) * strip; y++) widenedInk(bin, y, reach, edges);
    for (let x = 0, n = 0; x < w; x++) count[x] = n += edges[x];
    const min = fill * strip;
    for (let x = 0; x < w; x++) {
      if (count[x] < min) continue;
      let e = x;
      while (e + 1 < w && count[e + 1] >= min) e++;
      out.push({ k, x: (x + e) / 2 });
      x = e;
    }
  }
  return out;
}

/**
 * The columns of row `y` with ink within ±`reach` px, as spans marked in `edges` (+1 at a span's
 * first column, −1 after its last): each ink run widened by `reach` each way, overlapping ones joined.
 */
function widenedInk(bin: Binary, y: number, reach: number, edges: Int32Array): void {
  const { width: w, data } = bin;
  const r = y * w;
  let s = -1;
  let e = -1;
  for (let x = 0; x < w; x++) {
    if (!data[r + x]) continue;
    const a = x - reach;
    while (x + 1 < w && data[r + x + 1]) x++;
    if (s >= 0 && a > e + 1) {
      edges[s]++;
      edges[e + 1]--;
      s = -1;
    }
    if (s < 0) s = Math.max(0, a);
    e = Math.min(w - 1, x + reach);
  }
  if (s >= 0) {
    edges[s]++;
    edges[e + 1]--;
  }
}

interface Line {
  x0: number;
  slope: number;
  /** The strips whose evidence lies on it. */
  ks: number[];
}

/**
 * Lines through evidence of at least `minStrips` strips (slopes within ±tan, 2 px apart at the
 * page's foot; offsets in 3 px buckets), strongest first, none within 8 px of a stronger one, each
 * refitted (least squares) to the evidence within 4 px of it.
 */
function houghLines(
  points: Point[],
  size: { width: number; height: number },
  strip: number,
  tan: number,
  minStrips: number,
): Line[] {
  const step = 2 / size.height;
  const n = Math.ceil(tan / step);
  const bucket = 3;
  // Offsets (x at the top) run off the page by up to tan·height either side.
  const margin = Math.ceil((tan * size.height) / bucket) + 1;
  const cols = Math.ceil(size.width / bucket) + 2 * margin;
  const votes = new Int32Array((2 * n + 1) * cols);
  const lastK = new Int32Array(votes.length).fill(-1);
  // Points come strip by strip: a strip votes once per line.
  for (const p of points) {
    const y = (p.k + 0.5) * strip;
    for (let i = -n; i <= n; i++) {
      const key = (i + n) * cols + margin + Math.round((p.x - i * step * y) / bucket);
      if (lastK[key] === p.k) continue;
      lastK[key] = p.k;
      votes[key]++;
    }
  }
  const strong: number[] = [];
  for (let key = 0; key < votes.length; key++) if (votes[key] >= minStrips) strong.push(key);
  strong.sort((a, b) => votes[b] - votes[a]);
  const found: Line[] = [];
  const h = size.height;
  for (const key of strong) {
    const slope = (Math.floor(key / cols) - n) * step;
    const x0 = ((key % cols) - margin) * bucket;
    const near = (l: Line) => Math.abs(l.x0 - x0) <= 8 && Math.abs(l.x0 + l.slope * h - x0 - slope * h) <= 8;
    if (!found.some(near)) found.push(refit(points, strip, x0, slope));
  }
  return found;
}

/** The line through the evidence within 4 px of x = x0 + slope·y (least squares), with its strips. */
function refit(points: Point[], strip: number, x0: number, slope: number): Line {
  const on = points.filter((p) => Math.abs(p.x - x0 - slope * (p.k + 0.5) * strip) <= 4);
  const ys = on.map((p) => (p.k + 0.5) * strip);
  const my = ys.reduce((a, b) => a + b, 0) / on.length;
  const mx = on.reduce((a, p) => a + p.x, 0) / on.length;
  let sxy = 0;
  let syy = 0;
  on.forEach((p, i) => {
    sxy += (ys[i] - my) * (p.x - mx);
    syy += (ys[i] - my) ** 2;
  });
  const b = syy > 0 ? sxy / syy : slope;
  return { x0: mx - b * my, slope: b, ks: [...new Set(on.map((p) => p.k))] };
}

/** The median width of the horizontal ink runs the line passes through (0 when it passes through none). */
function typicalWidth(bin: Binary, l: { x0: number; slope: number }): number {
  const widths: number[] = [];
  for (let y = 0; y < bin.height; y += 4) {
    const run = runAt(bin, y, l.x0 + l.slope * y, 3);
    if (run) widths.push(run[1] - run[0] + 1);
  }
  widths.sort((a, b) => a - b);
  return widths.length ? widths[widths.length >> 1] : 0;
}

/** The horizontal ink run of row `y` at `x` or within `slack` px of it: [x0, x1], or null. */
function runAt(bin: Binary, y: number, x: number, slack: number): [number, number] | null {
  const { width: w, data } = bin;
  const r = y * w;
  const c = Math.round(x);
  for (let d = 0; d <= slack; d++) {
    for (const xi of [c - d, c + d]) {
      if (xi < 0 || xi >= w || !data[r + xi]) continue;
      let a = xi;
      let b = xi;
      while (a > 0 && data[r + a - 1]) a--;
      while (b < w - 1 && data[r + b + 1]) b++;
      return [a, b];
    }
  }
  return null;
}

/**
 * Wipe each streak where it stands alone: on every row, the ink run it passes through when that
 * run is no wider than the streak (+ `slackPx`); a wider run is a stroke or a rule crossing it and
 * is kept whole. In place; returns the pixels cleared.
 */
export function wipeStreaks(bin: Binary, streaks: Streak[], slackPx: number): number {
  let cleared = 0;
  for (const st of streaks) {
    for (let y = 0; y < bin.height; y++) {
      const run = runAt(bin, y, st.x0 + st.slope * y, Math.ceil(st.width / 2));
      if (!run || run[1] - run[0] + 1 > st.width + slackPx) continue;
      bin.data.fill(0, y * bin.width + run[0], y * bin.width + run[1] + 1);
      cleared += run[1] - run[0] + 1;
    }
  }
  return cleared;
}

/** The image turned on its diagonal (rows become columns): horizontal streaks are found as vertical ones. */
export function transpose(bin: Binary): Binary {
  const { width: w, height: h, data } = bin;
  const out = new Uint8Array(w * h);
  // In tiles, so the writes down a column of `out` stay in the cache.
  const tile = 64;
  for (let y0 = 0; y0 < h; y0 += tile) {
    const y1 = Math.min(h, y0 + tile);
    for (let x0 = 0; x0 < w; x0 += tile) {
      const x1 = Math.min(w, x0 + tile);
      for (let y = y0; y < y1; y++) {
        const r = y * w;
        for (let x = x0; x < x1; x++) out[x * h + y] = data[r + x];
      }
    }
  }
  return { width: h, height: w, data: out };
}

/**
 * Find and wipe the streaks of a straightened page, vertical and horizontal, in place; returns how
 * many were wiped.
 */
export function clearStreaks(bin: Binary, dpi: number, s: OcrSettings): number {
  const slack = Math.max(1, Math.round(s.streakSlackIn * dpi));
  const vertical = findStreaks(bin, dpi, s);
  wipeStreaks(bin, vertical, slack);
  const t = transpose(bin);
  const horizontal = findStreaks(t, dpi, s);
  if (horizontal.length) {
    wipeStreaks(t, horizontal, slack);
    bin.data.set(transpose(t).data);
  }
  return vertical.length + horizontal.length;
}
