// The arithmetic (勾稽关系) the forms' tables must satisfy, within one report and across years.
// src/checks and src/crossyear evaluate these; the ids and wording of their checks come from here.
import { APPLICANT_COLUMNS, REVIEW_COLUMNS } from './columns.js';
import { APPLICATION_ROW_SPECS } from './applications.js';
import type { CrossYearRelationSpec, RelationSpec } from './types.js';

const resultRows = APPLICATION_ROW_SPECS.map((r) => r.path).filter((p) => p.startsWith('results.') && p !== 'results.total');

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
    insteadOf: { 'results.otherHandling.total': resultRows.filter((p) => p.startsWith('results.otherHandling.') && p !== 'results.otherHandling.total') },
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
  { kind: 'carry', id: 'crossYear.carriedOver', previous: 'applications.carriedForward', current: 'applications.carriedOver' },
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
