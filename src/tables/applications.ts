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
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

/** A template row with the wordings it is matched on (label, short name, variants; reduced by coreLabel). */
interface ExpectedRow extends ApplicationRowSpec {
  wanted: string[];
}

const expectedRows = (specs: readonly ApplicationRowSpec[]): ExpectedRow[] =>
  specs.map((r) => ({ ...r, wanted: [r.label, ...(r.short ? [r.short] : []), ...(r.variants ?? [])].map(coreLabel) }));

/** Every row the forms print (both templates), in print order, as the matcher sees them. */
const EXPECTED = expectedRows(applicationRows());

/** The best similarity of a printed label to the row's label or one of its variants. */
function labelSimilarity(row: TableRow, exp: ExpectedRow, tol: TableSettings): number {
  const core = coreLabel(row.label);
  // Trailing junk (a wrapped tail, a repeated header) must not hide a good prefix match.
  const score = (want: string) => Math.max(similarity(core, want), similarity(Array.from(core).slice(0, Array.from(want).length).join(''), want) - tol.prefixPenalty);
  return Math.max(...exp.wanted.map(score));
}

/** How well a printed row matches a template row; 0 where it cannot be that row. */
function matchScore(row: TableRow, exp: ExpectedRow, tol: TableSettings): number {
  const sim = labelSimilarity(row, exp, tol);
  if (sim < tol.labelMinSimilarity) return 0;
  return sim + (row.level === exp.level ? tol.levelBonus : 0) + (row.index === exp.index ? tol.indexBonus : 0);
}

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

/**
 * Table 三 from the lines under its heading; `tol` are the table tolerances (src/settings.ts).
 * Numbered rows are aligned with the template's rows, each matched row's values placed in the six
 * applicant columns (by the rules, else by column centres learnt from the matched rows), and every
 * row not read is warned by path.
 */
export function parseApplications(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  template: Template | null,
  tol: TableSettings = DEFAULT_SETTINGS.tables,
): TableResult<Applications> {
  const c = new TableCollector();
  const rows = numberedRows(lines);
  if (rows.length === 0) {
    c.warn('table-not-read', 'table 三: no numbered row of the table was found under its heading', { path: 'applications' });
    return c.result<Applications>(null);
  }
  const matched = align(rows, EXPECTED, tol);
  const centres = learnCentres(
    rows.filter((_, k) => matched[k]).map((r) => r.values),
    ApplicantColumns.length,
  );
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  rows.forEach((row, k) => {
    const exp = matched[k];
    if (!exp) return warnUnmatched(c, row, matched, k);
    seen.add(exp.path);
    setPath(data, exp.path, readRow(c, row, exp, { rules: row.line ? rulesByPage.get(row.line.page) : undefined, centres, tol }));
  });
  warnMissingRows(c, seen, template);
  return c.result(data as Applications);
}

/** A row that matches no template row: its values are ignored, and said so when it has any. */
function warnUnmatched(c: TableCollector, row: TableRow, matched: Array<ExpectedRow | null>, k: number): void {
  if (row.values.length === 0) return;
  c.warn('unmatched-row', `table 三: a row labelled 「${row.label}」 matches no template row; its values are ignored`, {
    page: row.line?.page,
    path: unmatchedPath(matched, k, EXPECTED),
  });
}

/** One matched row's six cells (values placed in columns, with provenance), warning a loose label, a blank row, a guessed placement. */
function readRow(c: TableCollector, row: TableRow, exp: ExpectedRow, where: Parameters<typeof placeValues>[2] & { tol: TableSettings }): ApplicantRow {
  const n = ApplicantColumns.length;
  const base = `applications.${exp.path}`;
  const placed = placeValues(row.values, n, where);
  const obj = {} as ApplicantRow;
  ApplicantColumns.forEach((col, ci) => {
    obj[col] = c.value(`${base}.${col}`, placed.cells[ci], row.line ? { page: row.line.page, bbox: placed.boxes[ci] } : undefined);
  });
  if (labelSimilarity(row, exp, where.tol) < where.tol.labelSureSimilarity) {
    c.warn('label-uncertain', `table 三: 「${row.label}」 was read as 「${exp.label}」 (a loose match)`, {
      page: row.line?.page,
      path: base,
    });
  }
  if (row.values.length === 0) {
    c.warn('blank-row', `table 三: row 「${row.label}」 has no values printed; all are null`, { path: base });
  }
  reportPlacement(c, '三', row.label, row.values.length, n, placed.how, base, row.line?.page);
  return obj;
}

/**
 * A row the template prints (both templates', when it is unknown) that was not read. （六） is
 * printed as one row (total) or as its three sub-rows: the other form is not missing, but a sub-row
 * missing beside its printed siblings is.
 */
function warnMissingRows(c: TableCollector, seen: Set<string>, template: Template | null): void {
  const expectedRows = EXPECTED.filter((e) => (template ? e.templates.includes(template) : e.templates.length === 2));
  for (const exp of EXPECTED) {
    if (seen.has(exp.path)) continue;
    const isOther = (p: string) => p.startsWith('results.otherHandling.');
    const isOne = (p: string) => p === 'results.otherHandling.total';
    const printedElsewise = isOther(exp.path) && [...seen].some((p) => isOther(p) && isOne(p) !== isOne(exp.path));
    if (expectedRows.includes(exp) && !printedElsewise) {
      c.warn('missing-row', `table 三: row 「${exp.label}」 (applications.${exp.path}) was not found`, {
        path: `applications.${exp.path}`,
      });
    }
  }
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
