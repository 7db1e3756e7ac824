// The Store interface on both backends: the same writes give the same rows and the same reads.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/store.js';
import { extractReport, type Report } from '../src/index.js';
import { recordCells } from '../src/output/cells.js';
import { SEED, seedVariant, tmpDir } from './batch-fixtures.js';
import { BACKENDS, pgUnavailable, testDb, testSchema, type TestDb } from './pg-fixtures.js';
import { parseCorrections } from '../src/corrections/index.js';
import { openDb } from '../src/db/open.js';
import { DB_SCHEMA_VERSION } from '../src/db/schema.js';
import path from 'node:path';

const TOWN = path.resolve(__dirname, '../samples/town-2021-inconsistent.pdf');

const pgSkip = await pgUnavailable();
const variant = (v: Parameters<typeof seedVariant>[0], path: string) =>
  extractReport(new TextEncoder().encode(seedVariant(v)), { path });

describe.each(BACKENDS)('the %s store', (backend) => {
  const skip = backend === 'postgres' && !!pgSkip;
  let t: TestDb;
  let store: Store;
  beforeAll(async () => {
    if (skip) return;
    t = await testDb(backend, tmpDir(), 'store');
    store = await openStore(t.target);
  });
  afterAll(async () => {
    await store?.close();
    await t?.cleanup();
  }, 60_000);

  it.skipIf(skip)(
    'writes a report with its values, checks and warnings in one go; writing it again replaces it',
    async () => {
      const report = await extractReport(readFileSync(SEED), { path: 'seed.txt' });
      const key = { sha256: report.source.sha256, version: '0.1.0' };
      await store.writeReport(key, report);
      await store.writeReport(key, report);
      expect(await t.count('reports')).toBe(1);
      expect(await t.count('report_values')).toBe(recordCells(report).length);
      expect(await t.count('report_values')).toBe(200);
      expect(await t.count('checks')).toBe(report.checks.length);
      expect(await t.count('warnings')).toBe(report.warnings.length);
      const [row] = await t.rows(
        "SELECT table_name, row_path, column_name, value, printed, page, check_status FROM report_values WHERE path = 'applications.results.withheld.prohibitedByLaw.naturalPerson'",
      );
      expect(row).toEqual({
        table_name: 'applications',
        row_path: 'results.withheld.prohibitedByLaw',
        column_name: 'naturalPerson',
        value: 1,
        printed: '1',
        page: 1,
        check_status: 'passed',
      });
      expect(await t.rows('SELECT agency, year, template, checks_failed, text_source FROM reports')).toEqual([
        { agency: '经开区公安分局', year: 2021, template: '2021', checks_failed: 0, text_source: 'plain-text' },
      ]);
      const latest = [];
      for await (const r of store.latestRecords()) latest.push(r);
      expect(latest).toEqual([report]);
      expect(await store.hasReport(key)).toBe(true);
      expect(await store.hasReport({ ...key, version: '9' })).toBe(false);
    },
  );

  it.skipIf(skip)('counts failures, gives up after the limit, and a success clears them', async () => {
    const report = await variant({ year: 2021, salt: 1 }, 'f.txt');
    const key = { sha256: report.source.sha256, version: '0.1.0' };
    expect(await store.writeFailure(key, { path: 'f.txt', code: 'TIMEOUT', message: 'slow' })).toBe(1);
    expect(await store.writeFailure(key, { path: 'f.txt', code: 'WORKER_CRASHED', message: 'oom' })).toBe(2);
    const f = (await store.failures()).find((x) => x.sha256 === key.sha256)!;
    expect([f.code, f.attempts, f.path]).toEqual(['WORKER_CRASHED', 2, 'f.txt']);
    expect(new Date(f.last_failed_at).toISOString()).toBe(f.last_failed_at);
    expect(await store.claim(key, 'me', { ttlMs: 1000, maxAttempts: 2, force: false })).toEqual({
      state: 'gave-up',
      attempts: 2,
      code: 'WORKER_CRASHED',
      message: 'oom',
    });
    expect(await store.claim(key, 'me', { ttlMs: 1000, maxAttempts: 3, force: false })).toEqual({ state: 'claimed' });
    expect(await store.claim(key, 'otherhost:1:x', { ttlMs: 1000, maxAttempts: 3, force: false })).toEqual({
      state: 'busy',
      owner: 'me',
    });
    await store.writeReport(key, report);
    expect((await store.failures()).some((x) => x.sha256 === key.sha256)).toBe(false);
    expect(await t.count('claims')).toBe(0);
    expect(await store.claim(key, 'me', { ttlMs: 1000, maxAttempts: 3, force: false })).toEqual({ state: 'done' });
  });

  it.skipIf(skip)('recomputes cross-year checks for all agencies, or for the ones named', async () => {
    const a = await variant({ year: 2019, carriedForward: [4, 0, 0, 0, 0, 0, 4] }, '2019.txt');
    const b = await variant({ year: 2020, carriedOver: [4, 0, 0, 0, 0, 0, 3] }, '2020.txt');
    await store.writeReport({ sha256: a.source.sha256, version: 'v' }, a);
    await store.writeReport({ sha256: b.source.sha256, version: 'v' }, b);
    // With the 2021 reports of the tests above: 2019→2020, 2020→2021 (two contents of 2021).
    const all = await store.refreshCrossYear();
    expect(all).toHaveLength(27);
    expect(
      all.filter((c) => !c.passed).map((c) => [c.id, c.previous.path, c.current.path, c.expected, c.actual]),
    ).toEqual([['crossYear.carriedOver:total', '2019.txt', '2020.txt', 4, 3]]);
    expect(await t.count('crossyear_checks')).toBe(27);
    expect(await store.refreshCrossYear(['经开区公安分局'])).toHaveLength(27);
    // PostgreSQL recomputes only the agencies named (the others' rows stay); SQLite recomputes all.
    expect(await store.refreshCrossYear(['another agency'])).toHaveLength(backend === 'postgres' ? 0 : 27);
    expect(await t.count('crossyear_checks')).toBe(27);
    const byOrder = (x: (typeof all)[number], y: (typeof all)[number]) =>
      x.current.year - y.current.year || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
    const stored = await store.crossYearChecks();
    expect(stored.map((c) => [c.current.year, c.id, c.passed])).toEqual(
      [...all].sort(byOrder).map((c) => [c.current.year, c.id, c.passed]),
    );
    expect(stored.find((c) => !c.passed)).toEqual(all.find((c) => !c.passed));
  });

  it.skipIf(skip)(
    'stores corrections by sha256 and path, and applies them to every extraction of that content',
    async () => {
      const town = await extractReport(readFileSync(TOWN), { path: 'samples/town-2021-inconsistent.pdf' });
      const sha = town.source.sha256;
      const fix = (path: string, value: number, note: string) =>
        JSON.stringify({ sha256: sha, path, value, note, author: '李四', time: '2026-11-27T02:00:00Z' });
      const fixes = parseCorrections(
        [
          fix('applications.results.granted.naturalPerson', 3, '六类之和为 3'),
          fix('reviewLitigation.review.total', 1, '各项之和为 1'),
        ].join('\n'),
        'fixes.jsonl',
      );
      expect(await store.putCorrections(fixes)).toEqual({ added: 2, changed: 0, unchanged: 0 });
      const stored = await store.writeReport({ sha256: sha, version: 'v1' }, town);
      expect(stored.checks.filter((c) => !c.passed)).toEqual([]);
      const cell = `SELECT extractor_version, value, printed, check_status, corrected, printed_value FROM report_values WHERE sha256 = '${sha}' AND path = 'applications.results.granted.naturalPerson' ORDER BY extractor_version`;
      expect(await t.rows(cell)).toEqual([
        { extractor_version: 'v1', value: 3, printed: '4', check_status: 'passed', corrected: 1, printed_value: 4 },
      ]);
      expect(await t.rows(`SELECT checks_failed FROM reports WHERE sha256 = '${sha}'`)).toEqual([{ checks_failed: 0 }]);
      expect(await t.count(`checks WHERE sha256 = '${sha}' AND passed = 0`)).toBe(0);
      expect(await t.count(`report_values WHERE sha256 = '${sha}' AND corrected = 1`)).toBe(2);
      expect(await t.count(`report_values WHERE sha256 = '${sha}' AND printed_value <> value`)).toBe(2);
      expect(
        await t.rows(`SELECT path, value, note, author, time FROM corrections WHERE sha256 = '${sha}' ORDER BY path`),
      ).toEqual([
        {
          path: 'applications.results.granted.naturalPerson',
          value: 3,
          note: '六类之和为 3',
          author: '李四',
          time: '2026-11-27T02:00:00Z',
        },
        {
          path: 'reviewLitigation.review.total',
          value: 1,
          note: '各项之和为 1',
          author: '李四',
          time: '2026-11-27T02:00:00Z',
        },
      ]);
      const latest: Report[] = [];
      for await (const r of store.latestRecords()) if (r.source.sha256 === sha) latest.push(r);
      expect(latest).toEqual([stored]);
      expect(stored.corrections!.map((c) => [c.path, c.printed, c.value])).toEqual([
        ['applications.results.granted.naturalPerson', 4, 3],
        ['reviewLitigation.review.total', 2, 1],
      ]);
      // The same corrections again: nothing changes.
      expect(await store.putCorrections(fixes)).toEqual({ added: 0, changed: 0, unchanged: 2 });
      expect(await store.reapplyCorrections()).toBe(0);
      // Re-extraction by a later version gets them as it is written.
      await store.writeReport({ sha256: sha, version: 'v2' }, town);
      expect((await t.rows(cell)).map((r) => [r.extractor_version, r.value, r.corrected, r.printed_value])).toEqual([
        ['v1', 3, 1, 4],
        ['v2', 3, 1, 4],
      ]);
      // A changed correction reaches the stored reports of both versions; the printed value stays 4.
      expect(
        await store.putCorrections(
          parseCorrections(fix('applications.results.granted.naturalPerson', 2, 'again'), 'more.jsonl'),
        ),
      ).toEqual({ added: 0, changed: 1, unchanged: 0 });
      expect(await store.reapplyCorrections()).toBe(2);
      expect(
        (await t.rows(cell)).map((r) => [r.extractor_version, r.value, r.check_status, r.corrected, r.printed_value]),
      ).toEqual([
        ['v1', 2, 'failed', 1, 4],
        ['v2', 2, 'failed', 1, 4],
      ]);
      expect(await store.reapplyCorrections()).toBe(0);
      expect((await store.corrections()).map((c) => [c.path, c.value])).toEqual([
        ['applications.results.granted.naturalPerson', 2],
        ['reviewLitigation.review.total', 1],
      ]);
    },
  );

  it.skipIf(skip)(
    'removes corrections and reverts every stored extraction of the content, checks computed again',
    async () => {
      // Continues the test above: the town sample stored as v1 and v2 with two corrections (2 and 1).
      const town = await extractReport(readFileSync(TOWN), { path: 'samples/town-2021-inconsistent.pdf' });
      const sha = town.source.sha256;
      const cell = (p: string) =>
        `SELECT extractor_version, value, check_status, corrected, printed_value FROM report_values WHERE sha256 = '${sha}' AND path = '${p}' ORDER BY extractor_version`;
      const summary = async () => (await store.reportSummaries()).find((r) => r.sha256 === sha)!;
      expect([(await summary()).correctedCells, (await summary()).flagged, (await summary()).checksFailed]).toEqual([
        2,
        true,
        2,
      ]);
      const one = await store.removeCorrections([
        { sha256: sha, path: 'applications.results.granted.naturalPerson' },
        { sha256: sha, path: 'applications.newReceived.total' },
      ]);
      expect([one.removed.map((c) => [c.path, c.value, c.note, c.author]), one.reports]).toEqual([
        [['applications.results.granted.naturalPerson', 2, 'again', '李四']],
        2,
      ]);
      expect(
        (await t.rows(cell('applications.results.granted.naturalPerson'))).map((r) => [
          r.extractor_version,
          r.value,
          r.check_status,
          r.corrected,
          r.printed_value,
        ]),
      ).toEqual([
        ['v1', 4, 'failed', 0, 4],
        ['v2', 4, 'failed', 0, 4],
      ]);
      const half = (await store.latestRecord(sha))!;
      expect(half.corrections!.map((c) => [c.path, c.printed, c.value])).toEqual([
        ['reviewLitigation.review.total', 2, 1],
      ]);
      expect(half.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual([
        'rowTotal:applications.results.granted',
        'resultsTotal:naturalPerson',
      ]);
      expect([(await summary()).correctedCells, (await summary()).checksFailed]).toEqual([1, 2]);
      // Every cell of the content: the record is the extraction again, byte for byte.
      const all = await store.removeCorrections([{ sha256: sha }]);
      expect([all.removed.map((c) => c.path), all.reports]).toEqual([['reviewLitigation.review.total'], 2]);
      expect(await store.latestRecord(sha)).toEqual(town);
      expect(await t.count(`report_values WHERE sha256 = '${sha}' AND corrected = 1`)).toBe(0);
      expect(
        await t.rows(
          `SELECT extractor_version, checks_failed, flagged, corrected_cells FROM reports WHERE sha256 = '${sha}' ORDER BY extractor_version`,
        ),
      ).toEqual([
        { extractor_version: 'v1', checks_failed: 3, flagged: 1, corrected_cells: 0 },
        { extractor_version: 'v2', checks_failed: 3, flagged: 1, corrected_cells: 0 },
      ]);
      expect(await store.corrections()).toEqual([]);
      expect(await store.removeCorrections([{ sha256: sha }])).toEqual({ removed: [], reports: 0 });
      expect(await store.latestRecord('0'.repeat(64))).toBeNull();
    },
  );

  it.skipIf(skip)('lists every content once, its latest extraction, with the columns the list filters by', async () => {
    const rows = await store.reportSummaries();
    expect(rows.map((r) => [r.agency, r.year, r.path, r.format, r.flagged, r.extractorVersion])).toEqual([
      ['柳塘镇人民政府', 2022, 'samples/town-2021-inconsistent.pdf', 'pdf', true, 'v2'],
      // Their carried-over/forward numbers break the balance of table 三.
      ['经开区公安分局', 2019, '2019.txt', 'text', true, 'v'],
      ['经开区公安分局', 2020, '2020.txt', 'text', true, 'v'],
      ['经开区公安分局', 2021, 'f.txt', 'text', false, '0.1.0'],
      ['经开区公安分局', 2021, 'seed.txt', 'text', false, '0.1.0'],
    ]);
    expect(new Date(rows[0].ingestedAt).toISOString()).toBe(rows[0].ingestedAt);
  });
});

describe('SQLite schema upgrade', () => {
  it('adds the corrections table and report_values.corrected/printed_value to a database of schema 1', async () => {
    const file = path.join(tmpDir(), 'old.sqlite');
    const report = await extractReport(readFileSync(SEED), { path: 'seed.txt' });
    const { writeReport } = await import('../src/db/write.js');
    const db = openDb(file);
    writeReport(db, { sha256: report.source.sha256, version: 'v' }, report);
    // Make it what schema 1 was: no corrections table, report_values without the two columns.
    db.exec(
      'DROP TABLE corrections; ALTER TABLE report_values DROP COLUMN corrected; ALTER TABLE report_values DROP COLUMN printed_value; ' +
        'DROP INDEX reports_list; ALTER TABLE reports DROP COLUMN format; ALTER TABLE reports DROP COLUMN flagged; ALTER TABLE reports DROP COLUMN corrected_cells; PRAGMA user_version = 1',
    );
    db.close();
    const up = openDb(file);
    expect(up.pragma('user_version', { simple: true })).toBe(DB_SCHEMA_VERSION);
    const same = 'corrected = 0 AND (printed_value = value OR (printed_value IS NULL AND value IS NULL))';
    expect(up.prepare(`SELECT count(*) AS n FROM report_values WHERE ${same}`).get()).toEqual({ n: 200 });
    expect(up.prepare('SELECT count(*) AS n FROM report_values').get()).toEqual({ n: 200 });
    // Schema 3's list columns, filled from the stored records.
    expect(up.prepare('SELECT format, flagged, corrected_cells FROM reports').get()).toEqual({
      format: 'text',
      flagged: 0,
      corrected_cells: 0,
    });
    writeReport(up, { sha256: report.source.sha256, version: 'v' }, report);
    expect(up.prepare('SELECT count(*) AS n FROM corrections').get()).toEqual({ n: 0 });
    up.close();
  });
});

describe.skipIf(!!pgSkip)('PostgreSQL migrations', () => {
  it('run once, in order, even when several processes open a fresh database together', async () => {
    const s = testSchema('migrate');
    try {
      const stores = await Promise.all([1, 2, 3].map(() => openStore(s.url)));
      await Promise.all(stores.map((x) => x.close()));
      expect(await s.query('SELECT version, name FROM schema_migrations ORDER BY version')).toEqual([
        { version: 1, name: 'store tables' },
        { version: 2, name: 'queue bookkeeping' },
        { version: 3, name: 'corrections' },
        { version: 4, name: 'report list columns' },
      ]);
      await s.query('INSERT INTO schema_migrations (version, name) VALUES (99, $1)', ['from the future']);
      await expect(openStore(s.url)).rejects.toThrow('the database has schema 99, newer than this nianbao (4)');
    } finally {
      await s.drop();
    }
  });

  it('a reader of a database without nianbao tables says so', async () => {
    const s = testSchema('empty');
    try {
      await expect(openStore(s.url, { readonly: true })).rejects.toThrow(`no nianbao tables in schema ${s.schema}`);
    } finally {
      await s.drop();
    }
  });
});

describe('PostgreSQL URLs', () => {
  it('refuse a ?schema= name PostgreSQL would fold to lowercase, naming the rule', async () => {
    const { parsePgUrl } = await import('../src/db/postgres/connect.js');
    expect(() => parsePgUrl('postgres://u@h:5432/db?schema=MixedCase')).toThrow(
      '?schema= takes a plain lowercase name (a–z, digits, _; PostgreSQL folds unquoted names to lowercase), not 「MixedCase」',
    );
    expect(parsePgUrl('postgres://u:pw@h:5432/db?schema=mixed_case')).toMatchObject({
      schema: 'mixed_case',
      queueSchema: 'mixed_case_queue',
      display: 'postgres://u:***@h:5432/db',
    });
  });
});
