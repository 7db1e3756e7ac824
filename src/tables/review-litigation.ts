// Table 四 (行政复议、行政诉讼): one row of fifteen numbers — 复议, 直接起诉, 复议后起诉, five each.
import type { Rule } from '../../extractors/types.js';
import { ReviewColumns, type ReviewLitigation } from '../schema/record.js';
import type { Line } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { placeValues, splitLine } from './rows.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

const GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
const N = GROUPS.length * ReviewColumns.length;

/** Table 四 within `lines`; `tableLines` are the lines it occupies (header and values). */
export function parseReviewLitigation(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
): TableResult<ReviewLitigation> & { tableLines: Line[] } {
  const c = new TableCollector();
  // The values line: the one with the most values and (almost) no label.
  let best: { line: Line; count: number } | null = null;
  for (const line of lines) {
    const { label, values } = splitLine(line);
    if (values.length >= 5 && label.length <= 1 && (!best || values.length > best.count)) best = { line, count: values.length };
  }
  if (!best) return { ...c.result(null), tableLines: [] };
  const valuesAt = lines.indexOf(best.line);
  const headerAt = lines.findIndex((l, k) => k < valuesAt && /^(行政复议|结果维持)/u.test(squash(l.text)));
  const tableLines = lines.slice(headerAt >= 0 ? headerAt : valuesAt, valuesAt + 1);
  const placed = placeValues(splitLine(best.line).values, N, { rules: rulesByPage.get(best.line.page) });
  reportPlacement(c, '四', '', best.count, N, placed.how, 'reviewLitigation', best.line.page);
  const data = {} as ReviewLitigation;
  GROUPS.forEach((group, g) => {
    const obj = {} as NonNullable<ReviewLitigation['review']>;
    ReviewColumns.forEach((col, k) => {
      const at = g * ReviewColumns.length + k;
      obj[col] = c.value(`reviewLitigation.${group}.${col}`, placed.cells[at], { page: best.line.page, bbox: placed.boxes[at] });
    });
    data[group] = obj;
  });
  return { ...c.result(data), tableLines };
}
