// 勾稽关系: the arithmetic a report's own tables must satisfy, as src/templates describes it
// (RELATIONS). A failed check is data, not an error.
import type { Applications, Check, ReviewLitigation } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import { APPLICANT_COLUMNS, applicationRows, RELATIONS, REVIEW_GROUPS, type RelationSpec } from '../templates/index.js';

interface Term {
  path: string;
  value: number | null | undefined;
}

/**
 * lhs = sum(rhs), blanks counted as 0 (and said so). A total printed blank over parts that are not
 * all blank or 0 was left unfilled (`totalBlank`): it fails as before, but is not said to be printed 0.
 */
function sumCheck(id: string, what: string, lhs: Term, rhs: Term[]): Check {
  const terms = [lhs, ...rhs];
  const blanks = terms.some((t) => t.value === null || t.value === undefined);
  const actual = round(rhs.reduce((s, t) => s + (t.value ?? 0), 0));
  const expected = lhs.value ?? 0;
  const passed = actual === expected;
  const totalBlank = lhs.value === null && rhs.some((t) => t.value !== null && t.value !== undefined && t.value !== 0);
  return {
    id,
    kind: 'arithmetic',
    passed,
    message: passed
      ? `${what}: ${expected} = ${actual}`
      : totalBlank
        ? `${what}: the total was left blank, but the parts add up to ${actual}`
        : `${what}: printed ${expected}, but the parts add up to ${actual}`,
    paths: terms.map((t) => t.path),
    expected,
    actual,
    ...(blanks ? { blanksAsZero: true } : {}),
    ...(totalBlank ? { totalBlank: true } : {}),
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

type Row = Record<string, number | null>;

/** The rows of `table` the report has: [record path, row] in template order. */
function rowsOf(table: RelationSpec['table'], data: unknown): Array<[string, Row]> {
  const paths = table === 'applications' ? applicationRows().map((r) => r.path) : [...REVIEW_GROUPS];
  return paths.flatMap((p) => {
    const row = getPath(data, p);
    return row && typeof row === 'object' ? [[p, row as Row] as [string, Row]] : [];
  });
}

/** The checks one relation gives on one table's data (none where its rows are absent). */
function evaluate(rel: RelationSpec, data: unknown): Check[] {
  const rows = rowsOf(rel.table, data);
  const at = (p: string) => `${rel.table}.${p}`;
  if (rel.kind === 'rowSum') {
    return rows.map(([p, row]) =>
      sumCheck(
        `${rel.id}:${at(p)}`,
        `${at(p)}: ${rel.describe}`,
        { path: `${at(p)}.${rel.total}`, value: row[rel.total] },
        rel.parts.map((c) => ({ path: `${at(p)}.${c}`, value: row[c] })),
      ),
    );
  }
  const byPath = new Map(rows);
  if (rel.kind === 'columnSum') {
    const total = byPath.get(rel.total);
    let parts = rows.filter(([p]) => rel.parts.includes(p));
    for (const [whole, itsParts] of Object.entries(rel.insteadOf)) {
      if (parts.some(([p]) => itsParts.includes(p))) parts = parts.filter(([p]) => p !== whole);
    }
    if (!total || parts.length === 0) return [];
    return APPLICANT_COLUMNS.map((col) =>
      sumCheck(
        `${rel.id}:${col}`,
        `${col}: ${rel.describe}`,
        { path: `${at(rel.total)}.${col}`, value: total[col] },
        parts.map(([p, r]) => ({ path: `${at(p)}.${col}`, value: r[col] })),
      ),
    );
  }
  const lhsRows = rel.lhs.map((p) => byPath.get(p));
  const rhsRows = rel.rhs.map((p) => byPath.get(p));
  if ([...lhsRows, ...rhsRows].some((r) => !r)) return [];
  return APPLICANT_COLUMNS.map((col) => {
    const sum = (rs: Array<Row | undefined>) => rs.reduce((s, r) => s + (r![col] ?? 0), 0);
    const lhs = sum(lhsRows);
    const rhs = sum(rhsRows);
    const blanks = [...lhsRows, ...rhsRows].some((r) => r![col] === null);
    const passed = round(lhs) === round(rhs);
    return {
      id: `${rel.id}:${col}`,
      kind: 'arithmetic',
      passed,
      message: passed
        ? `${col}: ${rel.lhsName} = ${rel.rhsName} (${lhs})`
        : `${col}: ${rel.lhsName} = ${lhs}, but ${rel.rhsName} = ${rhs}`,
      paths: [...rel.lhs, ...rel.rhs].map((p) => `${at(p)}.${col}`),
      expected: round(lhs),
      actual: round(rhs),
      ...(blanks ? { blanksAsZero: true } : {}),
    };
  });
}

/** The checks of table 三: every relation on `applications`, in the template's order. */
export function checkApplications(apps: Applications | null): Check[] {
  if (!apps) return [];
  return RELATIONS.filter((r) => r.table === 'applications').flatMap((r) => evaluate(r, apps));
}

/** The checks of table 四: each group's 总计 against its parts. */
export function checkReviewLitigation(rl: ReviewLitigation | null): Check[] {
  if (!rl) return [];
  return RELATIONS.filter((r) => r.table === 'reviewLitigation').flatMap((r) => evaluate(r, rl));
}
