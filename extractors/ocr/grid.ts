// Table ruling lines found in the image, their removal, and the cells they enclose.
import type { Binary } from './image.js';
import { DEFAULT_OCR_SETTINGS, type OcrSettings } from '../settings.js';

/** A ruling line in pixels: a thin box (thickness along the short side). */
export interface PixelRule {
  orient: 'h' | 'v';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PixelBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface Table {
  box: PixelBox;
  rules: PixelRule[];
  /** Areas enclosed by the rules, top-to-bottom then left-to-right. */
  cells: PixelBox[];
}

export interface GridOptions {
  /** Pixels per inch of the image (sets the length thresholds). */
  dpi: number;
  /** The OCR tolerances (default: their defaults). */
  settings?: OcrSettings;
}

/**
 * Ruling lines: runs of ink far longer than any glyph stroke. Horizontal rules must be ≥ 0.3 in
 * (`ruleMinLengthIn`); vertical ones may be as short as one table row (0.15 in, `ruleShortIn`) but
 * must then meet horizontal rules at both ends — a glyph's vertical stroke does not.
 */
export function detectRules(bin: Binary, opts: GridOptions): PixelRule[] {
  const s = opts.settings ?? DEFAULT_OCR_SETTINGS;
  const gap = Math.max(2, Math.round(opts.dpi / s.ruleGapPerInch));
  const hLong = Math.round(opts.dpi * s.ruleMinLengthIn);
  const vShort = Math.round(opts.dpi * s.ruleShortIn);
  const vLong = Math.round(opts.dpi * s.ruleLongIn);
  const hRuns = clusterRuns(horizontalRuns(bin, hLong, gap), 'h', gap, s.ruleMaxThickness);
  const vAll = clusterRuns(verticalRuns(bin, vShort, gap), 'v', gap, s.ruleMaxThickness);
  const tol = Math.round(opts.dpi * s.ruleTouchIn) + gap;
  const touches = (v: PixelRule, y: number) =>
    hRuns.some(
      (h) => h.x0 - tol <= v.x1 && h.x1 + tol >= v.x0 && Math.abs((h.y0 + h.y1) / 2 - y) <= tol + (h.y1 - h.y0),
    );
  const vRuns = vAll.filter((v) => v.y1 - v.y0 >= vLong || (touches(v, v.y0) && touches(v, v.y1)));
  return [...hRuns, ...vRuns];
}

type Run = [fixed: number, start: number, end: number];

/** Row-wise ink runs (bridging gaps ≤ gap px) at least minLen long: [y, x0, x1]. */
function horizontalRuns(bin: Binary, minLen: number, gap: number): Run[] {
  const out: Run[] = [];
  const { width: w, height: h, data } = bin;
  for (let y = 0; y < h; y++) {
    const r = y * w;
    let start = -1;
    let last = -1;
    for (let x = 0; x <= w; x++) {
      const ink = x < w && data[r + x] === 1;
      if (ink) {
        if (start < 0 || x - last > gap + 1) {
          if (start >= 0 && last - start + 1 >= minLen) out.push([y, start, last]);
          start = x;
        }
        last = x;
      }
    }
    if (start >= 0 && last - start + 1 >= minLen) out.push([y, start, last]);
  }
  return out;
}

/** Column-wise ink runs, scanned row by row for cache locality: [x, y0, y1]. */
function verticalRuns(bin: Binary, minLen: number, gap: number): Run[] {
  const out: Run[] = [];
  const { width: w, height: h, data } = bin;
  const start = new Int32Array(w).fill(-1);
  const last = new Int32Array(w).fill(-1);
  for (let y = 0; y <= h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) {
      const ink = y < h && data[r + x] === 1;
      if (ink) {
        if (start[x] < 0 || y - last[x] > gap + 1) {
          if (start[x] >= 0 && last[x] - start[x] + 1 >= minLen) out.push([x, start[x], last[x]]);
          start[x] = y;
        }
        last[x] = y;
      } else if (y === h && start[x] >= 0 && last[x] - start[x] + 1 >= minLen) out.push([x, start[x], last[x]]);
    }
  }
  return out;
}

/**
 * Merge runs on neighbouring rows (columns) that overlap along the line into one rule: a printed
 * rule is several pixels thick, and residual skew makes it step from row to row.
 */
function clusterRuns(runs: Run[], orient: 'h' | 'v', gap: number, maxThickness: number): PixelRule[] {
  runs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  interface Acc {
    f0: number;
    f1: number;
    s: number;
    e: number;
  }
  const open: Acc[] = [];
  const done: Acc[] = [];
  for (const [f, s, e] of runs) {
    let hit: Acc | undefined;
    for (const a of open) {
      if (f - a.f1 <= 1 + 1 && s <= a.e + gap && e >= a.s - gap) {
        hit = a;
        break;
      }
    }
    if (hit) {
      hit.f1 = f;
      hit.s = Math.min(hit.s, s);
      hit.e = Math.max(hit.e, e);
    } else open.push({ f0: f, f1: f, s, e });
    // Retire accumulators that can no longer grow.
    for (let i = open.length - 1; i >= 0; i--) {
      if (f - open[i].f1 > 2) done.push(...open.splice(i, 1));
    }
  }
  done.push(...open);
  return done
    .filter((a) => a.f1 - a.f0 <= maxThickness * gap) // thick blobs (filled areas, photos) are not rules
    .map((a) =>
      orient === 'h'
        ? { orient, x0: a.s, x1: a.e, y0: a.f0, y1: a.f1 }
        : { orient, x0: a.f0, x1: a.f1, y0: a.s, y1: a.e },
    );
}

/**
 * Erase ruling lines (and the one-pixel fringe that binarisation leaves beside them) so the
 * recogniser does not read them as 「1」 or 「|」. Works in place.
 */
export function removeRules(bin: Binary, rules: PixelRule[], s: OcrSettings = DEFAULT_OCR_SETTINGS): void {
  const { width: w, height: h, data } = bin;
  const pad = s.ruleErasePx;
  for (const r of rules) {
    const x0 = Math.max(0, r.x0 - (r.orient === 'v' ? pad : 0));
    const x1 = Math.min(w - 1, r.x1 + (r.orient === 'v' ? pad : 0));
    const y0 = Math.max(0, r.y0 - (r.orient === 'h' ? pad : 0));
    const y1 = Math.min(h - 1, r.y1 + (r.orient === 'h' ? pad : 0));
    for (let y = y0; y <= y1; y++) data.fill(0, y * w + x0, y * w + x1 + 1);
  }
}

/**
 * Rules in groups whose boxes come within `join` px of each other (transitively: a union-find),
 * each group in the order of its first rule.
 */
export function clusterRules(rules: PixelRule[], join: number): PixelRule[][] {
  const parent = rules.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < rules.length; i++) {
    for (let j = i + 1; j < rules.length; j++) {
      const a = rules[i];
      const b = rules[j];
      if (a.x0 - join <= b.x1 && b.x0 - join <= a.x1 && a.y0 - join <= b.y1 && b.y0 - join <= a.y1)
        parent[find(i)] = find(j);
    }
  }
  const groups = new Map<number, PixelRule[]>();
  rules.forEach((r, i) => {
    const k = find(i);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  });
  return [...groups.values()];
}

/** The smallest box holding every one of `boxes` (at least one). */
export function boxAround(boxes: PixelBox[]): PixelBox {
  return {
    x0: Math.min(...boxes.map((r) => r.x0)),
    y0: Math.min(...boxes.map((r) => r.y0)),
    x1: Math.max(...boxes.map((r) => r.x1)),
    y1: Math.max(...boxes.map((r) => r.y1)),
  };
}

/** Tables: groups of touching rules with at least two horizontal and two vertical lines. */
export function findTables(rules: PixelRule[], opts: GridOptions): Table[] {
  const s = opts.settings ?? DEFAULT_OCR_SETTINGS;
  const tol = Math.round(opts.dpi * s.tableJoinIn);
  const groups = clusterRules(rules, tol);
  const tables: Table[] = [];
  for (const g of groups) {
    if (g.filter((r) => r.orient === 'h').length < 2 || g.filter((r) => r.orient === 'v').length < 2) continue;
    const box = boxAround(g);
    tables.push({ box, rules: g, cells: cellsOf(box, g, tol, s.cellRasterPx) });
  }
  return tables.sort((a, b) => a.box.y0 - b.box.y0);
}

/**
 * Cells: connected regions of a coarse raster of the table in which the rules (extended a little
 * so near-misses still close) are walls. Spanning cells come out whole. The raster is exactly the
 * table's box, so its edge closes cells whose border is not printed (a table continued from the
 * previous page has no top rule).
 */
function cellsOf(box: PixelBox, rules: PixelRule[], tol: number, s: number): PixelBox[] {
  // s: raster cell size in pixels
  const W = Math.ceil((box.x1 - box.x0 + 1) / s);
  const H = Math.ceil((box.y1 - box.y0 + 1) / s);
  const wall = new Uint8Array(W * H);
  const cx = (x: number) => Math.min(W - 1, Math.max(0, Math.floor((x - box.x0) / s)));
  const cy = (y: number) => Math.min(H - 1, Math.max(0, Math.floor((y - box.y0) / s)));
  for (const r of rules) {
    const ext = r.orient === 'h' ? [tol, 0] : [0, tol];
    const [a0, a1, b0, b1] = [cx(r.x0 - ext[0]), cx(r.x1 + ext[0]), cy(r.y0 - ext[1]), cy(r.y1 + ext[1])];
    for (let y = b0; y <= b1; y++) wall.fill(1, y * W + a0, y * W + a1 + 1);
  }
  const label = new Int32Array(W * H).fill(-1);
  const cells: PixelBox[] = [];
  const stack: number[] = [];
  const minSide = Math.max(2, Math.round(tol / s));
  for (let start = 0; start < W * H; start++) {
    if (wall[start] || label[start] >= 0) continue;
    const id = cells.length;
    let [x0, y0, x1, y1] = [W, H, -1, -1];
    const visit = (q: number) => {
      if (wall[q] || label[q] >= 0) return;
      label[q] = id;
      stack.push(q);
    };
    label[start] = id;
    stack.push(start);
    while (stack.length) {
      const p = stack.pop()!;
      const x = p % W;
      const y = (p / W) | 0;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      // Left, right, up, down: open raster cells not yet labelled join.
      if (x > 0) visit(p - 1);
      if (x < W - 1) visit(p + 1);
      if (y > 0) visit(p - W);
      if (y < H - 1) visit(p + W);
    }
    // Slivers (between doubled lines, or between a frame line and the box edge) are not cells.
    const cell = {
      x0: box.x0 + x0 * s,
      y0: box.y0 + y0 * s,
      x1: Math.min(box.x1, box.x0 + (x1 + 1) * s - 1),
      y1: Math.min(box.y1, box.y0 + (y1 + 1) * s - 1),
    };
    cells.push(x1 - x0 < minSide || y1 - y0 < minSide ? { x0: 0, y0: 0, x1: -1, y1: -1 } : cell);
  }
  return cells.filter((c) => c.x1 > c.x0).sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}
