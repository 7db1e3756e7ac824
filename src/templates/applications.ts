// Table 三 (收到和处理政府信息公开申请情况) of both templates: every printed row, in print order.
// The only place the rows' printed labels are written down; see the README of this folder.
import type { ApplicationGroupSpec, ApplicationRowSpec, TemplateId } from './types.js';

const BOTH: readonly TemplateId[] = ['2021', '2019'];

/** The level-1 head of the results block, printed in a cell spanning every result row. */
export const RESULTS_HEAD = { label: '本年度办理结果', index: 3 } as const;

/** The note printed in table 三's top-left header cell. */
export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

/** The group heads of the results block, keyed by their record key under `results.`. */
export const APPLICATION_GROUPS = {
  withheld: { key: 'withheld', label: '不予公开', index: 3 },
  unableToProvide: { key: 'unableToProvide', label: '无法提供', index: 4 },
  notProcessed: { key: 'notProcessed', label: '不予处理', index: 5 },
  otherHandling: { key: 'otherHandling', label: '其他处理', index: 6 },
} as const satisfies Record<string, ApplicationGroupSpec>;

type GroupKey = keyof typeof APPLICATION_GROUPS;

/** A level-3 row under a group head; its path is `results.<group>.<key>`. */
const sub = (
  group: GroupKey,
  key: string,
  index: number,
  label: string,
  more: Partial<ApplicationRowSpec> = {},
): ApplicationRowSpec => ({
  path: `results.${group}.${key}`,
  label,
  level: 3,
  index,
  group,
  templates: BOTH,
  ...more,
});

/**
 * Every row table 三 prints, in print order, for both templates. Other handling 「（六）」 is a group head over
 * three rows in 2021 and one row in 2019 (results.otherHandling.total, listed after the three: a report
 * prints one or the other, and this is the record's field order).
 * To add a wording seen in real reports, add it to the row's `variants`.
 */
export const APPLICATION_ROW_SPECS: readonly ApplicationRowSpec[] = [
  {
    path: 'newReceived',
    label: '本年新收政府信息公开申请数量',
    keywords: ['新收'],
    level: 1,
    index: 1,
    templates: BOTH,
  },
  {
    path: 'carriedOver',
    label: '上年结转政府信息公开申请数量',
    short: '上年结转',
    keywords: ['上年结转'],
    level: 1,
    index: 2,
    templates: BOTH,
  },
  { path: 'results.granted', label: '予以公开', keywords: ['予以'], level: 2, index: 1, templates: BOTH },
  {
    path: 'results.partiallyGranted',
    label: '部分公开',
    note: '（区分处理的，只计这一情形，不计其他情形）',
    keywords: ['部分'],
    level: 2,
    index: 2,
    templates: BOTH,
  },
  sub('withheld', 'stateSecret', 1, '属于国家秘密', { keywords: ['国家秘密'] }),
  sub('withheld', 'prohibitedByLaw', 2, '其他法律行政法规禁止公开', {
    variants: ['其它法律行政法规禁止公开'],
    keywords: ['禁止公开'],
  }),
  sub('withheld', 'securityStability', 3, '危及“三安全一稳定”', { keywords: ['三安全'] }),
  sub('withheld', 'thirdPartyRights', 4, '保护第三方合法权益', { keywords: ['第三方'] }),
  sub('withheld', 'internalAffairs', 5, '属于三类内部事务信息', { keywords: ['内部事务'] }),
  sub('withheld', 'processInformation', 6, '属于四类过程性信息', { keywords: ['过程性'] }),
  sub('withheld', 'enforcementFiles', 7, '属于行政执法案卷', { keywords: ['执法案卷'] }),
  sub('withheld', 'administrativeQuery', 8, '属于行政查询事项', { keywords: ['查询'] }),
  sub('unableToProvide', 'notHeld', 1, '本机关不掌握相关政府信息', { keywords: ['不掌握'] }),
  sub('unableToProvide', 'needsCreation', 2, '没有现成信息需要另行制作', { keywords: ['另行制作'] }),
  sub('unableToProvide', 'unclearAfterCorrection', 3, '补正后申请内容仍不明确', { keywords: ['不明确'] }),
  sub('notProcessed', 'complaint', 1, '信访举报投诉类申请', { keywords: ['信访'] }),
  sub('notProcessed', 'duplicate', 2, '重复申请', { keywords: ['重复'] }),
  sub('notProcessed', 'publication', 3, '要求提供公开出版物', { keywords: ['出版物'] }),
  sub('notProcessed', 'excessive', 4, '无正当理由大量反复申请', { keywords: ['反复'] }),
  sub('notProcessed', 'confirmation', 5, '要求行政机关确认或重新出具已获取信息', { keywords: ['重新出具'] }),
  sub('otherHandling', 'overdueCorrection', 1, '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', {
    short: '申请人无正当理由逾期不补正',
    keywords: ['逾期', '补正'],
    templates: ['2021'],
  }),
  sub('otherHandling', 'overdueFee', 2, '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', {
    short: '申请人逾期未按收费通知要求缴纳费用',
    keywords: ['逾期', '费'],
    templates: ['2021'],
  }),
  sub('otherHandling', 'other', 3, '其他', { templates: ['2021'] }),
  {
    path: 'results.otherHandling.total',
    label: APPLICATION_GROUPS.otherHandling.label,
    variants: ['其它处理'],
    level: 2,
    index: APPLICATION_GROUPS.otherHandling.index,
    templates: ['2019'],
  },
  { path: 'results.total', label: '总计', keywords: ['总计'], level: 2, index: 7, templates: BOTH },
  { path: 'carriedForward', label: '结转下年度继续办理', keywords: ['结转下年'], level: 1, index: 4, templates: BOTH },
];
