// --corrections on the commands, as users run them: ingest (SQLite and PostgreSQL; idempotent, and
// the corrections survive re-extraction), export, batch, review, compare (also `compare --db` and the
// two-file form), and `schema --corrections`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/db/index.js';
import { CompareFileSchema } from '../src/compare/index.js';
import { extractReport, type Report } from '../src/index.js';
import { nianbao, parseCsv, readJsonl, SAMPLES, tmpDir } from './batch-fixtures.js';
import { BACKENDS, pgUnavailable, testDb, type TestDb } from './pg-fixtures.js';

const pgSkip = await pgUnavailable();
const TOWN = path.join(SAMPLES, 'town-2021-inconsistent.pdf');
const CITY = path.join(SAMPLES, 'city-2021-ruled.pdf');
const town: Report = await extractReport(TOWN, { path: 'town.pdf' });
const SHA = town.source.sha256;
const FIXES = [
  {
    sha256: SHA,
    path: 'applications.results.granted.naturalPerson',
    value: 3,
    note: '六类之和为总计 3',
    author: '李四',
    time: '2026-11-27T02:02:00Z',
  },
  {
    sha256: SHA,
    path: 'reviewLitigation.review.total',
    value: 1,
    note: '维持+纠正+其他+尚未审结 = 1',
    author: '李四',
    time: '2026-11-27T02:01:00Z',
  },
];
const jsonl = (lines: object[]) => lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
const GRANTED = 'applications.results.granted.naturalPerson';

/** A directory with the town sample as town.pdf and the corrections file fixes.jsonl. */
function setup(): { dir: string; fixes: string } {
  const dir = tmpDir('nianbao-corr-');
  mkdirSync(path.join(dir, 'in'));
  copyFileSync(TOWN, path.join(dir, 'in', 'town.pdf'));
  writeFileSync(path.join(dir, 'fixes.jsonl'), jsonl(FIXES));
  return { dir, fixes: path.join(dir, 'fixes.jsonl') };
}

describe.each(BACKENDS)('ingest --corrections (%s)', (backend) => {
  const skip = backend === 'postgres' && !!pgSkip;
  let t: TestDb;
  let dir: string;
  let fixes: string;
  beforeAll(async () => {
    if (skip) return;
    ({ dir, fixes } = setup());
    t = await testDb(backend, dir, 'ingest');
  });
  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);
  const dump = async () => ({
    reports: await t.rows('SELECT * FROM reports ORDER BY sha256, extractor_version'),
    values: await t.rows('SELECT * FROM report_values ORDER BY sha256, extractor_version, path'),
    checks: await t.rows('SELECT * FROM checks ORDER BY sha256, extractor_version, seq'),
    corrections: await t.rows('SELECT * FROM corrections ORDER BY sha256, path'),
  });
  const cell = () =>
    t.rows<Record<string, unknown>>(
      `SELECT value, printed, check_status, corrected, printed_value FROM report_values WHERE path = '${GRANTED}'`,
    );

  it.skipIf(skip)(
    'corrects a report stored before, keeps doing so on re-extraction, and a second identical run changes nothing',
    async () => {
      const first = await nianbao(['ingest', '--db', t.target, path.join(dir, 'in'), '-j', '1']);
      expect(first.code).toBe(0);
      expect(await t.rows('SELECT checks_failed FROM reports')).toEqual([{ checks_failed: 3 }]);

      const second = await nianbao([
        'ingest',
        '--db',
        t.target,
        path.join(dir, 'in'),
        '-j',
        '1',
        '--corrections',
        fixes,
      ]);
      expect(second.code).toBe(0);
      expect(second.stderr).toContain('1 file: 0 ingested (0 flagged by checks), 0 failed, 1 skipped');
      expect(second.stderr).toContain('corrections: 2 new, 0 changed, 0 already stored; 1 stored report updated');
      expect(await t.rows('SELECT checks_failed FROM reports')).toEqual([{ checks_failed: 0 }]);
      expect(await cell()).toEqual([
        { value: 3, printed: '4', check_status: 'passed', corrected: 1, printed_value: 4 },
      ]);
      const before = await dump();

      const third = await nianbao([
        'ingest',
        '--db',
        t.target,
        path.join(dir, 'in'),
        '-j',
        '1',
        '--corrections',
        fixes,
      ]);
      expect(third.code).toBe(0);
      expect(third.stderr).toContain('corrections: 0 new, 0 changed, 2 already stored; 0 stored reports updated');
      expect(await dump()).toEqual(before);

      // Re-extraction (--force) without the file: the stored corrections are applied as it is written.
      const forced = await nianbao(['ingest', '--db', t.target, path.join(dir, 'in'), '-j', '1', '--force']);
      expect(forced.code).toBe(0);
      expect(forced.stderr).toContain('1 file: 1 ingested (0 flagged by checks), 0 failed, 0 skipped');
      expect(await cell()).toEqual([
        { value: 3, printed: '4', check_status: 'passed', corrected: 1, printed_value: 4 },
      ]);
      const after = await dump();
      expect(after.values).toEqual(before.values);
      expect(after.checks).toEqual(before.checks);
      expect(after.reports.map((r) => r.record)).toEqual(before.reports.map((r) => r.record));

      // Export: the corrected value with corrected=true; the record lists the correction.
      const csv = await nianbao(['export', '--db', t.target, '--format', 'csv']);
      const rows = parseCsv(csv.stdout.slice(1));
      const header = rows[0];
      const row = Object.fromEntries(header.map((h, i) => [h, rows.find((x) => x[8] === GRANTED)![i]]));
      expect([row.value, row.printed, row.check, row.corrected]).toEqual(['3', '4', 'passed', 'true']);
      expect(
        rows
          .slice(1)
          .filter((x) => x[header.indexOf('corrected')] === 'true')
          .map((x) => x[8]),
      ).toEqual([GRANTED, 'reviewLitigation.review.total']);
      const [record] = (await nianbao(['export', '--db', t.target, '--format', 'jsonl'])).stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Report);
      expect(record.corrections).toEqual([
        { path: GRANTED, printed: 4, value: 3, note: '六类之和为总计 3', author: '李四', time: '2026-11-27T02:02:00Z' },
        {
          path: 'reviewLitigation.review.total',
          printed: 2,
          value: 1,
          note: '维持+纠正+其他+尚未审结 = 1',
          author: '李四',
          time: '2026-11-27T02:01:00Z',
        },
      ]);
    },
  );

  it.skipIf(skip)(
    'corrections ls lists them; corrections rm takes them back and the report is checked again',
    async () => {
      const ls = await nianbao(['corrections', 'ls', '--db', t.target]);
      expect([ls.code, ls.stdout]).toEqual([0, jsonl([FIXES[0], FIXES[1]])]);
      expect((await nianbao(['corrections', 'ls', '--db', t.target, '0'.repeat(64)])).stdout).toBe('');
      const rm = await nianbao(['corrections', 'rm', '--db', t.target, SHA, GRANTED]);
      expect([rm.code, rm.stdout]).toEqual([0, jsonl([FIXES[0]])]);
      expect(rm.stderr).toMatch(/: 1 correction removed; 1 stored report reverted\n$/);
      expect(await cell()).toEqual([
        { value: 4, printed: '4', check_status: 'failed', corrected: 0, printed_value: 4 },
      ]);
      expect(await t.rows('SELECT checks_failed, corrected_cells FROM reports')).toEqual([
        { checks_failed: 2, corrected_cells: 1 },
      ]);
      // Nothing left of that cell: exit 3, one line.
      const again = await nianbao(['corrections', 'rm', '--db', t.target, SHA, GRANTED]);
      expect([again.code, again.stdout]).toEqual([3, '']);
      expect(again.stderr).toMatch(/^nianbao: .*: no stored correction of those cells\n$/);
      // The whole file: the other one goes; the stored record is the extraction's again.
      const file = await nianbao(['corrections', 'rm', '--db', t.target, '--file', fixes]);
      expect([file.code, file.stdout]).toEqual([0, jsonl([FIXES[1]])]);
      const [record] = (await nianbao(['export', '--db', t.target, '--format', 'jsonl'])).stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Report);
      expect(record).toEqual({ ...town, source: { ...town.source, path: record.source.path } });
      expect(await t.rows('SELECT checks_failed, corrected_cells FROM reports')).toEqual([
        { checks_failed: 3, corrected_cells: 0 },
      ]);
    },
  );

  it.skipIf(skip)('corrections rm refuses what is not a content hash or a cell, naming it', async () => {
    const bad = await nianbao(['corrections', 'rm', '--db', t.target, 'abc']);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      "nianbao: 「abc」 is not a SHA-256 (64 lowercase hex characters, as in the record's source.sha256)\n",
    ]);
    const path2 = await nianbao(['corrections', 'rm', '--db', t.target, SHA, 'applications.nope']);
    expect([path2.code, path2.stderr]).toEqual([
      2,
      'nianbao: unknown path 「applications.nope」: not a numeric cell of table 二/三/四 (e.g. applications.results.granted.naturalPerson)\n',
    ]);
    expect((await nianbao(['corrections', 'mv', '--db', t.target])).code).toBe(2);
  });
});

describe('--corrections on export, batch, review, compare', () => {
  let dir: string;
  let fixes: string;
  let db: string;
  beforeAll(async () => {
    ({ dir, fixes } = setup());
    db = path.join(dir, 'plain.sqlite');
    await ingest({ db, inputs: [path.join(dir, 'in')], jobs: 1 });
  });

  it('a bad line stops the command with one line naming the file and line, before anything is stored', async () => {
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, jsonl([FIXES[0], { ...FIXES[1], path: 'reviewLitigation.review.totl' }]));
    const r = await nianbao([
      'ingest',
      '--db',
      path.join(dir, 'never.sqlite'),
      path.join(dir, 'in'),
      '--corrections',
      bad,
    ]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `nianbao: ${bad}:2: unknown path 「reviewLitigation.review.totl」: not a numeric cell of table 二/三/四 in either template (e.g. applications.results.granted.naturalPerson)\n`,
    ]);
    expect(
      (await nianbao(['export', '--db', db, '--format', 'csv', '--corrections', path.join(dir, 'missing.jsonl')]))
        .stderr,
    ).toBe(`nianbao: ${path.join(dir, 'missing.jsonl')}: no such corrections file\n`);
  });

  it('export applies them on top of the database, which stays as it was', async () => {
    const r = await nianbao(['export', '--db', db, '--format', 'csv', '--corrections', fixes]);
    expect(r.code).toBe(0);
    const rows = parseCsv(r.stdout.slice(1));
    expect(rows.find((x) => x[8] === GRANTED)!.slice(9)).toEqual(['3', '4', 'passed', '3', 'true']);
    const plain = parseCsv((await nianbao(['export', '--db', db, '--format', 'csv'])).stdout.slice(1));
    expect(plain.find((x) => x[8] === GRANTED)!.slice(9)).toEqual(['4', '4', 'failed', '3', 'false']);
    const out = path.join(dir, 'export');
    const files = await nianbao(['export', '--db', db, '--format', 'jsonl', '--out', out, '--corrections', fixes]);
    expect(files.code).toBe(0);
    // Flagged as exported: the corrections clear the town's failed checks.
    expect(files.stderr).toMatch(/^1 records \(0 flagged\), 0 failures/);
    expect(
      (await nianbao(['export', '--db', db, '--format', 'jsonl', '--out', path.join(dir, 'plain')])).stderr,
    ).toMatch(/^1 records \(1 flagged\)/);
    const [rec] = readJsonl(path.join(out, 'records.jsonl')) as Report[];
    expect(rec.checks.filter((c) => !c.passed)).toEqual([]);
  });

  it('batch writes corrected records (the result store keeps the extraction)', async () => {
    const out = path.join(dir, 'batch');
    const r = await nianbao(['batch', path.join(dir, 'in'), '--out', out, '-j', '1', '--corrections', fixes]);
    expect(r.code).toBe(0);
    // Counted as written out: corrected, the town report passes its checks.
    expect(r.stderr).toContain('1 file: 1 ok, 0 flagged by checks, 0 failed, 0 skipped');
    const [rec] = readJsonl(path.join(out, 'records.jsonl')) as Report[];
    expect([
      rec.applications!.results!.granted!.naturalPerson,
      rec.corrections!.length,
      rec.checks.filter((c) => !c.passed).length,
    ]).toEqual([3, 2, 0]);
    const again = await nianbao(['batch', path.join(dir, 'in'), '--out', out, '-j', '1', '-q']);
    expect(again.code).toBe(0);
    const [plain] = readJsonl(path.join(out, 'records.jsonl')) as Report[];
    expect([plain.applications!.results!.granted!.naturalPerson, plain.corrections]).toEqual([4, undefined]);
  });

  it('review shows the corrected cells and says what it applied', async () => {
    const html = path.join(dir, 'review.html');
    const r = await nianbao(['review', '--db', db, '--out', html, '--no-crops', '--corrections', fixes]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`nianbao: ${fixes}: 2 corrections; 1 report corrected\n`);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<span class="badge corrected">2 corrected</span>');
    expect(page).toMatch(
      /<td class="v corrected" data-path="applications\.results\.granted\.naturalPerson" title="[^"]*corrected 已更正: 4 → 3 by 李四 2026-11-27T02:02:00Z · 六类之和为总计 3">3<\/td>/,
    );
    expect(page).not.toContain('class="badge failed"');
  });

  it("compare --db pairs each agency's consecutive years from a SQLite database", async () => {
    const cmp = tmpDir('nianbao-cmpdb-');
    const names = [
      'qingshan-market-2019',
      'qingshan-market-2020',
      'qingshan-market-2021',
      'qingshan-market-2022',
      'qingshan-market-2023',
      'transport-2022',
      'transport-2023',
      'education-2019',
      'education-2021',
    ];
    for (const n of names) copyFileSync(path.join(SAMPLES, 'compare', `${n}.txt`), path.join(cmp, `${n}.txt`));
    const file = path.join(cmp, 'reports.sqlite');
    const s = await ingest({ db: file, inputs: [cmp], jobs: 2 });
    expect([s.ingested, s.failed]).toEqual([9, 0]);
    const r = await nianbao(['compare', '--db', file, '--out', path.join(cmp, 'out')]);
    expect([r.code, r.stderr]).toEqual([
      0,
      `5 pairs → ${path.join(cmp, 'out')}/compare.json, ${path.join(cmp, 'out')}/compare.html\n`,
    ]);
    const out = CompareFileSchema.parse(JSON.parse(readFileSync(path.join(cmp, 'out', 'compare.json'), 'utf8')));
    // education 2019 and 2021 are not consecutive: no pair.
    expect(
      out.pairs.map((p) => [p.agencyKey, p.previous.agency, p.previous.year, p.current.agency, p.current.year]),
    ).toEqual([
      ['临江市交通运输局', '临江市交通运输局', 2022, '临江市交通运输局', 2023],
      ['青山区市场监督管理局', '临江市青山区市场监督管理局', 2019, '青山区市场监督管理局', 2020],
      ['青山区市场监督管理局', '青山区市场监督管理局', 2020, '临江市青山区市场监督管理局', 2021],
      ['青山区市场监督管理局', '临江市青山区市场监督管理局', 2021, '青山区市场监督管理局', 2022],
      ['青山区市场监督管理局', '青山区市场监督管理局', 2022, '临江市青山区市场监督管理局', 2023],
    ]);
    expect(out.pairs.every((p) => p.crossYear.length > 0 && p.cells.length > 0)).toBe(true);
    expect(readFileSync(path.join(cmp, 'out', 'compare.html'), 'utf8')).toContain(
      '<script type="application/json" id="data">',
    );
  });

  it('compare A.pdf B.pdf --out DIR extracts both, orders them by year, and applies corrections', async () => {
    const out = path.join(dir, 'cmp2');
    const r = await nianbao(['compare', CITY, TOWN, '--out', out, '--corrections', fixes]);
    expect([r.code, r.stderr]).toEqual([
      0,
      `nianbao: ${fixes}: 2 corrections; 1 report corrected\n1 pair → ${out}/compare.json, ${out}/compare.html\n`,
    ]);
    const file = CompareFileSchema.parse(JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8')));
    expect(file.pairs).toHaveLength(1);
    const [p] = file.pairs;
    expect([p.previous.path, p.previous.year, p.current.path, p.current.year]).toEqual([TOWN, 2022, CITY, 2023]);
    const city = await extractReport(CITY);
    const c = p.cells.find((x) => x.path === GRANTED)!;
    const now = city.applications!.results!.granted!.naturalPerson!;
    expect(c).toEqual({
      path: GRANTED, table: 'applications',
      previous: { value: 3, printed: '4', corrected: true }, current: { value: now, printed: String(now) },
      status: now === 3 ? 'same' : 'changed', change: now - 3, changePercent: Math.round(((now - 3) / 3) * 10000) / 100,
    }); // prettier-ignore
    const plain = await nianbao(['compare', TOWN, CITY, '--out', path.join(dir, 'cmp3')]);
    expect(plain.code).toBe(0);
    const q = CompareFileSchema.parse(
      JSON.parse(readFileSync(path.join(dir, 'cmp3', 'compare.json'), 'utf8')),
    ).pairs[0].cells.find((x) => x.path === GRANTED)!;
    expect(q.previous).toEqual({ value: 4, printed: '4' });
  });

  it('every command that takes --corrections lists it in its --help', async () => {
    for (const c of ['export', 'ingest', 'review', 'compare', 'batch']) {
      const r = await nianbao([c, '--help']);
      expect([c, r.code, r.stdout.includes('      --corrections FILE  ')]).toEqual([c, 0, true]);
    }
    expect((await nianbao(['schema', '--help'])).stdout).toContain(
      '--corrections  the schema of one line of a corrections file',
    );
  });

  it('schema --corrections prints the JSON Schema of a corrections line', async () => {
    const r = await nianbao(['schema', '--corrections']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect([s.type, s.required, Object.keys(s.properties)]).toEqual([
      'object',
      ['sha256', 'path', 'value'],
      ['sha256', 'path', 'value', 'note', 'author', 'time'],
    ]);
    expect((await nianbao(['schema', '--compare', '--corrections'])).code).toBe(2);
  });
});
