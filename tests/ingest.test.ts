// Ingest and export, on SQLite and on PostgreSQL: idempotent writes, claims, retries, overlapping runs, export files.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sqliteDriver, type Db } from '../src/db/sqlite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claim,
  latestRecords,
  newOwner,
  openDb,
  refreshCrossYear,
  writeFailure,
  writeReport,
  ingest,
} from '../src/db/index.js';
import { EXTRACTOR_VERSION, extractReport, ReportSchema } from '../src/index.js';
import { recordCells } from '../src/output/cells.js';
import { BACKENDS, pgUnavailable, testDb, type TestDb } from './pg-fixtures.js';
import { nianbao, parseCsv, sampleDir, SEED, seedVariant, tmpDir, writeSeedVariant } from './batch-fixtures.js';

const count = (db: Db, sql: string, ...p: unknown[]) =>
  db.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`).get(...p)!.n;

describe('database writes', async () => {
  const report = await extractReport(readFileSync(SEED), { path: 'seed.txt' });
  const key = { sha256: report.source.sha256, version: '0.1.0' };

  it('creates the schema with WAL and writes a report with its values, checks and warnings', () => {
    const file = path.join(tmpDir(), 'n.sqlite');
    const db = openDb(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(30000);
    writeReport(db, key, report);
    writeReport(db, key, report); // again: an upsert, not a second copy
    expect(count(db, 'reports')).toBe(1);
    expect(count(db, 'report_values')).toBe(200);
    expect(count(db, 'checks')).toBe(report.checks.length);
    expect(count(db, 'warnings')).toBe(report.warnings.length);
    const row = db
      .prepare<Record<string, unknown>>(
        "SELECT * FROM report_values WHERE path = 'applications.results.withheld.prohibitedByLaw.naturalPerson'",
      )
      .get()!;
    expect(row).toMatchObject({
      table_name: 'applications',
      row_path: 'results.withheld.prohibitedByLaw',
      column_name: 'naturalPerson',
      value: 1,
      printed: '1',
      page: 1,
      check_status: 'passed',
    });
    const r = db
      .prepare<Record<string, unknown>>('SELECT agency, year, template, checks_failed, text_source FROM reports')
      .get();
    expect(r).toEqual({
      agency: '经开区公安分局',
      year: 2021,
      template: '2021',
      checks_failed: 0,
      text_source: 'plain-text',
    });
    expect([...latestRecords(db)]).toEqual([report]);
    db.close();
  });

  it('counts failures, and a later success clears them', () => {
    const db = openDb(path.join(tmpDir(), 'n.sqlite'));
    expect(writeFailure(db, key, { path: 'seed.txt', code: 'TIMEOUT', message: 'slow' })).toBe(1);
    expect(writeFailure(db, key, { path: 'seed.txt', code: 'WORKER_CRASHED', message: 'oom' })).toBe(2);
    expect(db.prepare('SELECT code, attempts FROM failures').get()).toEqual({ code: 'WORKER_CRASHED', attempts: 2 });
    expect(claim(db, key, 'me', { ttlMs: 1000, maxAttempts: 2, force: false })).toEqual({
      state: 'gave-up',
      attempts: 2,
      code: 'WORKER_CRASHED',
      message: 'oom',
    });
    expect(claim(db, key, 'me', { ttlMs: 1000, maxAttempts: 3, force: false })).toEqual({ state: 'claimed' });
    writeReport(db, key, report);
    expect(count(db, 'failures')).toBe(0);
    expect(count(db, 'claims')).toBe(0);
    expect(claim(db, key, 'me', { ttlMs: 1000, maxAttempts: 3, force: false })).toEqual({ state: 'done' });
    db.close();
  });

  it('claims keep two runs off one file, until they expire or their process is gone', async () => {
    const db = openDb(path.join(tmpDir(), 'n.sqlite'));
    const opts = { ttlMs: 60_000, maxAttempts: 3, force: false, now: 1_000_000 };
    const a = newOwner();
    expect(claim(db, key, a, opts)).toEqual({ state: 'claimed' });
    expect(claim(db, key, 'otherhost:1:x', opts)).toEqual({ state: 'busy', owner: a });
    expect(claim(db, key, 'otherhost:1:x', { ...opts, now: 1_060_001 })).toEqual({ state: 'claimed' }); // expired
    // A claim by a dead process on this host is stale at once.
    const dead = await new Promise<number>((resolve) => {
      const c = spawn(process.execPath, ['-e', '0']);
      c.on('exit', () => resolve(c.pid!));
    });
    const host = a.split(':')[0];
    db.prepare('UPDATE claims SET owner = ?').run(`${host}:${dead}:dead`);
    expect(claim(db, key, a, opts)).toEqual({ state: 'claimed' });
    db.close();
  });

  it('keeps every extractor version; the latest ingested counts', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'n.sqlite');
    writeFileSync(path.join(dir, 'seed.txt'), readFileSync(SEED));
    const first = await ingest({ db: file, inputs: [path.join(dir, 'seed.txt')], jobs: 1, version: '0.0.9' });
    const second = await ingest({ db: file, inputs: [path.join(dir, 'seed.txt')], jobs: 1 });
    const third = await ingest({ db: file, inputs: [path.join(dir, 'seed.txt')], jobs: 1 });
    expect([first.ingested, second.ingested, third.ingested, third.skipped]).toEqual([1, 1, 0, 1]);
    const db = openDb(file, { readonly: true });
    expect(db.prepare('SELECT extractor_version FROM reports ORDER BY ingested_at').all()).toEqual([
      { extractor_version: '0.0.9' },
      { extractor_version: EXTRACTOR_VERSION },
    ]);
    expect([...latestRecords(db)]).toHaveLength(1);
    db.close();
  });

  it('cross-year checks come from the database as a whole', async () => {
    const db = openDb(path.join(tmpDir(), 'n.sqlite'));
    const a = await extractReport(
      new TextEncoder().encode(seedVariant({ year: 2020, carriedForward: [4, 0, 0, 0, 0, 0, 4] })),
      { path: '2020.txt' },
    );
    const b = await extractReport(
      new TextEncoder().encode(seedVariant({ year: 2021, carriedOver: [4, 0, 0, 0, 0, 0, 3] })),
      { path: '2021.txt' },
    );
    writeReport(db, { sha256: a.source.sha256, version: 'v' }, a);
    writeReport(db, { sha256: b.source.sha256, version: 'v' }, b);
    const checks = refreshCrossYear(db);
    expect(checks.filter((c) => !c.passed).map((c) => [c.id, c.expected, c.actual])).toEqual([
      ['crossYear.carriedOver:total', 4, 3],
    ]);
    expect(
      db
        .prepare(
          'SELECT previous_year, current_year, previous_path, current_path, paths FROM crossyear_checks WHERE passed = 0',
        )
        .all(),
    ).toEqual([
      {
        previous_year: 2020,
        current_year: 2021,
        previous_path: '2020.txt',
        current_path: '2021.txt',
        paths: '{"previous":["applications.carriedForward.total"],"current":["applications.carriedOver.total"]}',
      },
    ]);
    expect(refreshCrossYear(db)).toHaveLength(9); // recomputed, not added to
    expect(count(db, 'crossyear_checks')).toBe(9);
    db.close();
  });
});

const pgSkip = await pgUnavailable();
if (pgSkip) console.warn(`skipping the PostgreSQL runs: ${pgSkip}`);

describe.each(BACKENDS)('nianbao ingest (%s): two overlapping runs, retries, export', (backend) => {
  const dir = sampleDir(
    ['city-2021-ruled.pdf', 'district-2019.pdf', 'town-2021-inconsistent.pdf'],
    ['empty.pdf', 'encrypted.pdf'],
  );
  for (let y = 2016; y <= 2021; y++) writeSeedVariant(dir, `kq-${y}.txt`, { year: y });
  let t: TestDb;
  let db: string;
  const skip = backend === 'postgres' && !!pgSkip;
  beforeAll(async () => {
    t = await testDb(backend, tmpDir(), 'ingest');
    db = t.target;
  });
  afterAll(() => t?.cleanup(), 60_000);
  const ingested = (stderr: string) => Number(/(\d+) ingested/.exec(stderr)![1]);
  let attempts: Record<string, number>;

  it.skipIf(skip)('stores each report exactly once and does each file once', async () => {
    const [a, b] = await Promise.all([
      nianbao(['ingest', '--db', db, dir, '-j', '1']),
      nianbao(['ingest', '--db', db, dir, '-j', '1']),
    ]);
    for (const r of [a, b]) {
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).toMatch(/^11 files: \d+ ingested/m);
    }
    // Claims split the good files between the runs: 9 extractions in all, none twice.
    expect(ingested(a.stderr) + ingested(b.stderr)).toBe(9);
    expect(await t.count('reports')).toBe(9);
    expect(await t.count('(SELECT DISTINCT sha256 FROM reports) d')).toBe(9);
    const records = (await t.rows<{ record: string }>('SELECT record FROM reports')).map((r) =>
      ReportSchema.parse(JSON.parse(r.record)),
    );
    expect(await t.count('report_values')).toBe(records.reduce((n, r) => n + recordCells(r).length, 0));
    expect(await t.count('claims')).toBe(0);
    const failures = await t.rows<{ path: string; code: string; attempts: number }>(
      'SELECT path, code, attempts FROM failures ORDER BY path',
    );
    expect(failures.map((f) => [path.basename(f.path), f.code])).toEqual([
      ['empty.pdf', 'EMPTY_FILE'],
      ['encrypted.pdf', 'ENCRYPTED_PDF'],
    ]);
    // Tried by one run, or by both one after the other: never at the same time.
    for (const f of failures) expect([1, 2]).toContain(f.attempts);
    attempts = Object.fromEntries(failures.map((f) => [path.basename(f.path), f.attempts]));
    // 2016→2021, one agency: 5 pairs × 9 checks.
    expect(await t.count('crossyear_checks')).toBe(45);
    expect(await t.count('crossyear_checks WHERE passed = 0')).toBe(0);
  });

  it.skipIf(skip)('a later run skips what is done and retries failures up to the limit', async () => {
    const again = await nianbao(['ingest', '--db', db, dir, '-j', '1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('11 files: 0 ingested (0 flagged by checks), 2 failed, 9 skipped');
    const now = Object.fromEntries(
      (await t.rows<{ path: string; attempts: number }>('SELECT path, attempts FROM failures')).map((f) => [
        path.basename(f.path),
        f.attempts,
      ]),
    );
    expect(now).toEqual({ 'empty.pdf': attempts['empty.pdf'] + 1, 'encrypted.pdf': attempts['encrypted.pdf'] + 1 });
    const capped = await nianbao(['ingest', '--db', db, dir, '--max-attempts', '2', '-q']);
    expect(capped.stderr).toContain('2 failed files were not retried (too many attempts; --force retries)');
  });

  it.skipIf(skip)('exports JSON Lines to standard output and CSV files', async () => {
    const jsonl = await nianbao(['export', '--db', db, '--format', 'jsonl']);
    expect(jsonl.code).toBe(0);
    const recs = jsonl.stdout
      .trim()
      .split('\n')
      .map((l) => ReportSchema.parse(JSON.parse(l)));
    expect(recs.map((r) => path.basename(r.source.path!)).sort()).toEqual([
      'city-2021-ruled.pdf',
      'district-2019.pdf',
      'kq-2016.txt',
      'kq-2017.txt',
      'kq-2018.txt',
      'kq-2019.txt',
      'kq-2020.txt',
      'kq-2021.txt',
      'town-2021-inconsistent.pdf',
    ]);
    const out = path.join(tmpDir(), 'export');
    const csv = await nianbao(['export', '--db', db, '--format', 'csv', '--out', out]);
    expect(csv.code).toBe(0);
    expect(csv.stderr).toMatch(/^9 records \(\d+ flagged\), 2 failures, 45 cross-year checks/);
    const values = parseCsv(readFileSync(path.join(out, 'values.csv'), 'utf8').slice(1));
    expect(values.length - 1).toBe(recs.reduce((n, r) => n + recordCells(r).length, 0));
    const cross = parseCsv(readFileSync(path.join(out, 'crossyear.csv'), 'utf8').slice(1));
    expect(cross[0]).toEqual([
      'agency',
      'id',
      'passed',
      'previousYear',
      'previousFile',
      'currentYear',
      'currentFile',
      'expected',
      'actual',
      'blanksAsZero',
      'message',
    ]);
    expect(
      cross
        .slice(1)
        .filter((c) => c[1] === 'crossYear.carriedOver:total')
        .map((c) => [c[0], c[3], c[5], c[2]]),
    ).toEqual([2017, 2018, 2019, 2020, 2021].map((y) => ['经开区公安分局', String(y - 1), String(y), 'true']));
    const errors = parseCsv(readFileSync(path.join(out, 'errors.csv'), 'utf8').slice(1));
    expect(
      errors
        .slice(1)
        .map((e) => e[2])
        .sort(),
    ).toEqual(['EMPTY_FILE', 'ENCRYPTED_PDF']);
    const usage = await nianbao(['export', '--db', db]);
    expect([usage.code, usage.stderr]).toEqual([2, 'nianbao: export needs --format csv, jsonl or xlsx\n']);
  });
});

describe('the SQLite driver', () => {
  it('is node:sqlite on Node 24 (better-sqlite3 12 aborts there at teardown) and better-sqlite3 on Node 20', () => {
    const major = Number(process.versions.node.split('.')[0]);
    if (major === 20) expect(sqliteDriver).toBe('better-sqlite3');
    if (major >= 24) expect(sqliteDriver).toBe('node:sqlite');
  });
});
