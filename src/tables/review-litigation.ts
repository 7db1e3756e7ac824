// Table 四 (行政复议、行政诉讼): one row of fifteen numbers — 复议, 直接起诉, 复议后起诉, five each.
import type { Rule } from '../../extractors/types.js';
import type { ReviewLitigation } from '../schema/record.js';
import { REVIEW_COLUMN_SPECS, REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_HEADING } from '../templates/index.js';
import type { Line, Token } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { parseCell } from '../text/values.js';
import { placeValues, splitLine } from './rows.js';
import { DEFAULT_SETTINGS, type TableSettings } from '../settings.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

const N = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
/** The table's header starts with its first group's head or its first column's. */
const HEADER_START = [REVIEW_HEADING, REVIEW_COLUMN_SPECS[0].heading];
/** A word of the column headings (「结果维持」 …, often wrapped as 「结果」 over 「维持」). */
const HEADING_CHARS = [...new Set(REVIEW_COLUMN_SPECS.flatMap((c) => Array.from(c.heading)))].join('');
const HEADING_WORD = new RegExp(`^[${HEADING_CHARS}]{2,4}$`, 'u');

/**
 * Table 四 within `lines`; `tableLines` are the lines it occupies (header and values). Under its
 * header a sparse values line (few cells printed, the rest blank) will do: it is placed by the
 * ruling lines or by the x of the fifteen column headings. A header with no value at all under it
 * gives every cell null, flagged, and `blank: true`.
 */
export function parseReviewLitigation(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  tol: TableSettings = DEFAULT_SETTINGS.tables,
): TableResult<ReviewLitigation> & { tableLines: Line[]; blank?: boolean } {
  const c = new TableCollector();
  const headerAt = lines.findIndex((l) => HEADER_START.some((h) => squash(l.text).startsWith(h)));
  // The values line: the one with the most values and (almost) no label; under the header, one value will do.
  let best: { line: Line; count: number } | null = null;
  // A short misread word among the values (OCR read a thin 「1」 as 「目」) is a cell, not a label
  // that would disqualify the whole line (splitLine with `tol`, as table 三's rows).
  lines.forEach((line, k) => {
    const { label, values } = splitLine(line, tol);
    const min = headerAt >= 0 && k > headerAt ? tol.reviewSparseMinValues : tol.reviewMinValues;
    if (values.length >= min && label.length <= tol.reviewMaxLabelTokens && (!best || values.length > best.count))
      best = { line, count: values.length };
  });
  const found = best as { line: Line; count: number } | null;
  if (!found) {
    if (headerAt < 0) return { ...c.result(null), tableLines: [] };
    c.warn('blank-row', 'table 四: its header is printed but no value under it; all cells are null', {
      page: lines[headerAt].page,
      path: 'reviewLitigation',
    });
    return { ...c.result(emptyTable()), tableLines: lines.slice(headerAt, headerAt + 1), blank: true };
  }
  warnRivals(c, lines, found, tol);
  const valuesAt = lines.indexOf(found.line);
  const start = headerAt >= 0 && headerAt < valuesAt ? headerAt : valuesAt;
  const tableLines = lines.slice(start, valuesAt + 1);
  const values = splitLine(found.line, tol).values;
  const centres = values.length < N ? headingCentres(lines.slice(start, valuesAt)) : null;
  const placed = placeValues(values, N, { rules: rulesByPage.get(found.line.page), centres, tol });
  reportPlacement(c, '四', '', found.count, N, placed.how, 'reviewLitigation', found.line.page);
  const pathAt = (at: number) =>
    `reviewLitigation.${REVIEW_GROUPS[Math.floor(at / REVIEW_COLUMNS.length)]}.${REVIEW_COLUMNS[at % REVIEW_COLUMNS.length]}`;
  placed.cells.forEach((t, at) => {
    if (t && parseCell(t.text) === null) {
      c.warn('cell-unreadable', `table 四: 「${t.text}」 stands among its numbers: a misread cell, read as no number`, {
        page: t.page,
        path: pathAt(at),
      });
    }
  });
  const data = {} as ReviewLitigation;
  REVIEW_GROUPS.forEach((group, g) => {
    const obj = {} as NonNullable<ReviewLitigation['review']>;
    REVIEW_COLUMNS.forEach((col, k) => {
      const at = g * REVIEW_COLUMNS.length + k;
      obj[col] = c.value(pathAt(at), placed.cells[at], { page: found.line.page, bbox: placed.boxes[at] });
    });
    data[group] = obj;
  });
  return { ...c.result(data), tableLines };
}

/**
 * Another line printing as many values as the one read (two candidate value rows: a rule drawn in
 * text, a table printed twice, rows torn apart): which one is table 四 is a guess, so its cells are flagged.
 */
function warnRivals(c: TableCollector, lines: Line[], found: { line: Line; count: number }, tol: TableSettings): void {
  const rivals = lines.filter((line) => {
    if (line === found.line) return false;
    const { label, values } = splitLine(line, tol);
    return values.length >= Math.max(found.count, tol.reviewMinValues) && label.length <= tol.reviewMaxLabelTokens;
  });
  if (rivals.length === 0) return;
  const shown = (l: Line) => `「${l.text.length > 60 ? l.text.slice(0, 60) + '…' : l.text}」`;
  c.warn(
    'unmatched-row',
    `table 四: ${rivals.length + 1} lines print ${found.count} values each; read ${shown(found.line)}, ` +
      `ignored ${rivals.map(shown).join(', ')}: which one is the table is a guess`,
    { page: found.line.page, path: 'reviewLitigation' },
  );
}

function emptyTable(): ReviewLitigation {
  const group = () => ({ upheld: null, corrected: null, other: null, pending: null, total: null });
  return { review: group(), litigationDirect: group(), litigationAfterReview: group() };
}

const cx = (t: Token) => (t.bbox[0] + t.bbox[2]) / 2;

/**
 * The x of each of the fifteen columns from their headings: heading words (wrapped ones too) that
 * stand at one x are one column. Null unless exactly fifteen columns come out.
 */
function headingCentres(header: Line[]): number[] | null {
  const words = header.flatMap((l) => l.tokens).filter((t) => HEADING_WORD.test(t.text));
  if (words.length < N) return null;
  const width = Math.min(...words.map((t) => t.bbox[2] - t.bbox[0]));
  const xs = words.map(cx).sort((a, b) => a - b);
  const columns: number[][] = [];
  for (const x of xs) {
    const last = columns[columns.length - 1];
    if (last && x - last[last.length - 1] < width * 0.5) last.push(x);
    else columns.push([x]);
  }
  if (columns.length !== N) return null;
  return columns.map((col) => col.reduce((a, b) => a + b, 0) / col.length);
}
