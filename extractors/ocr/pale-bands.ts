// A photocopier's pale streak: a band where the toner did not take, running down (or across) the
// page. Where it crosses a table it takes everything under it: the ruling lines (which the grid
// repair joins again) and the ink of a cell it covers, so a lone 「0」 under it leaves an inkless
// cell that would pass for a printed blank, and a row total still checks (blanks count as 0). The
// band is found from the page itself: the table's rules across it all broken over the same stretch.
import type { Binary } from './image.js';
import type { PixelBox, PixelRule, Table } from './grid.js';
import type { OcrSettings } from '../settings.js';

/**
 * The pale bands over `tables`: stretches at least `paleBandMinIn` wide where at least
 * `paleBandRuleShare` (and at least three) of a table's rules across the stretch have no ink in
 * `lineBin` (the rules as found and repaired: the repair joins a rule across the band, the band keeps no ink). Each band is returned as the box
 * it covers in its table. A printed table's rules are unbroken, so a clean page has none.
 */
export function paleBands(
  lineBin: Binary,
  tables: Table[],
  rules: PixelRule[],
  dpi: number,
  t: OcrSettings,
): PixelBox[] {
  const min = Math.max(2, Math.round(t.paleBandMinIn * dpi));
  const out: PixelBox[] = [];
  for (const table of tables) {
    for (const orient of ['h', 'v'] as const) {
      const across = rules.filter((r) => r.orient === orient && within(r, table.box));
      for (const [s, e] of commonGaps(lineBin, across, table.box, min, t.paleBandRuleShare))
        out.push(orient === 'h' ? { ...table.box, x0: s, x1: e } : { ...table.box, y0: s, y1: e });
    }
  }
  return out;
}

/** A rule lying inside `box` (within a few pixels). */
function within(r: PixelRule, box: PixelBox): boolean {
  const m = 3;
  return r.x0 >= box.x0 - m && r.x1 <= box.x1 + m && r.y0 >= box.y0 - m && r.y1 <= box.y1 + m;
}

/** Collinear rule pieces as one line: its extent along, and the band of pixels across it. */
interface Line {
  s: number;
  e: number;
  a0: number;
  a1: number;
}

/** Rules of one orientation grouped by their position across (within 3 px): one line each. */
function linesOf(rules: PixelRule[]): Line[] {
  const lines: Line[] = [];
  for (const r of rules) {
    const [s, e, a0, a1] = r.orient === 'h' ? [r.x0, r.x1, r.y0, r.y1] : [r.y0, r.y1, r.x0, r.x1];
    const same = lines.find((l) => Math.abs((l.a0 + l.a1) / 2 - (a0 + a1) / 2) <= 3);
    if (!same) lines.push({ s, e, a0, a1 });
    else
      Object.assign(same, {
        s: Math.min(same.s, s),
        e: Math.max(same.e, e),
        a0: Math.min(same.a0, a0),
        a1: Math.max(same.a1, a1),
      });
  }
  return lines;
}

/**
 * Positions along the rules (x for horizontal rules, y for vertical ones) inside `box` where at
 * least `share` of the lines spanning the position (and at least three) have no ink there, as runs
 * at least `min` long, not touching the box's ends (a line's end is not a band).
 */
function commonGaps(
  bin: Binary,
  rules: PixelRule[],
  box: PixelBox,
  min: number,
  share: number,
): Array<[number, number]> {
  const lines = linesOf(rules);
  if (lines.length < 3) return [];
  const horizontal = rules[0].orient === 'h';
  const [from, to] = horizontal ? [box.x0, box.x1] : [box.y0, box.y1];
  const gapAt = (p: number) => {
    const spanning = lines.filter((l) => l.s < p && p < l.e);
    if (spanning.length < 3) return false;
    const missing = spanning.filter((l) => !inkAcross(bin, l, p, horizontal)).length;
    return missing >= 3 && missing >= share * spanning.length;
  };
  const out: Array<[number, number]> = [];
  let start = -1;
  for (let p = from; p <= to + 1; p++) {
    const gap = p <= to && gapAt(p);
    if (gap && start < 0) start = p;
    if (!gap && start >= 0) {
      if (p - start >= min) out.push([start, p - 1]);
      start = -1;
    }
  }
  return out;
}

/** Any ink on the line (its thickness, a pixel either side) at position `p` along it. */
function inkAcross(bin: Binary, l: Line, p: number, horizontal: boolean): boolean {
  const limit = horizontal ? bin.height - 1 : bin.width - 1;
  for (let a = Math.max(0, l.a0 - 1); a <= Math.min(limit, l.a1 + 1); a++) {
    const idx = horizontal ? a * bin.width + p : p * bin.width + a;
    if (bin.data[idx] === 1) return true;
  }
  return false;
}

/**
 * The part of `inner` (a cell's inside) a band covers, when the band crosses its middle third
 * across the band (where a cell's value is printed; a band grazing its edge took no value).
 */
export function underBand(inner: PixelBox, bands: readonly PixelBox[]): PixelBox | null {
  for (const b of bands) {
    const box = {
      x0: Math.max(inner.x0, b.x0),
      y0: Math.max(inner.y0, b.y0),
      x1: Math.min(inner.x1, b.x1),
      y1: Math.min(inner.y1, b.y1),
    };
    if (box.x0 > box.x1 || box.y0 > box.y1) continue;
    // A band down the page (as tall as its table) is judged across x, one across it across y.
    const down = b.y1 - b.y0 >= b.x1 - b.x0;
    const [lo, hi, s, e] = down ? [inner.x0, inner.x1, box.x0, box.x1] : [inner.y0, inner.y1, box.y0, box.y1];
    const third = (hi - lo + 1) / 3;
    if (s <= hi - third && e >= lo + third) return box;
  }
  return null;
}
