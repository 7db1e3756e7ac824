// Table 三 as a form prints it: numbered labels in their cells, group heads over their rows. Read by
// the review page and the sample generator, so both draw the same form.
import { APPLICATION_GROUPS, RESULTS_HEAD } from './applications.js';
import { applicationRows, groupHeadLabel, numbering, printedLabel } from './labels.js';

/** How a report prints other handling (「（六）」): as a group over its three 2021 rows, or as one row. */
export type OtherHandlingMode = 'split' | 'single';

/** A table 三 row with the text of its label cell (numbering included). */
export interface PrintedRow {
  /** Record path under `applications.`. */
  path: string;
  label: string;
}

/** A block of the results area: one row across both label columns, or a group head with sub-rows. */
export type ResultBlock = { kind: 'single'; row: PrintedRow } | { kind: 'group'; label: string; rows: PrintedRow[] };

/** Table 三's layout: rows above the results, the results head and blocks, rows below. */
export interface ApplicationsLayout {
  top: PrintedRow[];
  /** The text of the cell spanning every result row (the level-1 results head). */
  resultsHead: string;
  results: ResultBlock[];
  bottom: PrintedRow[];
}

const OTHER = `results.${APPLICATION_GROUPS.otherHandling.key}.`;

/** Table 三 as printed, with other handling (「（六）」) in `mode`. */
export function applicationsLayout(mode: OtherHandlingMode): ApplicationsLayout {
  const rows = applicationRows().filter((r) =>
    !r.path.startsWith(OTHER) ? true : mode === 'single' ? r.path === `${OTHER}total` : r.path !== `${OTHER}total`,
  );
  const isResult = (path: string) => path.startsWith('results.');
  const firstResult = rows.findIndex((r) => isResult(r.path));
  const lastResult = rows.length - 1 - [...rows].reverse().findIndex((r) => isResult(r.path));
  const results: ResultBlock[] = [];
  for (const r of rows.slice(firstResult, lastResult + 1)) {
    if (!r.group) {
      results.push({ kind: 'single', row: { path: r.path, label: printedLabel(r) } });
      continue;
    }
    const head = groupHeadLabel(r.group);
    const last = results[results.length - 1];
    const row = { path: r.path, label: printedLabel(r) };
    if (last?.kind === 'group' && last.label === head) last.rows.push(row);
    else results.push({ kind: 'group', label: head, rows: [row] });
  }
  const plain = (r: (typeof rows)[number]): PrintedRow => ({ path: r.path, label: printedLabel(r) });
  return {
    top: rows.slice(0, firstResult).map(plain),
    resultsHead: numbering(1, RESULTS_HEAD.index) + RESULTS_HEAD.label,
    results,
    bottom: rows.slice(lastResult + 1).map(plain),
  };
}

/** The result rows that add up to （七）总计, in print order (every result row but the total). */
export function resultLeafRows(mode: OtherHandlingMode): PrintedRow[] {
  return applicationsLayout(mode)
    .results.flatMap((b) => (b.kind === 'single' ? [b.row] : b.rows))
    .filter((r) => r.path !== 'results.total');
}

/** Every printed row of table 三 in print order. */
export function printedApplicationRows(mode: OtherHandlingMode): PrintedRow[] {
  const l = applicationsLayout(mode);
  return [...l.top, ...l.results.flatMap((b) => (b.kind === 'single' ? [b.row] : b.rows)), ...l.bottom];
}
