// The arithmetic (勾稽关系) the forms' tables must satisfy, within one report and across years.
// src/checks and src/crossyear evaluate these; the ids and wording of their checks come from here.
import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from './columns.js';
import { APPLICATION_ROW_SPECS } from './applications.js';
import type { CrossYearRelationSpec, PlausibilitySpec, RelationSpec } from './types.js';

const resultRows = APPLICATION_ROW_SPECS.map((r) => r.path).filter(
  (p) => p.startsWith('results.') && p !== 'results.total',
);

/** The relations within one report; the same for both templates. */
export const RELATIONS: readonly RelationSpec[] = [
  {
    kind: 'rowSum',
    id: 'rowTotal',
    table: 'applications',
    total: 'total',
    parts: APPLICANT_COLUMNS.filter((c) => c !== 'total'),
    describe: '总计 = sum of the six applicant columns',
  },
  {
    kind: 'columnSum',
    id: 'resultsTotal',
    table: 'applications',
    total: 'results.total',
    parts: resultRows,
    // Other handling (「（六）」) printed as one row (2019) or as its three rows (2021).
    insteadOf: {
      'results.otherHandling.total': resultRows.filter(
        (p) => p.startsWith('results.otherHandling.') && p !== 'results.otherHandling.total',
      ),
    },
    describe: '（七）总计 = sum of the results rows',
  },
  {
    kind: 'balance',
    id: 'balance',
    table: 'applications',
    lhs: ['newReceived', 'carriedOver'],
    rhs: ['results.total', 'carriedForward'],
    lhsName: '新收 + 上年结转',
    rhsName: '办理结果总计 + 结转下年度',
  },
  {
    kind: 'rowSum',
    id: 'groupTotal',
    table: 'reviewLitigation',
    total: 'total',
    parts: REVIEW_COLUMNS.filter((c) => c !== 'total'),
    describe: '总计 = 维持 + 纠正 + 其他 + 尚未审结',
  },
];

/** The relations between consecutive years of one agency. */
export const CROSS_YEAR_RELATIONS: readonly CrossYearRelationSpec[] = [
  {
    kind: 'carry',
    id: 'crossYear.carriedOver',
    previous: 'applications.carriedForward',
    current: 'applications.carriedOver',
  },
  // Only the 2021 form prints 现行有效件数 (制发/废止/现行有效).
  {
    kind: 'stock',
    id: 'crossYear.inForce',
    templates: ['2021'],
    items: ['regulations', 'normativeDocuments'],
    stock: 'inForce',
    added: 'issued',
    removed: 'repealed',
  },
];

/**
 * What table 二's column definitions imply within one row (it has no printed arithmetic): a
 * misread digit that breaks one of these is flagged. Only what the definitions force is here.
 */
export const PLAUSIBILITY: readonly PlausibilitySpec[] = [
  {
    id: 'inForce',
    table: 'activeDisclosure',
    templates: ['2021'],
    items: ['regulations', 'normativeDocuments'],
    larger: ['inForce', 'repealed'],
    smaller: ['issued'],
    describe: 'a document issued this year is in force at its end unless repealed: 现行有效 + 本年废止 ≥ 本年制发',
  },
  {
    id: 'totalPublished',
    table: 'activeDisclosure',
    templates: ['2019'],
    items: ['regulations', 'normativeDocuments'],
    larger: ['totalPublished'],
    smaller: ['newlyPublished'],
    describe: 'the documents published this year are among all published: 对外公开总数量 ≥ 本年新公开数量',
  },
  {
    id: 'items',
    table: 'activeDisclosure',
    templates: ['2019'],
    items: [
      'administrativeLicensing',
      'otherExternalServices',
      'administrativePunishment',
      'administrativeCoercion',
      'administrativeFees',
    ],
    larger: ['previousYearItems', 'changeThisYear'],
    smaller: [],
    describe:
      "this year's items are last year's plus the change, never fewer than none: 上一年项目数量 + 本年增/减 ≥ 0",
  },
];
