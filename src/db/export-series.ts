// `export --series` and `export --suggest-aliases`: the series across years and templates from the
// latest records of a database (corrections and aliases applied), or the names that may be aliases.
import { applyCorrections, type CorrectionInput } from '../corrections/index.js';
import { applyAliases, suggestAliases, type AliasSuggestion } from '../output/aliases.js';
import { buildSeriesRows, seriesRowOf, type AliasMap, type SeriesRow } from '../output/series.js';
import { openStore } from './store.js';

/** The series of a database's latest records (see buildSeries), with `corrections` and `aliases` applied. */
export async function exportSeries(
  db: string,
  corrections: readonly CorrectionInput[] = [],
  aliases?: AliasMap,
): Promise<SeriesRow[]> {
  const store = await openStore(db, { readonly: true });
  const rows: SeriesRow[] = [];
  try {
    for await (const stored of store.latestRecords()) {
      const row = seriesRowOf(applyAliases(applyCorrections(stored, corrections), aliases), aliases);
      if (row) rows.push(row);
    }
  } finally {
    await store.close();
  }
  return buildSeriesRows(rows);
}

/**
 * Printed names whose series key is another key with a prefix or suffix added: each such name with
 * the shorter key it may belong to (suggestAliases), for a person to confirm in an aliases file.
 */
export function aliasSuggestions(rows: readonly SeriesRow[]): Array<AliasSuggestion & { years: number[] }> {
  const names = new Map<string, Map<string, number[]>>();
  for (const r of rows) {
    if (!r.agency) continue;
    const byName = names.get(r.key) ?? new Map<string, number[]>();
    byName.set(r.agency, [...(byName.get(r.agency) ?? []), r.year]);
    names.set(r.key, byName);
  }
  return suggestAliases(names.keys()).flatMap((s) =>
    [...names.get(s.name)!].map(([name, years]) => ({
      name,
      key: s.key,
      differs: s.differs,
      years: [...new Set(years)].sort(),
    })),
  );
}
