// The series as CSV (UTF-8 with BOM, RFC 4180, formula-safe: csv.ts) and as JSON: one row per
// agency (series key) and year; per indicator its value, its source paths, its flags and its break.
import { SERIES_INDICATORS } from '../templates/index.js';
import { BOM, csvLine, type Field } from './csv.js';
import type { SeriesRow } from './series.js';

/**
 * The columns: the row's identity, then per indicator `<key>` (the value; empty where not stated or
 * not in the template), `<key>.source` (record paths joined by " + "), `<key>.flag` (why the value or
 * its row is flagged, "; "-separated; empty when not) and `<key>.break` (true where its definition
 * differs from the agency's previous row).
 */
export const SERIES_HEADER: string[] = [
  'key',
  'agency',
  'year',
  'template',
  'file',
  'sha256',
  'sameYear',
  ...SERIES_INDICATORS.flatMap((i) => [i.key, `${i.key}.source`, `${i.key}.flag`, `${i.key}.break`]),
];

/** One series row as CSV fields, in SERIES_HEADER's order. */
export function seriesFields(r: SeriesRow): Field[] {
  return [
    r.key,
    r.agency,
    r.year,
    r.template,
    r.file,
    r.sha256,
    r.sameYear,
    ...SERIES_INDICATORS.flatMap((i) => {
      const v = r.indicators[i.key];
      return [v.value, v.source.join(' + '), v.flags.join('; '), v.break];
    }),
  ];
}

/** The whole series as one CSV document. */
export const seriesCsv = (rows: SeriesRow[]): string =>
  BOM + csvLine(SERIES_HEADER) + rows.map((r) => csvLine(seriesFields(r))).join('');

/** The whole series as JSON: an array of rows (SeriesRow), one per line for diffs. */
export const seriesJson = (rows: SeriesRow[]): string =>
  rows.length ? `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n` : '[]\n';
