// The tolerances are one validated object, passed down from buildRecord to every step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';
import { DEFAULT_SETTINGS, resolveSettings, settingsInfo, withSetting } from '../src/settings.js';
import { readPlainText } from '../extractors/plain-text.js';
import { layoutDocument } from '../src/layout/lines.js';
import { parseApplications } from '../src/tables/applications.js';

const sample = (name: string) => path.resolve(__dirname, '../samples', name);

describe('settings', () => {
  it('has a documented default, unit and bounds for every tolerance', () => {
    const info = settingsInfo();
    expect(info.length).toBe(33);
    for (const s of info) {
      expect(s.doc.length, s.name).toBeGreaterThan(40);
      expect(s.default, s.name).toBeGreaterThanOrEqual(s.min);
      expect(s.default, s.name).toBeLessThanOrEqual(s.max);
    }
    expect(DEFAULT_SETTINGS.tables.labelMinSimilarity).toBe(0.5);
    expect(DEFAULT_SETTINGS.layout.lineCentreTolerance).toBe(0.4);
  });

  it('validates: a value out of range or an unknown name is refused, naming it', () => {
    expect(() => resolveSettings({ tables: { labelMinSimilarity: 2 } })).toThrow(/labelMinSimilarity/);
    expect(() => resolveSettings({ sections: { headingMaxLength: 1.5 } })).toThrow(/headingMaxLength/);
    expect(() => withSetting(DEFAULT_SETTINGS, 'tables.nope', 1)).toThrow(/unknown setting tables\.nope/);
    expect(resolveSettings({ layout: { footerTop: 0.8 } }).layout).toEqual({ ...DEFAULT_SETTINGS.layout, footerTop: 0.8 });
  });

  it('reaches the table parser: under a stricter label match a misprinted row is only placed by order (and says so)', () => {
    const lines = layoutDocument(readPlainText('（三）不予公开\n1.属于国家机密  1 0 0 0 0 0 1')).lines;
    const loose = parseApplications(lines, new Map(), '2021');
    expect(loose.data?.results?.withheld?.stateSecret?.total).toBe(1);
    expect(loose.warnings.filter((w) => w.code !== 'missing-row')).toEqual([]);
    const strict = parseApplications(lines, new Map(), '2021', withSetting(DEFAULT_SETTINGS, 'tables.labelMinSimilarity', 0.9).tables);
    const inferred = strict.warnings.filter((w) => w.code === 'row-inferred');
    expect(inferred.map((w) => w.path)).toEqual(['applications.results.withheld.stateSecret']);
    expect(inferred[0].message).toContain('属于国家机密');
  });

  it('reaches every step from extractReport', async () => {
    const file = sample('city-2021-ruled.pdf');
    const bytes = new Uint8Array(readFileSync(file));
    const normal = await extractReport(bytes, { path: file, ocr: false });
    // Table 四 prints 15 numbers: asking for 16 leaves it unread, and a warning says so.
    const strict = await extractReport(bytes, { path: file, ocr: false, settings: { tables: { reviewMinValues: 15 + 1, reviewSparseMinValues: 15 + 1 } } });
    expect(normal.reviewLitigation?.review?.total).toBeTypeOf('number');
    // The values line is not taken: under its header the table reads as printed blank, and is flagged.
    expect(strict.reviewLitigation?.review?.total ?? null).toBeNull();
    expect(strict.warnings.some((w) => w.path === 'reviewLitigation')).toBe(true);
    expect(strict.applications).toEqual(normal.applications);
    // A heading can be no longer than 10 characters: the sections are not found.
    await expect(extractReport(bytes, { path: file, ocr: false, settings: { sections: { headingMaxLength: 10 } } })).rejects.toThrow(/not a 政府信息公开工作年度报告/);
  });
});
