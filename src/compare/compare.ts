// Two reports of one agency, side by side: every table cell's change, the cross-year checks, the prose
// copied from last year, and the numbers both years' prose quote. Pairs for a batch: each agency's
// consecutive years, by agencyKey.
import { crossYearChecks, toYearReport } from '../crossyear/checks.js';
import { recordCells, type Cell } from '../output/cells.js';
import type { Report } from '../schema/record.js';
import { agencyKey } from '../text/agency-key.js';
import { proseReuse } from './reuse.js';
import { COMPARE_SCHEMA_VERSION, type CellChange, type Comparison } from './schema.js';

const ref = (r: Report) => ({
  path: r.source.path,
  sha256: r.source.sha256,
  agency: r.agency,
  year: r.year,
  template: r.template,
});
const keyOf = (r: Report) => r.agencyKey ?? (r.agency ? agencyKey(r.agency) : null);

function change(path: string, table: Cell['table'], p: Cell | undefined, c: Cell | undefined): CellChange {
  const side = (x: Cell | undefined) =>
    x ? { value: x.value, printed: x.printed, ...(x.corrected ? { corrected: true as const } : {}) } : null;
  const base = { path, table, previous: side(p), current: side(c), change: null, changePercent: null };
  if (!p) return { ...base, status: 'added' };
  if (!c) return { ...base, status: 'removed' };
  if (p.value === null && c.value === null) return { ...base, status: 'same' };
  if (p.value === null || c.value === null) {
    const other = p.value ?? c.value;
    return { ...base, status: other === 0 ? 'blankVsZero' : p.value === null ? 'blankToNumber' : 'numberToBlank' };
  }
  const d = Math.round((c.value - p.value) * 1e6) / 1e6;
  return {
    ...base,
    status: d === 0 ? 'same' : 'changed',
    change: d,
    changePercent: p.value === 0 ? null : Math.round((d / p.value) * 10000) / 100,
  };
}

/** Compare `current` with `previous` (normally the year before). */
export function compareReports(previous: Report, current: Report): Comparison {
  const pCells = new Map(recordCells(previous).map((c) => [c.path, c]));
  const cCells = new Map(recordCells(current).map((c) => [c.path, c]));
  const paths = [...cCells.keys(), ...[...pCells.keys()].filter((p) => !cCells.has(p))];
  const cells = paths.map((p) => change(p, (cCells.get(p) ?? pCells.get(p))!.table, pCells.get(p), cCells.get(p)));
  const crossYear = crossYearChecks([toYearReport(previous), toYearReport(current)])
    .filter((c) => c.previous.sha256 === previous.source.sha256 && c.current.sha256 === current.source.sha256)
    .map((c) => ({
      id: c.id,
      passed: c.passed,
      message: c.message,
      paths: c.paths,
      expected: c.expected,
      actual: c.actual,
      ...(c.blanksAsZero ? { blanksAsZero: true } : {}),
    }));
  const quoted = (r: Report) =>
    new Map(
      r.checks
        .filter((c) => c.kind === 'textTable' && c.prose && c.actual !== undefined)
        .map((c) => [c.id, { value: c.actual!, text: c.prose!.text, section: c.prose!.section }]),
    );
  const pq = quoted(previous);
  const cq = quoted(current);
  const ids = [...cq.keys(), ...[...pq.keys()].filter((k) => !cq.has(k))];
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    agencyKey: keyOf(current) ?? keyOf(previous),
    previous: ref(previous),
    current: ref(current),
    cells,
    crossYear,
    prose: proseReuse(previous, current),
    quotedNumbers: ids.map((id) => ({ id, previous: pq.get(id) ?? null, current: cq.get(id) ?? null })),
  };
}

/** Each agency's consecutive years (by agencyKey), oldest first; the same content twice is one report. */
export function pairConsecutive(records: Report[]): Array<[Report, Report]> {
  const byKey = new Map<string, Map<number, Report>>();
  for (const r of records) {
    const k = keyOf(r);
    if (!k || r.year === null) continue;
    const years = byKey.get(k) ?? new Map<number, Report>();
    if (!years.has(r.year)) years.set(r.year, r);
    byKey.set(k, years);
  }
  const pairs: Array<[Report, Report]> = [];
  for (const k of [...byKey.keys()].sort()) {
    const years = byKey.get(k)!;
    for (const y of [...years.keys()].sort((a, b) => a - b)) {
      const prev = years.get(y - 1);
      if (prev) pairs.push([prev, years.get(y)!]);
    }
  }
  return pairs;
}
