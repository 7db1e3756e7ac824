// The value columns of tables 三 and 四, the same in both templates.
import type { ColumnSpec } from './types.js';

/** The header cell above the five organisation columns of table 三. */
export const APPLICANT_ORG_HEADING = '法人或其他组织';
/** The header cell above all seven applicant columns of table 三. */
export const APPLICANT_HEADING = '申请人情况';

/** Table 三's seven applicant columns in print order; the five organisations sit under 法人或其他组织. */
export const APPLICANT_COLUMN_SPECS = [
  { key: 'naturalPerson', heading: '自然人', unit: 'count' },
  { key: 'commercialEnterprise', heading: '商业企业', unit: 'count', org: true },
  { key: 'researchInstitution', heading: '科研机构', unit: 'count', org: true },
  { key: 'socialWelfareOrg', heading: '社会公益组织', unit: 'count', org: true },
  { key: 'legalServiceOrg', heading: '法律服务机构', unit: 'count', org: true },
  { key: 'otherOrg', heading: '其他', unit: 'count', org: true },
  { key: 'total', heading: '总计', unit: 'count' },
] as const satisfies ReadonlyArray<ColumnSpec & { org?: true }>;

/** Table 三's column keys in print order (the record's ApplicantRow fields). */
export const APPLICANT_COLUMNS = APPLICANT_COLUMN_SPECS.map((c) => c.key) as unknown as readonly [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'socialWelfareOrg',
  'legalServiceOrg',
  'otherOrg',
  'total',
];
export type ApplicantColumnKey = (typeof APPLICANT_COLUMNS)[number];

/** Table 四's five columns, repeated in each of its three groups. */
export const REVIEW_COLUMN_SPECS = [
  { key: 'upheld', heading: '结果维持', unit: 'count' },
  { key: 'corrected', heading: '结果纠正', unit: 'count' },
  { key: 'other', heading: '其他结果', unit: 'count' },
  { key: 'pending', heading: '尚未审结', unit: 'count' },
  { key: 'total', heading: '总计', unit: 'count' },
] as const satisfies ReadonlyArray<ColumnSpec>;

/** Table 四's column keys in print order (the record's review group fields). */
export const REVIEW_COLUMNS = REVIEW_COLUMN_SPECS.map((c) => c.key) as unknown as readonly [
  'upheld',
  'corrected',
  'other',
  'pending',
  'total',
];
export type ReviewColumnKey = (typeof REVIEW_COLUMNS)[number];

/** Printed heading of a table 三 column, by key. */
export const APPLICANT_HEADINGS: Readonly<Record<ApplicantColumnKey, string>> = Object.fromEntries(
  APPLICANT_COLUMN_SPECS.map((c) => [c.key, c.heading]),
) as Record<ApplicantColumnKey, string>;

/** Printed heading of a table 四 column, by key. */
export const REVIEW_HEADINGS: Readonly<Record<ReviewColumnKey, string>> = Object.fromEntries(
  REVIEW_COLUMN_SPECS.map((c) => [c.key, c.heading]),
) as Record<ReviewColumnKey, string>;
