// Table cells from ruling lines: every smallest rectangle whose four sides are drawn (merged cells
// included). Used to show the grid a page was read with; the table parsers themselves work on rows.
import type { BBox, Rule } from '../../extractors/types.js';

/** Coordinates closer than this (points) are the same line: rules drawn as thin boxes wobble. */
const SNAP = 2;

interface Edge {
  /** The fixed coordinate (y of a horizontal edge, x of a vertical one). */
  at: number;
  from: number;
  to: number;
}

/** Cluster values that lie within SNAP of their neighbour; each maps to its cluster's mean. */
function snapper(values: number[]): (v: number) => number {
  const sorted = [...values].sort((a, b) => a - b);
  const groups: number[][] = [];
  for (const v of sorted) {
    const g = groups[groups.length - 1];
    if (g && v - g[g.length - 1] <= SNAP) g.push(v);
    else groups.push([v]);
  }
  const means = groups.map((g) => ({ lo: g[0], hi: g[g.length - 1], mean: g.reduce((a, b) => a + b, 0) / g.length }));
  return (v) => means.find((m) => v >= m.lo - 1e-9 && v <= m.hi + 1e-9)?.mean ?? v;
}

/** Collinear segments that overlap or nearly touch become one edge. */
function mergeEdges(edges: Edge[]): Edge[] {
  const byLine = new Map<number, Edge[]>();
  for (const e of edges) {
    const line = byLine.get(e.at);
    if (line) line.push(e);
    else byLine.set(e.at, [e]);
  }
  const out: Edge[] = [];
  for (const [at, list] of byLine) {
    list.sort((a, b) => a.from - b.from);
    let cur: Edge | null = null;
    for (const e of list) {
      if (cur && e.from <= cur.to + SNAP) cur.to = Math.max(cur.to, e.to);
      else {
        if (cur) out.push(cur);
        cur = { at, from: e.from, to: e.to };
      }
    }
    if (cur) out.push(cur);
  }
  return out;
}

export interface Grid {
  horizontal: Edge[];
  vertical: Edge[];
  cells: BBox[];
}

export function gridCells(rules: Rule[]): Grid {
  const hRaw = rules.filter((r) => r.y1 - r.y0 < r.x1 - r.x0);
  const vRaw = rules.filter((r) => r.y1 - r.y0 >= r.x1 - r.x0);
  const sx = snapper(vRaw.map((r) => (r.x0 + r.x1) / 2));
  const sy = snapper(hRaw.map((r) => (r.y0 + r.y1) / 2));
  const horizontal = mergeEdges(hRaw.map((r) => ({ at: sy((r.y0 + r.y1) / 2), from: r.x0, to: r.x1 })));
  const vertical = mergeEdges(vRaw.map((r) => ({ at: sx((r.x0 + r.x1) / 2), from: r.y0, to: r.y1 })));

  // Intersections, with the edges through them (a cell's side must be one drawn edge).
  interface Point {
    x: number;
    y: number;
    h: Set<Edge>;
    v: Set<Edge>;
  }
  const points = new Map<string, Point>();
  const key = (x: number, y: number) => `${x.toFixed(3)},${y.toFixed(3)}`;
  for (const v of vertical) {
    for (const h of horizontal) {
      if (v.at >= h.from - SNAP && v.at <= h.to + SNAP && h.at >= v.from - SNAP && h.at <= v.to + SNAP) {
        const k = key(v.at, h.at);
        const p = points.get(k) ?? { x: v.at, y: h.at, h: new Set(), v: new Set() };
        p.h.add(h);
        p.v.add(v);
        points.set(k, p);
      }
    }
  }
  const sorted = [...points.values()].sort((a, b) => a.y - b.y || a.x - b.x);
  const shares = (a: Set<Edge>, b: Set<Edge>) => [...a].some((e) => b.has(e));
  // The points on each vertical (by y) and each horizontal (by x), so a corner's candidates are
  // found without scanning every point (a ruled table 三 has hundreds).
  const byX = groupBy(sorted, (q) => q.x);
  const byY = groupBy(sorted, (q) => q.y);
  const cells: BBox[] = [];
  for (const p of sorted) {
    const below = byX.get(p.x)!.filter((q) => q.y > p.y && shares(p.v, q.v));
    const right = byY.get(p.y)!.filter((q) => q.x > p.x && shares(p.h, q.h));
    found: for (const b of below) {
      for (const r of right) {
        const corner = points.get(key(r.x, b.y));
        if (corner && shares(corner.v, r.v) && shares(corner.h, b.h)) {
          cells.push([p.x, p.y, r.x, b.y]);
          break found;
        }
      }
    }
  }
  return { horizontal, vertical, cells };
}

/** Items grouped by a key, each group in the items' order. */
function groupBy<T, K>(items: T[], keyOf: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = keyOf(t);
    const g = out.get(k);
    if (g) g.push(t);
    else out.set(k, [t]);
  }
  return out;
}

/** The smallest cell holding the centre of `box`, if any. */
export function cellAround(cells: BBox[], box: BBox): BBox | null {
  const cx = (box[0] + box[2]) / 2;
  const cy = (box[1] + box[3]) / 2;
  let best: BBox | null = null;
  for (const c of cells) {
    if (cx < c[0] || cx > c[2] || cy < c[1] || cy > c[3]) continue;
    if (!best || (c[2] - c[0]) * (c[3] - c[1]) < (best[2] - best[0]) * (best[3] - best[1])) best = c;
  }
  return best;
}
