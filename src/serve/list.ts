// The list of reports: filters (flagged only, agency, year, template, format, free text) over the
// stored summaries, the counts a reader wants beside them, and one page of rows.
import type { ReportSummary } from '../db/list.js';
import { NianbaoError } from '../errors.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './options.js';

export interface ListQuery {
  flagged: boolean;
  /** Part of the agency's name. */
  agency: string | null;
  year: number | null;
  template: string | null;
  format: string | null;
  /** Part of the title, agency or file path. */
  q: string | null;
  offset: number;
  limit: number;
}

const text = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

function whole(v: string | undefined, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > max)
    throw new NianbaoError('USAGE', `${name} takes a whole number 0–${max}, not 「${v}」`);
  return n;
}

/** The query of a list request (URL parameters). Throws a USAGE NianbaoError for a bad number. */
export function parseListQuery(p: Record<string, string | undefined>): ListQuery {
  const year = text(p.year);
  return {
    flagged: p.flagged === '1' || p.flagged === 'true',
    agency: text(p.agency),
    year: year === null ? null : whole(year, 'year', 0, 9999),
    template: text(p.template),
    format: text(p.format),
    q: text(p.q),
    offset: whole(p.offset, 'offset', 0),
    limit: Math.max(1, whole(p.limit, 'limit', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)),
  };
}

/** The summaries the query's filters keep (not paged), in their order. */
export function selectSummaries(rows: readonly ReportSummary[], q: ListQuery): ReportSummary[] {
  const needle = q.q?.toLowerCase() ?? null;
  return rows.filter(
    (r) =>
      (!q.flagged || r.flagged) &&
      (q.agency === null || (r.agency ?? '').includes(q.agency)) &&
      (q.year === null || r.year === q.year) &&
      (q.template === null || (r.template ?? 'unknown') === q.template) &&
      (q.format === null || (r.format ?? 'unknown') === q.format) &&
      (needle === null || [r.title, r.agency, r.path].some((s) => (s ?? '').toLowerCase().includes(needle))),
  );
}

function countBy(rows: readonly ReportSummary[], key: (r: ReportSummary) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[key(r)] = (out[key(r)] ?? 0) + 1;
  return out;
}

/** The answer of GET /api/reports: counts of all reports and of the selection, and one page of it. */
export function listAnswer(rows: readonly ReportSummary[], q: ListQuery) {
  const picked = selectSummaries(rows, q);
  return {
    total: rows.length,
    flagged: rows.filter((r) => r.flagged).length,
    matched: picked.length,
    matchedFlagged: picked.filter((r) => r.flagged).length,
    counts: {
      year: countBy(rows, (r) => String(r.year ?? 'unknown')),
      template: countBy(rows, (r) => r.template ?? 'unknown'),
      format: countBy(rows, (r) => r.format ?? 'unknown'),
    },
    agencies: [...new Set(rows.flatMap((r) => (r.agency ? [r.agency] : [])))],
    offset: q.offset,
    limit: q.limit,
    rows: picked.slice(q.offset, q.offset + q.limit),
  };
}
