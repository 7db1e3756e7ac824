// The series across years and templates, and aliases: real extractions of one agency's reports for
// 2019–2022, the last two printed under a new name (the text of the reports renamed, as after a 机构改革),
// and a 2018 report of the 2008 form. Names are never merged without an aliases file; possible
// aliases are suggested; with the file they pair (series, cross-year checks, compare).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/pipeline/extract.js';
import { applyAliases, parseAliases, suggestAliases } from '../src/output/aliases.js';
import { buildSeries, type SeriesRow } from '../src/output/series.js';
import { SERIES_HEADER } from '../src/output/series-csv.js';
import { crossYearChecks, toYearReport } from '../src/crossyear/checks.js';
import { SERIES_INDICATORS } from '../src/templates/index.js';
import { ReportSchema, type Report } from '../src/schema/record.js';
import { nianbao, parseCsv, SAMPLES, tmpDir } from './batch-fixtures.js';

const OLD = '青山区人民政府';
const NEW = '青山区人民政府办公室';
const dir = tmpDir('nianbao-series-');
mkdirSync(path.join(dir, 'in'));
const files = [2019, 2020, 2021, 2022].map((y) => {
  const text = readFileSync(path.join(SAMPLES, 'compare', `qingshan-gov-${y}.txt`), 'utf8');
  const file = path.join(dir, 'in', `qingshan-${y}.txt`);
  writeFileSync(file, y >= 2021 ? text.replaceAll(OLD, NEW) : text);
  return file;
});
const national: Report[] = [];
for (const f of files) national.push(await extractReport(f));
const town = await extractReport(path.join(SAMPLES, 'town-2021-inconsistent.pdf'));

/** A 2018 report of the 2008 form: its figures as its prose states them (schema-valid). */
const legacy: Report = ReportSchema.parse({
  ...national[0],
  source: { ...national[0].source, sha256: 'a'.repeat(64), path: 'qingshan-2018.txt' },
  title: `${OLD}2018年政府信息公开工作年度报告`,
  year: 2018,
  template: '2008',
  activeDisclosure: null,
  applications: null,
  reviewLitigation: null,
  checks: [],
  warnings: [],
  provenance: {},
  legacy: {
    applications: {
      received: 41,
      results: { granted: 20, partiallyGranted: 3, refused: 2, notThisAgency: 1, notExist: 4 },
    },
    review: { total: 1 },
    litigation: { total: 0 },
    fees: { collectedYuan: 0 },
  },
});

const cell = (r: Report, p: string) =>
  p.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], r) as number | null;
const values = (row: SeriesRow) =>
  Object.fromEntries(SERIES_INDICATORS.map((i) => [i.key, row.indicators[i.key].value]));

describe('series across templates', () => {
  const series = buildSeries([...national, legacy]);

  it('never merges two printed names without aliases: two keys', () => {
    expect(series.map((r) => [r.key, r.year, r.template])).toEqual([
      [OLD, 2018, '2008'],
      [OLD, 2019, '2019'],
      [OLD, 2020, '2019'],
      [NEW, 2021, '2021'],
      [NEW, 2022, '2021'],
    ]);
  });

  it('takes each indicator from its source cells, exactly', () => {
    expect(values(series[0])).toEqual({
      received: 41,
      granted: 20,
      partiallyGranted: 3,
      refused: 2,
      notHeld: 5,
      reviewTotal: 1,
      litigationTotal: 0,
      feesYuan: 0,
    });
    series.slice(1).forEach((row, k) => {
      const r = national[k];
      const withheld = Object.values(r.applications!.results.withheld).reduce(
        (s, x) => s + ((x as { total: number | null }).total ?? 0),
        0,
      );
      expect(values(row)).toEqual({
        received: cell(r, 'applications.newReceived.total'),
        granted: cell(r, 'applications.results.granted.total'),
        partiallyGranted: cell(r, 'applications.results.partiallyGranted.total'),
        refused: withheld,
        notHeld: cell(r, 'applications.results.unableToProvide.notHeld.total'),
        reviewTotal: cell(r, 'reviewLitigation.review.total'),
        litigationTotal:
          cell(r, 'reviewLitigation.litigationDirect.total')! +
          cell(r, 'reviewLitigation.litigationAfterReview.total')!,
        feesYuan: null,
      });
      expect(row.sha256).toBe(r.source.sha256);
      expect(row.indicators.received.source).toEqual(['applications.newReceived.total']);
    });
  });

  it('marks a break where a definition changes between templates, and nowhere else', () => {
    const breaks = (row: SeriesRow) => SERIES_INDICATORS.filter((i) => row.indicators[i.key].break).map((i) => i.key);
    expect(series.map(breaks)).toEqual([[], ['received', 'granted', 'refused', 'notHeld', 'feesYuan'], [], [], []]);
  });

  it('flags a value whose row a failed check covers, naming the check', () => {
    const [row] = buildSeries([town]);
    expect(row.indicators.granted.flags).toEqual([
      'check rowTotal:applications.results.granted',
      'check resultsTotal:naturalPerson',
    ]);
    expect(row.indicators.received.flags).toEqual([]);
    expect(row.indicators.reviewTotal.flags).toEqual(['check groupTotal:reviewLitigation.review']);
  });

  it('suggests the renamed agency as a possible alias, and with the aliases file pairs the years', () => {
    expect(suggestAliases(series.map((r) => r.key))).toEqual([{ name: NEW, key: OLD, differs: 'suffix 办公室' }]);
    const aliases = parseAliases(`name,key\r\n"${NEW}",${OLD}\r\n`, 'aliases.csv');
    const merged = buildSeries([...national, legacy], aliases);
    expect(merged.map((r) => [r.key, r.agency, r.year])).toEqual(
      [2018, 2019, 2020, 2021, 2022].map((y) => [OLD, y >= 2021 ? NEW : OLD, y]),
    );
    const pairs = (rs: Report[]) => [
      ...new Set(crossYearChecks(rs.map(toYearReport)).map((c) => `${c.previous.year}-${c.current.year}`)),
    ];
    expect(pairs(national)).toEqual(['2019-2020', '2021-2022']);
    expect(pairs(national.map((r) => applyAliases(r, aliases)))).toEqual(['2019-2020', '2020-2021', '2021-2022']);
  });

  it('refuses a bad aliases file with one line naming the line', () => {
    expect(() => parseAliases('printed,key\n', 'a.csv')).toThrow('a.csv:1: the first line must be the header name,key');
    expect(() => parseAliases(`name,key\n${NEW},\n`, 'a.csv')).toThrow(
      'a.csv:2: a line needs a name and a key (name,key)',
    );
    expect(() => parseAliases(`name,key\n${NEW},A\n${NEW},B\n`, 'a.csv')).toThrow(
      `a.csv:3: 「${NEW}」 already has the key 「A」`,
    );
  });
});

describe('export --series, --suggest-aliases, --aliases (CLI)', () => {
  it('writes the series as CSV and JSON, lists possible aliases, and merges with the file', async () => {
    const db = path.join(dir, 'r.sqlite');
    expect((await nianbao(['ingest', '--db', db, path.join(dir, 'in'), '-q', '-j', '1'])).code).toBe(0);
    const csv = await nianbao(['export', '--db', db, '--series']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv.stdout.slice(1));
    expect(rows[0]).toEqual(SERIES_HEADER);
    const expected = buildSeries(national);
    expect(rows.slice(1).map((r) => [r[0], r[2], r[7], r[8], r[10]])).toEqual(
      expected.map((s) => [
        s.key,
        String(s.year),
        String(s.indicators.received.value),
        'applications.newReceived.total',
        'false',
      ]),
    );
    const json = await nianbao(['export', '--db', db, '--series', '-f', 'json', '--out', path.join(dir, 's.json')]);
    expect([json.code, json.stderr]).toEqual([0, `4 series rows, 2 agencies → ${path.join(dir, 's.json')}\n`]);
    expect(JSON.parse(readFileSync(path.join(dir, 's.json'), 'utf8')).map((r: SeriesRow) => values(r))).toEqual(
      expected.map(values),
    );
    const suggest = await nianbao([
      'export',
      '--db',
      db,
      '--series',
      '--suggest-aliases',
      '--out',
      path.join(dir, 'aliases.csv'),
    ]);
    expect(suggest.stderr).toBe(`1 possible alias (nothing merged) → ${path.join(dir, 'aliases.csv')}\n`);
    expect(parseCsv(readFileSync(path.join(dir, 'aliases.csv'), 'utf8').slice(1))).toEqual([
      ['name', 'key', 'differs', 'years'],
      [NEW, OLD, 'suffix 办公室', '2021 2022'],
    ]);
    // The suggestions file, once confirmed, is an aliases file.
    const merged = await nianbao(['export', '--db', db, '--series', '--aliases', path.join(dir, 'aliases.csv')]);
    expect(
      parseCsv(merged.stdout.slice(1))
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([OLD, OLD, OLD, OLD]);
    const cmp = await nianbao([
      'compare',
      '--db',
      db,
      '--out',
      path.join(dir, 'cmp'),
      '--aliases',
      path.join(dir, 'aliases.csv'),
    ]);
    expect([cmp.code, cmp.stderr.split(' ')[0]]).toEqual([0, '3']);
  });
});
