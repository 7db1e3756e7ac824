// The series across years and templates: one row per agency (its series key) and year, with the
// indicators comparable across the 2008, 2019 and 2021 forms (src/templates/series.ts), each with
// the record paths it came from, whether the value or its row is flagged, and a break where the
// indicator's definition differs from the agency's previous row. docs/series.md explains them.
import { getPath } from '../schema/paths.js';
import type { Report } from '../schema/record.js';
import { SERIES_INDICATORS, type SeriesIndicator, type SeriesTemplate } from '../templates/index.js';

/** One indicator of one report. */
export interface SeriesValue {
  /** The value (sum of its source cells; null: not stated, printed blank, or not in this template). */
  value: number | null;
  /** The record paths it was read from (empty: the template does not report it). */
  source: string[];
  /** The definition of the template it came from (see docs/series.md); null where not reported. */
  definition: string | null;
  /** What it counts; a change of basis between an agency's rows is a break. */
  basis: string | null;
  /** Why the value (or its row or table) is flagged: failed checks and warnings; empty when not. */
  flags: string[];
  /** The basis differs from the agency's previous row in the series: the values do not compare as they are. */
  break: boolean;
}

export interface SeriesRow {
  /** The agency's series key: its alias key (--aliases), else the record's agencyKey. */
  key: string;
  agency: string | null;
  year: number;
  template: string | null;
  file: string | null;
  sha256: string;
  indicators: Record<string, SeriesValue>;
  /** Another report has the same key and year (both rows are kept; one of them is likely misnamed or a duplicate). */
  sameYear: number;
}

/** A map from printed agency name to series key (the --aliases file), or none. */
export type AliasMap = ReadonlyMap<string, string>;

/** The series key of a record: the alias of its printed name, else its agencyKey, else its name. */
export function seriesKey(r: Pick<Report, 'agency' | 'agencyKey'>, aliases?: AliasMap): string | null {
  if (r.agency && aliases?.has(r.agency)) return aliases.get(r.agency)!;
  return r.agencyKey ?? r.agency;
}

/**
 * Why the value at `path` or its row is flagged: failed checks covering a cell of its row (a table
 * cell's row; a legacy figure is its own), warnings naming it, its row or its table.
 */
function flagsOf(r: Report, path: string): string[] {
  const row = path.startsWith('legacy.') ? path : path.slice(0, path.lastIndexOf('.'));
  const inRow = (p: string) => p === path || p.startsWith(`${row}.`);
  const out: string[] = [];
  for (const c of r.checks) if (!c.passed && c.paths.some(inRow)) out.push(`check ${c.id}`);
  for (const w of r.warnings)
    if (w.path && (path === w.path || path.startsWith(`${w.path}.`))) out.push(`warning ${w.code} (${w.path})`);
  return out;
}

/** One indicator of one record, without its break (that needs the previous row). */
function valueOf(r: Report, ind: SeriesIndicator): Omit<SeriesValue, 'break'> {
  const src = r.template ? ind.sources[r.template as SeriesTemplate] : undefined;
  if (!src) return { value: null, source: [], definition: null, basis: null, flags: [] };
  const values = src.paths.map((p) => getPath(r, p));
  const numbers = values.filter((v): v is number => typeof v === 'number');
  // A table not read (null) or a row not printed leaves the value null; its warning flags it.
  const value = numbers.length ? Math.round(numbers.reduce((s, v) => s + v, 0) * 1e6) / 1e6 : null;
  const flags = [...new Set(src.paths.flatMap((p) => flagsOf(r, p)))];
  return { value, source: [...src.paths], definition: src.definition, basis: src.basis, flags };
}

/** A record's series row (breaks not yet marked), or null when its agency or year was not read. */
export function seriesRowOf(r: Report, aliases?: AliasMap): SeriesRow | null {
  const key = seriesKey(r, aliases);
  if (!key || r.year === null) return null;
  const indicators: Record<string, SeriesValue> = {};
  for (const ind of SERIES_INDICATORS) indicators[ind.key] = { ...valueOf(r, ind), break: false };
  return {
    key,
    agency: r.agency,
    year: r.year,
    template: r.template,
    file: r.source.path,
    sha256: r.source.sha256,
    indicators,
    sameYear: 0,
  };
}

/**
 * The series of `records`: one row per series key and year, sorted by key then year; rows without a
 * key or a year are left out (a report whose agency or year was not read cannot be placed). Each
 * indicator marks a break where its basis differs from the key's previous row (an earlier year, not
 * necessarily the one before). Pure; for the CLI's CSV/JSON, the workbook and `serve`'s chart.
 */
export function buildSeries(records: Iterable<Report>, aliases?: AliasMap): SeriesRow[] {
  const rows: SeriesRow[] = [];
  for (const r of records) {
    const row = seriesRowOf(r, aliases);
    if (row) rows.push(row);
  }
  return buildSeriesRows(rows);
}

/** Rows of seriesRowOf sorted by key and year, with `sameYear` and the breaks marked (in place). */
export function buildSeriesRows(rows: SeriesRow[]): SeriesRow[] {
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.year - b.year));
  const sameCount = new Map<string, number>();
  for (const row of rows)
    sameCount.set(`${row.key}\u0000${row.year}`, (sameCount.get(`${row.key}\u0000${row.year}`) ?? 0) + 1);
  // Sorted by key and year: the previous row of a key is the last one of an earlier year.
  let prev: SeriesRow | null = null;
  let lastOfEarlierYear: SeriesRow | null = null;
  for (const row of rows) {
    row.sameYear = sameCount.get(`${row.key}\u0000${row.year}`)! - 1;
    if (!prev || prev.key !== row.key) lastOfEarlierYear = null;
    else if (prev.year !== row.year) lastOfEarlierYear = prev;
    prev = row;
    if (!lastOfEarlierYear) continue;
    for (const ind of SERIES_INDICATORS) {
      row.indicators[ind.key].break = lastOfEarlierYear.indicators[ind.key].basis !== row.indicators[ind.key].basis;
    }
  }
  return rows;
}
