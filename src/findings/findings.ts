// What a reader acts on: a record's failed checks as findings. A total left blank (record.md "totals
// left blank") is one finding per column of a table — "总计 column left blank on 12 rows" — not one
// contradiction per row; every other failed check is a finding of its own. Views (review page, serve,
// workbook) and counts (CLI summaries, wide CSVs) use these, so they agree.
import type { Check, Report } from '../schema/record.js';

export interface CheckFinding {
  kind: 'check';
  /** The check's id. */
  id: string;
  checks: [Check];
  paths: string[];
}

export interface BlankTotalFinding {
  kind: 'totalBlank';
  /** `totalBlank:<table>.<column>`, e.g. "totalBlank:applications.total". */
  id: string;
  /** The table, e.g. "applications". */
  table: string;
  /** The column whose totals were left blank, e.g. "total". */
  column: string;
  /** The rows (paths inside the table) whose total cell in that column is blank, in check order. */
  rows: string[];
  /** The failed checks it groups (a cell may be the total of two relations). */
  checks: Check[];
  /** Every cell the grouped checks cover. */
  paths: string[];
}

export type Finding = CheckFinding | BlankTotalFinding;

/** The blank total cell of a totalBlank check: its first path (the total comes first in `paths`). */
function totalCell(c: Check): { table: string; row: string; column: string } {
  const parts = c.paths[0].split('.');
  return { table: parts[0], row: parts.slice(1, -1).join('.'), column: parts[parts.length - 1] };
}

/**
 * The failed checks of a record as findings, in check order: failed checks with `totalBlank` grouped
 * per table column of their blank total cell (at the place of the first), the others one each.
 */
export function failedFindings(checks: readonly Check[]): Finding[] {
  const out: Finding[] = [];
  const groups = new Map<string, BlankTotalFinding>();
  for (const c of checks) {
    if (c.passed) continue;
    if (!c.totalBlank || c.paths.length === 0) {
      out.push({ kind: 'check', id: c.id, checks: [c], paths: c.paths });
      continue;
    }
    const cell = totalCell(c);
    const id = `totalBlank:${cell.table}.${cell.column}`;
    let g = groups.get(id);
    if (!g) {
      g = { kind: 'totalBlank', id, table: cell.table, column: cell.column, rows: [], checks: [], paths: [] };
      groups.set(id, g);
      out.push(g);
    }
    g.checks.push(c);
    if (!g.rows.includes(cell.row)) g.rows.push(cell.row);
    for (const p of c.paths) if (!g.paths.includes(p)) g.paths.push(p);
  }
  return out;
}

/** How many findings a record's failed checks make (a column of blank totals counts once). */
export const failedFindingCount = (checks: readonly Check[]): number => failedFindings(checks).length;

/** A record's findings (see failedFindings). */
export const reportFindings = (r: Pick<Report, 'checks'>): Finding[] => failedFindings(r.checks);
