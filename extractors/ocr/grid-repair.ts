// Ruling lines broken by a light scan's threshold, a photocopy's dropout or speckle, put back
// together: inside (and around) a table found from the rules that survived, collinear pieces of
// ink that together cover most of a line spanning much of the table are one rule (line fitting on
// the pixel rows and columns, a closing along the line only). Without it a lost column rule merges
// two cells (「1」「0」 read as 「10」) and a lost row rule merges two rows.
import type { Binary } from './image.js';
import type { PixelBox, PixelRule } from './grid.js';

/** The tolerances of the repair (lengths in inches, shares of the table's size). */
export interface GridRepairTolerances {
  /** A piece of a broken rule is an ink run at least this long (inches). */
  fragmentMinIn: number;
  /** Pieces of one rule are at most this far apart (inches). */
  bridgeIn: number;
  /** The pieces cover at least this share of the line they make. */
  coverage: number;
  /** A recovered line spans at least this share of the table's width (height). */
  minSpanShare: number;
  /** The table's box is searched this far beyond its rules (inches), for its lost border. */
  marginIn: number;
  /** With no table found, the page is searched for lines at least this long (inches): horizontal, vertical. */
  pageMinSpanIn: [number, number];
  /** A rule is at most this thick (inches); thicker ink is text or a filled area. */
  maxThicknessIn: number;
}

export const DEFAULT_GRID_REPAIR: GridRepairTolerances = {
  fragmentMinIn: 0.02,
  bridgeIn: 0.06,
  coverage: 0.6,
  minSpanShare: 0.5,
  marginIn: 0.1,
  pageMinSpanIn: [1.5, 1],
  maxThicknessIn: 0.03,
};

/** Where lines are looked for, and how long (pixels) a recovered one must be each way. */
export interface RepairRegion {
  box: PixelBox;
  minSpan: { h: number; v: number };
}

/**
 * The regions to repair: each table found (lines spanning `minSpanShare` of it), else — when too
 * little of the grid survived to make a table — the whole page, for long lines only.
 */
export function repairRegions(tables: Array<{ box: PixelBox }>, page: { width: number; height: number }, dpi: number, t: GridRepairTolerances = DEFAULT_GRID_REPAIR): RepairRegion[] {
  const m = Math.round(t.marginIn * dpi);
  if (tables.length === 0) {
    return [{ box: { x0: 0, y0: 0, x1: page.width - 1, y1: page.height - 1 }, minSpan: { h: t.pageMinSpanIn[0] * dpi, v: t.pageMinSpanIn[1] * dpi } }];
  }
  return tables.map(({ box: b }) => ({
    box: { x0: Math.max(0, b.x0 - m), y0: Math.max(0, b.y0 - m), x1: Math.min(page.width - 1, b.x1 + m), y1: Math.min(page.height - 1, b.y1 + m) },
    minSpan: { h: t.minSpanShare * (b.x1 - b.x0 + 1), v: t.minSpanShare * (b.y1 - b.y0 + 1) },
  }));
}

type Orient = PixelRule['orient'];

/**
 * `rules` with the lines recovered in each of `regions` (repairRegions) added: lines whose pieces
 * the rule detector dropped as too short. A detected rule that a recovered line runs along is
 * widened to the whole line instead.
 */
export function repairRules(bin: Binary, rules: PixelRule[], regions: RepairRegion[], dpi: number, t: GridRepairTolerances = DEFAULT_GRID_REPAIR): PixelRule[] {
  const out = [...rules];
  for (const r of regions) {
    for (const orient of ['h', 'v'] as const) {
      for (const line of fitLines(bin, r.box, orient, r.minSpan[orient], dpi, t)) merge(out, line, dpi, t);
    }
  }
  return out;
}

/** Lines of `orient` in `box`: bands of pixel rows (columns) whose ink pieces line up. */
function fitLines(bin: Binary, box: PixelBox, orient: Orient, minSpan: number, dpi: number, t: GridRepairTolerances): PixelRule[] {
  const across = orient === 'h' ? [box.y0, box.y1] : [box.x0, box.x1];
  const along = orient === 'h' ? [box.x0, box.x1] : [box.y0, box.y1];
  const fragMin = Math.max(2, Math.round(t.fragmentMinIn * dpi));
  const bridge = Math.max(2, Math.round(t.bridgeIn * dpi));
  const gap = Math.max(2, Math.round(dpi / 100));
  const maxThick = Math.max(2, Math.round(t.maxThicknessIn * dpi));
  const ink = (a: number, b: number) => (orient === 'h' ? bin.data[a * bin.width + b] : bin.data[b * bin.width + a]) === 1;
  // Ink pieces on each pixel row (column).
  const pieces: Array<Array<[number, number]>> = [];
  for (let a = across[0]; a <= across[1]; a++) {
    const row: Array<[number, number]> = [];
    let start = -1;
    let last = -1;
    for (let b = along[0]; b <= along[1] + 1; b++) {
      const on = b <= along[1] && ink(a, b);
      if (on) {
        if (start < 0 || b - last > gap + 1) {
          if (start >= 0 && last - start + 1 >= fragMin) row.push([start, last]);
          start = b;
        }
        last = b;
      }
    }
    if (start >= 0 && last - start + 1 >= fragMin) row.push([start, last]);
    pieces.push(row);
  }
  // A rule a pixel or two off level steps between rows: each row is judged with its neighbours.
  const found: Array<{ a: number; s: number; e: number }> = [];
  for (let i = 0; i < pieces.length; i++) {
    const union = unionOf([...(pieces[i - 1] ?? []), ...pieces[i], ...(pieces[i + 1] ?? [])]);
    if (pieces[i].length === 0) continue;
    for (const [s, e, covered] of segments(union, bridge)) {
      if (e - s + 1 >= minSpan && covered >= t.coverage * (e - s + 1)) found.push({ a: across[0] + i, s, e });
    }
  }
  // Neighbouring rows with overlapping segments are one rule; a thick band is text, not a rule.
  found.sort((p, q) => p.a - q.a || p.s - q.s);
  const bands: Array<{ a0: number; a1: number; s: number; e: number }> = [];
  for (const f of found) {
    const b = bands.find((x) => f.a - x.a1 <= 1 && f.s <= x.e && f.e >= x.s);
    if (b) {
      b.a1 = f.a;
      b.s = Math.min(b.s, f.s);
      b.e = Math.max(b.e, f.e);
    } else bands.push({ a0: f.a, a1: f.a, s: f.s, e: f.e });
  }
  return bands
    .filter((b) => b.a1 - b.a0 + 1 <= maxThick)
    .map((b) => (orient === 'h' ? { orient, x0: b.s, x1: b.e, y0: b.a0, y1: b.a1 } : { orient, x0: b.a0, x1: b.a1, y0: b.s, y1: b.e }));
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

/** Intervals joined across gaps up to `bridge`: [start, end, inked length]. */
function segments(union: Array<[number, number]>, bridge: number): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (const [s, e] of union) {
    const last = out[out.length - 1];
    if (last && s - last[1] - 1 <= bridge) {
      last[1] = e;
      last[2] += e - s + 1;
    } else out.push([s, e, e - s + 1]);
  }
  return out;
}

/** Add a recovered line, or widen the detected rule it lies along. */
function merge(rules: PixelRule[], line: PixelRule, dpi: number, t: GridRepairTolerances): void {
  const near = Math.max(2, Math.round(t.maxThicknessIn * dpi));
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
