// 勾稽关系: the arithmetic a report's own tables must satisfy. A failed check is data, not an error.
import {
  ApplicantColumns,
  ReviewColumns,
  type Applications,
  type ApplicantRow,
  type Check,
  type ReviewLitigation,
} from '../schema/record.js';

const APPLICANTS = ApplicantColumns.filter((c) => c !== 'total');

interface Term {
  path: string;
  value: number | null | undefined;
}

/** lhs = sum(rhs), blanks counted as 0 (and said so). */
function sumCheck(id: string, what: string, lhs: Term, rhs: Term[]): Check {
  const terms = [lhs, ...rhs];
  const blanks = terms.some((t) => t.value === null || t.value === undefined);
  const actual = round(rhs.reduce((s, t) => s + (t.value ?? 0), 0));
  const expected = lhs.value ?? 0;
  const passed = actual === expected;
  return {
    id,
    kind: 'arithmetic',
    passed,
    message: passed
      ? `${what}: ${expected} = ${actual}`
      : `${what}: printed ${expected}, but the parts add up to ${actual}`,
    paths: terms.map((t) => t.path),
    expected,
    actual,
    ...(blanks ? { blanksAsZero: true } : {}),
  };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

type RowEntry = [path: string, row: ApplicantRow];

/** Every applicant row present, with its record path, in printed order. */
export function applicationRows(apps: Applications): RowEntry[] {
  const out: RowEntry[] = [];
  const walk = (o: unknown, path: string) => {
    if (!o || typeof o !== 'object') return;
    if ('naturalPerson' in o) {
      out.push([path, o as ApplicantRow]);
      return;
    }
    for (const [k, v] of Object.entries(o)) walk(v, `${path}.${k}`);
  };
  walk(apps, 'applications');
  return out;
}

/** The result rows that make up results.total (（六） as its parts when they are printed). */
function resultParts(apps: Applications): RowEntry[] {
  const results = applicationRows(apps).filter(([p]) => p.startsWith('applications.results.') && p !== 'applications.results.total');
  const otherParts = results.filter(([p]) => /otherHandling\.(?!total)/.test(p));
  return otherParts.length > 0 ? results.filter(([p]) => p !== 'applications.results.otherHandling.total') : results;
}

export function checkApplications(apps: Applications | null): Check[] {
  if (!apps) return [];
  const checks: Check[] = [];
  for (const [path, row] of applicationRows(apps)) {
    checks.push(
      sumCheck(
        `rowTotal:${path}`,
        `${path}: 总计 = sum of the six applicant columns`,
        { path: `${path}.total`, value: row.total },
        APPLICANTS.map((c) => ({ path: `${path}.${c}`, value: row[c] })),
      ),
    );
  }
  const parts = resultParts(apps);
  const total = apps.results?.total;
  if (total && parts.length > 0) {
    for (const col of ApplicantColumns) {
      checks.push(
        sumCheck(
          `resultsTotal:${col}`,
          `${col}: （七）总计 = sum of the results rows`,
          { path: `applications.results.total.${col}`, value: total[col] },
          parts.map(([p, r]) => ({ path: `${p}.${col}`, value: r[col] })),
        ),
      );
    }
  }
  const { newReceived, carriedOver, carriedForward } = apps;
  if (newReceived && carriedOver && total && carriedForward) {
    for (const col of ApplicantColumns) {
      const lhs = (newReceived[col] ?? 0) + (carriedOver[col] ?? 0);
      const rhs = (total[col] ?? 0) + (carriedForward[col] ?? 0);
      const blanks = [newReceived, carriedOver, total, carriedForward].some((r) => r[col] === null);
      const passed = round(lhs) === round(rhs);
      checks.push({
        id: `balance:${col}`,
        kind: 'arithmetic',
        passed,
        message: passed
          ? `${col}: 新收 + 上年结转 = 办理结果总计 + 结转下年度 (${lhs})`
          : `${col}: 新收 + 上年结转 = ${lhs}, but 办理结果总计 + 结转下年度 = ${rhs}`,
        paths: ['newReceived', 'carriedOver', 'results.total', 'carriedForward'].map((p) => `applications.${p}.${col}`),
        expected: round(lhs),
        actual: round(rhs),
        ...(blanks ? { blanksAsZero: true } : {}),
      });
    }
  }
  return checks;
}

export function checkReviewLitigation(rl: ReviewLitigation | null): Check[] {
  if (!rl) return [];
  const checks: Check[] = [];
  for (const group of ['review', 'litigationDirect', 'litigationAfterReview'] as const) {
    const g = rl[group];
    if (!g) continue;
    const path = `reviewLitigation.${group}`;
    checks.push(
      sumCheck(
        `groupTotal:${path}`,
        `${path}: 总计 = 维持 + 纠正 + 其他 + 尚未审结`,
        { path: `${path}.total`, value: g.total },
        ReviewColumns.filter((c) => c !== 'total').map((c) => ({ path: `${path}.${c}`, value: g[c] })),
      ),
    );
  }
  return checks;
}
