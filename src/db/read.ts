// Reads for export and cross-year checks. Where one content was ingested by several extractor
// versions, the most recently ingested record is the one that counts.
import type { CrossYearCheck, YearReport } from '../crossyear/checks.js';
import { crossYearChecks } from '../crossyear/checks.js';
import type { Report } from '../schema/record.js';
import type { Db } from './open.js';
import { setPath } from '../schema/paths.js';

/** Every report row that is the latest extraction of its content (both backends run this SQL). */
export const LATEST = `
  SELECT * FROM reports r
  WHERE NOT EXISTS (
    SELECT 1 FROM reports n WHERE n.sha256 = r.sha256
      AND (n.ingested_at > r.ingested_at OR (n.ingested_at = r.ingested_at AND n.extractor_version > r.extractor_version)))`;

export interface ReportRow {
  sha256: string;
  extractor_version: string;
  path: string | null;
  title: string | null;
  agency: string | null;
  year: number | null;
  template: Report['template'];
  record: string;
}

/** The latest record of every content, ordered by agency, year and path. */
export function* latestRecords(db: Db): Generator<Report> {
  for (const row of db.prepare<ReportRow>(`${LATEST} ORDER BY agency, year, path, sha256`).iterate()) {
    yield JSON.parse(row.record) as Report;
  }
}

export interface FailureRow {
  sha256: string;
  extractor_version: string;
  path: string;
  code: string;
  message: string;
  attempts: number;
  first_failed_at: string;
  last_failed_at: string;
}

export function failures(db: Db): FailureRow[] {
  return db.prepare<FailureRow>('SELECT * FROM failures ORDER BY path, sha256').all();
}

/** The slim per-report view the cross-year checks need, built from report_values. */
export function yearReports(db: Db): YearReport[] {
  const rows = db.prepare<YearRow>(LATEST).all();
  const cells = db
    .prepare<YearCell>(
      `SELECT sha256, extractor_version, path, value FROM report_values WHERE row_path IN (${YEAR_ROWS})`,
    )
    .all();
  return buildYearReports(rows, cells);
}

/** The rows of report_values the cross-year checks read. */
export const YEAR_ROWS = "'carriedOver', 'carriedForward', 'regulations', 'normativeDocuments'";

export type YearRow = Pick<
  ReportRow,
  'sha256' | 'extractor_version' | 'path' | 'agency' | 'year' | 'title' | 'template'
>;
export interface YearCell {
  sha256: string;
  extractor_version: string;
  path: string;
  value: number | null;
}

/** YearReports from report rows and their cross-year cells (both backends read the same rows). */
export function buildYearReports(rows: Iterable<YearRow>, cells: Iterable<YearCell>): YearReport[] {
  const reports = new Map<string, YearReport>();
  for (const r of rows) {
    reports.set(`${r.sha256}\u0000${r.extractor_version}`, {
      sha256: r.sha256,
      path: r.path,
      agency: r.agency,
      year: r.year,
      title: r.title,
      template: r.template,
      activeDisclosure: null,
      applications: null,
    });
  }
  for (const c of cells) {
    const y = reports.get(`${c.sha256}\u0000${c.extractor_version}`);
    if (!y) continue;
    setPath(y as unknown as Record<string, unknown>, c.path, c.value);
  }
  return [...reports.values()];
}

/** Recompute the cross-year checks over the whole database, replacing the old ones in one transaction. */
export function refreshCrossYear(db: Db): CrossYearCheck[] {
  return db
    .transaction(() => {
      const checks = crossYearChecks(yearReports(db));
      db.prepare('DELETE FROM crossyear_checks').run();
      const ins = db.prepare(
        `INSERT OR REPLACE INTO crossyear_checks (${CROSSYEAR_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      );
      for (const c of checks) ins.run(...crossYearRowValues(c));
      return checks;
    })
    .immediate();
}

/** A crossyear_checks row as both backends return it. */
export interface CrossYearRow {
  agency: string;
  check_id: string;
  passed: number;
  previous_sha256: string;
  previous_year: number;
  previous_path: string | null;
  previous_title: string | null;
  current_sha256: string;
  current_year: number;
  current_path: string | null;
  current_title: string | null;
  expected: number;
  actual: number;
  blanks_as_zero: number;
  message: string;
  paths: string;
}

export function crossYearFromRow(r: CrossYearRow): CrossYearCheck {
  return {
    id: r.check_id,
    kind: 'crossYear',
    passed: !!r.passed,
    message: r.message,
    agency: r.agency,
    previous: { sha256: r.previous_sha256, path: r.previous_path, year: r.previous_year, title: r.previous_title },
    current: { sha256: r.current_sha256, path: r.current_path, year: r.current_year, title: r.current_title },
    paths: JSON.parse(r.paths) as CrossYearCheck['paths'],
    expected: r.expected,
    actual: r.actual,
    ...(r.blanks_as_zero ? { blanksAsZero: true } : {}),
  };
}

/** The row values of a check, in crossyear_checks column order (for INSERTs). */
export function crossYearRowValues(c: CrossYearCheck): unknown[] {
  const p = c.previous;
  const q = c.current;
  return [
    c.agency,
    c.id,
    c.passed ? 1 : 0,
    p.sha256,
    p.year,
    p.path,
    p.title,
    q.sha256,
    q.year,
    q.path,
    q.title,
    c.expected,
    c.actual,
    c.blanksAsZero ? 1 : 0,
    c.message,
    JSON.stringify(c.paths),
  ];
}

export const CROSSYEAR_COLUMNS =
  'agency, check_id, passed, previous_sha256, previous_year, previous_path, previous_title, current_sha256, current_year, current_path, current_title, expected, actual, blanks_as_zero, message, paths';

/** The stored cross-year checks, ordered by agency, current year and check id. */
export function storedCrossYear(db: Db): CrossYearCheck[] {
  return db
    .prepare<CrossYearRow>('SELECT * FROM crossyear_checks ORDER BY agency, current_year, check_id')
    .all()
    .map(crossYearFromRow);
}
