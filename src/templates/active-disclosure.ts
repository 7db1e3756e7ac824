// Table 二 (主动公开政府信息情况) of each template: blocks under 第二十条第（X）项, their columns and items.
// The 2019 form counts documents made/published and items year on year; the 2021 form counts
// documents issued/repealed/in force and decisions, and drops 政府集中采购.
import type { ColumnSpec, DisclosureBlockSpec } from './types.js';

/** The heading of table 二's label column. */
export const DISCLOSURE_ITEM_HEADING = '信息内容';

const regulations = { key: 'regulations', label: '规章' };
const licensing = { key: 'administrativeLicensing', label: '行政许可' };
const punishment = { key: 'administrativePunishment', label: '行政处罚' };
const coercion = { key: 'administrativeCoercion', label: '行政强制' };
const fees = { key: 'administrativeFees', label: '行政事业性收费' };

const decisions2021: ColumnSpec = { key: 'decisions', heading: '本年处理决定数量', unit: 'count' };

/** Table 二 of the 2021 form. */
export const ACTIVE_DISCLOSURE_2021: readonly DisclosureBlockSpec[] = [
  {
    caption: '第二十条第（一）项',
    columns: [
      { key: 'issued', heading: '本年制发件数', unit: 'count' },
      { key: 'repealed', heading: '本年废止件数', unit: 'count' },
      { key: 'inForce', heading: '现行有效件数', unit: 'count' },
    ],
    items: [regulations, { key: 'normativeDocuments', label: '行政规范性文件' }],
  },
  { caption: '第二十条第（五）项', columns: [decisions2021], items: [licensing] },
  { caption: '第二十条第（六）项', columns: [decisions2021], items: [punishment, coercion] },
  {
    caption: '第二十条第（八）项',
    columns: [{ key: 'amountTenThousandYuan', heading: '本年收费金额（单位：万元）', unit: 'tenThousandYuan' }],
    items: [fees],
  },
];

const items2019: readonly ColumnSpec[] = [
  { key: 'previousYearItems', heading: '上一年项目数量', unit: 'count' },
  { key: 'changeThisYear', heading: '本年增/减', unit: 'signedCount' },
  { key: 'decisions', heading: '处理决定数量', unit: 'count' },
];

/** Table 二 of the 2019 form. 采购总金额 is recorded in yuan, its printed text kept beside it. */
export const ACTIVE_DISCLOSURE_2019: readonly DisclosureBlockSpec[] = [
  {
    caption: '第二十条第（一）项',
    columns: [
      { key: 'newlyMade', heading: '本年新制作数量', unit: 'count' },
      { key: 'newlyPublished', heading: '本年新公开数量', unit: 'count' },
      { key: 'totalPublished', heading: '对外公开总数量', unit: 'count' },
    ],
    items: [regulations, { key: 'normativeDocuments', label: '规范性文件' }],
  },
  {
    caption: '第二十条第（五）项',
    columns: items2019,
    items: [licensing, { key: 'otherExternalServices', label: '其他对外管理服务事项' }],
  },
  { caption: '第二十条第（六）项', columns: items2019, items: [punishment, coercion] },
  { caption: '第二十条第（八）项', columns: items2019.slice(0, 2), items: [fees] },
  {
    caption: '第二十条第（九）项',
    columns: [
      { key: 'projects', heading: '采购项目数量', unit: 'count' },
      { key: 'totalAmount', heading: '采购总金额', unit: 'yuan', textKey: 'totalAmountText', per: 'projects' },
    ],
    items: [{ key: 'governmentProcurement', label: '政府集中采购' }],
  },
];
