// The indicators comparable across the forms (2008 prose/统计表, 2019, 2021): for each, the record
// paths that feed it under each template and the definition those paths carry. Where two templates'
// definitions differ, a series crossing them has a break (docs/series.md says what changed); the
// series marks it in the data, never hides it.
import { APPLICATION_ROW_SPECS } from './applications.js';
import { applicationRow, groupHeadLabel, rowName } from './labels.js';

/** The templates a series spans: the national forms and the 2008–2018 reports (record.md schemaVersion 3). */
export type SeriesTemplate = '2008' | '2019' | '2021';

export interface IndicatorSource {
  /** Record paths summed into the indicator (blanks counted as 0 when another is a number). */
  paths: readonly string[];
  /** The definition the paths carry, in words (docs/series.md). */
  definition: string;
  /**
   * What is counted: two templates whose sources count the same thing share a basis; a series
   * crossing a change of basis has a break there.
   */
  basis: string;
}

export interface SeriesIndicator {
  /** Column name in the series output, e.g. "received". */
  key: string;
  /** Its name in Chinese and English. */
  zh: string;
  en: string;
  /** Sources per template; a template without one does not report the indicator. */
  sources: Partial<Record<SeriesTemplate, IndicatorSource>>;
}

const total = (row: string) => `applications.${row}.total`;
const withheld = APPLICATION_ROW_SPECS.filter((r) => r.path.startsWith('results.withheld.')).map((r) => total(r.path));
/** Both national forms print the same table 三 and 四 rows: one source serves both. */
const national = (paths: readonly string[], definition: string, basis: string) => ({
  '2019': { paths, definition, basis },
  '2021': { paths, definition, basis },
});

export const SERIES_INDICATORS: readonly SeriesIndicator[] = [
  {
    key: 'received',
    zh: '收到申请数',
    en: 'applications received',
    sources: {
      '2008': {
        paths: ['legacy.applications.received'],
        definition: "收到/受理申请数 (the year's applications, as the report counts them)",
        basis: 'received-2008',
      },
      ...national(
        [total('newReceived')],
        `${rowName('applications.newReceived')} (new this year; 上年结转 not included)`,
        'newReceived',
      ),
    },
  },
  {
    key: 'granted',
    zh: applicationRow('results.granted')!.label,
    en: 'granted',
    sources: {
      '2008': {
        paths: ['legacy.applications.results.granted'],
        definition: '同意公开 (属于已主动公开范围 counted apart, not included)',
        basis: 'granted-2008',
      },
      ...national([total('results.granted')], rowName('applications.results.granted'), 'granted'),
    },
  },
  {
    key: 'partiallyGranted',
    zh: applicationRow('results.partiallyGranted')!.label,
    en: 'partially granted',
    sources: {
      '2008': {
        paths: ['legacy.applications.results.partiallyGranted'],
        definition: rowName('legacy.applications.results.partiallyGranted'),
        basis: 'partiallyGranted',
      },
      ...national(
        [total('results.partiallyGranted')],
        rowName('applications.results.partiallyGranted'),
        'partiallyGranted',
      ),
    },
  },
  {
    key: 'refused',
    zh: groupHeadLabel('withheld').replace(/^（[一二三四五六七八九十]+）/, ''),
    en: 'refused / withheld',
    sources: {
      '2008': {
        paths: ['legacy.applications.results.refused'],
        definition: '不同意公开 (all grounds)',
        basis: 'refused-2008',
      },
      ...national(withheld, `${groupHeadLabel('withheld')}, the sum of its eight grounds`, 'withheld'),
    },
  },
  {
    key: 'notHeld',
    zh: '信息不存在/本机关不掌握',
    en: 'not held / does not exist',
    sources: {
      '2008': {
        paths: ['legacy.applications.results.notThisAgency', 'legacy.applications.results.notExist'],
        definition: '不属于本行政机关公开 + 申请信息不存在',
        basis: 'notHeld-2008',
      },
      ...national(
        [total('results.unableToProvide.notHeld')],
        rowName('applications.results.unableToProvide.notHeld'),
        'notHeld',
      ),
    },
  },
  {
    key: 'reviewTotal',
    zh: '行政复议',
    en: 'administrative reviews',
    sources: {
      '2008': { paths: ['legacy.review.total'], definition: '因政府信息公开申请行政复议数量', basis: 'review' },
      ...national(['reviewLitigation.review.total'], '行政复议 总计 (decided and pending)', 'review'),
    },
  },
  {
    key: 'litigationTotal',
    zh: '行政诉讼',
    en: 'lawsuits',
    sources: {
      '2008': {
        paths: ['legacy.litigation.total'],
        definition: '因政府信息公开申请提起行政诉讼数量',
        basis: 'litigation',
      },
      ...national(
        ['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total'],
        '行政诉讼 总计: 未经复议直接起诉 + 复议后起诉',
        'litigation',
      ),
    },
  },
  {
    key: 'feesYuan',
    zh: '依申请公开收取的费用（元）',
    en: 'fees collected for disclosure on request (yuan)',
    // The 2019 and 2021 tables print no such amount (行政事业性收费 in table 二 is another thing).
    sources: {
      '2008': {
        paths: ['legacy.fees.collectedYuan'],
        definition: '依申请公开收取的费用, converted to yuan',
        basis: 'fees',
      },
    },
  },
];
