// The rows and labels of the official templates (国办公开办函〔2019〕60号 / 〔2021〕30号), as data.
// Labels here are the official wording; samples may override single labels to mimic typos.

export type TemplateId = '2021' | '2019';

/** Column order of table 三 (matches the record's ApplicantRow keys). */
export const APPLICANT_COLUMNS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'socialWelfareOrg',
  'legalServiceOrg',
  'otherOrg',
  'total',
] as const;
export type ApplicantColumn = (typeof APPLICANT_COLUMNS)[number];

export interface LeafRow {
  /** Path under `applications`, e.g. "results.withheld.stateSecret". */
  path: string;
  label: string;
}
/** A block of the 三、本年度办理结果 area: a row spanning both label columns, or a group cell with sub-rows. */
export type ResultBlock = { kind: 'single'; row: LeafRow } | { kind: 'group'; label: string; rows: LeafRow[] };

/** How a report prints （六）其他处理: with its three 2021 sub-rows, or as one row. */
export type OtherHandlingMode = 'split' | 'single';

export const TOP_ROWS: LeafRow[] = [
  { path: 'newReceived', label: '一、本年新收政府信息公开申请数量' },
  { path: 'carriedOver', label: '二、上年结转政府信息公开申请数量' },
];
export const RESULTS_CELL_LABEL = '三、本年度办理结果';
export const CARRIED_FORWARD: LeafRow = { path: 'carriedForward', label: '四、结转下年度继续办理' };
export const RESULTS_TOTAL: LeafRow = { path: 'results.total', label: '（七）总计' };
export const BALANCE_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';

export function resultBlocks(mode: OtherHandlingMode): ResultBlock[] {
  const otherHandling: ResultBlock =
    mode === 'split'
      ? {
          kind: 'group',
          label: '（六）其他处理',
          rows: [
            {
              path: 'results.otherHandling.overdueCorrection',
              label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
            },
            {
              path: 'results.otherHandling.overdueFee',
              label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
            },
            { path: 'results.otherHandling.other', label: '3.其他' },
          ],
        }
      : { kind: 'single', row: { path: 'results.otherHandling.total', label: '（六）其他处理' } };
  return [
    { kind: 'single', row: { path: 'results.granted', label: '（一）予以公开' } },
    {
      kind: 'single',
      row: { path: 'results.partiallyGranted', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
    },
    {
      kind: 'group',
      label: '（三）不予公开',
      rows: [
        { path: 'results.withheld.stateSecret', label: '1.属于国家秘密' },
        { path: 'results.withheld.prohibitedByLaw', label: '2.其他法律行政法规禁止公开' },
        { path: 'results.withheld.securityStability', label: '3.危及“三安全一稳定”' },
        { path: 'results.withheld.thirdPartyRights', label: '4.保护第三方合法权益' },
        { path: 'results.withheld.internalAffairs', label: '5.属于三类内部事务信息' },
        { path: 'results.withheld.processInformation', label: '6.属于四类过程性信息' },
        { path: 'results.withheld.enforcementFiles', label: '7.属于行政执法案卷' },
        { path: 'results.withheld.administrativeQuery', label: '8.属于行政查询事项' },
      ],
    },
    {
      kind: 'group',
      label: '（四）无法提供',
      rows: [
        { path: 'results.unableToProvide.notHeld', label: '1.本机关不掌握相关政府信息' },
        { path: 'results.unableToProvide.needsCreation', label: '2.没有现成信息需要另行制作' },
        { path: 'results.unableToProvide.unclearAfterCorrection', label: '3.补正后申请内容仍不明确' },
      ],
    },
    {
      kind: 'group',
      label: '（五）不予处理',
      rows: [
        { path: 'results.notProcessed.complaint', label: '1.信访举报投诉类申请' },
        { path: 'results.notProcessed.duplicate', label: '2.重复申请' },
        { path: 'results.notProcessed.publication', label: '3.要求提供公开出版物' },
        { path: 'results.notProcessed.excessive', label: '4.无正当理由大量反复申请' },
        { path: 'results.notProcessed.confirmation', label: '5.要求行政机关确认或重新出具已获取信息' },
      ],
    },
    otherHandling,
    { kind: 'single', row: RESULTS_TOTAL },
  ];
}

/** The leaf result rows that add up to （七）总计 (every result row except the total itself). */
export function resultLeafRows(mode: OtherHandlingMode): LeafRow[] {
  return resultBlocks(mode)
    .flatMap((b) => (b.kind === 'single' ? [b.row] : b.rows))
    .filter((r) => r.path !== RESULTS_TOTAL.path);
}

/** Every printed row of table 三 in print order. */
export function allApplicationRows(mode: OtherHandlingMode): LeafRow[] {
  return [...TOP_ROWS, ...resultLeafRows(mode), RESULTS_TOTAL, CARRIED_FORWARD];
}

// ---- table 二 ----

/** One sub-table of table 二: a 第二十条第（X）项 caption, its column headings and rows. */
export interface DisclosureSection {
  caption: string;
  /** Headings after 信息内容, in print order. */
  columns: { key: string; heading: string }[];
  rows: { key: string; label: string }[];
}

export function disclosureSections(template: TemplateId): DisclosureSection[] {
  if (template === '2021') {
    return [
      {
        caption: '第二十条第（一）项',
        columns: [
          { key: 'issued', heading: '本年制发件数' },
          { key: 'repealed', heading: '本年废止件数' },
          { key: 'inForce', heading: '现行有效件数' },
        ],
        rows: [
          { key: 'regulations', label: '规章' },
          { key: 'normativeDocuments', label: '行政规范性文件' },
        ],
      },
      {
        caption: '第二十条第（五）项',
        columns: [{ key: 'decisions', heading: '本年处理决定数量' }],
        rows: [{ key: 'administrativeLicensing', label: '行政许可' }],
      },
      {
        caption: '第二十条第（六）项',
        columns: [{ key: 'decisions', heading: '本年处理决定数量' }],
        rows: [
          { key: 'administrativePunishment', label: '行政处罚' },
          { key: 'administrativeCoercion', label: '行政强制' },
        ],
      },
      {
        caption: '第二十条第（八）项',
        columns: [{ key: 'amountTenThousandYuan', heading: '本年收费金额（单位：万元）' }],
        rows: [{ key: 'administrativeFees', label: '行政事业性收费' }],
      },
    ];
  }
  const items = [
    { key: 'previousYearItems', heading: '上一年项目数量' },
    { key: 'changeThisYear', heading: '本年增/减' },
    { key: 'decisions', heading: '处理决定数量' },
  ];
  return [
    {
      caption: '第二十条第（一）项',
      columns: [
        { key: 'newlyMade', heading: '本年新制作数量' },
        { key: 'newlyPublished', heading: '本年新公开数量' },
        { key: 'totalPublished', heading: '对外公开总数量' },
      ],
      rows: [
        { key: 'regulations', label: '规章' },
        { key: 'normativeDocuments', label: '规范性文件' },
      ],
    },
    {
      caption: '第二十条第（五）项',
      columns: items,
      rows: [
        { key: 'administrativeLicensing', label: '行政许可' },
        { key: 'otherExternalServices', label: '其他对外管理服务事项' },
      ],
    },
    {
      caption: '第二十条第（六）项',
      columns: items,
      rows: [
        { key: 'administrativePunishment', label: '行政处罚' },
        { key: 'administrativeCoercion', label: '行政强制' },
      ],
    },
    {
      caption: '第二十条第（八）项',
      columns: items.slice(0, 2),
      rows: [{ key: 'administrativeFees', label: '行政事业性收费' }],
    },
    {
      caption: '第二十条第（九）项',
      columns: [
        { key: 'projects', heading: '采购项目数量' },
        { key: 'totalAmount', heading: '采购总金额' },
      ],
      rows: [{ key: 'governmentProcurement', label: '政府集中采购' }],
    },
  ];
}

// ---- table 四 ----
export const REVIEW_GROUPS = ['review', 'litigationDirect', 'litigationAfterReview'] as const;
export type ReviewGroup = (typeof REVIEW_GROUPS)[number];
export const REVIEW_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export const REVIEW_COLUMN_HEADINGS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'] as const;

// ---- section headings ----
export type SectionKey = 'overview' | 'activeDisclosure' | 'applications' | 'reviewLitigation' | 'problems' | 'otherMatters';
export const SECTION_HEADINGS: Record<SectionKey, string> = {
  overview: '一、总体情况',
  activeDisclosure: '二、主动公开政府信息情况',
  applications: '三、收到和处理政府信息公开申请情况',
  reviewLitigation: '四、政府信息公开行政复议、行政诉讼情况',
  problems: '五、存在的主要问题及改进情况',
  otherMatters: '六、其他需要报告的事项',
};
