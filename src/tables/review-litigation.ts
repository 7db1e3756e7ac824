// Table 四 (行政复议、行政诉讼): one row of fifteen numbers — 复议, 直接起诉, 复议后起诉, five each.
import type { Rule } from '../../extractors/types.js';
import type { ReviewLitigation } from '../schema/record.js';
import { REVIEW_COLUMN_SPECS, REVIEW_COLUMNS, REVIEW_GROUPS, REVIEW_HEADING } from '../templates/index.js';
import type { Line } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { placeValues, splitLine } from './rows.js';
import { DEFAULT_SETTINGS, type TableSettings } from '../settings.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

const N = REVIEW_GROUPS.length * REVIEW_COLUMNS.length;
/** The table's header starts with its first group's head or its first column's. */
const HEADER_START = [REVIEW_HEADING, REVIEW_COLUMN_SPECS[0].heading];

/** Table 四 within `lines`; `tableLines` are the lines it occupies (header and values). */
export function parseReviewLitigation(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  tol: TableSettings = DEFAULT_SETTINGS.tables,
): TableResult<ReviewLitigation> & { tableLines: Line[] } {
  const c = new TableCollector();
  // The values line: the one with the most values and (almost) no label.
  let best: { line: Line; count: number } | null = null;
  for (const line of lines) {
    const { label, values } = splitLine(line);
    if (values.length >= tol.reviewMinValues && label.length <= tol.reviewMaxLabelTokens && (!best || values.length > best.count)) best = { line, count: values.length };
  }
  if (!best) return { ...c.result(null), tableLines: [] };
  const valuesAt = lines.indexOf(best.line);
  const headerAt = lines.findIndex((l, k) => k < valuesAt && HEADER_START.some((h) => squash(l.text).startsWith(h)));
  const tableLines = lines.slice(headerAt >= 0 ? headerAt : valuesAt, valuesAt + 1);
  const placed = placeValues(splitLine(best.line).values, N, { rules: rulesByPage.get(best.line.page), tol });
  reportPlacement(c, '四', '', best.count, N, placed.how, 'reviewLitigation', best.line.page);
  const data = {} as ReviewLitigation;
  REVIEW_GROUPS.forEach((group, g) => {
    const obj = {} as NonNullable<ReviewLitigation['review']>;
    REVIEW_COLUMNS.forEach((col, k) => {
      const at = g * REVIEW_COLUMNS.length + k;
      obj[col] = c.value(`reviewLitigation.${group}.${col}`, placed.cells[at], { page: best.line.page, bbox: placed.boxes[at] });
    });
    data[group] = obj;
  });
  return { ...c.result(data), tableLines };
}
