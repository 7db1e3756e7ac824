// Tables 二/三/四 as HTML laid out like the printed forms, every value cell tagged with its record
// path (data-path) and classed: fail (named by a failed check), warn (named by a warning), blank, absent.
import type { Report } from '../schema/record.js';
import { LOW_CONFIDENCE } from '../pipeline/extract.js';
import { esc } from './escape.js';
import { ACTIVE_COLUMN_LABELS, APPLICANT_LABELS, REVIEW_LABELS } from './labels.js';

export interface FormContext {
  record: Report;
  failed: Set<string>;
  /** Paths (cells, rows or tables) named by warnings. */
  warned: string[];
}

/** The value at a dotted path; undefined where the row or table is absent. */
export function valueAt(record: Report, path: string): unknown {
  let cur: unknown = record;
  for (const k of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

function td(ctx: FormContext, path: string, attrs = ''): string {
  const v = valueAt(ctx.record, path);
  const rowPath = path.slice(0, path.lastIndexOf('.'));
  const rowAbsent = valueAt(ctx.record, rowPath) === undefined || valueAt(ctx.record, rowPath) === null;
  const prov = ctx.record.provenance[path];
  const classes = ['v'];
  if (ctx.failed.has(path)) classes.push('fail');
  if (ctx.warned.some((w) => path === w || path.startsWith(w + '.'))) classes.push('warn');
  if (rowAbsent) classes.push('absent');
  else if (v === null || v === undefined) classes.push('blank');
  if (prov?.confidence !== undefined && prov.confidence < LOW_CONFIDENCE) classes.push('low');
  const shown = typeof v === 'number' ? String(v) : (prov?.text ?? '');
  // A tooltip only where there is more to say than the path (the page script shows the path).
  const notes = [
    rowAbsent ? 'row not in the record' : null,
    !rowAbsent && !prov ? 'no number printed' : null,
    prov && (typeof v !== 'number' || classes.length > 1) ? (prov.text ? `p.${prov.page} printed 「${prov.text}」` : `p.${prov.page} printed blank`) : null,
    prov?.confidence !== undefined ? `OCR ${Math.round(prov.confidence)}` : null,
  ].filter(Boolean);
  const title = notes.length ? ` title="${esc([path, ...notes].join(' · '))}"` : '';
  return `<td class="${classes.join(' ')}" data-path="${esc(path)}"${title}${attrs}>${esc(shown)}</td>`;
}

const th = (text: string, attrs = '') => `<th${attrs}>${esc(text)}</th>`;
const APPLICANTS = ['naturalPerson', 'commercialEnterprise', 'researchInstitution', 'socialWelfareOrg', 'legalServiceOrg', 'otherOrg', 'total'];

/** Table 三 with its printed row structure (group heads spanning their rows). */
export function applicationsTable(ctx: FormContext): string {
  const apps = ctx.record.applications;
  if (!apps) return '<p class="none">表三未读出 (table 三 not read)</p>';
  const otherAsOne = !!apps.results?.otherHandling?.total && !apps.results.otherHandling.overdueCorrection;
  const cells = (row: string) => APPLICANTS.map((c) => td(ctx, `applications.${row}.${c}`)).join('');
  const group = (head: string, rows: Array<[string, string]>) =>
    rows
      .map(([path, label], k) => `<tr>${k === 0 ? th(head, ` rowspan="${rows.length}"`) : ''}${th(label, ' class="l"')}${cells(path)}</tr>`)
      .join('');
  const other: Array<[string, string]> = [
    ['results.otherHandling.overdueCorrection', '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请'],
    ['results.otherHandling.overdueFee', '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请'],
    ['results.otherHandling.other', '3.其他'],
  ];
  const resultRows = [
    `<tr>${th('（一）予以公开', ' colspan="2" class="l"')}${cells('results.granted')}</tr>`,
    `<tr>${th('（二）部分公开（区分处理的，只计这一情形，不计其他情形）', ' colspan="2" class="l"')}${cells('results.partiallyGranted')}</tr>`,
    group('（三）不予公开', [
      ['results.withheld.stateSecret', '1.属于国家秘密'],
      ['results.withheld.prohibitedByLaw', '2.其他法律行政法规禁止公开'],
      ['results.withheld.securityStability', '3.危及“三安全一稳定”'],
      ['results.withheld.thirdPartyRights', '4.保护第三方合法权益'],
      ['results.withheld.internalAffairs', '5.属于三类内部事务信息'],
      ['results.withheld.processInformation', '6.属于四类过程性信息'],
      ['results.withheld.enforcementFiles', '7.属于行政执法案卷'],
      ['results.withheld.administrativeQuery', '8.属于行政查询事项'],
    ]),
    group('（四）无法提供', [
      ['results.unableToProvide.notHeld', '1.本机关不掌握相关政府信息'],
      ['results.unableToProvide.needsCreation', '2.没有现成信息需要另行制作'],
      ['results.unableToProvide.unclearAfterCorrection', '3.补正后申请内容仍不明确'],
    ]),
    group('（五）不予处理', [
      ['results.notProcessed.complaint', '1.信访举报投诉类申请'],
      ['results.notProcessed.duplicate', '2.重复申请'],
      ['results.notProcessed.publication', '3.要求提供公开出版物'],
      ['results.notProcessed.excessive', '4.无正当理由大量反复申请'],
      ['results.notProcessed.confirmation', '5.要求行政机关确认或重新出具已获取信息'],
    ]),
    otherAsOne
      ? `<tr>${th('（六）其他处理', ' colspan="2" class="l"')}${cells('results.otherHandling.total')}</tr>`
      : group('（六）其他处理', other),
    `<tr>${th('（七）总计', ' colspan="2" class="l"')}${cells('results.total')}</tr>`,
  ];
  // 「三、本年度办理结果」 spans every result row: prefix it to the first one.
  const resultCount = 2 + 8 + 3 + 5 + (otherAsOne ? 1 : 3) + 1;
  resultRows[0] = resultRows[0].replace('<tr>', `<tr>${th('三、本年度办理结果', ` rowspan="${resultCount}" class="vert"`)}`);
  return `<table class="form t3">
<thead>
<tr>${th('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', ' colspan="3" rowspan="3"')}${th('申请人情况', ' colspan="7"')}</tr>
<tr>${th(APPLICANT_LABELS.naturalPerson, ' rowspan="2"')}${th('法人或其他组织', ' colspan="5"')}${th(APPLICANT_LABELS.total, ' rowspan="2"')}</tr>
<tr>${APPLICANTS.slice(1, 6).map((c) => th(APPLICANT_LABELS[c])).join('')}</tr>
</thead>
<tbody>
<tr>${th('一、本年新收政府信息公开申请数量', ' colspan="3" class="l"')}${cells('newReceived')}</tr>
<tr>${th('二、上年结转政府信息公开申请数量', ' colspan="3" class="l"')}${cells('carriedOver')}</tr>
${resultRows.join('\n')}
<tr>${th('四、结转下年度继续办理', ' colspan="3" class="l"')}${cells('carriedForward')}</tr>
</tbody></table>`;
}

/** Table 四: one row of fifteen numbers under a two-level header. */
export function reviewTable(ctx: FormContext): string {
  if (!ctx.record.reviewLitigation) return '<p class="none">表四未读出 (table 四 not read)</p>';
  const cols = ['upheld', 'corrected', 'other', 'pending', 'total'];
  const heads = cols.map((c) => th(REVIEW_LABELS[c])).join('');
  const groups = ['review', 'litigationDirect', 'litigationAfterReview'];
  return `<table class="form t4">
<thead>
<tr>${th('行政复议', ' colspan="5"')}${th('行政诉讼', ' colspan="10"')}</tr>
<tr>${cols.map((c) => th(REVIEW_LABELS[c], ' rowspan="2"')).join('')}${th('未经复议直接起诉', ' colspan="5"')}${th('复议后起诉', ' colspan="5"')}</tr>
<tr>${heads}${heads}</tr>
</thead>
<tbody><tr>${groups.flatMap((g) => cols.map((c) => td(ctx, `reviewLitigation.${g}.${c}`))).join('')}</tr></tbody>
</table>`;
}

interface Block {
  heading: string;
  columns: string[];
  rows: Array<[key: string, label: string]>;
}

const ACTIVE_2021: Block[] = [
  { heading: '第二十条第（一）项', columns: ['issued', 'repealed', 'inForce'], rows: [['regulations', '规章'], ['normativeDocuments', '行政规范性文件']] },
  { heading: '第二十条第（五）项', columns: ['decisions'], rows: [['administrativeLicensing', '行政许可']] },
  { heading: '第二十条第（六）项', columns: ['decisions'], rows: [['administrativePunishment', '行政处罚'], ['administrativeCoercion', '行政强制']] },
  { heading: '第二十条第（八）项', columns: ['amountTenThousandYuan'], rows: [['administrativeFees', '行政事业性收费']] },
];

const ACTIVE_2019: Block[] = [
  { heading: '第二十条第（一）项', columns: ['newlyMade', 'newlyPublished', 'totalPublished'], rows: [['regulations', '规章'], ['normativeDocuments', '规范性文件']] },
  {
    heading: '第二十条第（五）项',
    columns: ['previousYearItems', 'changeThisYear', 'decisions'],
    rows: [['administrativeLicensing', '行政许可'], ['otherExternalServices', '其他对外管理服务事项']],
  },
  {
    heading: '第二十条第（六）项',
    columns: ['previousYearItems', 'changeThisYear', 'decisions'],
    rows: [['administrativePunishment', '行政处罚'], ['administrativeCoercion', '行政强制']],
  },
  { heading: '第二十条第（八）项', columns: ['previousYearItems', 'changeThisYear'], rows: [['administrativeFees', '行政事业性收费']] },
  { heading: '第二十条第（九）项', columns: ['projects', 'totalAmount'], rows: [['governmentProcurement', '政府集中采购']] },
];

/** Table 二: blocks per 第二十条 item, four columns wide like the printed form. */
export function activeTable(ctx: FormContext): string {
  const active = ctx.record.activeDisclosure as Record<string, unknown> | null;
  if (!active) return '<p class="none">表二未读出 (table 二 not read)</p>';
  const is2019 = ctx.record.template === '2019' || (ctx.record.template === null && ('governmentProcurement' in active || 'otherExternalServices' in active));
  const blocks = is2019 ? ACTIVE_2019 : ACTIVE_2021;
  const WIDTH = 3;
  const body = blocks
    .map((b) => {
      // The last column spans what is left of the form's width (as 本年处理决定数量 does).
      const span = (k: number) => (k === b.columns.length - 1 && b.columns.length < WIDTH ? ` colspan="${WIDTH - b.columns.length + 1}"` : '');
      const head = `<tr>${th(b.heading, ` colspan="${WIDTH + 1}" class="blk"`)}</tr><tr>${th('信息内容')}${b.columns
        .map((c, k) => th(ACTIVE_COLUMN_LABELS[c], span(k)))
        .join('')}</tr>`;
      const rows = b.rows
        .map(([key, label]) => `<tr>${th(label, ' class="l"')}${b.columns.map((c, k) => td(ctx, `activeDisclosure.${key}.${c}`, span(k))).join('')}</tr>`)
        .join('');
      return head + rows;
    })
    .join('\n');
  return `<table class="form t2"><tbody>\n${body}\n</tbody></table>`;
}
