import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport, ReportSchema, type Report } from '../src/index.js';
import { BOM, csvField, csvLine, LONG_HEADER, toCsv, WIDE_TABLES } from '../src/output/csv.js';
import { recordCells } from '../src/output/cells.js';
import { parseCsv, SEED, seedVariant } from './batch-fixtures.js';

describe('CSV fields (RFC 4180)', () => {
  it('quotes only what needs it and doubles quotes', () => {
    expect(csvField('经开区公安分局')).toBe('经开区公安分局');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('说"三安全一稳定"')).toBe('"说""三安全一稳定"""');
    expect(csvField('两行\n文字')).toBe('"两行\n文字"');
    expect(csvField(' 前后空格 ')).toBe('" 前后空格 "');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(0)).toBe('0');
    expect(csvField(0.402)).toBe('0.402');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(1e21)).toBe('1000000000000000000000');
    expect(csvField(true)).toBe('true');
  });
  it('ends records with CRLF', () => {
    expect(csvLine(['a', 1, null, 'x"y'])).toBe('a,1,,"x""y"\r\n');
  });
});

describe('CSV of a real record (the seed report)', async () => {
  const r = await extractReport(readFileSync(SEED), { path: 'seed.txt' });
  const { long, wide } = toCsv([r]);
  const rows = parseCsv(long.slice(1));

  it('starts with a UTF-8 BOM and the header', () => {
    expect(long.startsWith(BOM)).toBe(true);
    expect(Buffer.from(long, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(rows[0]).toEqual([
      'file',
      'sha256',
      'agency',
      'year',
      'template',
      'table',
      'row',
      'column',
      'path',
      'value',
      'printed',
      'check',
      'page',
      'corrected',
    ]);
    expect(rows[0]).toEqual(LONG_HEADER);
  });

  it('has one row per number: 10 in table 二, 25 rows × 7 in 三, 3 × 5 in 四', () => {
    const body = rows.slice(1);
    expect(body).toHaveLength(200);
    expect(body.filter((x) => x[5] === 'activeDisclosure')).toHaveLength(10);
    expect(body.filter((x) => x[5] === 'applications')).toHaveLength(175);
    expect(body.filter((x) => x[5] === 'reviewLitigation')).toHaveLength(15);
    expect(body.every((x) => x.length === 14)).toBe(true);
    expect(body.every((x) => x[13] === 'false')).toBe(true);
  });

  it('carries Chinese text, numbers, check status and page exactly', () => {
    const at = (p: string) => rows.find((x) => x[8] === p)!;
    expect(at('applications.results.withheld.prohibitedByLaw.naturalPerson')).toEqual([
      'seed.txt',
      r.source.sha256,
      '经开区公安分局',
      '2021',
      '2021',
      'applications',
      'results.withheld.prohibitedByLaw',
      'naturalPerson',
      'applications.results.withheld.prohibitedByLaw.naturalPerson',
      '1',
      '1',
      'passed',
      '1',
      'false',
    ]);
    // 0.4020 as printed; 0.402 as a number; no check covers table 二.
    expect(at('activeDisclosure.administrativeFees.amountTenThousandYuan').slice(9)).toEqual([
      '0.402',
      '0.4020',
      '',
      '1',
      'false',
    ]);
    expect(at('applications.newReceived.total').slice(9)).toEqual(['2', '2', 'passed', '1', 'false']);
  });

  it("writes one wide row per report per table, in the schema's column order", () => {
    expect(Object.keys(wide)).toEqual([
      'activeDisclosure-2021',
      'activeDisclosure-2019',
      'applications',
      'reviewLitigation',
      'legacy',
    ]);
    const apps = parseCsv(wide.applications.slice(1));
    expect(apps).toHaveLength(2);
    expect(apps[0]).toHaveLength(6 + 26 * 7 + 1);
    expect(apps[0][apps[0].length - 1]).toBe('corrected');
    expect(apps[0].slice(0, 8)).toEqual([
      'file',
      'sha256',
      'agency',
      'year',
      'template',
      'checksFailed',
      'newReceived.naturalPerson',
      'newReceived.commercialEnterprise',
    ]);
    const row = Object.fromEntries(apps[0].map((h, i) => [h, apps[1][i]]));
    expect(row['newReceived.total']).toBe('2');
    expect(row['results.withheld.enforcementFiles.naturalPerson']).toBe('1');
    expect(row['results.otherHandling.total.total']).toBe(''); // this report prints the three sub-rows instead
    expect(row.checksFailed).toBe('0');
    const ad = parseCsv(wide['activeDisclosure-2021'].slice(1));
    expect(ad[0].slice(6)).toEqual([
      'regulations.issued',
      'regulations.repealed',
      'regulations.inForce',
      'normativeDocuments.issued',
      'normativeDocuments.repealed',
      'normativeDocuments.inForce',
      'administrativeLicensing.decisions',
      'administrativePunishment.decisions',
      'administrativeCoercion.decisions',
      'administrativeFees.amountTenThousandYuan',
      'corrected',
    ]);
    expect(ad[1].slice(6)).toEqual(['0', '0', '0', '0', '0', '0', '3053', '105', '0', '0.402', '']);
    // A 2021-template report has no row in the 2019 table.
    expect(parseCsv(wide['activeDisclosure-2019'].slice(1))).toHaveLength(1);
    expect(parseCsv(wide.reviewLitigation.slice(1))[0]).toHaveLength(6 + 15 + 1);
    expect(WIDE_TABLES.map((t) => t.name)).toEqual(Object.keys(wide));
  });

  it('round-trips awkward text: commas, quotes and line breaks in names', () => {
    const odd: Report = ReportSchema.parse({
      ...r,
      agency: '某局,"测试"\n办公室',
      source: { ...r.source, path: 'dir, with comma/a "b".txt' },
    });
    const back = parseCsv(toCsv([odd]).long.slice(1));
    expect(back[1][0]).toBe('dir, with comma/a "b".txt');
    expect(back[1][2]).toBe('某局,"测试"\n办公室');
    expect(back).toHaveLength(201);
  });
});

describe('cells of a flagged record', async () => {
  // carriedOver 1 with nothing carried forward: the balance check fails for naturalPerson and total.
  const r = await extractReport(
    new TextEncoder().encode(seedVariant({ year: 2022, carriedOver: [1, 0, 0, 0, 0, 0, 1] })),
    { path: 'x.txt' },
  );
  it('marks the cells a failed check covers', () => {
    const failed = r.checks.filter((c) => !c.passed).map((c) => c.id);
    expect(failed).toEqual(['balance:naturalPerson', 'balance:total']);
    const cells = recordCells(r);
    const status = (p: string) => cells.find((c) => c.path === p)!.check;
    expect(status('applications.carriedOver.naturalPerson')).toBe('failed');
    expect(status('applications.carriedForward.total')).toBe('failed');
    expect(status('applications.carriedOver.otherOrg')).toBe('passed');
    const wideRow = parseCsv(toCsv([r]).wide.applications.slice(1));
    expect(wideRow[1][5]).toBe('2');
  });
});
