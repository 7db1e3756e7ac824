// The tolerances are one validated object, passed down from buildRecord to every step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';
import { DEFAULT_SETTINGS, resolveSettings, settingsInfo, withSetting } from '../src/settings.js';
import { DEFAULT_EXTRACTOR_SETTINGS, extractorSettingsInfo } from '../extractors/settings.js';
import { assessTextLayer } from '../extractors/text-quality.js';
import { subpathRules } from '../extractors/rules.js';
import { readPlainText } from '../extractors/plain-text.js';
import { layoutDocument } from '../src/layout/lines.js';
import { parseApplications } from '../src/tables/applications.js';

const sample = (name: string) => path.resolve(__dirname, '../samples', name);

describe('settings', () => {
  it('has a documented default, unit and bounds for every tolerance', () => {
    const info = settingsInfo();
    expect(info.length).toBe(41 + 131);
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
    expect(resolveSettings({ layout: { footerTop: 0.8 } }).layout).toEqual({
      ...DEFAULT_SETTINGS.layout,
      footerTop: 0.8,
    });
  });

  it('reaches the table parser: under a stricter label match a misprinted row is only placed by order (and says so)', () => {
    const lines = layoutDocument(readPlainText('（三）不予公开\n1.属于国家机密  1 0 0 0 0 0 1')).lines;
    const loose = parseApplications(lines, new Map(), '2021');
    expect(loose.data?.results?.withheld?.stateSecret?.total).toBe(1);
    expect(loose.warnings.filter((w) => w.code !== 'missing-row')).toEqual([]);
    const strict = parseApplications(
      lines,
      new Map(),
      '2021',
      withSetting(DEFAULT_SETTINGS, 'tables.labelMinSimilarity', 0.9).tables,
    );
    const inferred = strict.warnings.filter((w) => w.code === 'row-inferred');
    expect(inferred.map((w) => w.path)).toEqual(['applications.results.withheld.stateSecret']);
    expect(inferred[0].message).toContain('属于国家机密');
  });

  it('reaches every step from extractReport', async () => {
    const file = sample('city-2021-ruled.pdf');
    const bytes = new Uint8Array(readFileSync(file));
    const normal = await extractReport(bytes, { path: file, ocr: false });
    // Table 四 prints 15 numbers: asking for 16 leaves it unread, and a warning says so.
    const strict = await extractReport(bytes, {
      path: file,
      ocr: false,
      settings: { tables: { reviewMinValues: 15 + 1, reviewSparseMinValues: 15 + 1 } },
    });
    expect(normal.reviewLitigation?.review?.total).toBeTypeOf('number');
    // The values line is not taken: under its header the table reads as printed blank, and is flagged.
    expect(strict.reviewLitigation?.review?.total ?? null).toBeNull();
    expect(strict.warnings.some((w) => w.path === 'reviewLitigation')).toBe(true);
    expect(strict.applications).toEqual(normal.applications);
    // A heading can be no longer than 10 characters: only 「一、总体情况」 is found. The title says
    // 年度报告 and the year, so the report is kept, every section not found warned by path.
    const short = await extractReport(bytes, {
      path: file,
      ocr: false,
      settings: { sections: { headingMaxLength: 10 } },
    });
    expect(short.sections.map((s) => s.key)).toEqual(['overview']);
    expect(short.warnings.filter((w) => w.code === 'missing-section').map((w) => w.path)).toEqual([
      'activeDisclosure',
      'applications',
      'reviewLitigation',
      'sections.problems',
      'sections.otherMatters',
    ]);
  });

  it('composes the extractors’ settings (OCR, text-layer judgement, PDF text) as groups of its own', () => {
    expect(
      extractorSettingsInfo()
        .map((s) => s.name.split('.')[0])
        .reduce((n, g) => ({ ...n, [g]: (n[g] ?? 0) + 1 }), {} as Record<string, number>),
    ).toEqual({ ocr: 105, textQuality: 11, pdfText: 11 });
    expect(DEFAULT_SETTINGS.ocr).toEqual(DEFAULT_EXTRACTOR_SETTINGS.ocr);
    expect(DEFAULT_SETTINGS.ocr.renderDpi).toBe(300);
    expect(DEFAULT_SETTINGS.textQuality.chineseFamiliarity).toBe(0.45);
    expect(DEFAULT_SETTINGS.pdfText.spaceMin).toBe(0.102);
    expect(() => resolveSettings({ ocr: { nativeMinDpi: 10 } })).toThrow(/nativeMinDpi/);
    expect(withSetting(DEFAULT_SETTINGS, 'ocr.slashLean', 0.2).ocr).toEqual({
      ...DEFAULT_SETTINGS.ocr,
      slashLean: 0.2,
    });
  });

  it('reaches the text-layer judgement and the rule finder', () => {
    const page = {
      page: 1,
      width: 600,
      height: 800,
      source: 'pdf-text' as const,
      rules: [],
      runs: [
        { text: '第三页', bbox: [0, 0, 30, 10] as [number, number, number, number], fontSize: 10, dir: 'ltr' as const },
      ],
    };
    expect(assessTextLayer(page).reason).toMatch(/^almost no text/);
    expect(assessTextLayer(page, { ...DEFAULT_SETTINGS.textQuality, minChars: 3 }).reason).toMatch(/^Chinese text/);
    // A filled bar 2.5 pt thick is a drawn line by default (≤ 3 pt), not when lines must be ≤ 2 pt.
    const bar: Array<[number, number]> = [
      [10, 10],
      [200, 10],
      [200, 12.5],
      [10, 12.5],
      [10, 10],
    ];
    expect(subpathRules(bar, false)).toEqual([{ x0: 10, y0: 11.25, x1: 200, y1: 11.25 }]);
    expect(subpathRules(bar, false, { ...DEFAULT_SETTINGS.pdfText, ruleMaxThickness: 2 })).toEqual([]);
  });

  it('reaches the PDF reader from extractReport: a stricter text-layer judgement hands PDFium’s pages to pdf.js', async () => {
    const file = sample('city-2021-ruled.pdf');
    const bytes = new Uint8Array(readFileSync(file));
    expect((await extractReport(bytes, { path: file, ocr: false })).source.engine).toBe('pdfium');
    const strict = await extractReport(bytes, {
      path: file,
      ocr: false,
      settings: { textQuality: { reportWords: 30, chineseFamiliarity: 1 } },
    });
    expect(strict.source.engine).toBe('pdfjs');
  });
});
