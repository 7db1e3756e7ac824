// The short form of every stored report (no record JSON): what a list of reports shows and filters
// by. Both backends run the same SQL and return the same objects.
import type { Report } from '../schema/record.js';
import { LATEST } from './read.js';

/** One report of the list: the latest extraction of a content. */
export interface ReportSummary {
  sha256: string;
  extractorVersion: string;
  /** The source file's path as the record names it. */
  path: string | null;
  title: string | null;
  agency: string | null;
  year: number | null;
  template: Report['template'];
  /** pdf · html · docx · …; null for records made before formats were told apart. */
  format: string | null;
  textSource: string | null;
  checksFailed: number;
  warnings: number;
  /** A check failed or a table was not read (see pipeline/flagged.ts). */
  flagged: boolean;
  /** Cells holding a reviewer's correction. */
  correctedCells: number;
  /** ISO 8601. */
  ingestedAt: string;
}

export const SUMMARY_SQL = `SELECT sha256, extractor_version, path, title, agency, year, template, format, text_source,
  checks_failed, warnings, flagged, corrected_cells, ingested_at FROM (${LATEST}) l`;

export interface SummaryRow {
  sha256: string;
  extractor_version: string;
  path: string | null;
  title: string | null;
  agency: string | null;
  year: number | null;
  template: Report['template'];
  format: string | null;
  text_source: string | null;
  checks_failed: number;
  warnings: number;
  flagged: number;
  corrected_cells: number;
  /** TEXT on SQLite, a Date from PostgreSQL. */
  ingested_at: string | Date;
}

/** A summary row as both backends return it → the summary. */
export const summaryFromRow = (r: SummaryRow): ReportSummary => ({
  sha256: r.sha256,
  extractorVersion: r.extractor_version,
  path: r.path,
  title: r.title,
  agency: r.agency,
  year: r.year,
  template: r.template,
  format: r.format,
  textSource: r.text_source,
  checksFailed: Number(r.checks_failed),
  warnings: Number(r.warnings),
  flagged: !!Number(r.flagged),
  correctedCells: Number(r.corrected_cells),
  ingestedAt: r.ingested_at instanceof Date ? r.ingested_at.toISOString() : r.ingested_at,
});

/** Summaries in list order: agency, year, path (byte order, blanks first), as exports list records. */
export function sortSummaries(rows: ReportSummary[]): ReportSummary[] {
  const cmp = (a: string | number | null, b: string | number | null) =>
    a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1;
  return rows.sort(
    (a, b) => cmp(a.agency, b.agency) || cmp(a.year, b.year) || cmp(a.path, b.path) || cmp(a.sha256, b.sha256),
  );
}
