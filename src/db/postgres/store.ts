// The PostgreSQL store: the tables of the SQLite store, written by many processes on many hosts.
// Per-key advisory locks stand in for SQLite's single writer: two workers never write one report,
// claim one file or recompute one agency's cross-year checks at the same time.
import type pg from 'pg';
import { agencyKey, crossYearChecks, type CrossYearCheck } from '../../crossyear/checks.js';
import type { Report } from '../../schema/record.js';
import {
  buildYearReports,
  crossYearFromRow,
  crossYearRowValues,
  CROSSYEAR_COLUMNS,
  LATEST,
  YEAR_ROWS,
  type CrossYearRow,
  type FailureRow,
  type YearCell,
  type YearRow,
} from '../read.js';
import type { ClaimOptions, Store } from '../store.js';
import {
  CHECK_COLUMNS,
  CORRECTION_COLUMNS,
  correctionFromRow,
  correctionRowValues,
  latestPerCell,
  ownerAlive,
  recorrected,
  reportRows,
  REPORT_COLUMNS,
  sameCorrection,
  VALUE_COLUMNS,
  WARNING_COLUMNS,
  type ClaimResult,
  type CorrectionRow,
  type Key,
  type PutCorrections,
} from '../write.js';
import { applyCorrections, type CorrectionInput } from '../../corrections/index.js';
import { revertCorrections } from '../../corrections/revert.js';
import { ReportSchema } from '../../schema/record.js';
import { pathsBySha, sortCorrections, type CorrectionKey, type RemovedCorrections } from '../corrections.js';
import { sortSummaries, summaryFromRow, SUMMARY_SQL, type ReportSummary, type SummaryRow } from '../list.js';
import {
  connectError,
  inTransaction,
  insertRows,
  lockName,
  parsePgUrl,
  pgPool,
  RESILIENT,
  type PgTarget,
} from './connect.js';
import { checkSchema, migrate } from './migrations.js';

const VALUE_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'float8',
  'text',
  'int4',
  'text',
  'int4',
  'float8',
];
const CHECK_TYPES = ['text', 'text', 'int4', 'text', 'int4', 'text', 'text', 'float8', 'float8', 'int4'];
const WARNING_TYPES = ['text', 'text', 'int4', 'text', 'text', 'int4', 'text'];
const CROSSYEAR_TYPES = [
  'text',
  'text',
  'int4',
  'text',
  'int4',
  'text',
  'text',
  'text',
  'int4',
  'text',
  'text',
  'float8',
  'float8',
  'int4',
  'text',
  'text',
];

/** Byte order, NULLs first: the order SQLite gives, so both exports list records alike. */
const LATEST_ORDER = 'ORDER BY agency COLLATE "C" NULLS FIRST, year NULLS FIRST, path COLLATE "C" NULLS FIRST, sha256';
/** Records are read through a cursor this many at a time, so an export of a large store streams. */
const CURSOR_BATCH = 200;

export async function openPgStore(
  url: string,
  opts: { readonly?: boolean; resilient?: boolean } = {},
): Promise<PgStore> {
  const target = parsePgUrl(url);
  const pool = pgPool(target, 4, opts.resilient ? RESILIENT : {});
  try {
    if (opts.readonly) await checkSchema(pool, target);
    else await migrate(pool, target);
  } catch (e) {
    await pool.end();
    if ((e as { name?: string }).name === 'NianbaoError') throw e;
    throw connectError(e, target);
  }
  return new PgStore(pool, target);
}

const keyLock = (key: Key) => `nianbao:key:${key.sha256}:${key.version}`;

export class PgStore implements Store {
  readonly kind = 'postgres' as const;
  readonly name: string;

  constructor(
    readonly pool: pg.Pool,
    readonly target: PgTarget,
  ) {
    this.name = target.display;
  }

  async writeReport(key: Key, report: Report, now = new Date()): Promise<Report> {
    return inTransaction(this.pool, (c) => writeOn(c, key, report, now));
  }

  /**
   * Store a report unless one is stored for its content and extractor version already: then null,
   * and nothing is changed. A worker whose lease expired while it was frozen or cut off stores its
   * result through this, so the report another worker stored meanwhile is never overwritten (fencing
   * by the stored row, under the content's lock).
   */
  async writeReportOnce(key: Key, report: Report, now = new Date()): Promise<Report | null> {
    return inTransaction(this.pool, async (c) => {
      await lockName(c, keyLock(key));
      const had = await c.query('SELECT 1 FROM reports WHERE sha256 = $1 AND extractor_version = $2', [
        key.sha256,
        key.version,
      ]);
      return had.rowCount ? null : writeOn(c, key, report, now);
    });
  }

  async putCorrections(corrections: readonly CorrectionInput[]): Promise<PutCorrections> {
    return inTransaction(this.pool, async (c) => {
      await lockName(c, 'nianbao:corrections');
      const out: PutCorrections = { added: 0, changed: 0, unchanged: 0 };
      for (const x of latestPerCell(corrections)) {
        const had = (
          await c.query<CorrectionRow>(
            `SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE sha256 = $1 AND path = $2`,
            [x.sha256, x.path],
          )
        ).rows[0];
        const h = had ? correctionFromRow(had) : null;
        if (h && sameCorrection(h, x)) {
          out.unchanged++;
          continue;
        }
        await c.query(
          `INSERT INTO corrections (${CORRECTION_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6)
           ON CONFLICT (sha256, path) DO UPDATE SET value = excluded.value, note = excluded.note, author = excluded.author, time = excluded.time`,
          correctionRowValues(x),
        );
        if (h) out.changed++;
        else out.added++;
      }
      return out;
    });
  }

  async corrections(): Promise<CorrectionInput[]> {
    const { rows } = await this.pool.query<CorrectionRow>(
      `SELECT ${CORRECTION_COLUMNS} FROM corrections ORDER BY sha256, path COLLATE "C"`,
    );
    return rows.map(correctionFromRow);
  }

  async reapplyCorrections(only?: readonly string[]): Promise<number> {
    const where = only ? 'sha256 = ANY($1)' : 'sha256 IN (SELECT sha256 FROM corrections)';
    const { rows } = await this.pool.query<StoredRow>(
      `SELECT sha256, extractor_version, record, ingested_at FROM reports WHERE ${where} ORDER BY sha256, extractor_version COLLATE "C"`,
      only ? [[...only]] : [],
    );
    const all = await this.corrections();
    let n = 0;
    for (const row of rows) {
      const next = recorrected(
        row.record,
        all.filter((x) => x.sha256 === row.sha256),
      );
      if (!next) continue;
      await this.writeReport({ sha256: row.sha256, version: row.extractor_version }, next, row.ingested_at);
      n++;
    }
    return n;
  }

  async removeCorrections(keys: readonly CorrectionKey[]): Promise<RemovedCorrections> {
    return inTransaction(this.pool, async (c) => {
      await lockName(c, 'nianbao:corrections');
      const removed: CorrectionInput[] = [];
      for (const k of keys) {
        const { rows } = await c.query<CorrectionRow>(
          `DELETE FROM corrections WHERE sha256 = $1 AND ($2::text IS NULL OR path = $2) RETURNING ${CORRECTION_COLUMNS}`,
          [k.sha256, k.path ?? null],
        );
        removed.push(...rows.map(correctionFromRow));
      }
      let reports = 0;
      for (const [sha, paths] of pathsBySha(removed)) {
        const { rows } = await c.query<StoredRow>(
          'SELECT sha256, extractor_version, record, ingested_at FROM reports WHERE sha256 = $1 ORDER BY extractor_version COLLATE "C"',
          [sha],
        );
        for (const row of rows) {
          const parsed = ReportSchema.safeParse(JSON.parse(row.record));
          if (!parsed.success) continue;
          const next = revertCorrections(parsed.data, paths);
          if (next === parsed.data) continue;
          await writeOn(c, { sha256: row.sha256, version: row.extractor_version }, next, row.ingested_at);
          reports++;
        }
      }
      return { removed: sortCorrections(removed), reports };
    });
  }

  async reportSummaries(): Promise<ReportSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>(SUMMARY_SQL);
    return sortSummaries(rows.map(summaryFromRow));
  }

  async latestRecord(sha256: string): Promise<Report | null> {
    const { rows } = await this.pool.query<{ record: string }>(`SELECT record FROM (${LATEST}) l WHERE sha256 = $1`, [
      sha256,
    ]);
    return rows[0] ? ReportSchema.parse(JSON.parse(rows[0].record)) : null;
  }

  /**
   * Record a failed attempt; returns the attempts so far. Under the content's lock: when a report of
   * the content is stored already (another worker finished it while this one's lease ran out), no
   * failure is recorded and 0 is returned.
   */
  async writeFailure(key: Key, f: { path: string; code: string; message: string }, now = new Date()): Promise<number> {
    return inTransaction(this.pool, async (c) => {
      await lockName(c, keyLock(key));
      const done = await c.query('SELECT 1 FROM reports WHERE sha256 = $1 AND extractor_version = $2', [
        key.sha256,
        key.version,
      ]);
      if (done.rowCount) return 0;
      const at = now.toISOString();
      const { rows } = await c.query<{ attempts: number }>(
        `INSERT INTO failures (sha256, extractor_version, path, code, message, attempts, first_failed_at, last_failed_at)
         VALUES ($1,$2,$3,$4,$5,1,$6,$6)
         ON CONFLICT (sha256, extractor_version) DO UPDATE SET
           path = excluded.path, code = excluded.code, message = excluded.message,
           attempts = failures.attempts + 1, last_failed_at = excluded.last_failed_at
         RETURNING attempts`,
        [key.sha256, key.version, f.path, f.code, f.message, at],
      );
      await c.query('DELETE FROM claims WHERE sha256 = $1 AND extractor_version = $2', [key.sha256, key.version]);
      return rows[0].attempts;
    });
  }

  async claim(key: Key, owner: string, opts: ClaimOptions): Promise<ClaimResult> {
    const now = opts.now ?? Date.now();
    return inTransaction(this.pool, async (c): Promise<ClaimResult> => {
      await lockName(c, keyLock(key));
      const k = [key.sha256, key.version];
      if (!opts.force) {
        const done = await c.query('SELECT 1 FROM reports WHERE sha256 = $1 AND extractor_version = $2', k);
        if (done.rowCount) return { state: 'done' };
        const f = await c.query<{ attempts: number; code: string; message: string }>(
          'SELECT attempts, code, message FROM failures WHERE sha256 = $1 AND extractor_version = $2',
          k,
        );
        if (f.rows[0] && f.rows[0].attempts >= opts.maxAttempts) return { state: 'gave-up', ...f.rows[0] };
      }
      const cl = await c.query<{ owner: string; expires_at: string }>(
        'SELECT owner, expires_at FROM claims WHERE sha256 = $1 AND extractor_version = $2',
        k,
      );
      const x = cl.rows[0];
      if (x && x.owner !== owner && Number(x.expires_at) > now && ownerAlive(x.owner))
        return { state: 'busy', owner: x.owner };
      await c.query(
        `INSERT INTO claims (sha256, extractor_version, owner, expires_at) VALUES ($1,$2,$3,$4)
         ON CONFLICT (sha256, extractor_version) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
        [...k, owner, now + opts.ttlMs],
      );
      return { state: 'claimed' };
    });
  }

  async releaseClaim(key: Key, owner: string): Promise<void> {
    await this.pool.query('DELETE FROM claims WHERE sha256 = $1 AND extractor_version = $2 AND owner = $3', [
      key.sha256,
      key.version,
      owner,
    ]);
  }

  async hasReport(key: Key): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM reports WHERE sha256 = $1 AND extractor_version = $2', [
      key.sha256,
      key.version,
    ]);
    return !!r.rowCount;
  }

  async *latestRecords(): AsyncGenerator<Report> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN READ ONLY');
      await c.query(`DECLARE latest NO SCROLL CURSOR FOR SELECT record FROM (${LATEST}) l ${LATEST_ORDER}`);
      for (;;) {
        const { rows } = await c.query<{ record: string }>(`FETCH ${CURSOR_BATCH} FROM latest`);
        for (const r of rows) yield JSON.parse(r.record) as Report;
        if (rows.length < CURSOR_BATCH) break;
      }
      await c.query('COMMIT');
    } finally {
      // An export stopped half-way leaves the transaction open: end it before the client goes back.
      await c.query('ROLLBACK').catch(() => {});
      c.release();
    }
  }

  async failures(): Promise<FailureRow[]> {
    const { rows } = await this.pool.query<
      Omit<FailureRow, 'first_failed_at' | 'last_failed_at'> & { first_failed_at: Date; last_failed_at: Date }
    >('SELECT * FROM failures ORDER BY path COLLATE "C", sha256');
    return rows.map((r) => ({
      ...r,
      first_failed_at: r.first_failed_at.toISOString(),
      last_failed_at: r.last_failed_at.toISOString(),
    }));
  }

  async crossYearChecks(): Promise<CrossYearCheck[]> {
    const { rows } = await this.pool.query<CrossYearRow>(
      'SELECT * FROM crossyear_checks ORDER BY agency COLLATE "C", current_year, check_id COLLATE "C"',
    );
    return rows.map(crossYearFromRow);
  }

  async refreshCrossYear(agencyKeys?: string[]): Promise<CrossYearCheck[]> {
    return inTransaction(this.pool, async (c) => {
      // One refresh at a time: each then reads every report committed before it, so two workers
      // finishing two years of one agency together still leave the pair checked.
      await lockName(c, 'nianbao:crossyear');
      const only = agencyKeys ? 'WHERE agency_key = ANY($1)' : '';
      const p = agencyKeys ? [agencyKeys] : [];
      const latest = `SELECT sha256, extractor_version, path, agency, year, title, template FROM (${LATEST}) l ${only}`;
      const rows = (await c.query<YearRow>(latest, p)).rows;
      const cells = (
        await c.query<YearCell>(
          `SELECT v.sha256, v.extractor_version, v.path, v.value FROM report_values v JOIN (${latest}) y USING (sha256, extractor_version)
           WHERE v.row_path IN (${YEAR_ROWS})`,
          p,
        )
      ).rows;
      const checks = crossYearChecks(buildYearReports(rows, cells));
      if (agencyKeys) await c.query('DELETE FROM crossyear_checks WHERE agency = ANY($1)', p);
      else await c.query('DELETE FROM crossyear_checks');
      // Keyed like the table, the last one kept (as SQLite's INSERT OR REPLACE does).
      const unique = new Map(checks.map((x) => [`${x.id}\u0000${x.previous.sha256}\u0000${x.current.sha256}`, x]));
      await insertRows(
        c,
        'crossyear_checks',
        CROSSYEAR_COLUMNS,
        CROSSYEAR_TYPES,
        [...unique.values()].map(crossYearRowValues),
      );
      return checks;
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

interface StoredRow {
  sha256: string;
  extractor_version: string;
  record: string;
  ingested_at: Date;
}

/** Store a report on `c` (inside its transaction): see Store.writeReport. */
async function writeOn(c: pg.ClientBase, key: Key, report: Report, now: Date): Promise<Report> {
  await lockName(c, keyLock(key));
  const corrections = (
    await c.query<CorrectionRow>(
      `SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE sha256 = $1 ORDER BY path COLLATE "C"`,
      [key.sha256],
    )
  ).rows;
  const stored = applyCorrections(report, corrections.map(correctionFromRow));
  const rows = reportRows(key, stored, now);
  await c.query('DELETE FROM reports WHERE sha256 = $1 AND extractor_version = $2', [key.sha256, key.version]);
  // The record's key (an alias key where --aliases gave one), else the printed name's.
  const agency = report.agencyKey ?? (report.agency === null ? null : agencyKey(report.agency));
  await c.query(`INSERT INTO reports (${REPORT_COLUMNS}, agency_key) VALUES (${params(17)})`, [...rows.report, agency]);
  await insertRows(c, 'report_values', VALUE_COLUMNS, VALUE_TYPES, rows.values);
  await insertRows(c, 'checks', CHECK_COLUMNS, CHECK_TYPES, rows.checks);
  await insertRows(c, 'warnings', WARNING_COLUMNS, WARNING_TYPES, rows.warnings);
  await c.query('DELETE FROM failures WHERE sha256 = $1 AND extractor_version = $2', [key.sha256, key.version]);
  await c.query('DELETE FROM claims WHERE sha256 = $1 AND extractor_version = $2', [key.sha256, key.version]);
  return stored;
}

const params = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(',');
