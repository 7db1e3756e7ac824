// A table cell with ink that does not read as a value is never a printed blank (issue 25: a light
// bilevel threshold broke digits into specks, the specks were cleared, and the empty cell passed for
// blank — a missing number with no warning). OCR gives it the UNREAD_CELL run; the record gives it
// null and a warning naming its path.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../extractors/plain-text.js';
import { UNREAD_CELL, type SourceDocument } from '../extractors/types.js';
import { readTables, strayValues, unreadText } from '../extractors/ocr/cells.js';
import type { PageContext } from '../extractors/ocr/context.js';
import { sharedOcrPool } from '../extractors/ocr/pool.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';
import { completenessViolations } from '../src/checks/completeness.js';
import { buildRecord } from '../src/pipeline/extract.js';
import { parseCell } from '../src/text/values.js';
import { page } from './ocr-page.js';

/** Three cells side by side (each 120 × 80 px, 10 px from the edge) on the strip `page` draws. */
const cells = [0, 1, 2].map((k) => ({ x0: 10 + 125 * k, y0: 10, x1: 130 + 125 * k, y1: 90 }));

describe('OCR: a cell with ink is no printed blank', () => {
  it('a digit broken into specks (cleared from the page) is an unread cell; sensor noise and an empty cell are blanks', async () => {
    // Cell 0: a 「0」 a light threshold broke into 2×2 and 2×3 pieces (a ring of 12, 54 px).
    const ring: Array<[number, number, number, number]> = [];
    for (let k = 0; k < 12; k++) {
      const a = (2 * Math.PI * k) / 12;
      ring.push([Math.round(70 + 10 * Math.cos(a)), Math.round(50 + 16 * Math.sin(a)), 2, k % 2 ? 2 : 3]);
    }
    // Cell 1: two noise specks (4 px in all); cell 2: nothing.
    const { raw, bin } = page([...ring, [180, 30, 2, 1], [220, 60, 1, 2]]);
    expect(bin.data.some((v) => v)).toBe(false); // every piece was a speck
    const ctx: PageContext = {
      page: 3,
      pool: sharedOcrPool(),
      bin,
      raw,
      dpi: 300,
      second: null,
      settings: DEFAULT_OCR_SETTINGS,
    };
    const table = { box: { x0: 10, y0: 10, x1: 380, y1: 90 }, rules: [], cells };
    const runs = await readTables(ctx, [table]);
    expect(runs).toEqual([{ text: UNREAD_CELL, box: { x0: 60, y0: 34, x1: 81, y1: 67 }, confidence: 0, linePx: 34 }]);
    // Without the page before clearing, nothing says the cell had ink (the old behaviour).
    expect(await readTables({ ...ctx, raw: undefined }, [table])).toEqual([]);
  });

  it('ink a text read leaves uncovered (a broken digit in a label cell a lost rule merged with a value cell) is unread; a speck or a label alone is not', () => {
    // One band 30 px tall: a 「label」 of three 24 × 30 glyphs 4 px apart, a broken 「4」 (two strokes)
    // 150 px to the right, and a 3 × 3 dot further on.
    const dots: Array<[number, number, number, number]> = [
      [20, 30, 24, 30],
      [48, 30, 24, 30],
      [76, 30, 24, 30],
      [250, 30, 3, 30],
      [262, 40, 3, 20],
      [330, 50, 3, 3],
    ];
    const { bin } = page(dots);
    const ctx = { page: 2, pool: sharedOcrPool(), bin, dpi: 300, second: null, settings: DEFAULT_OCR_SETTINGS };
    const band = { x0: 20, y0: 30, x1: 332, y1: 59 };
    const label = { text: '行政规', box: { x0: 20, y0: 30, x1: 99, y1: 59 }, confidence: 91, linePx: 30 };
    const unread = { text: UNREAD_CELL, box: { x0: 250, y0: 30, x1: 264, y1: 59 }, confidence: 0, linePx: 30 };
    expect(strayValues(ctx, [band], [label])).toEqual([label, unread]);
    // Read as a word that is no value (「|」): unread too. Read as a number: as read.
    const junk = { text: '|', box: { x0: 250, y0: 30, x1: 253, y1: 59 }, confidence: 60, linePx: 30 };
    expect(strayValues(ctx, [band], [label, junk])).toEqual([label, unread]);
    const four = { text: '4', box: { x0: 250, y0: 30, x1: 264, y1: 59 }, confidence: 90, linePx: 30 };
    expect(strayValues(ctx, [band], [label, four])).toEqual([label, four]);
    // A run reaching back over the label (the label read with it) is left as it is.
    const labelOnly = { x0: 20, y0: 30, x1: 99, y1: 59 };
    expect(strayValues(ctx, [labelOnly], [label])).toEqual([label]);
    const whole = { text: '行政规|', box: { x0: 20, y0: 30, x1: 264, y1: 59 }, confidence: 60, linePx: 30 };
    expect(strayValues(ctx, [band], [whole])).toEqual([whole]);
  });

  it('a cell of a number column read as no value (nothing, a one-character word) is unread; a header word stays', () => {
    const ctx = {
      page: 3,
      pool: sharedOcrPool(),
      bin: page([]).bin,
      dpi: 300,
      second: null,
      settings: DEFAULT_OCR_SETTINGS,
    };
    const ink = { x0: 40, y0: 30, x1: 60, y1: 60 };
    const run = (text: string) => ({ text, box: ink, confidence: 60, linePx: 31 });
    const unread = [{ text: UNREAD_CELL, box: ink, confidence: 0, linePx: 31 }];
    expect(unreadText(ctx, [], ink, 1, true)).toEqual(unread);
    expect(unreadText(ctx, [run('了')], ink, 1, true)).toEqual(unread);
    expect(unreadText(ctx, [run('(')], ink, 1, true)).toEqual(unread);
    expect(unreadText(ctx, [run('12')], ink, 1, true)).toEqual([run('12')]);
    expect(unreadText(ctx, [run('总计')], ink, 1, true)).toEqual([run('总计')]);
    // Two lines (a wrapped header), or a column of words: as read.
    expect(unreadText(ctx, [run('了')], ink, 2, true)).toEqual([run('了')]);
    expect(unreadText(ctx, [run('了')], ink, 1, false)).toEqual([run('了')]);
  });

  it('the record gives an unread cell null and a cell-unreadable warning naming it; the row keeps its columns', () => {
    const text = readFileSync(path.resolve(__dirname, '../samples/seed-2021-flattened.txt'), 'utf8');
    const body = text.replace('7.属于行政执法案卷 1 0 0 0 0 0 1', `7.属于行政执法案卷 ${UNREAD_CELL} 0 0 0 0 0 1`);
    expect(body).not.toBe(text);
    const doc = readPlainText(body);
    const pages = doc.pages.map((p) => ({
      ...p,
      source: 'ocr' as const,
      runs: p.runs.map((r) => ({ ...r, confidence: 95 })),
    }));
    const ocr: SourceDocument = { ...doc, kind: 'pdf', pages, ocrPages: doc.pages.map((p) => p.page) };
    const r = buildRecord(ocr, { file: null, sha256: '0' });
    const row = r.applications!.results.withheld.enforcementFiles;
    expect(row).toEqual({
      naturalPerson: null,
      commercialEnterprise: 0,
      researchInstitution: 0,
      socialWelfareOrg: 0,
      legalServiceOrg: 0,
      otherOrg: 0,
      total: 1,
    });
    const at = 'applications.results.withheld.enforcementFiles.naturalPerson';
    expect(r.warnings.filter((w) => w.path === at).map((w) => w.code)).toContain('cell-unreadable');
    expect(r.provenance[at].text).toBe(UNREAD_CELL);
    expect(completenessViolations(r)).toEqual([]);
    expect(parseCell(UNREAD_CELL)).toEqual({ kind: 'unread' });
  });
});
