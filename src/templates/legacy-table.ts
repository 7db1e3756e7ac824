// The old 政府信息公开情况统计表 (reports for 2008–2018; 指标名称 / 单位 / 数量) as data: each row's
// printed label, the provincial variants seen for it, and the `legacy` figure it fills. Matching is on
// the label squashed (NFKC, no white space, numbering 「（一）」「1.」「七、」「其中：」 dropped) and
// converted to simplified script; a label is taken only when it equals the label or a variant.

/** One row of the old 统计表. */
export interface LegacyTableRow {
  /** Path under `legacy.`. */
  path: string;
  /** The national form's label, without numbering. */
  label: string;
  /** Provincial and municipal variants of the label (other wordings of the same row). */
  variants?: readonly string[];
  /** Amount rows: the unit the form prints (万元: the record converts to yuan). */
  amount?: true;
}

const row = (path: string, label: string, ...variants: string[]): LegacyTableRow => ({ path, label, variants });

/** The rows of the national 统计表 and its variants, in print order. */
export const LEGACY_TABLE_ROWS: readonly LegacyTableRow[] = [
  row('activeDisclosure.items', '主动公开政府信息数', '主动公开政府信息条数', '主动公开信息数'),
  row('activeDisclosure.normativeDocuments', '主动公开规范性文件数', '其中主动公开规范性文件数'),
  row('activeDisclosure.normativeDocumentsIssued', '制发规范性文件总数', '制发规范性文件数'),
  row('applications.received', '收到申请数', '受理申请数', '受理政府信息公开申请数', '收到政府信息公开申请数'),
  row('applications.byChannel.inPerson', '当面申请数', '当面申请'),
  row('applications.byChannel.fax', '传真申请数', '传真申请'),
  row('applications.byChannel.online', '网络申请数', '网上申请数', '在线申请数', '网络申请'),
  row('applications.byChannel.letter', '信函申请数', '信函申请'),
  row('applications.byChannel.email', '电子邮件申请数', '电子邮件申请'),
  row('applications.byChannel.phone', '电话申请数', '电话申请'),
  row('applications.byChannel.other', '其他形式申请数', '其他形式申请'),
  row('applications.byApplicant.naturalPerson', '公民申请数', '自然人申请数'),
  row('applications.byApplicant.legalPerson', '法人和其他组织申请数', '法人或其他组织申请数'),
  row('applications.completed', '申请办结数', '已办结数'),
  row('applications.completedOnTime', '按时办结数'),
  row('applications.completedExtended', '延期办结数'),
  row('applications.answered', '申请答复数', '已答复数', '答复数'),
  row('applications.results.alreadyPublic', '属于已主动公开范围数', '属于已主动公开范围的'),
  row('applications.results.granted', '同意公开答复数', '同意公开数'),
  row('applications.results.partiallyGranted', '同意部分公开答复数', '同意部分公开数', '部分公开答复数'),
  row('applications.results.refused', '不同意公开答复数', '不予公开答复数', '不同意公开数'),
  row('applications.refusedReasons.stateSecret', '涉及国家秘密'),
  row('applications.refusedReasons.commercialSecret', '涉及商业秘密'),
  row('applications.refusedReasons.privacy', '涉及个人隐私'),
  row('applications.refusedReasons.security', '危及国家安全、公共安全、经济安全和社会稳定'),
  row('applications.refusedReasons.notGovernmentInformation', '不是《条例》所指政府信息', '不是《条例》所指的政府信息'),
  row('applications.refusedReasons.otherLaw', '法律法规规定的其他情形'),
  row('applications.results.notThisAgency', '不属于本行政机关公开数', '非本机关政府信息数', '不属于本机关公开数'),
  row('applications.results.notExist', '申请信息不存在数', '申请公开的信息不存在数'),
  row('applications.results.clarification', '告知作出更改补充数', '告知申请人作出更改补充数'),
  row('applications.results.otherChannel', '告知通过其他途径办理数', '告知通过其他途径办理'),
  {
    path: 'fees.collectedYuan',
    label: '依申请公开信息收取的费用',
    variants: ['依申请公开收取的费用', '收取费用'],
    amount: true,
  },
  { path: 'fees.waivedYuan', label: '依申请公开信息减免的费用', variants: ['减免费用'], amount: true },
  row(
    'review.total',
    '因政府信息公开申请行政复议数',
    '申请行政复议数',
    '行政复议数',
    '行政复议数量',
    '因政府信息公开申请行政复议数量',
  ),
  row(
    'litigation.total',
    '因政府信息公开提起行政诉讼数',
    '提起行政诉讼数',
    '行政诉讼数',
    '行政诉讼数量',
    '因政府信息公开提起行政诉讼数量',
  ),
  row('complaints', '因政府信息公开申诉数', '举报投诉数', '申诉数', '举报投诉数量', '因政府信息公开申诉数量'),
];

/** The 统计表's own heading words, to find it: its title and its column heads. */
export const LEGACY_TABLE_MARKERS = {
  title: /政府信息公开情况统计表|信息公开工作情况统计表/u,
  heads: ['指标名称', '单位', '数量'],
} as const;

/** Units the 统计表 prints in its 单位 column: counts, and amounts in 万元 or 元. */
export const LEGACY_TABLE_UNITS = {
  count: ['件', '条', '项', '个', '次', '人次'],
  amount: { 万元: 10_000, 元: 1 },
} as const;

/**
 * Phrases only the national forms (2019, 2021) print: a report that has them is read as that form even
 * for a year before 2019.
 */
// Not the heading 「收到和处理政府信息公开申请情况」: reports for 2012 already used it (tests/fixtures/legacy-real).
export const NATIONAL_FORM_MARKERS: readonly string[] = [
  '本年新收政府信息公开申请数量',
  '上年结转政府信息公开申请数量',
];
