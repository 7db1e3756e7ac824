// Table 四 (行政复议、行政诉讼情况), the same in both templates: three groups of five columns, one row.
import type { ReviewGroupSpec } from './types.js';

/** The printed head over the first group. */
export const REVIEW_HEADING = '行政复议';
/** The printed head over the two litigation groups. */
export const LITIGATION_HEADING = '行政诉讼';

/** Table 四's groups in print order (each has the five REVIEW_COLUMNS). */
export const REVIEW_GROUP_SPECS = [
  { key: 'review', heading: REVIEW_HEADING, name: REVIEW_HEADING },
  { key: 'litigationDirect', heading: '未经复议直接起诉', name: `${LITIGATION_HEADING}·未经复议直接起诉` },
  { key: 'litigationAfterReview', heading: '复议后起诉', name: `${LITIGATION_HEADING}·复议后起诉` },
] as const satisfies readonly ReviewGroupSpec[];

/** Table 四's group keys in print order. */
export const REVIEW_GROUPS = REVIEW_GROUP_SPECS.map((g) => g.key) as unknown as readonly [
  'review',
  'litigationDirect',
  'litigationAfterReview',
];
export type ReviewGroupKey = (typeof REVIEW_GROUPS)[number];
