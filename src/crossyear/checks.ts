// Checks across consecutive years of one agency: what one report carries forward, the next must
// carry over; what was in force, plus issued, minus repealed, must be in force a year later.
import { ApplicantColumns, type Report } from '../schema/record.js';
import { getPath } from '../output/cells.js';
import { APPLICANT_LABELS } from '../schema/printed-labels.js';
import { agencyKey } from '../text/agency-key.js';

/** The parts of a report the cross-year checks read (kept small: a batch may hold thousands). */
export interface YearReport {
  sha256: string;
  path: string | null;
  agency: string | null;
  year: number | null;
  title: string | null;
  template: Report['template'];
  activeDisclosure: Report['activeDisclosure'];
  applications: Pick<NonNullable<Report['applications']>, 'carriedOver' | 'carriedForward'> | null;
}

export function toYearReport(r: Report): YearReport {
  return {
    sha256: r.source.sha256,
    path: r.source.path,
    agency: r.agency,
    year: r.year,
    title: r.title,
    template: r.template,
    activeDisclosure: r.activeDisclosure,
    applications: r.applications ? { carriedOver: r.applications.carriedOver, carriedForward: r.applications.carriedForward } : null,
  };
}

export interface ReportRef {
  sha256: string;
  path: string | null;
  year: number;
  title: string | null;
}

export interface CrossYearCheck {
  /** e.g. "crossYear.carriedOver:naturalPerson", "crossYear.inForce:regulations". */
  id: string;
  passed: boolean;
  message: string;
  agency: string;
  previous: ReportRef;
  current: ReportRef;
  /** Dotted record paths read in each report. */
  paths: { previous: string[]; current: string[] };
  expected: number;
  actual: number;
  /** Some cells were blank and counted as 0 (many reports leave zeros blank). */
  blanksAsZero?: boolean;
}

// Agencies pair on their key (spaces, brackets and higher regions dropped), not the printed name.
export { agencyKey };

export function crossYearChecks(reports: YearReport[]): CrossYearCheck[] {
  const byAgencyYear = new Map<string, YearReport[]>();
  for (const r of reports) {
    if (!r.agency || r.year === null) continue;
    const k = `${agencyKey(r.agency)}\u0000${r.year}`;
    const list = byAgencyYear.get(k) ?? [];
    // The same content twice (two paths) is one report.
    if (!list.some((x) => x.sha256 === r.sha256)) list.push(r);
    byAgencyYear.set(k, list);
  }
  const out: CrossYearCheck[] = [];
  const keys = [...byAgencyYear.keys()].sort();
  for (const k of keys) {
    const [agency, yearText] = k.split('\u0000');
    const prevList = byAgencyYear.get(`${agency}\u0000${Number(yearText) - 1}`);
    if (!prevList) continue;
    for (const prev of prevList) for (const cur of byAgencyYear.get(k)!) out.push(...pairChecks(prev, cur));
  }
  return out;
}

const ref = (r: YearReport): ReportRef => ({ sha256: r.sha256, path: r.path, year: r.year!, title: r.title });

/** A cell's number, or null when the row or table is absent (then the check cannot be made). */
function cell(r: YearReport, path: string): { value: number; blank: boolean } | null {
  const rowPath = path.slice(0, path.lastIndexOf('.'));
  const row = getPath(r, rowPath);
  if (row === undefined || row === null) return null;
  const v = getPath(r, path);
  return typeof v === 'number' ? { value: v, blank: false } : { value: 0, blank: true };
}

function pairChecks(prev: YearReport, cur: YearReport): CrossYearCheck[] {
  const checks: CrossYearCheck[] = [];
  const base = { agency: cur.agency!, previous: ref(prev), current: ref(cur) };
  for (const col of ApplicantColumns) {
    const pPath = `applications.carriedForward.${col}`;
    const cPath = `applications.carriedOver.${col}`;
    const p = cell(prev, pPath);
    const c = cell(cur, cPath);
    if (!p || !c) continue;
    const passed = p.value === c.value;
    checks.push({
      id: `crossYear.carriedOver:${col}`,
      passed,
      message: `${cur.year}年「上年结转」(${APPLICANT_LABELS[col]}) ${c.value} ${passed ? '=' : '≠'} ${prev.year}年「结转下年度继续办理」 ${p.value}`,
      ...base,
      paths: { previous: [pPath], current: [cPath] },
      expected: p.value,
      actual: c.value,
      ...(p.blank || c.blank ? { blanksAsZero: true } : {}),
    });
  }
  for (const [key, label] of [
    ['regulations', '规章'],
    ['normativeDocuments', '行政规范性文件'],
  ] as const) {
    // Only the 2021 template prints 现行有效件数 (制发/废止/现行有效).
    if (prev.template !== '2021' || cur.template !== '2021') continue;
    const was = cell(prev, `activeDisclosure.${key}.inForce`);
    const issued = cell(cur, `activeDisclosure.${key}.issued`);
    const repealed = cell(cur, `activeDisclosure.${key}.repealed`);
    const now = cell(cur, `activeDisclosure.${key}.inForce`);
    if (!was || !issued || !repealed || !now) continue;
    const expected = was.value + issued.value - repealed.value;
    const passed = expected === now.value;
    checks.push({
      id: `crossYear.inForce:${key}`,
      passed,
      message: `${label}: ${prev.year}年现行有效 ${was.value} + ${cur.year}年制发 ${issued.value} − 废止 ${repealed.value} = ${expected}, ${cur.year}年现行有效 ${now.value}${passed ? '' : ' (differs)'}`,
      ...base,
      paths: {
        previous: [`activeDisclosure.${key}.inForce`],
        current: [`activeDisclosure.${key}.issued`, `activeDisclosure.${key}.repealed`, `activeDisclosure.${key}.inForce`],
      },
      expected,
      actual: now.value,
      ...([was, issued, repealed, now].some((x) => x.blank) ? { blanksAsZero: true } : {}),
    });
  }
  return checks;
}
