// Table 三 (收到和处理政府信息公开申请情况): rows mapped to record paths by their labels, in order.
// The rows, their labels and variants are those of src/templates.
import type { Rule } from '../../extractors/types.js';
import { ApplicantColumns, type Applications, type ApplicantRow, type Template } from '../schema/record.js';
import { setPath } from '../schema/paths.js';
import { DEFAULT_SETTINGS, type TableSettings } from '../settings.js';
import { applicationRows, type ApplicationRowSpec } from '../templates/index.js';
import type { Line } from '../layout/lines.js';
import { coreLabel, similarity } from '../text/normalize.js';
import { learnCentres, numberedRows, placeValues, type TableRow } from './rows.js';
import { placeRows } from './placement.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

/** A template row with the wordings it is matched on (label, short name, variants; reduced by coreLabel). */
interface ExpectedRow extends ApplicationRowSpec {
  wanted: string[];
}

const expectedRows = (specs: readonly ApplicationRowSpec[]): ExpectedRow[] =>
  specs.map((r) => ({ ...r, wanted: [r.label, ...(r.short ? [r.short] : []), ...(r.variants ?? [])].map(coreLabel) }));

/** Every row the forms print (both templates), in print order, as the matcher sees them. */
const EXPECTED = expectedRows(applicationRows());

/**
 * The template rows whose distinctive words (`keywords`) are all in a printed label; a label that
 * holds the words of exactly one row names that row, however shortened.
 */
function keywordRow(core: string): ExpectedRow | null {
  const hits = EXPECTED.filter((e) => e.keywords?.length && e.keywords.every((w) => core.includes(w)));
  const paths = new Set(hits.map((e) => e.path));
  return paths.size === 1 ? hits[0] : null;
}

/** The best similarity of a printed label to the row's label or one of its variants (or its distinctive words). */
function labelSimilarity(row: TableRow, exp: ExpectedRow, tol: TableSettings): number {
  const core = coreLabel(row.label);
  // Trailing junk (a wrapped tail, a repeated header) must not hide a good prefix match.
  const score = (want: string) => Math.max(similarity(core, want), similarity(Array.from(core).slice(0, Array.from(want).length).join(''), want) - tol.prefixPenalty);
  const byWords = keywordRow(core) === exp ? tol.keywordSimilarity : 0;
  return Math.max(byWords, ...exp.wanted.map(score));
}

/** How well a printed row matches a template row; 0 where it cannot be that row. */
function matchScore(row: TableRow, exp: ExpectedRow, tol: TableSettings): number {
  const sim = labelSimilarity(row, exp, tol);
  if (sim < tol.labelMinSimilarity) return 0;
  return sim + numberingBonus(row, exp, tol);
}

/** What the printed numbering adds to a match: its depth and its number agreeing with the row's. */
const numberingBonus = (row: TableRow, exp: ExpectedRow, tol: TableSettings) =>
  (row.level === exp.level ? tol.levelBonus : 0) + (row.index === exp.index ? tol.indexBonus : 0);

/** Order-preserving best assignment of printed rows to template rows (like a sequence alignment). */
function align(rows: TableRow[], expected: ExpectedRow[], tol: TableSettings): Array<ExpectedRow | null> {
  const m = rows.length;
  const k = expected.length;
  const best: number[][] = Array.from({ length: m + 1 }, () => Array(k + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = k - 1; j >= 0; j--) {
      const s = matchScore(rows[i], expected[j], tol);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], s > 0 ? s + best[i + 1][j + 1] : 0);
    }
  }
  const out: Array<ExpectedRow | null> = Array(m).fill(null);
  let i = 0;
  let j = 0;
  while (i < m && j < k) {
    const s = matchScore(rows[i], expected[j], tol);
    if (s > 0 && best[i][j] === s + best[i + 1][j + 1]) {
      out[i] = expected[j];
      i++;
      j++;
    } else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return out;
}

/** Table 三 from the lines under its heading; `tol` are the table tolerances (src/settings.ts). */
export function parseApplications(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  template: Template | null,
  tol: TableSettings = DEFAULT_SETTINGS.tables,
): TableResult<Applications> {
  const c = new TableCollector();
  const rows = numberedRows(lines, tol);
  if (rows.length === 0) {
    c.warn('table-not-read', 'table 三: no numbered row of the table was found under its heading', { path: 'applications' });
    return c.result<Applications>(null);
  }
  const n = ApplicantColumns.length;
  const matched = align(rows, EXPECTED, tol);
  const centres = learnCentres(
    rows.filter((_, k) => matched[k]).map((r) => r.values),
    n,
  );
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  const expectedRows = EXPECTED.filter((e) => (template ? e.templates.includes(template) : e.templates.length === 2));
  // Each row's values in columns, once (they do not depend on which row it is).
  const placed = rows.map((row) => placeValues(row.values, n, { rules: row.line ? rulesByPage.get(row.line.page) : undefined, centres, tol }));
  const cellsOf = (k: number, base: string, sink: TableCollector): ApplicantRow => {
    const row = rows[k];
    const obj = {} as ApplicantRow;
    ApplicantColumns.forEach((col, ci) => {
      obj[col] = sink.value(`${base}.${col}`, placed[k].cells[ci], row.line ? { page: row.line.page, bbox: placed[k].boxes[ci] } : undefined);
    });
    return obj;
  };
  const scratch = new TableCollector();
  // Rows whose label is not sure are placed by the template's order and confirmed by the arithmetic.
  const placement = placeRows(
    rows.map((row, k) => ({
      matched: matched[k],
      sure: matched[k] !== null && labelSimilarity(row, matched[k]!, tol) >= tol.labelSureSimilarity,
      values: row.values.length > 0 ? cellsOf(k, 'scratch', scratch) : null,
    })),
    {
      expected: EXPECTED,
      allowed: (e) => (template ? e.templates.includes(template) : true),
      labelScore: (k, e) => labelSimilarity(rows[k], e, tol) + numberingBonus(rows[k], e, tol),
      maxCandidates: tol.placementMaxCandidates,
    },
  );
  rows.forEach((row, k) => {
    const exp = placement.assign[k];
    if (!exp) {
      if (row.values.length > 0) {
        c.warn('unmatched-row', `table 三: a row labelled 「${row.label}」 matches no template row; its values are ignored`, {
          page: row.line?.page,
          path: unmatchedPath(placement.assign, k, EXPECTED),
        });
      }
      return;
    }
    seen.add(exp.path);
    const base = `applications.${exp.path}`;
    const obj = cellsOf(k, base, c);
    const sim = labelSimilarity(row, exp, tol);
    if (!placement.confirmed[k]) {
      if (sim >= tol.labelMinSimilarity) {
        c.warn('label-uncertain', `table 三: 「${row.label}」 was read as 「${exp.label}」 (a loose match${placement.moved[k] ? ' the arithmetic does not confirm' : ''})`, {
          page: row.line?.page,
          path: base,
        });
      } else {
        c.warn('row-inferred', `table 三: a row labelled 「${row.label}」 was placed as 「${exp.label}」 by the template's order; the arithmetic does not confirm it`, {
          page: row.line?.page,
          path: base,
        });
      }
    } else if (!placement.moved[k] && sim < tol.labelSureSimilarity) {
      c.warn('label-uncertain', `table 三: 「${row.label}」 was read as 「${exp.label}」 (a loose match)`, { page: row.line?.page, path: base });
    }
    if (row.values.length === 0) {
      c.warn('blank-row', `table 三: row 「${row.label}」 has no values printed; all are null`, { path: base });
    }
    for (const t of row.stacked ?? []) {
      const ci = placed[k].cells.findIndex((v) => v !== null && t.bbox[0] < v.bbox[2] && v.bbox[0] < t.bbox[2]);
      const above = ci >= 0 ? placed[k].cells[ci]!.text : null;
      c.warn(
        'stacked-value',
        above
          ? `table 三: 「${t.text}」 is printed alone under 「${above}」 of row 「${row.label}」: a number wrapped in its cell (${above}${t.text}) or a row that lost its label; read as ${above}`
          : `table 三: 「${t.text}」 is printed alone under row 「${row.label}」 and was not read`,
        { page: t.page, path: ci >= 0 ? `${base}.${ApplicantColumns[ci]}` : base },
      );
    }
    reportPlacement(c, '三', row.label, row.values.length, n, placed[k].how, base, row.line?.page);
    setPath(data, exp.path, obj);
  });
  for (const exp of EXPECTED) {
    if (seen.has(exp.path)) continue;
    // （六） is printed as one row (total) or as its three sub-rows: the other form is not missing,
    // but a sub-row missing beside its printed siblings is.
    const isOther = (p: string) => p.startsWith('results.otherHandling.');
    const isOne = (p: string) => p === 'results.otherHandling.total';
    const printedElsewise = isOther(exp.path) && [...seen].some((p) => isOther(p) && isOne(p) !== isOne(exp.path));
    if (expectedRows.includes(exp) && !printedElsewise) {
      c.warn('missing-row', `table 三: row 「${exp.label}」 (applications.${exp.path}) was not found`, {
        path: `applications.${exp.path}`,
      });
    }
  }
  return c.result(data as Applications);
}

/**
 * The record path an unmatched row most likely is: the template rows left unmatched between its
 * matched neighbours (one row: its path; several: their common parent), else the whole table.
 */
function unmatchedPath(matched: Array<ExpectedRow | null>, k: number, expected: ExpectedRow[]): string {
  const before = matched.slice(0, k).filter((e): e is ExpectedRow => e !== null).pop();
  const after = matched.slice(k + 1).find((e): e is ExpectedRow => e !== null);
  const from = before ? expected.indexOf(before) + 1 : 0;
  const to = after ? expected.indexOf(after) : expected.length;
  const taken = new Set(matched.filter(Boolean));
  const gap = expected.slice(from, Math.max(from, to)).filter((e) => !taken.has(e)).map((e) => e.path);
  if (gap.length === 0) return 'applications';
  let common = gap[0].split('.');
  for (const p of gap.slice(1)) {
    const parts = p.split('.');
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.length ? `applications.${common.join('.')}` : 'applications';
}
