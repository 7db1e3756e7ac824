// Writes: one transaction per report (the report row, its values, checks and warnings together),
// failures with an attempt count, and claims that keep overlapping runs off each other's files.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { recordCells } from '../output/cells.js';
import type { Report } from '../schema/record.js';
import type { Db } from './open.js';
import type { ErrorCode } from '../errors.js';

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
      report.checks.filter((c) => !c.passed).length,
      report.warnings.length,
      JSON.stringify(report),
      now.toISOString(),
    ],
    values: recordCells(report).map((c) => [...k, c.path, c.table, c.row, c.column, c.value, c.printed, c.page, c.check]),
    checks: report.checks.map((c, i) => [...k, i, c.id, c.passed ? 1 : 0, c.message, JSON.stringify(c.paths), c.expected ?? null, c.actual ?? null, c.blanksAsZero === undefined ? null : c.blanksAsZero ? 1 : 0]),
    warnings: report.warnings.map((x, i) => [...k, i, x.code, x.message, x.page ?? null, x.path ?? null]),
  };
}

export const REPORT_COLUMNS = 'sha256, extractor_version, path, title, agency, year, template, page_count, text_source, checks_failed, warnings, record, ingested_at';
export const VALUE_COLUMNS = 'sha256, extractor_version, path, table_name, row_path, column_name, value, printed, page, check_status';
export const CHECK_COLUMNS = 'sha256, extractor_version, seq, check_id, passed, message, paths, expected, actual, blanks_as_zero';
export const WARNING_COLUMNS = 'sha256, extractor_version, seq, code, message, page, path';

const marks = (n: number) => Array(n).fill('?').join(',');

/** Store a report, replacing any earlier one with the same key, and clear its failure and claim. */
export function writeReport(db: Db, key: Key, report: Report, now = new Date()): void {
  const rows = reportRows(key, report, now);
  db.transaction(() => {
    // ON DELETE CASCADE removes the old values, checks and warnings: an upsert without leftovers.
    db.prepare('DELETE FROM reports WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
    db.prepare(`INSERT INTO reports (${REPORT_COLUMNS}) VALUES (${marks(13)})`).run(...rows.report);
    const v = db.prepare(`INSERT INTO report_values (${VALUE_COLUMNS}) VALUES (${marks(10)})`);
    for (const r of rows.values) v.run(...r);
    const ch = db.prepare(`INSERT INTO checks (${CHECK_COLUMNS}) VALUES (${marks(10)})`);
    for (const r of rows.checks) ch.run(...r);
    const w = db.prepare(`INSERT INTO warnings (${WARNING_COLUMNS}) VALUES (${marks(7)})`);
    for (const r of rows.warnings) w.run(...r);
    db.prepare('DELETE FROM failures WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
    db.prepare('DELETE FROM claims WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
  }).immediate();
}

/** Record (or count again) a failure and release the claim. Returns the attempts so far. */
export function writeFailure(db: Db, key: Key, f: { path: string; code: ErrorCode; message: string }, now = new Date()): number {
  return db.transaction(() => {
    const at = now.toISOString();
    db.prepare(
      `INSERT INTO failures (sha256, extractor_version, path, code, message, attempts, first_failed_at, last_failed_at)
       VALUES (?,?,?,?,?,1,?,?)
       ON CONFLICT (sha256, extractor_version) DO UPDATE SET
         path = excluded.path, code = excluded.code, message = excluded.message,
         attempts = attempts + 1, last_failed_at = excluded.last_failed_at`,
    ).run(key.sha256, key.version, f.path, f.code, f.message, at, at);
    db.prepare('DELETE FROM claims WHERE sha256 = ? AND extractor_version = ?').run(key.sha256, key.version);
    const row = db.prepare<{ attempts: number }>('SELECT attempts FROM failures WHERE sha256 = ? AND extractor_version = ?').get(key.sha256, key.version);
    return row!.attempts;
  }).immediate();
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
export function claim(db: Db, key: Key, owner: string, opts: { ttlMs: number; maxAttempts: number; force: boolean; now?: number }): ClaimResult {
  const now = opts.now ?? Date.now();
  return db.transaction((): ClaimResult => {
    if (!opts.force) {
      const done = db.prepare('SELECT 1 FROM reports WHERE sha256 = ? AND extractor_version = ?').get(key.sha256, key.version);
      if (done) return { state: 'done' };
      const f = db
        .prepare<{ attempts: number; code: string; message: string }>('SELECT attempts, code, message FROM failures WHERE sha256 = ? AND extractor_version = ?')
        .get(key.sha256, key.version);
      if (f && f.attempts >= opts.maxAttempts) return { state: 'gave-up', ...f };
    }
    const c = db.prepare<{ owner: string; expires_at: number }>('SELECT owner, expires_at FROM claims WHERE sha256 = ? AND extractor_version = ?').get(key.sha256, key.version);
    if (c && c.owner !== owner && c.expires_at > now && ownerAlive(c.owner)) return { state: 'busy', owner: c.owner };
    db.prepare(
      `INSERT INTO claims (sha256, extractor_version, owner, expires_at) VALUES (?,?,?,?)
       ON CONFLICT (sha256, extractor_version) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`,
    ).run(key.sha256, key.version, owner, now + opts.ttlMs);
    return { state: 'claimed' };
  }).immediate();
}

export function releaseClaim(db: Db, key: Key, owner: string): void {
  db.prepare('DELETE FROM claims WHERE sha256 = ? AND extractor_version = ? AND owner = ?').run(key.sha256, key.version, owner);
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
