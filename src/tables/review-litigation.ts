// Table 四 (行政复议、行政诉讼): one row of fifteen numbers — 复议, 直接起诉, 复议后起诉, five each.
import type { Rule } from '../../extractors/types.js';
import { ReviewColumns, type ReviewLitigation } from '../schema/record.js';
import type { Line, Token } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { placeValues, splitLine } from './rows.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

const GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
const N = GROUPS.length * ReviewColumns.length;

/** Words of table 四's column headings (「结果维持」 …, often wrapped 「结果」/「维持」). */
const HEADING_WORD = /^[结果维持纠正其他尚未审结总计]{2,4}$/u;

/**
 * Table 四 within `lines`; `tableLines` are the lines it occupies (header and values). A sparse
 * table (few cells printed, the rest blank) is placed by the ruling lines or by the x of its
 * fifteen column headings; a table whose header is printed but no value at all comes back with
 * every cell null, flagged, and `blank: true`.
 */
export function parseReviewLitigation(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
): TableResult<ReviewLitigation> & { tableLines: Line[]; blank?: boolean } {
  const c = new TableCollector();
  const headerAt = lines.findIndex((l) => /^(行政复议|结果维持)/u.test(squash(l.text)));
  // The values line: the one with the most values and (almost) no label; under a header, one value will do.
  let best: { line: Line; count: number } | null = null;
  lines.forEach((line, k) => {
    const { label, values } = splitLine(line);
    const min = headerAt >= 0 && k > headerAt ? 1 : 5;
    if (values.length >= min && label.length <= 1 && (!best || values.length > best.count)) best = { line, count: values.length };
  });
  const found = best as { line: Line; count: number } | null;
  if (!found) {
    if (headerAt < 0) return { ...c.result(null), tableLines: [] };
    c.warn('blank-row', 'table 四: its header is printed but no value under it; all cells are null', { page: lines[headerAt].page, path: 'reviewLitigation' });
    return { ...c.result(emptyTable()), tableLines: lines.slice(headerAt, headerAt + 1), blank: true };
  }
  const valuesAt = lines.indexOf(found.line);
  const start = headerAt >= 0 && headerAt < valuesAt ? headerAt : valuesAt;
  const tableLines = lines.slice(start, valuesAt + 1);
  const values = splitLine(found.line).values;
  const centres = values.length < N ? headingCentres(lines.slice(start, valuesAt)) : null;
  const placed = placeValues(values, N, { rules: rulesByPage.get(found.line.page), centres });
  reportPlacement(c, '四', '', found.count, N, placed.how, 'reviewLitigation', found.line.page);
  const data = {} as ReviewLitigation;
  GROUPS.forEach((group, g) => {
    const obj = {} as NonNullable<ReviewLitigation['review']>;
    ReviewColumns.forEach((col, k) => {
      const at = g * ReviewColumns.length + k;
      obj[col] = c.value(`reviewLitigation.${group}.${col}`, placed.cells[at], { page: found.line.page, bbox: placed.boxes[at] });
    });
    data[group] = obj;
  });
  return { ...c.result(data), tableLines };
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
