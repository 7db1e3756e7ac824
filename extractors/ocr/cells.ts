// Reading a ruled table: every cell's ink is found, cells shaped like a number are read as
// numbers (cell-pass.ts: PP-OCR first, tesseract where it does not settle), the rest as lines of Chinese text.
import { UNREAD_CELL } from '../types.js';
import { cellInkMin, px, type PageContext, type PixelRun } from './context.js';
import type { PixelBox, Table } from './grid.js';
import type { Binary } from './image.js';
import { colProfile, inkBounds, rowProfile, spans, textLines } from './ink.js';
import { splitAtWideGaps } from './merged-cells.js';
import { dashRun, isPrintedDash, rowMates, type DashCell } from './dash-guard.js';
import { readBoxes } from './mosaic.js';
import { readNumberCells } from './cell-pass.js';
import { looksNumeric, normalizeDigits, numberShaped } from './numbers.js';
import { runsFromLines } from './runs.js';
import { underBand } from './pale-bands.js';

export async function readTables(ctx: PageContext, tables: Table[]): Promise<PixelRun[]> {
  const cells = tables.flatMap((t) => t.cells);
  const { numeric, text, textCells, dashes, unread, numberCells } = sortCells(ctx, cells);
  // Text cells are read line band by line band: a multi-line cell read as one block in the
  // mosaic can come back as one merged, misread line (measured: 「…政府信/息」 → 「一本机关万掌提…」).
  const bandsOf = text.map((ink, i) => ownBands(lineBands(ctx, ink), textCells[i], cells));
  const [numbers, bandLines] = await Promise.all([readNumberCells(ctx, numeric), readBoxes(ctx, bandsOf.flat(), {})]);
  let k = 0;
  const textLinesRead = bandsOf.map((bands) => bandLines.slice(k, (k += bands.length)).flat());
  const words = await Promise.all(textLinesRead.map((lines) => runsFromLines(ctx, lines)));
  const textRuns = words.map((runs, i) => {
    const kept = unreadText(ctx, runs, text[i], bandsOf[i].length, inNumberColumn(textCells[i], numberCells));
    return strayValues(ctx, bandsOf[i], kept);
  });
  // Give a dash the height of a line of digits around its centre, as the text layer would.
  const half = px(ctx, ctx.settings.dashHalfHeightPt);
  const dashRuns = dashes.map((d) => dashRun(ctx, d, isPrintedDash(ctx, d, rowMates(d.cell, numeric)), half));
  return [...numbers.map((r) => unreadNumber(r)), ...dashRuns, ...unread, ...textRuns.flat()];
}

/** The cells' ink sorted: one-line numbers, text, 「—」 bars, and unread cells (ink cleared as specks). */
function sortCells(ctx: PageContext, cells: PixelBox[]) {
  const numeric: PixelBox[] = [];
  const text: PixelBox[] = [];
  const textCells: PixelBox[] = [];
  const dashes: DashCell[] = [];
  const unread: PixelRun[] = [];
  const numberCells: PixelBox[] = [];
  for (const cell of cells) {
    const inner = cellInner(ctx, cell);
    const ink = inner && inkBounds(ctx.bin, inner);
    if (!ink) {
      // No ink left once specks were cleared: blank only if there was (almost) none before.
      const run = inner && (unreadInk(ctx, inner) ?? unreadUnderBand(ctx, inner));
      if (run) unread.push(run);
      continue;
    }
    if (isDash(ctx, ink)) {
      dashes.push({ cell, inner, ink });
      continue;
    }
    const lines = textLines(ctx.bin, ink, Math.max(2, Math.round(ctx.dpi / ctx.settings.cellLineGapPerInch)));
    if (lines.length === 1 && numberShaped(ctx, lines[0])) {
      numeric.push(...numbersOf(ctx, lines[0]));
      numberCells.push(cell);
    } else {
      text.push(ink);
      textCells.push(cell);
    }
  }
  return { numeric, text, textCells, dashes, unread, numberCells };
}

/**
 * A value beside a label in a text cell: the band's last glyph group (parts closer than half the
 * band's height joined) stands at least `numberSplitGapShare` of its height from the rest, as a
 * value stands from the label when a lost column rule merged their cells. When no run read covers
 * it, or its own runs read no value and at most `unreadMaxCjk` Chinese characters (a broken 「4」
 * read 「|」), it is an unread cell: its value is not taken for a printed blank. Returns the runs.
 */
export function strayValues(ctx: PageContext, bands: PixelBox[], runs: PixelRun[]): PixelRun[] {
  const s = ctx.settings;
  const min = cellInkMin(ctx);
  let out = runs;
  for (const band of bands) {
    const h = band.y1 - band.y0 + 1;
    const groups = spans(colProfile(ctx.bin, band), 1, Math.max(1, Math.round(h / 2)))
      .map(([a, b]) => inkBounds(ctx.bin, { x0: band.x0 + a, y0: band.y0, x1: band.x0 + b, y1: band.y1 }))
      .filter((g): g is PixelBox => g !== null && g.y1 - g.y0 + 1 >= s.tallGlyphShare * h);
    if (groups.length < 2) continue;
    const g = groups[groups.length - 1];
    const prevEnd = groups[groups.length - 2].x1;
    if (g.x0 - prevEnd - 1 < s.numberSplitGapShare * h || inkCount(ctx.bin, g) < min) continue;
    const over = out.filter((r) => r.box.x0 <= g.x1 && r.box.x1 >= g.x0 && r.box.y0 <= g.y1 && r.box.y1 >= g.y0);
    // A run reaching back over the label is the label's read: left as it is.
    if (over.some((r) => r.box.x0 <= prevEnd)) continue;
    const read = over.map((r) => r.text).join('');
    if (over.length && (isValueText(read) || cjkCount(read) > s.unreadMaxCjk)) continue;
    out = [...out.filter((r) => !over.includes(r)), unreadRun(g)];
  }
  return out;
}

const cjkCount = (t: string) => (t.match(/[\u3400-\u9fff]/g) ?? []).length;
const inkCount = (bin: Binary, box: PixelBox) => rowProfile(bin, box).reduce((a, b) => a + b, 0);

/** A value as read (a number, 「/」 or a dash), not a word. */
const isValueText = (t: string) => looksNumeric(t) || /^[/\\—–-]{1,3}$/.test(normalizeDigits(t));

/** The run standing for a cell with ink that did not read as a value (UNREAD_CELL, confidence 0). */
const unreadRun = (box: PixelBox): PixelRun => ({ text: UNREAD_CELL, box, confidence: 0, linePx: box.y1 - box.y0 + 1 });

/**
 * An unread cell's ink shorter than half a line of digits (`dashHalfHeightPt`: what a light
 * threshold left of a digit, a 「7」's top bar) given a digit line's height about its centre, as a
 * dash is: a run 6 px tall fell out of its row, and the row's other six values with it.
 */
export function onItsRow(ctx: PageContext, box: PixelBox): PixelBox {
  const half = px(ctx, ctx.settings.dashHalfHeightPt);
  if (box.y1 - box.y0 + 1 >= half) return box;
  const mid = Math.round((box.y0 + box.y1) / 2);
  return { ...box, y0: mid - half, y1: mid + half };
}

/** A number-shaped cell whose reads gave no value (nothing, or a word): unread, never dropped as blank. */
function unreadNumber(run: PixelRun): PixelRun {
  return isValueText(run.text) ? run : unreadRun(run.box);
}

/**
 * A cell in a column of numbers read as text: when nothing was read, or one line read as no value
 * with at most `unreadMaxCjk` Chinese characters (a broken 「7」 read 「了」, fragments read as
 * punctuation), it is an unread number — a header or label word is longer.
 */
export function unreadText(
  ctx: PageContext,
  runs: PixelRun[],
  ink: PixelBox,
  bands: number,
  numberColumn: boolean,
): PixelRun[] {
  const read = runs.map((r) => r.text).join('');
  if (!numberColumn || isValueText(read)) return runs;
  if (read.trim() === '' || (bands === 1 && cjkCount(read) <= ctx.settings.unreadMaxCjk))
    return [unreadRun(onItsRow(ctx, ink))];
  return runs;
}

/** Does `cell` stand in a column of numbers: another number cell spans (nearly) the same width? */
function inNumberColumn(cell: PixelBox, numberCells: PixelBox[]): boolean {
  const w = cell.x1 - cell.x0 + 1;
  const same = (o: PixelBox) => {
    const overlap = Math.min(cell.x1, o.x1) - Math.max(cell.x0, o.x0) + 1;
    return o !== cell && overlap >= 0.8 * Math.max(w, o.x1 - o.x0 + 1);
  };
  return numberCells.some(same);
}

/**
 * A cell left without ink once specks were cleared, but with at least `cellInkMinPx` ink pixels
 * before (`ctx.raw`): strokes a light threshold broke into specks. Unread, not a printed blank.
 */
function unreadInk(ctx: PageContext, inner: PixelBox): PixelRun | null {
  if (!ctx.raw) return null;
  const min = cellInkMin(ctx);
  const ink = inkCount(ctx.raw, inner);
  const box = ink >= min ? inkBounds(ctx.raw, inner) : null;
  return box ? unreadRun(onItsRow(ctx, box)) : null;
}

/**
 * An inkless cell under a pale streak (pale-bands.ts): the streak may have taken a lone digit with
 * the rules, so the cell is unread, not a printed blank (its row total would still check).
 */
function unreadUnderBand(ctx: PageContext, inner: PixelBox): PixelRun | null {
  const box = underBand(inner, ctx.pale ?? []);
  if (!box) return null;
  const mid = Math.round((inner.y0 + inner.y1) / 2);
  return unreadRun(onItsRow(ctx, { ...box, y0: mid, y1: mid }));
}

/** The numbers of a number-shaped line: two when a lost column rule left two cells' values in one. */
function numbersOf(ctx: PageContext, line: PixelBox): PixelBox[] {
  const s = ctx.settings;
  const shape = { gap: s.numberSplitGapShare, tall: s.tallGlyphShare, part: s.numberSplitPartShare };
  return splitAtWideGaps(ctx.bin, line, shape).filter((b) => numberShaped(ctx, b));
}

/**
 * The bands of `cell` that are its own. A region whose rule piece was lost (a photocopy's pale
 * streak) is not a rectangle, and its box overlaps its neighbours': a band centred in a smaller
 * cell's box is that cell's text, read there (read here too, it came out twice on the row).
 */
export function ownBands(bands: PixelBox[], cell: PixelBox, cells: PixelBox[]): PixelBox[] {
  const area = (b: PixelBox) => (b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1);
  const inside = (x: number, y: number, o: PixelBox) => x >= o.x0 && x <= o.x1 && y >= o.y0 && y <= o.y1;
  return bands.filter((b) => {
    const [x, y] = [(b.x0 + b.x1) / 2, (b.y0 + b.y1) / 2];
    return !cells.some((o) => o !== cell && area(o) < area(cell) && inside(x, y, o));
  });
}

/**
 * A cell whose only ink is one thin, solid horizontal bar: 「—」 or 「-」 (no value). Too thin for
 * tesseract to find as a text line, so it is recognised by shape.
 */
function isDash(ctx: PageContext, ink: PixelBox): boolean {
  const s = ctx.settings;
  const w = ink.x1 - ink.x0 + 1;
  const h = ink.y1 - ink.y0 + 1;
  if (h > ctx.dpi * s.dashMaxThicknessIn || w < s.dashMinAspect * h) return false;
  let on = 0;
  for (let y = ink.y0; y <= ink.y1; y++)
    for (let x = ink.x0; x <= ink.x1; x++) on += ctx.bin.data[y * ctx.bin.width + x];
  return on >= s.dashMinFill * w * h;
}

/**
 * Text line bands of a cell: row-profile bands, with bands much thinner than the tallest (under
 * `bandMinShare` of it: the separate strokes of 三 or 二) merged into their nearest neighbour.
 */
export function lineBands(ctx: PageContext, ink: PixelBox): PixelBox[] {
  const bands = textLines(ctx.bin, ink, 2);
  const maxH = Math.max(...bands.map((b) => b.y1 - b.y0 + 1));
  for (let i = 0; i < bands.length;) {
    const b = bands[i];
    if (bands.length > 1 && b.y1 - b.y0 + 1 < ctx.settings.bandMinShare * maxH) {
      const up = i > 0 ? b.y0 - bands[i - 1].y1 : Infinity;
      const down = i < bands.length - 1 ? bands[i + 1].y0 - b.y1 : Infinity;
      const j = up <= down ? i - 1 : i + 1;
      const o = bands[j];
      bands[j] = {
        x0: Math.min(o.x0, b.x0),
        y0: Math.min(o.y0, b.y0),
        x1: Math.max(o.x1, b.x1),
        y1: Math.max(o.y1, b.y1),
      };
      bands.splice(i, 1);
      i = 0; // re-check from the start: merged bands change heights
    } else i++;
  }
  return bands;
}

/** The inside of a cell where its ink is looked for, staying clear of the rule fringe at its edges. */
function cellInner(ctx: PageContext, cell: PixelBox): PixelBox | null {
  const pad = Math.max(2, Math.round(ctx.dpi / ctx.settings.cellEdgePerInch));
  const inner = { x0: cell.x0 + pad, y0: cell.y0 + pad, x1: cell.x1 - pad, y1: cell.y1 - pad };
  return inner.x1 <= inner.x0 || inner.y1 <= inner.y0 ? null : inner;
}
