// Field-by-field comparison of a record against an expected one (samples/*.expected.json).
import type { Report } from '../schema/record.js';

export interface Expected {
  file: string;
  title?: string | null;
  agency?: string | null;
  year?: number | null;
  template?: string | null;
  activeDisclosure?: unknown;
  applications?: unknown;
  reviewLitigation?: unknown;
  failedChecks?: string[];
  /** The kind of source (web samples), for the eval's per-kind figures. */
  kind?: string;
}

export interface FieldResult {
  path: string;
  expected: unknown;
  actual: unknown;
  ok: boolean;
  numeric: boolean;
  /** A wrong value that no failed check and no warning points at. */
  silent: boolean;
}

export interface Comparison {
  fields: FieldResult[];
  failedChecksExpected: string[];
  failedChecksActual: string[];
  checksMatch: boolean;
}

const TABLES = ['activeDisclosure', 'applications', 'reviewLitigation'] as const;
const META = ['title', 'agency', 'year', 'template'] as const;

function leaves(o: unknown, prefix: string, out: Map<string, unknown>): void {
  if (o !== null && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) leaves(v, `${prefix}.${k}`, out);
  } else out.set(prefix, o);
}

export function compareRecord(record: Report, expected: Expected): Comparison {
  const flagged = flaggedPaths(record);
  const isFlagged = (path: string) => [...flagged].some((f) => path === f || path.startsWith(f + '.'));
  const fields: FieldResult[] = [];
  for (const key of META) {
    if (!(key in expected)) continue;
    const ok = record[key] === expected[key];
    fields.push({
      path: key,
      expected: expected[key],
      actual: record[key],
      ok,
      numeric: false,
      silent: !ok && !isFlagged(key),
    });
  }
  for (const table of TABLES) {
    const want = new Map<string, unknown>();
    const got = new Map<string, unknown>();
    leaves(expected[table] ?? null, table, want);
    leaves(record[table] ?? null, table, got);
    const paths = new Set([...want.keys(), ...got.keys()]);
    for (const path of paths) {
      // A table both sides lack is one field, not a mismatch.
      const e = want.has(path) ? want.get(path) : undefined;
      const a = got.has(path) ? got.get(path) : undefined;
      const ok = e === a || (e == null && a == null && want.has(path) === got.has(path));
      const numeric = typeof e === 'number' || typeof a === 'number';
      fields.push({ path, expected: e, actual: a, ok, numeric, silent: !ok && !isFlagged(path) });
    }
  }
  const failedChecksActual = record.checks
    .filter((c) => !c.passed)
    .map((c) => c.id)
    .sort();
  const failedChecksExpected = [...(expected.failedChecks ?? [])].sort();
  return {
    fields,
    failedChecksExpected,
    failedChecksActual,
    checksMatch: JSON.stringify(failedChecksActual) === JSON.stringify(failedChecksExpected),
  };
}

/** Record paths a reader is told not to trust: cells of failed checks and warned-about paths. */
export function flaggedPaths(record: Report): Set<string> {
  const out = new Set<string>();
  for (const c of record.checks) if (!c.passed) c.paths.forEach((p) => out.add(p));
  for (const w of record.warnings) [w.path, ...(w.paths ?? [])].forEach((p) => p && out.add(p));
  return out;
}
