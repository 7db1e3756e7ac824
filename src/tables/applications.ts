// Table 三 (收到和处理政府信息公开申请情况): rows mapped to record paths by their labels, in order.
// The rows, their labels and variants are those of src/templates.
import type { Rule } from '../../extractors/types.js';
import { ApplicantColumns, type Applications, type ApplicantRow } from '../schema/record.js';
import type { TemplateId as Template } from '../templates/index.js';
import { setPath } from '../schema/paths.js';
import { DEFAULT_SETTINGS, type TableSettings } from '../settings.js';
import { APPLICATION_GROUPS, applicationRows, type ApplicationRowSpec } from '../templates/index.js';
import type { Line } from '../layout/lines.js';
import { coreLabel, similarity } from '../text/normalize.js';
import { parseCell } from '../text/values.js';
import { checkApplications } from '../checks/arithmetic.js';
import { learnCentres, numberedRows, placeValues, type TableRow } from './rows.js';
import { placeRows } from './placement.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

/** A template row with the wordings it is matched on (label, short name, variants; reduced by coreLabel), and their lengths in characters. */
interface ExpectedRow extends ApplicationRowSpec {
  wanted: string[];
  wantedLengths: number[];
}

const expectedRows = (specs: readonly ApplicationRowSpec[]): ExpectedRow[] =>
  specs.map((r) => {
    const wanted = [r.label, ...(r.short ? [r.short] : []), ...(r.variants ?? [])].map(coreLabel);
    return { ...r, wanted, wantedLengths: wanted.map((w) => Array.from(w).length) };
  });

/** Every row the forms print (both templates), in print order, as the matcher sees them. */
const EXPECTED = expectedRows(applicationRows());
const EXPECTED_INDEX = new Map(EXPECTED.map((e, j) => [e, j]));

/**
 * The template row whose distinctive words (`keywords`) are all in a printed label, if exactly one
 * row's are: it names that row, however shortened.
 */
function keywordRow(core: string): ExpectedRow | null {
  const hits = EXPECTED.filter((e) => e.keywords?.length && e.keywords.every((w) => core.includes(w)));
  return new Set(hits.map((e) => e.path)).size === 1 ? hits[0] : null;
}

/**
 * The best similarity of every printed label to every template row's label or one of its variants
 * (or its distinctive words): [row][template row], computed once per table — the alignment, the
 * placement and the warnings all read it.
 */
function labelSimilarities(rows: TableRow[], tol: TableSettings): number[][] {
  return rows.map((row) => {
    const core = coreLabel(row.label);
    const chars = Array.from(core);
    const byWords = keywordRow(core);
    // Trailing junk (a wrapped tail, a repeated header) must not hide a good prefix match.
    const score = (want: string, length: number) =>
      Math.max(similarity(core, want), similarity(chars.slice(0, length).join(''), want) - tol.prefixPenalty);
    return EXPECTED.map((exp) =>
      Math.max(
        byWords === exp ? tol.keywordSimilarity : 0,
        ...exp.wanted.map((w, i) => score(w, exp.wantedLengths[i])),
      ),
    );
  });
}

/** What the printed numbering adds to a match: its depth and its number agreeing with the row's. */
const numberingBonus = (row: TableRow, exp: ExpectedRow, tol: TableSettings) =>
  (row.level === exp.level ? tol.levelBonus : 0) + (row.index === exp.index ? tol.indexBonus : 0);

/** How well printed row `i` matches template row `j`; 0 where it cannot be that row. */
function matchScore(rows: TableRow[], sims: number[][], i: number, j: number, tol: TableSettings): number {
  const sim = sims[i][j];
  if (sim < tol.labelMinSimilarity) return 0;
  return sim + numberingBonus(rows[i], EXPECTED[j], tol);
}

/** Order-preserving best assignment of printed rows to template rows (like a sequence alignment). */
function align(rows: TableRow[], sims: number[][], tol: TableSettings): Array<ExpectedRow | null> {
  const m = rows.length;
  const k = EXPECTED.length;
  const scores = rows.map((_, i) => EXPECTED.map((_, j) => matchScore(rows, sims, i, j, tol)));
  const best: number[][] = Array.from({ length: m + 1 }, () => Array(k + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = k - 1; j >= 0; j--) {
      const s = scores[i][j];
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], s > 0 ? s + best[i + 1][j + 1] : 0);
    }
  }
  const out: Array<ExpectedRow | null> = Array(m).fill(null);
  let i = 0;
  let j = 0;
  while (i < m && j < k) {
    const s = scores[i][j];
    if (s > 0 && best[i][j] === s + best[i + 1][j + 1]) {
      out[i] = EXPECTED[j];
      i++;
      j++;
    } else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return out;
}

/**
 * Table 三 from the lines under its heading; `tol` are the table tolerances (src/settings.ts).
 * Numbered rows are aligned with the template's rows, each row's values placed in the six
 * applicant columns (by the rules, else by column centres learnt from the matched rows); rows whose
 * label is not sure are placed by the template's order and the arithmetic (placement.ts), and
 * every row not read or not confirmed is warned by path.
 */
export function parseApplications(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  template: Template | null,
  tol: TableSettings = DEFAULT_SETTINGS.tables,
): TableResult<Applications> {
  const c = new TableCollector();
  const rows = numberedRows(lines, tol);
  if (rows.length === 0) {
    c.warn('table-not-read', 'table 三: no numbered row of the table was found under its heading', {
      path: 'applications',
    });
    return c.result<Applications>(null);
  }
  const sims = labelSimilarities(rows, tol);
  const simOf = (k: number, exp: ExpectedRow) => sims[k][EXPECTED_INDEX.get(exp)!];
  const matched = align(rows, sims, tol);
  const centres = learnCentres(
    rows.filter((_, k) => matched[k]).map((r) => r.values),
    ApplicantColumns.length,
  );
  // Each row's values in columns, once (they do not depend on which row it is).
  const placed = rows.map((row) =>
    placeValues(row.values, ApplicantColumns.length, {
      rules: row.line ? rulesByPage.get(row.line.page) : undefined,
      centres,
      tol,
    }),
  );
  const placement = placeUnsure(rows, matched, placed, template, simOf, tol);
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  rows.forEach((row, k) => {
    const exp = placement.assign[k];
    if (!exp) return warnUnmatched(c, row, placement.assign, k);
    seen.add(exp.path);
    setPath(data, exp.path, readRow(c, row, exp, placed[k]));
    warnPlacement(c, row, exp, simOf(k, exp), placement.confirmed[k], tol);
  });
  warnMissingRows(c, seen, template);
  warnTornPairing(c, rows, placement.assign, data as Applications);
  return c.result(data as Applications);
}

type Placed = ReturnType<typeof placeValues>;

/** A row's cells as values (provenance into `c` under `base`). */
function cellsOf(c: TableCollector, row: TableRow, placed: Placed, base: string): ApplicantRow {
  const obj = {} as ApplicantRow;
  ApplicantColumns.forEach((col, ci) => {
    obj[col] = c.value(
      `${base}.${col}`,
      placed.cells[ci],
      row.line ? { page: row.line.page, bbox: placed.boxes[ci] } : undefined,
    );
  });
  return obj;
}

/** Rows whose label is not sure, placed by the template's order and confirmed by the arithmetic. */
function placeUnsure(
  rows: TableRow[],
  matched: Array<ExpectedRow | null>,
  placed: Placed[],
  template: Template | null,
  simOf: (k: number, exp: ExpectedRow) => number,
  tol: TableSettings,
) {
  const scratch = new TableCollector();
  return placeRows(
    rows.map((row, k) => ({
      matched: matched[k],
      sure: matched[k] !== null && simOf(k, matched[k]!) >= tol.labelSureSimilarity,
      values: row.values.length > 0 ? cellsOf(scratch, row, placed[k], 'scratch') : null,
    })),
    {
      expected: EXPECTED,
      allowed: (e) => (template ? e.templates.includes(template) : true),
      labelScore: (k, e) => simOf(k, e) + numberingBonus(rows[k], e, tol),
      maxCandidates: tol.placementMaxCandidates,
    },
  );
}

/** A row that matches no template row: its values are ignored, and said so when it has any. */
function warnUnmatched(c: TableCollector, row: TableRow, matched: Array<ExpectedRow | null>, k: number): void {
  if (row.values.length === 0) return;
  c.warn('unmatched-row', `table 三: a row labelled 「${row.label}」 matches no template row; its values are ignored`, {
    page: row.line?.page,
    path: unmatchedPath(matched, k, EXPECTED),
  });
}

/** One row's six cells (values placed in columns, with provenance), warning a blank row, a guessed placement, digits stacked under it. */
function readRow(c: TableCollector, row: TableRow, exp: ExpectedRow, placed: Placed): ApplicantRow {
  const base = `applications.${exp.path}`;
  const obj = cellsOf(c, row, placed, base);
  if (row.values.length === 0) {
    c.warn('blank-row', `table 三: row 「${row.label}」 has no values printed; all are null`, { path: base });
  }
  warnStacked(c, row, placed, base);
  placed.cells.forEach((t, ci) => {
    if (t && parseCell(t.text) === null) {
      c.warn(
        'cell-unreadable',
        `table 三: 「${t.text}」 stands among the numbers of row 「${row.label}」: a misread cell, read as no number`,
        { page: t.page, path: `${base}.${ApplicantColumns[ci]}` },
      );
    }
  });
  reportPlacement(c, '三', row.label, row.values.length, ApplicantColumns.length, placed.how, base, row.line?.page);
  return obj;
}

/**
 * A row placed where its label does not surely say: a loose label (label-uncertain) or none
 * (row-inferred) placed by order, unless the arithmetic confirmed the placement.
 */
function warnPlacement(
  c: TableCollector,
  row: TableRow,
  exp: ExpectedRow,
  sim: number,
  confirmed: boolean,
  tol: TableSettings,
): void {
  // A label that names its row surely, confirmed, needs no word; any other placement is flagged,
  // confirmed by the arithmetic or not (a loose match or an inferred row is a warning).
  if (confirmed && sim >= tol.labelSureSimilarity) return;
  const where = { page: row.line?.page, path: `applications.${exp.path}` };
  if (sim >= tol.labelMinSimilarity) {
    const how = confirmed
      ? 'a loose match, confirmed by the arithmetic'
      : 'a loose match the arithmetic does not confirm';
    c.warn('label-uncertain', `table 三: 「${row.label}」 was read as 「${exp.label}」 (${how})`, where);
  } else {
    const how = confirmed ? 'the arithmetic confirms it' : 'the arithmetic does not confirm it';
    c.warn(
      'row-inferred',
      `table 三: a row labelled 「${row.label}」 was placed as 「${exp.label}」 by the template's order; ${how}`,
      where,
    );
  }
}

/**
 * Rows whose label and values were printed apart and paired by their order (a torn table, see
 * torn-runs.ts): kept where every relation over the row holds, else warned — the pairing may be off.
 */
function warnTornPairing(
  c: TableCollector,
  rows: TableRow[],
  assign: Array<ExpectedRow | null>,
  data: Applications,
): void {
  if (!rows.some((r) => r.torn && r.label)) return;
  const failed = checkApplications(data).filter((x) => !x.passed);
  rows.forEach((row, k) => {
    const exp = assign[k];
    if (!row.torn || !row.label || !exp) return;
    const base = `applications.${exp.path}`;
    if (!failed.some((x) => x.paths.some((p) => p.startsWith(`${base}.`)))) return;
    c.warn(
      'row-inferred',
      `table 三: the values of 「${row.label}」 were printed apart from it (a torn table) and paired with it by their order; the arithmetic does not confirm the pairing`,
      {
        page: row.line?.page,
        path: base,
      },
    );
  });
}

/** Values printed alone under a row's values (a number wrapped in a narrow unruled cell, or a row that lost its label): named by the cell they sit under. */
function warnStacked(c: TableCollector, row: TableRow, placed: Placed, base: string): void {
  for (const t of row.stacked ?? []) {
    const ci = placed.cells.findIndex((v) => v !== null && t.bbox[0] < v.bbox[2] && v.bbox[0] < t.bbox[2]);
    const above = ci >= 0 ? placed.cells[ci]!.text : null;
    c.warn(
      'stacked-value',
      above
        ? `table 三: 「${t.text}」 is printed alone under 「${above}」 of row 「${row.label}」: a number wrapped in its cell (${above}${t.text}) or a row that lost its label; read as ${above}`
        : `table 三: 「${t.text}」 is printed alone under row 「${row.label}」 and was not read`,
      { page: t.page, path: ci >= 0 ? `${base}.${ApplicantColumns[ci]}` : base },
    );
  }
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
  // The form unknown, （六） read in neither of its forms: each form is one template's, so neither was
  // warned above, and the group would be missing with no warning (found by fuzzing damaged scans).
  if (!template && ![...seen].some((p) => p.startsWith(`${OTHER_GROUP}.`))) {
    c.warn(
      'missing-row',
      `table 三: row 「${OTHER_GROUP_LABEL}」 (applications.${OTHER_GROUP}), printed as one row or as three, was not found`,
      {
        path: `applications.${OTHER_GROUP}`,
      },
    );
  }
}

const OTHER_GROUP = `results.${APPLICATION_GROUPS.otherHandling.key}`;
const OTHER_GROUP_LABEL = APPLICATION_GROUPS.otherHandling.label;

/**
 * The record path an unmatched row most likely is: the template rows left unmatched between its
 * matched neighbours (one row: its path; several: their common parent), else the whole table.
 */
function unmatchedPath(matched: Array<ExpectedRow | null>, k: number, expected: ExpectedRow[]): string {
  const before = matched
    .slice(0, k)
    .filter((e): e is ExpectedRow => e !== null)
    .pop();
  const after = matched.slice(k + 1).find((e): e is ExpectedRow => e !== null);
  const from = before ? expected.indexOf(before) + 1 : 0;
  const to = after ? expected.indexOf(after) : expected.length;
  const taken = new Set(matched.filter(Boolean));
  const gap = expected
    .slice(from, Math.max(from, to))
    .filter((e) => !taken.has(e))
    .map((e) => e.path);
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
