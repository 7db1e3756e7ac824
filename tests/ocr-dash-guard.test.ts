// A 「—」 recognised by its shape stands where a printed dash stands (issue 25): on a light bilevel
// scan a 「7」 whose stem vanished left its top bar, read 「—」 at 90 — a printed blank, a number lost
// with no warning. A bar off the middle of its row's digits, or with stroke fragments around it
// before the specks were cleared, is an unread cell.
import { describe, expect, it } from 'vitest';
import { UNREAD_CELL } from '../extractors/types.js';
import { onItsRow, readTables, unreadText } from '../extractors/ocr/cells.js';
import type { PageContext } from '../extractors/ocr/context.js';
import { isPrintedDash, rowMates } from '../extractors/ocr/dash-guard.js';
import type { Binary } from '../extractors/ocr/image.js';
import { sharedOcrPool } from '../extractors/ocr/pool.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';
import { page } from './ocr-page.js';

const ctxOf = (p: { raw: Binary; bin: Binary }): PageContext => ({
  page: 2,
  pool: sharedOcrPool(),
  ...p,
  dpi: 300,
  second: null,
  settings: DEFAULT_OCR_SETTINGS,
});

// Three cells on one row, 120 × 80 px; the row's digits stand from y = 35 to y = 64 (30 px).
const cells = [0, 1, 2].map((k) => ({ x0: 10 + 125 * k, y0: 10, x1: 130 + 125 * k, y1: 90 }));
const inner = (k: number) => ({ x0: cells[k].x0 + 3, y0: cells[k].y0 + 3, x1: cells[k].x1 - 3, y1: cells[k].y1 - 3 });
const digits = [{ x0: 60, y0: 35, x1: 75, y1: 64 }];

describe('OCR: a 「—」 is trusted only where a printed dash stands', () => {
  it('a bar at mid-height of its row’s digits is a dash; a 7’s top bar or a 2’s foot is not', () => {
    const ctx = ctxOf(page([]));
    const bar = (y0: number) => ({ cell: cells[1], inner: inner(1), ink: { x0: 175, y0, x1: 195, y1: y0 + 2 } });
    expect(rowMates(cells[1], digits)).toEqual(digits);
    expect(isPrintedDash(ctx, bar(48), digits)).toBe(true); // centre 49: 0.47 of the digits
    expect(isPrintedDash(ctx, bar(35), digits)).toBe(false); // a 「7」's top bar
    expect(isPrintedDash(ctx, bar(62), digits)).toBe(false); // a 「2」's foot
    // A row with no number to measure against: the shape decides.
    expect(isPrintedDash(ctx, bar(35), [])).toBe(true);
    // Number lines of another row are no row-mates.
    expect(rowMates(cells[1], [{ x0: 60, y0: 120, x1: 75, y1: 150 }])).toEqual([]);
  });

  it('a bar with stroke fragments around it before the specks were cleared is an unread cell', async () => {
    // Cell 0: a clean dash. Cell 1: the same bar with a 「7」's stem broken into five 2 × 3 specks
    // under it (30 px, cleared from the page). Cell 2: a bar with one noise speck (4 px) off it.
    const stem: Array<[number, number, number, number]> = [0, 1, 2, 3, 4].map((k) => [190 - 2 * k, 45 + 4 * k, 2, 3]);
    const p = page([[50, 48, 24, 3], [175, 40, 22, 3], ...stem, [300, 48, 24, 3], [310, 70, 2, 2]]);
    const ctx = ctxOf(p);
    const table = { box: { x0: 10, y0: 10, x1: 380, y1: 90 }, rules: [], cells };
    const runs = await readTables(ctx, [table]);
    const dash = (x0: number, x1: number) => ({
      text: '—',
      box: { x0, y0: 49 - 19, x1, y1: 49 + 19 },
      confidence: 90,
      linePx: 38,
    });
    expect(runs).toEqual([
      dash(50, 73),
      { text: UNREAD_CELL, box: { x0: 175, y0: 41 - 19, x1: 196, y1: 41 + 19 }, confidence: 0, linePx: 38 },
      dash(300, 323),
    ]);
  });

  it('an unread cell whose ink is a bar shorter than half a digit line stands on its row as a line of digits', () => {
    const ctx = ctxOf(page([]));
    // A 「7」's top bar, 16 × 7 px (300 dpi): a digit line's height (2 × 4.5 pt = 38 px) about its centre.
    const bar = { x0: 70, y0: 38, x1: 85, y1: 44 };
    expect(onItsRow(ctx, bar)).toEqual({ x0: 70, y0: 41 - 19, x1: 85, y1: 41 + 19 });
    // Read as nothing in a column of numbers: unread, on its row.
    expect(unreadText(ctx, [], bar, 1, true)).toEqual([
      { text: UNREAD_CELL, box: { x0: 70, y0: 22, x1: 85, y1: 60 }, confidence: 0, linePx: 39 },
    ]);
    // Ink half a line tall or more keeps its own box.
    const digit = { x0: 70, y0: 35, x1: 85, y1: 64 };
    expect(onItsRow(ctx, digit)).toBe(digit);
  });
});
