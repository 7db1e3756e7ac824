// The printed (Chinese) names of record rows and columns, as the forms of 国办公开办函 print them.
import { splitPath } from '../inspect/locate.js';

import { APPLICANT_LABELS, REVIEW_LABELS } from '../schema/printed-labels.js';

export { APPLICANT_LABELS, REVIEW_LABELS };

export const REVIEW_GROUP_LABELS: Record<string, string> = {
  review: '行政复议',
  litigationDirect: '行政诉讼·未经复议直接起诉',
  litigationAfterReview: '行政诉讼·复议后起诉',
};

/** Table 三 rows, keyed by path under `applications.`. */
export const APPLICATION_ROW_LABELS: Record<string, string> = {
  newReceived: '一、本年新收政府信息公开申请数量',
  carriedOver: '二、上年结转政府信息公开申请数量',
  'results.granted': '（一）予以公开',
  'results.partiallyGranted': '（二）部分公开',
  'results.withheld.stateSecret': '（三）不予公开 1.属于国家秘密',
  'results.withheld.prohibitedByLaw': '（三）不予公开 2.其他法律行政法规禁止公开',
  'results.withheld.securityStability': '（三）不予公开 3.危及“三安全一稳定”',
  'results.withheld.thirdPartyRights': '（三）不予公开 4.保护第三方合法权益',
  'results.withheld.internalAffairs': '（三）不予公开 5.属于三类内部事务信息',
  'results.withheld.processInformation': '（三）不予公开 6.属于四类过程性信息',
  'results.withheld.enforcementFiles': '（三）不予公开 7.属于行政执法案卷',
  'results.withheld.administrativeQuery': '（三）不予公开 8.属于行政查询事项',
  'results.unableToProvide.notHeld': '（四）无法提供 1.本机关不掌握相关政府信息',
  'results.unableToProvide.needsCreation': '（四）无法提供 2.没有现成信息需要另行制作',
  'results.unableToProvide.unclearAfterCorrection': '（四）无法提供 3.补正后申请内容仍不明确',
  'results.notProcessed.complaint': '（五）不予处理 1.信访举报投诉类申请',
  'results.notProcessed.duplicate': '（五）不予处理 2.重复申请',
  'results.notProcessed.publication': '（五）不予处理 3.要求提供公开出版物',
  'results.notProcessed.excessive': '（五）不予处理 4.无正当理由大量反复申请',
  'results.notProcessed.confirmation': '（五）不予处理 5.要求行政机关确认或重新出具已获取信息',
  'results.otherHandling.overdueCorrection': '（六）其他处理 1.申请人无正当理由逾期不补正',
  'results.otherHandling.overdueFee': '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用',
  'results.otherHandling.other': '（六）其他处理 3.其他',
  'results.otherHandling.total': '（六）其他处理',
  'results.total': '（七）总计',
  carriedForward: '四、结转下年度继续办理',
};

export const ACTIVE_ROW_LABELS: Record<string, string> = {
  regulations: '规章',
  normativeDocuments: '规范性文件',
  administrativeLicensing: '行政许可',
  otherExternalServices: '其他对外管理服务事项',
  administrativePunishment: '行政处罚',
  administrativeCoercion: '行政强制',
  administrativeFees: '行政事业性收费',
  governmentProcurement: '政府集中采购',
};

export const ACTIVE_COLUMN_LABELS: Record<string, string> = {
  issued: '本年制发件数',
  repealed: '本年废止件数',
  inForce: '现行有效件数',
  decisions: '处理决定数量',
  amountTenThousandYuan: '本年收费金额（万元）',
  newlyMade: '本年新制作数量',
  newlyPublished: '本年新公开数量',
  totalPublished: '对外公开总数量',
  previousYearItems: '上一年项目数量',
  changeThisYear: '本年增/减',
  projects: '采购项目数量',
  totalAmount: '采购总金额',
};

/** A row path in Chinese: 'applications.results.granted' → '（一）予以公开'. */
export function rowLabel(row: string): string {
  const [table, ...rest] = row.split('.');
  const key = rest.join('.');
  if (table === 'applications') return APPLICATION_ROW_LABELS[key] ?? key;
  if (table === 'reviewLitigation') return REVIEW_GROUP_LABELS[key] ?? key;
  if (table === 'activeDisclosure') return ACTIVE_ROW_LABELS[key] ?? key;
  return row;
}

export function columnLabel(column: string): string {
  return APPLICANT_LABELS[column] ?? REVIEW_LABELS[column] ?? ACTIVE_COLUMN_LABELS[column] ?? column;
}

/** A cell path in Chinese: 「（一）予以公开」·「自然人」. */
export function cellLabel(path: string): string {
  const { row, column } = splitPath(path);
  return `「${rowLabel(row)}」·「${columnLabel(column)}」`;
}
