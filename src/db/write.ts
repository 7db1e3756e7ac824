// Writes: one transaction per report (the report row, its values, checks and warnings together),
// failures with an attempt count, and claims that keep overlapping runs off each other's files.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { recordCells } from '../output/cells.js';
import { flaggedByChecks } from '../pipeline/flagged.js';
import { ReportSchema, type Report } from '../schema/record.js';
import { applyCorrections, type CorrectionInput } from '../corrections/index.js';
import type { Db } from './open.js';
import type { ErrorCode } from '../errors.js';
import { failedFindingCount } from '../findings/findings.js';

export interface Key {
  sha256: string;
  version: string;
}

/** host:pid:random — identifies this run in `claims`. */
export function newOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** The rows a report is stored as, in each table's column order (both backends write these). */
export function reportRows(key: Key, report: Report, now: Date) {
  const k = [key.sha256, key.version];
  return {
    report: [
      ...k,
      report.source.path,
      report.title,
      report.agency,
      report.year,
      report.template,
      report.source.pageCount,
      report.source.textSource,
      // Findings: a column of totals left blank counts once.
      failedFindingCount(report.checks),
      report.warnings.length,
      JSON.stringify(report),
      now.toISOString(),
      report.source.format ?? null,
      flaggedByChecks(report) ? 1 : 0,
      report.corrections?.length ?? 0,
    ],
    values: recordCells(report).map((c) => [
      ...k,
      c.path,
      c.table,
      c.row,
      c.column,
      c.value,
      c.printed,
      c.page,
      c.check,
      c.corrected ? 1 : 0,
      c.printedValue,
    ]),
    checks: report.checks.map((c, i) => [
      ...k,
      i,
      c.id,
      c.passed ? 1 : 0,
      c.message,
      JSON.stringify(c.paths),
      c.expected ?? null,
      c.actual ?? null,
      c.blanksAsZero === undefined ? null : c.blanksAsZero ? 1 : 0,
    ]),
    warnings: report.warnings.map((x, i) => [...k, i, x.code, x.message, x.page ?? null, x.path ?? null]),
  };
}

export const REPORT_COLUMNS =
  'sha256, extractor_version, path, title, agency, year, template, page_count, text_source, checks_failed, warnings, record, ingested_at, format, flagged, corrected_cells';
export const VALUE_COLUMNS =
  'sha256, extractor_version, path, table_name, row_path, column_name, value, printed, page, check_status, corrected, printed_value';
export const CORRECTION_COLUMNS = 'sha256, path, value, note, author, time';
export const CHECK_COLUMNS =
  'sha256, extractor_version, seq, check_id, passed, message, paths, expected, actual, blanks_as_zero';
export const WARNING_COLUMNS = 'sha256, extractor_version, seq, code, message, page, path';

const marks = (n: number) => Array(n).fill('?').join(',');

/**
 * Store a report, replacing any earlier one with the same key, and clear its failure and claim. The
 * corrections stored for its content are applied first, so they survive re-extraction. Returns the
 * record as stored.
 */
export function writeReport(db: Db, key: Key, report: Report, now = new Date()): Report {
  return db
    .transaction(() => {
      const stored = applyCorrections(report, storedCorrections(db, key.sha256));
      const rows = reportRows(key, stored, now);
      // ON DELETE CASCADE removes the old values, checks and warnings: an upsert without leftovers.
      db.prepare('DELETE FROM reports WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
      db.prepare(`INSERT INTO reports (${REPORT_COLUMNS}) VALUES (${marks(16)})`).run(...rows.report);
      const v = db.prepare(`INSERT INTO report_values (${VALUE_COLUMNS}) VALUES (${marks(12)})`);
      for (const r of rows.values) v.run(...r);
      const ch = db.prepare(`INSERT INTO checks (${CHECK_COLUMNS}) VALUES (${marks(10)})`);
      for (const r of rows.checks) ch.run(...r);
      const w = db.prepare(`INSERT INTO warnings (${WARNING_COLUMNS}) VALUES (${marks(7)})`);
      for (const r of rows.warnings) w.run(...r);
      db.prepare('DELETE FROM failures WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
      db.prepare('DELETE FROM claims WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
      return stored;
    })
    .immediate();
}

/** Record (or count again) a failure and release the claim. Returns the attempts so far. */
export function writeFailure(
  db: Db,
  key: Key,
  f: { path: string; code: ErrorCode; message: string },
  now = new Date(),
): number {
  return db
    .transaction(() => {
      const at = now.toISOString();
      db.prepare(
        `INSERT INTO failures (sha256, extractor_version, path, code, message, attempts, first_failed_at, last_failed_at)
       VALUES (?,?,?,?,?,1,?,?)
       ON CONFLICT (sha256, extractor_version) DO UPDATE SET
         path = excluded.path, code = excluded.code, message = excluded.message,
         attempts = attempts + 1, last_failed_at = excluded.last_failed_at`,
      ).run(key.sha256, key.version, f.path, f.code, f.message, at, at);
      db.prepare('DELETE FROM claims WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
      const row = db
        .prepare<{ attempts: number }>('SELECT attempts FROM failures WHERE sha256 = ? AND extractor_version = ?')
        .get(key.sha256, key.version);
      return row!.attempts;
    })
    .immediate();
}

export type ClaimResult =
  | { state: 'claimed' }
  | { state: 'done' }
  | { state: 'gave-up'; attempts: number; code: string; message: string }
  | { state: 'busy'; owner: string };

/**
 * Decide, under the write lock, whether this run extracts the file: not if it is done, failed too
 * often, or claimed by a live run. A claim expires after `ttlMs`, or at once if its process (on
 * this host) is gone, so a killed run never blocks a file for good.
 */
export function claim(
  db: Db,
  key: Key,
  owner: string,
  opts: { ttlMs: number; maxAttempts: number; force: boolean; now?: number },
): ClaimResult {
  const now = opts.now ?? Date.now();
  return db
    .transaction((): ClaimResult => {
      if (!opts.force) {
        const done = db
          .prepare('SELECT 1 FROM reports WHERE sha256 = ? AND extractor_version = ?')
          .get(key.sha256, key.version);
        if (done) return { state: 'done' };
        const f = db
          .prepare<{ attempts: number; code: string; message: string }>(
            'SELECT attempts, code, message FROM failures WHERE sha256 = ? AND extractor_version = ?',
          )
          .get(key.sha256, key.version);
        if (f && f.attempts >= opts.maxAttempts) return { state: 'gave-up', ...f };
      }
      const c = db
        .prepare<{ owner: string; expires_at: number }>(
          'SELECT owner, expires_at FROM claims WHERE sha256 = ? AND extractor_version = ?',
        )
        .get(key.sha256, key.version);
      if (c && c.owner !== owner && c.expires_at > now && ownerAlive(c.owner)) return { state: 'busy', owner: c.owner };
      db.prepare(
        `INSERT INTO claims (sha256, extractor_version, owner, expires_at) VALUES (?,?,?,?)
       ON CONFLICT (sha256, extractor_version) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
      ).run(key.sha256, key.version, owner, now + opts.ttlMs);
      return { state: 'claimed' };
    })
    .immediate();
}

export function releaseClaim(db: Db, key: Key, owner: string): void {
  db.prepare('DELETE FROM claims WHERE sha256 = ? AND extractor_version = ? AND owner = ?').run(
    key.sha256,
    key.version,
    owner,
  );
}

/** A claim by a process on this host that no longer exists is stale. Other hosts: trust the expiry. */
export function ownerAlive(owner: string): boolean {
  const [host, pidText] = owner.split(':');
  if (host !== hostname()) return true;
  const pid = Number(pidText);
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A corrections row as both backends return it. */
export interface CorrectionRow {
  sha256: string;
  path: string;
  value: number | null;
  note: string | null;
  author: string | null;
  time: string | null;
}

export const correctionFromRow = (r: CorrectionRow): CorrectionInput => ({
  sha256: r.sha256,
  path: r.path,
  value: r.value,
  ...(r.note !== null ? { note: r.note } : {}),
  ...(r.author !== null ? { author: r.author } : {}),
  ...(r.time !== null ? { time: r.time } : {}),
});

/** A correction's row values, in CORRECTION_COLUMNS order. */
export const correctionRowValues = (c: CorrectionInput): unknown[] => [
  c.sha256,
  c.path,
  c.value,
  c.note ?? null,
  c.author ?? null,
  c.time ?? null,
];

/** The last correction of each sha256 + path, in order of first appearance (later lines override). */
export function latestPerCell(corrections: readonly CorrectionInput[]): CorrectionInput[] {
  const m = new Map<string, CorrectionInput>();
  for (const c of corrections) {
    const k = `${c.sha256}\u0000${c.path}`;
    m.set(k, c);
  }
  return [...m.values()];
}

/** What storing corrections did. */
export interface PutCorrections {
  /** Cells corrected for the first time. */
  added: number;
  /** Cells whose stored correction changed (value, note, author or time). */
  changed: number;
  /** Cells stored before exactly so. */
  unchanged: number;
}

/** The stored corrections of one content (or of all), ordered by sha256 and path. */
export function storedCorrections(db: Db, sha256?: string): CorrectionInput[] {
  const rows = sha256
    ? db
        .prepare<CorrectionRow>(`SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE sha256 = ? ORDER BY path`)
        .all(sha256)
    : db.prepare<CorrectionRow>(`SELECT ${CORRECTION_COLUMNS} FROM corrections ORDER BY sha256, path`).all();
  return rows.map(correctionFromRow);
}

/** Two corrections of one cell say the same (value, note, author, time). */
export const sameCorrection = (a: CorrectionInput, b: CorrectionInput) =>
  a.value === b.value &&
  (a.note ?? null) === (b.note ?? null) &&
  (a.author ?? null) === (b.author ?? null) &&
  (a.time ?? null) === (b.time ?? null);

/** Store corrections (later ones for a cell override earlier and stored ones), in one transaction. */
export function putCorrections(db: Db, corrections: readonly CorrectionInput[]): PutCorrections {
  return db
    .transaction(() => {
      const out: PutCorrections = { added: 0, changed: 0, unchanged: 0 };
      const get = db.prepare<CorrectionRow>(
        `SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE sha256 = ? AND path = ?`,
      );
      const put = db.prepare(
        `INSERT INTO corrections (${CORRECTION_COLUMNS}) VALUES (?,?,?,?,?,?)
       ON CONFLICT (sha256, path) DO UPDATE SET value = excluded.value, note = excluded.note, author = excluded.author, time = excluded.time`,
      );
      for (const c of latestPerCell(corrections)) {
        const had = get.get(c.sha256, c.path);
        if (had && sameCorrection(correctionFromRow(had), c)) {
          out.unchanged++;
          continue;
        }
        put.run(...correctionRowValues(c));
        if (had) out.changed++;
        else out.added++;
      }
      return out;
    })
    .immediate();
}

/**
 * A stored record (its JSON) with `corrections` applied, or null when that changes nothing — or when
 * the record is not one this version can read (an older schema: a re-extraction will be corrected).
 */
export function recorrected(recordJson: string, corrections: readonly CorrectionInput[]): Report | null {
  const parsed = ReportSchema.safeParse(JSON.parse(recordJson));
  if (!parsed.success) return null;
  const next = applyCorrections(parsed.data, corrections);
  return JSON.stringify(next) === recordJson ? null : next;
}
