// Ruling lines broken by a light scan's threshold, a photocopy's dropout or speckle, put back
// together: inside (and around) a table found from the rules that survived, collinear pieces of
// ink that together cover most of a line spanning much of the table are one rule (line fitting on
// the pixel rows and columns, a closing along the line only). Without it a lost column rule merges
// two cells (「1」「0」 read as 「10」) and a lost row rule merges two rows.
import type { Binary } from './image.js';
import { boxAround, clusterRules, type PixelBox, type PixelRule } from './grid.js';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../settings.js';

type Orient = PixelRule['orient'];

/** Where lines are looked for, and how long (pixels) a recovered one must be each way. */
export interface RepairRegion {
  box: PixelBox;
  minSpan: { h: number; v: number };
}

/**
 * The regions to repair: the boxes of clusters of detected rule pieces (a table whose grid
 * survived in part, however little of it makes a table), widened by `repairMarginIn` for a lost border;
 * a line must span `repairMinSpanShare` of its region and `repairMinSpanHIn`/`repairMinSpanVIn`. A page without a rule piece is
 * not searched.
 */
export function repairRegions(
  rules: PixelRule[],
  page: { width: number; height: number },
  dpi: number,
  t: OcrSettings = DEFAULT_OCR_SETTINGS,
): RepairRegion[] {
  const join = Math.round(t.repairClusterIn * dpi);
  const boxes = clusterRules(rules, join).map(boxAround);
  const m = Math.round(t.repairMarginIn * dpi);
  const minSide = t.repairMinRegionIn * dpi;
  return boxes
    .filter((b) => b.x1 - b.x0 >= minSide || b.y1 - b.y0 >= minSide)
    .map((b) => ({
      box: {
        x0: Math.max(0, b.x0 - m),
        y0: Math.max(0, b.y0 - m),
        x1: Math.min(page.width - 1, b.x1 + m),
        y1: Math.min(page.height - 1, b.y1 + m),
      },
      minSpan: {
        h: Math.max(t.repairMinSpanShare * (b.x1 - b.x0 + 1), t.repairMinSpanHIn * dpi),
        v: Math.max(t.repairMinSpanShare * (b.y1 - b.y0 + 1), t.repairMinSpanVIn * dpi),
      },
    }));
}

/**
 * `rules` with the lines recovered in each of `regions` (repairRegions) added: lines whose pieces
 * the rule detector dropped as too short. A detected rule that a recovered line runs along is
 * widened to the whole line instead.
 */
export function repairRules(
  bin: Binary,
  rules: PixelRule[],
  regions: RepairRegion[],
  dpi: number,
  t: OcrSettings = DEFAULT_OCR_SETTINGS,
): PixelRule[] {
  const out = [...rules];
  for (const r of regions) {
    for (const orient of ['h', 'v'] as const) {
      for (const line of fitLines(bin, r.box, orient, r.minSpan[orient], dpi, t)) merge(out, line, dpi, t);
    }
  }
  return snapEnds(out, rules, dpi, t);
}

/**
 * A recovered rule whose end falls short of a rule across it (the last piece of a broken line
 * lost) is extended to meet it, when that rule lies within `repairSnapIn` beyond the end.
 */
function snapEnds(rules: PixelRule[], detected: PixelRule[], dpi: number, t: OcrSettings): PixelRule[] {
  const reach = Math.round(t.repairSnapIn * dpi);
  const kept = new Set(detected);
  return rules.map((r) => {
    if (kept.has(r)) return r;
    const across = rules.filter((o) => o.orient !== r.orient);
    const [lo, hi] = r.orient === 'h' ? [r.x0, r.x1] : [r.y0, r.y1];
    const mid = r.orient === 'h' ? (r.y0 + r.y1) / 2 : (r.x0 + r.x1) / 2;
    // Rules across this one's line: their position along it, where they span its position.
    const stops = across
      .filter((o) =>
        r.orient === 'h' ? o.y0 - reach <= mid && o.y1 + reach >= mid : o.x0 - reach <= mid && o.x1 + reach >= mid,
      )
      .map((o) => (r.orient === 'h' ? (o.x0 + o.x1) / 2 : (o.y0 + o.y1) / 2));
    // The nearest rule across beyond each end: a line meets the first rule it reaches.
    const before = stops.filter((p) => p < lo && lo - p <= reach);
    const after = stops.filter((p) => p > hi && p - hi <= reach);
    const a = before.length ? Math.round(Math.max(...before)) : lo;
    const b = after.length ? Math.round(Math.min(...after)) : hi;
    return r.orient === 'h' ? { ...r, x0: a, x1: b } : { ...r, y0: a, y1: b };
  });
}

/** A candidate rule: pixel rows (columns) a0..a1 across, s..e along. */
interface Band {
  a0: number;
  a1: number;
  s: number;
  e: number;
}
type Ink = (a: number, b: number) => boolean;

/** Lines of `orient` in `box`: bands of pixel rows (columns) whose ink pieces line up. */
function fitLines(
  bin: Binary,
  box: PixelBox,
  orient: Orient,
  minSpan: number,
  dpi: number,
  t: OcrSettings,
): PixelRule[] {
  const across = orient === 'h' ? [box.y0, box.y1] : [box.x0, box.x1];
  const along = orient === 'h' ? [box.x0, box.x1] : [box.y0, box.y1];
  const ink: Ink = (a, b) => (orient === 'h' ? bin.data[a * bin.width + b] : bin.data[b * bin.width + a]) === 1;
  const fragMin = Math.max(2, Math.round(t.repairFragmentMinIn * dpi));
  const pieces = inkPieces(bin, box, orient, fragMin, Math.max(2, Math.round(dpi / t.ruleGapPerInch)));
  const bands = mergeBands(ruleSegments(pieces, across[0], along, minSpan, dpi, t));
  const maxThick = Math.max(2, Math.round(t.repairMaxThicknessIn * dpi));
  const side = Math.max(3, Math.round(t.repairSideIn * dpi));
  const clear = (b: Band) =>
    Math.max(sideInk(ink, across, b, b.a0 - side, b.a0 - 2), sideInk(ink, across, b, b.a1 + 2, b.a1 + side)) <=
    t.repairMaxSideInk;
  return bands
    .filter((b) => b.a1 - b.a0 + 1 <= maxThick && clear(b))
    .map((b) =>
      orient === 'h'
        ? { orient, x0: b.s, x1: b.e, y0: b.a0, y1: b.a1 }
        : { orient, x0: b.a0, x1: b.a1, y0: b.s, y1: b.e },
    );
}

/**
 * Dense runs at least `minSpan` long on each row (column), from `first` on. A rule a pixel or two off
 * level steps between rows: each row is judged with its neighbours.
 */
function ruleSegments(
  pieces: Array<Array<[number, number]>>,
  first: number,
  along: number[],
  minSpan: number,
  dpi: number,
  t: OcrSettings,
): Array<{ a: number; s: number; e: number }> {
  const window = Math.max(2, Math.round(t.repairWindowIn * dpi));
  const endPiece = Math.round(t.repairEndPieceIn * dpi);
  const found: Array<{ a: number; s: number; e: number }> = [];
  const n = along[1] - along[0] + 1;
  const scratch = { sum: new Int32Array(n + 1), on: new Uint8Array(n) };
  for (let i = 0; i < pieces.length; i++) {
    if (pieces[i].length === 0) continue;
    const union = unionOf([...(pieces[i - 1] ?? []), ...pieces[i], ...(pieces[i + 1] ?? [])]);
    for (const run of denseRuns(union, along[0], along[1], window, t.repairCoverage, scratch)) {
      const [s, e] = trimEnds(run, union, endPiece);
      if (e - s + 1 >= minSpan) found.push({ a: first + i, s, e });
    }
  }
  return found;
}

/** Neighbouring rows with overlapping segments are one rule (a band; a thick one is text, judged later). */
function mergeBands(found: Array<{ a: number; s: number; e: number }>): Band[] {
  const sorted = [...found].sort((p, q) => p.a - q.a || p.s - q.s);
  const bands: Band[] = [];
  for (const f of sorted) {
    const b = bands.find((x) => f.a - x.a1 <= 1 && f.s <= x.e && f.e >= x.s);
    if (b) {
      b.a1 = f.a;
      b.s = Math.min(b.s, f.s);
      b.e = Math.max(b.e, f.e);
    } else bands.push({ a0: f.a, a1: f.a, s: f.s, e: f.e });
  }
  return bands;
}

/** Ink beside a band, in rows (columns) `from`..`to`: the share of its length that has any. */
function sideInk(ink: Ink, across: number[], b: Band, from: number, to: number): number {
  let n = 0;
  for (let x = b.s; x <= b.e; x++) {
    for (let a = Math.max(across[0], from); a <= Math.min(across[1], to); a++) {
      if (ink(a, x)) {
        n++;
        break;
      }
    }
  }
  return n / (b.e - b.s + 1);
}

/**
 * Ink runs at least `fragMin` long (bridging gaps up to `gap`) on each pixel row (`orient` 'h') or
 * column ('v') of `box`, along it. Columns are followed row by row (one open run per column), so
 * the image is read in memory order either way.
 */
function inkPieces(
  bin: Binary,
  box: PixelBox,
  orient: Orient,
  fragMin: number,
  gap: number,
): Array<Array<[number, number]>> {
  const [a0, a1] = orient === 'h' ? [box.y0, box.y1] : [box.x0, box.x1];
  const pieces: Array<Array<[number, number]>> = [];
  for (let a = a0; a <= a1; a++) pieces.push([]);
  const start = new Int32Array(a1 - a0 + 1).fill(-1);
  const last = new Int32Array(a1 - a0 + 1).fill(-1);
  const close = (i: number) => {
    if (start[i] >= 0 && last[i] - start[i] + 1 >= fragMin) pieces[i].push([start[i], last[i]]);
  };
  const { width: w, data } = bin;
  for (let y = box.y0; y <= box.y1; y++) {
    const r = y * w;
    for (let x = box.x0; x <= box.x1; x++) {
      if (data[r + x] !== 1) continue;
      // Pixel (x, y): row/column i of the pieces, at position b along it.
      const i = orient === 'h' ? y - a0 : x - a0;
      const b = orient === 'h' ? x : y;
      if (start[i] < 0 || b - last[i] > gap + 1) {
        close(i);
        start[i] = b;
      }
      last[i] = b;
    }
  }
  for (let i = 0; i <= a1 - a0; i++) close(i);
  return pieces;
}

/**
 * A run cut back at each end to its first (last) piece at least `min` long: a line ends in a piece
 * of rule, not in a glyph's stroke that happens to continue it (a column rule running on through
 * the header cell above it).
 */
function trimEnds([s, e]: [number, number], union: Array<[number, number]>, min: number): [number, number] {
  const long = union.filter(([a, b]) => a >= s && b <= e && b - a + 1 >= min);
  if (long.length === 0) return [s, s - 1];
  return [long[0][0], long[long.length - 1][1]];
}

/** Sorted, merged intervals. */
function unionOf(list: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...list].sort((p, q) => p[0] - q[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/**
 * Stretches of [from, to] where the intervals cover at least `coverage` of the `window` centred on
 * each point, trimmed to the ink at their ends. `scratch`: buffers of to − from + 2 and to − from + 1.
 */
function denseRuns(
  union: Array<[number, number]>,
  from: number,
  to: number,
  window: number,
  coverage: number,
  scratch: { sum: Int32Array; on: Uint8Array },
): Array<[number, number]> {
  if (union.length === 0) return [];
  const n = to - from + 1;
  const { sum, on } = scratch;
  on.fill(0);
  for (const [s, e] of union) on.fill(1, s - from, e - from + 1);
  for (let i = 0; i < n; i++) sum[i + 1] = sum[i] + on[i];
  const half = window >> 1;
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= n; i++) {
    let dense = false;
    if (i < n) {
      const a = Math.max(0, i - half);
      const b = Math.min(n, i + half + 1);
      dense = sum[b] - sum[a] >= coverage * (b - a);
    }
    if (dense && start < 0) start = i;
    if (!dense && start >= 0) {
      let s = start;
      let e = i - 1;
      while (s <= e && !on[s]) s++;
      while (e >= s && !on[e]) e--;
      if (s <= e) out.push([from + s, from + e]);
      start = -1;
    }
  }
  return out;
}

/** Add a recovered line, or widen the detected rule it lies along. */
function merge(rules: PixelRule[], line: PixelRule, dpi: number, t: OcrSettings): void {
  const near = Math.max(2, Math.round(t.repairMaxThicknessIn * dpi));
  const mid = (r: PixelRule) => (r.orient === 'h' ? (r.y0 + r.y1) / 2 : (r.x0 + r.x1) / 2);
  const [s, e] = line.orient === 'h' ? [line.x0, line.x1] : [line.y0, line.y1];
  const same = rules.filter((r) => {
    if (r.orient !== line.orient || Math.abs(mid(r) - mid(line)) > near) return false;
    const [rs, re] = r.orient === 'h' ? [r.x0, r.x1] : [r.y0, r.y1];
    return rs <= e && re >= s;
  });
  if (same.length === 0) {
    rules.push(line);
    return;
  }
  // One rule along the whole line: the detected pieces and the recovered span together.
  const all = [line, ...same];
  const merged: PixelRule = {
    orient: line.orient,
    x0: Math.min(...all.map((r) => r.x0)),
    y0: Math.min(...all.map((r) => r.y0)),
    x1: Math.max(...all.map((r) => r.x1)),
    y1: Math.max(...all.map((r) => r.y1)),
  };
  for (const r of same) rules.splice(rules.indexOf(r), 1);
  rules.push(merged);
}
