// CSV for spreadsheets and pandas: a tidy long table (one row per number) and one wide table per
// table (one row per report). RFC 4180: CRLF line ends, fields with , " CR LF quoted, quotes doubled;
// files start with a UTF-8 BOM so Excel reads the Chinese text as UTF-8. Every CSV the tool writes
// goes through csvField, which also neutralises spreadsheet formulas (see neutralizeFormula).
import type { Report } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import { LEAVES, recordCells, type Leaf, type TableName } from './cells.js';
import { failedFindings } from '../findings/findings.js';

export const BOM = '\uFEFF';

export type Field = string | number | boolean | null | undefined;

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number: a spreadsheet reads it as that number, so it stays as it is (-5 stays -5). */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/**
 * A text cell that a spreadsheet would run as a formula (=HYPERLINK(…), =cmd|'…'!A0, +…, -…, @…, or
 * one starting with tab/CR) gets a leading apostrophe, as OWASP recommends against CSV injection:
 * the cell is then shown as text. Numbers, and text that is just a plain number, are left alone.
 */
export function neutralizeFormula(s: string): string {
  return FORMULA_START.test(s) && !PLAIN_NUMBER.test(s) ? `'${s}` : s;
}

export function csvField(v: Field): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? numberText(v) : neutralizeFormula(String(v));
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(fields: Field[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}

/** Plain decimal notation (no 1e+21), so every reader parses the same number. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  const s = String(n);
  return /e/i.test(s) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}

/** The identifying columns every table starts with. */
export const REPORT_COLUMNS = ['file', 'sha256', 'agency', 'year', 'template'] as const;
const reportFields = (r: Report): Field[] => [r.source.path, r.source.sha256, r.agency, r.year, r.template];

/**
 * The long table's columns. `corrected` (true/false) says a reviewer corrected the value (then
 * `value` is the corrected one and `printed` what the report printed); it comes last so the earlier
 * columns keep their places.
 */
export const LONG_HEADER = [
  ...REPORT_COLUMNS,
  'table',
  'row',
  'column',
  'path',
  'value',
  'printed',
  'check',
  'page',
  'corrected',
];

/** The long (tidy) rows of one record. */
export function longRows(r: Report): Field[][] {
  const id = reportFields(r);
  return recordCells(r).map((c) => [
    ...id,
    c.table,
    c.row,
    c.column,
    c.path,
    c.value,
    c.printed,
    c.check,
    c.page,
    c.corrected,
  ]);
}

export interface WideTable {
  /** File-name part, e.g. "applications". */
  name: string;
  header: string[];
  /** The report's row, or null when the report has nothing for this table. */
  row(r: Report): Field[] | null;
}

/**
 * A wide table: one row per report, one column per cell, then `corrected`: the columns of this
 * table whose values a reviewer corrected, separated by spaces (empty when none) — one column rather
 * than a flag per cell, so the table keeps one column per cell.
 */
function wide(name: string, table: TableName, leaves: Leaf[], template?: '2021' | '2019'): WideTable {
  return {
    name,
    header: [...REPORT_COLUMNS, 'checksFailed', ...leaves.map((l) => l.path), 'corrected'],
    row(r) {
      const data = r[table];
      if (!data || (template && r.template !== template)) return null;
      // Findings, so a column of totals left blank counts once.
      const failed = failedFindings(r.checks).filter((f) => f.paths.some((p) => p.startsWith(`${table}.`)));
      const corrected = (r.corrections ?? [])
        .filter((c) => c.path.startsWith(`${table}.`))
        .map((c) => c.path.slice(table.length + 1));
      return [
        ...reportFields(r),
        failed.length,
        ...leaves.map((l) => toField(getPath(data, l.path))),
        corrected.join(' '),
      ];
    },
  };
}

const toField = (v: unknown): Field => (typeof v === 'number' || typeof v === 'string' ? v : null);

/** One wide table per table; table 二 has two, since its columns differ between the templates. */
export const WIDE_TABLES: WideTable[] = [
  wide('activeDisclosure-2021', 'activeDisclosure', LEAVES.activeDisclosure2021, '2021'),
  wide('activeDisclosure-2019', 'activeDisclosure', LEAVES.activeDisclosure2019, '2019'),
  wide('applications', 'applications', LEAVES.applications),
  wide('reviewLitigation', 'reviewLitigation', LEAVES.reviewLitigation),
  // Reports for 2008–2018 (template "2008"): their figures, one column each.
  wide('legacy', 'legacy', LEAVES.legacy),
];

/** Whole CSV documents for a set of records (small sets; the batch streams row by row instead). */
export function toCsv(records: Report[]): { long: string; wide: Record<string, string> } {
  const long = BOM + csvLine(LONG_HEADER) + records.flatMap(longRows).map(csvLine).join('');
  const wideOut: Record<string, string> = {};
  for (const t of WIDE_TABLES) {
    wideOut[t.name] =
      BOM +
      csvLine(t.header) +
      records
        .map((r) => t.row(r))
        .filter((x): x is Field[] => x !== null)
        .map(csvLine)
        .join('');
  }
  return { long, wide: wideOut };
}
