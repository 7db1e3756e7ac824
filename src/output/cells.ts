// The numbers of a record as flat cells (one per table cell), in the schema's own order.
// Used by the CSV tables and by the SQLite `report_values` table, so both list the same cells.
import type { z } from 'zod';
import {
  ActiveDisclosure2019Schema,
  ActiveDisclosure2021Schema,
  ApplicationsSchema,
  ReviewLitigationSchema,
  type Report,
} from '../schema/record.js';

export type TableName = 'activeDisclosure' | 'applications' | 'reviewLitigation';
export const TABLES: TableName[] = ['activeDisclosure', 'applications', 'reviewLitigation'];

export interface Leaf {
  /** Path inside the table, e.g. "results.withheld.stateSecret.naturalPerson". */
  path: string;
  kind: 'number' | 'string';
}

/** The leaves of a zod object schema, depth first, in declaration order. */
export function schemaLeaves(schema: z.ZodType, prefix = ''): Leaf[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } }).def;
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return schemaLeaves(def.innerType, prefix);
  if (def.type === 'object' && def.shape) {
    return Object.entries(def.shape).flatMap(([k, v]) => schemaLeaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ path: prefix, kind: def.type === 'string' ? 'string' : 'number' }];
}

const unique = (leaves: Leaf[]) => [...new Map(leaves.map((l) => [l.path, l])).values()];

export const LEAVES = {
  activeDisclosure2021: schemaLeaves(ActiveDisclosure2021Schema),
  activeDisclosure2019: schemaLeaves(ActiveDisclosure2019Schema),
  applications: schemaLeaves(ApplicationsSchema),
  reviewLitigation: schemaLeaves(ReviewLitigationSchema),
};
const TABLE_LEAVES: Record<TableName, Leaf[]> = {
  activeDisclosure: unique([...LEAVES.activeDisclosure2021, ...LEAVES.activeDisclosure2019]),
  applications: LEAVES.applications,
  reviewLitigation: LEAVES.reviewLitigation,
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
}

/** Read a dotted path; undefined where an object on the way is absent or null. */
export function getPath(obj: unknown, dotted: string): unknown {
  let cur = obj;
  for (const k of dotted.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
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
  const cells: Cell[] = [];
  for (const table of TABLES) {
    const data = report[table];
    if (!data) continue;
    for (const leaf of TABLE_LEAVES[table]) {
      if (leaf.kind !== 'number') continue;
      const value = getPath(data, leaf.path);
      // undefined: the row (or the whole group) is not in this report; null: printed blank.
      if (value === undefined || (value !== null && typeof value !== 'number')) continue;
      const dot = leaf.path.lastIndexOf('.');
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
      });
    }
  }
  return cells;
}
