// The numbers of a record as flat cells (one per table cell), in the templates' print order.
// Used by the CSV tables and by the SQLite `report_values` table, so both list the same cells.
import type { Report } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import {
  APPLICANT_COLUMNS,
  applicationRows,
  disclosureItems,
  LEGACY_PATHS,
  REVIEW_COLUMNS,
  REVIEW_GROUPS,
  type TemplateId,
} from '../templates/index.js';

/** The record's tables; `legacy` holds the figures of a template-2008 report (prose or old 统计表). */
export type TableName = 'activeDisclosure' | 'applications' | 'reviewLitigation' | 'legacy';
export const TABLES: TableName[] = ['activeDisclosure', 'applications', 'reviewLitigation', 'legacy'];

export interface Leaf {
  /** Path inside the table, e.g. "results.withheld.stateSecret.naturalPerson". */
  path: string;
  kind: 'number' | 'string';
}

/** A table's cells as record paths under the table, in print order, from the template description. */
function applicationLeaves(): Leaf[] {
  return applicationRows().flatMap((r) =>
    APPLICANT_COLUMNS.map((c) => ({ path: `${r.path}.${c}`, kind: 'number' as const })),
  );
}

function disclosureLeaves(template: TemplateId): Leaf[] {
  return disclosureItems(template).flatMap((item) =>
    item.columns.flatMap((c) => [
      { path: `${item.key}.${c.key}`, kind: 'number' as const },
      ...(c.textKey ? [{ path: `${item.key}.${c.textKey}`, kind: 'string' as const }] : []),
    ]),
  );
}

const reviewLeaves = (): Leaf[] =>
  REVIEW_GROUPS.flatMap((g) => REVIEW_COLUMNS.map((c) => ({ path: `${g}.${c}`, kind: 'number' as const })));

const unique = (leaves: Leaf[]) => [...new Map(leaves.map((l) => [l.path, l])).values()];

/** Every cell of each table (table 二 per template), in print order: the CSV columns and SQLite cells. */
export const LEAVES = {
  activeDisclosure2021: disclosureLeaves('2021'),
  activeDisclosure2019: disclosureLeaves('2019'),
  applications: applicationLeaves(),
  reviewLitigation: reviewLeaves(),
  legacy: LEGACY_PATHS.map((path): Leaf => ({ path, kind: 'number' })),
};
const TABLE_LEAVES: Record<TableName, Leaf[]> = {
  activeDisclosure: unique([...LEAVES.activeDisclosure2021, ...LEAVES.activeDisclosure2019]),
  applications: LEAVES.applications,
  reviewLitigation: LEAVES.reviewLitigation,
  legacy: LEAVES.legacy,
};

export interface Cell {
  table: TableName;
  /** The row's path inside the table, e.g. "results.withheld.stateSecret". */
  row: string;
  column: string;
  /** The full dotted record path, as in `provenance` and `checks[].paths`. */
  path: string;
  /** null: printed blank or as 「/」「—」「无」. */
  value: number | null;
  /** What was printed, from provenance. */
  printed: string | null;
  page: number | null;
  /** 'failed' if any check covering the cell failed, 'passed' if checks cover it and all passed. */
  check: 'passed' | 'failed' | null;
  /** A reviewer corrected the value (the record's `corrections` names the cell). */
  corrected: boolean;
  /** The value as extracted: `value` unless corrected. */
  printedValue: number | null;
}

/** path → check status, from the record's checks. */
export function checkStatusByPath(report: Report): Map<string, 'passed' | 'failed'> {
  const status = new Map<string, 'passed' | 'failed'>();
  for (const c of report.checks) {
    for (const p of c.paths) {
      if (!c.passed) status.set(p, 'failed');
      else if (!status.has(p)) status.set(p, 'passed');
    }
  }
  return status;
}

/** Every numeric cell the record has (rows or tables it lacks give none). */
export function recordCells(report: Report): Cell[] {
  const status = checkStatusByPath(report);
  const corrections = new Map(report.corrections?.map((c) => [c.path, c]));
  const cells: Cell[] = [];
  for (const table of TABLES) {
    const data = report[table];
    if (!data) continue;
    for (const leaf of TABLE_LEAVES[table]) {
      if (leaf.kind !== 'number') continue;
      const value = getPath(data, leaf.path);
      // undefined: the row (or the whole group) is not in this report; null: printed blank.
      if (value === undefined || (value !== null && typeof value !== 'number')) continue;
      // A top-level figure of `legacy` (complaints) is its own row.
      const dot = Math.max(leaf.path.lastIndexOf('.'), 0);
      const path = `${table}.${leaf.path}`;
      const prov = report.provenance[path];
      cells.push({
        table,
        row: leaf.path.slice(0, dot),
        column: leaf.path.slice(dot + 1),
        path,
        value,
        printed: prov?.text ?? null,
        page: prov?.page ?? null,
        check: status.get(path) ?? null,
        corrected: corrections.has(path),
        printedValue: corrections.has(path) ? corrections.get(path)!.printed : value,
      });
    }
  }
  return cells;
}
