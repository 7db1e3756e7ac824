// Checks across consecutive years of one agency: what one report carries forward, the next must
// carry over; what was in force, plus issued, minus repealed, must be in force a year later.
import type { Report } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import {
  APPLICANT_COLUMNS,
  CROSS_YEAR_RELATIONS,
  applicationRow,
  columnName,
  isNationalTemplate,
  rowName,
} from '../templates/index.js';
import { agencyKey } from '../text/agency-key.js';

/** The parts of a report the cross-year checks read (kept small: a batch may hold thousands). */
export interface YearReport {
  sha256: string;
  path: string | null;
  agency: string | null;
  /** The record's agencyKey (an alias key where --aliases gave one); absent: from `agency`. */
  agencyKey?: string | null;
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
    agencyKey: r.agencyKey,
    year: r.year,
    title: r.title,
    template: r.template,
    activeDisclosure: r.activeDisclosure,
    applications: r.applications
      ? { carriedOver: r.applications.carriedOver, carriedForward: r.applications.carriedForward }
      : null,
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
  kind: 'crossYear';
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
    // The record's own key: the same as agencyKey(agency), or the alias it was given.
    const k = `${r.agencyKey ?? agencyKey(r.agency)}\u0000${r.year}`;
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
  for (const rel of CROSS_YEAR_RELATIONS) {
    if (rel.kind === 'carry') {
      const [pRow, cRow] = [rel.previous, rel.current].map((p) => applicationRow(p.slice('applications.'.length))!);
      for (const col of APPLICANT_COLUMNS) {
        const pPath = `${rel.previous}.${col}`;
        const cPath = `${rel.current}.${col}`;
        const p = cell(prev, pPath);
        const c = cell(cur, cPath);
        if (!p || !c) continue;
        const passed = p.value === c.value;
        checks.push({
          id: `${rel.id}:${col}`,
          kind: 'crossYear',
          passed,
          message: `${cur.year}年「${cRow.short ?? cRow.label}」(${columnName(col)}) ${c.value} ${passed ? '=' : '≠'} ${prev.year}年「${pRow.short ?? pRow.label}」 ${p.value}`,
          ...base,
          paths: { previous: [pPath], current: [cPath] },
          expected: p.value,
          actual: c.value,
          ...(p.blank || c.blank ? { blanksAsZero: true } : {}),
        });
      }
      continue;
    }
    if (!isNationalTemplate(prev.template) || !isNationalTemplate(cur.template)) continue;
    if (!rel.templates.includes(prev.template) || !rel.templates.includes(cur.template)) continue;
    for (const key of rel.items) {
      const at = (col: string) => `activeDisclosure.${key}.${col}`;
      const was = cell(prev, at(rel.stock));
      const added = cell(cur, at(rel.added));
      const removed = cell(cur, at(rel.removed));
      const now = cell(cur, at(rel.stock));
      if (!was || !added || !removed || !now) continue;
      const expected = was.value + added.value - removed.value;
      const passed = expected === now.value;
      checks.push({
        id: `${rel.id}:${key}`,
        kind: 'crossYear',
        passed,
        message: `${rowName(`activeDisclosure.${key}`, cur.template)}: ${prev.year}年现行有效 ${was.value} + ${cur.year}年制发 ${added.value} − 废止 ${removed.value} = ${expected}, ${cur.year}年现行有效 ${now.value}${passed ? '' : ' (differs)'}`,
        ...base,
        paths: { previous: [at(rel.stock)], current: [at(rel.added), at(rel.removed), at(rel.stock)] },
        expected,
        actual: now.value,
        ...([was, added, removed, now].some((x) => x.blank) ? { blanksAsZero: true } : {}),
      });
    }
  }
  return checks;
}
