// What report prose says about the tables, as data: each phrase pattern, the table cells whose sum the
// number states, and the template it applies to. Patterns run over one normalised sentence (NFKC, no
// white space); a phrase is listed only when it ties its number to the cells without doubt.
import type { Template } from '../schema/record.js';
import { APPLICATION_GROUPS, APPLICATION_ROW_SPECS } from '../templates/index.js';

/** A row's printed label, from the templates (the one place that writes them down). */
const label = (path: string): string => APPLICATION_ROW_SPECS.find((r) => r.path === path)!.label;
const GRANTED = label('results.granted');
const PARTIAL = label('results.partiallyGranted');
const { withheld: W, unableToProvide: U, notProcessed: P } = APPLICATION_GROUPS;

/** A number as printed: 「12」「1,234」「12.5」「十二」. */
const N = String.raw`(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)`;
/** Words allowed between the keyword and the number (「…的申请共12件」). */
const F = String.raw`(?:共计|合计|总计|总数为|总数|数量为|数量|共|计|为|达|有|的|了|申请|案件|件数)*`;
const COUNT = String.raw`(?:件|宗)`;
const DOCS = String.raw`(?:件|份)`;
const CONJ = String.raw`(?:[、和及与或]|以及)`;

export type ProseUnit = 'count' | 'tenThousandYuan';

export interface ProseRule {
  /** The check id is `textTable:<target>`: a cell path, a printed group's path, or cell paths joined by +. */
  target: string;
  /** What the prose states, in the report's words (for messages). */
  label: string;
  template?: Template;
  pattern: RegExp;
  /**
   * Each reading is a list of cell paths whose sum the number states. A phrase with two readings
   * (「收到申请N件」: new only, or new + carried over) is checked only when they give the same sum.
   */
  readings: string[][];
  unit: ProseUnit;
  /** Checked only when the sentence also names 政府信息公开 or the phrase stands in this section. */
  needsContext?: { words: RegExp; section: string };
}

const re = (s: string) => new RegExp(s, 'gu');
const A = 'applications';
const rowTotals = (group: string, rows: string[]) => rows.map((r) => `${A}.results.${group}.${r}.total`);

const WITHHELD = [
  'stateSecret',
  'prohibitedByLaw',
  'securityStability',
  'thirdPartyRights',
  'internalAffairs',
  'processInformation',
  'enforcementFiles',
  'administrativeQuery',
];
const UNABLE = ['notHeld', 'needsCreation', 'unclearAfterCorrection'];
const NOT_PROCESSED = ['complaint', 'duplicate', 'publication', 'excessive', 'confirmation'];

const REVIEW = 'reviewLitigation.review.total';
const LIT = ['reviewLitigation.litigationDirect.total', 'reviewLitigation.litigationAfterReview.total'];
/** Review figures in an overview may be the agency's own casework (a 司法局 handles 复议): tie them to 公开. */
const DISCLOSURE_CONTEXT = { words: /政府信息公开|信息公开|依申请公开|公开申请/u, section: 'reviewLitigation' };

export const PROSE_RULES: ProseRule[] = [
  {
    target: `${A}.newReceived.total`,
    label: '新收政府信息公开申请',
    pattern: re(String.raw`新(?:收到?|接收|受理)(?:各类)?(?:的)?(?:政府信息公开|信息公开|依申请公开)?${F}${N}${COUNT}`),
    readings: [[`${A}.newReceived.total`]],
    unit: 'count',
  },
  {
    // 「共受理/收到申请N件」 may or may not include last year's carry-over.
    target: `${A}.newReceived.total`,
    label: '受理/收到政府信息公开申请',
    pattern: re(String.raw`(?<!新)(?:受理|收到|接收|接到)(?:各类)?(?:的)?(?:政府信息公开|依申请公开)${F}${N}${COUNT}`),
    readings: [[`${A}.newReceived.total`], [`${A}.newReceived.total`, `${A}.carriedOver.total`]],
    unit: 'count',
  },
  {
    target: `${A}.carriedOver.total`,
    label: '上年结转',
    pattern: re(String.raw`上一?年度?结转(?:的)?(?:政府信息公开)?${F}${N}${COUNT}`),
    readings: [[`${A}.carriedOver.total`]],
    unit: 'count',
  },
  {
    target: `${A}.carriedForward.total`,
    label: label('carriedForward'),
    pattern: re(String.raw`结转(?:至|到)?下一?年度?(?:继续办理|继续处理|办理)?${F}${N}${COUNT}`),
    readings: [[`${A}.carriedForward.total`]],
    unit: 'count',
  },
  {
    target: `${A}.carriedForward.total`,
    label: label('carriedForward'),
    pattern: re(String.raw`${N}${COUNT}(?:申请)?(?:结转|转入)(?:至|到)?下一?年度?`),
    readings: [[`${A}.carriedForward.total`]],
    unit: 'count',
  },
  {
    target: `${A}.results.granted.total`,
    label: GRANTED,
    pattern: re(String.raw`(?<!不)${GRANTED}${F}${N}${COUNT}`),
    readings: [[`${A}.results.granted.total`]],
    unit: 'count',
  },
  {
    target: `${A}.results.partiallyGranted.total`,
    label: PARTIAL,
    pattern: re(String.raw`(?<!不予)${PARTIAL}${F}${N}${COUNT}`),
    readings: [[`${A}.results.partiallyGranted.total`]],
    unit: 'count',
  },
  {
    target: `${A}.results.withheld`,
    label: W.label,
    // Also said with 以 after 不予.
    pattern: re(String.raw`不予(?:以)?公开${F}${N}${COUNT}`),
    readings: [rowTotals('withheld', WITHHELD)],
    unit: 'count',
  },
  {
    target: `${A}.results.unableToProvide`,
    label: U.label,
    pattern: re(String.raw`${U.label}${F}${N}${COUNT}`),
    readings: [rowTotals('unableToProvide', UNABLE)],
    unit: 'count',
  },
  {
    target: `${A}.results.notProcessed`,
    label: P.label,
    pattern: re(String.raw`${P.label}${F}${N}${COUNT}`),
    readings: [rowTotals('notProcessed', NOT_PROCESSED)],
    unit: 'count',
  },
  {
    target: REVIEW,
    label: '行政复议',
    pattern: re(String.raw`(?<!(?:行政)?诉讼${CONJ})行政复议(?!${CONJ})${F}${N}${COUNT}`),
    readings: [[REVIEW]],
    unit: 'count',
    needsContext: DISCLOSURE_CONTEXT,
  },
  {
    target: LIT.join('+'),
    label: '行政诉讼',
    pattern: re(String.raw`(?<!(?:行政)?复议${CONJ})(?:行政诉讼|行政应诉)(?!${CONJ})${F}${N}${COUNT}`),
    readings: [LIT],
    unit: 'count',
    needsContext: DISCLOSURE_CONTEXT,
  },
  {
    target: [REVIEW, ...LIT].join('+'),
    label: '行政复议、行政诉讼',
    pattern: re(String.raw`(?:行政复议${CONJ}(?:行政)?诉讼|行政诉讼${CONJ}(?:行政)?复议)${F}${N}${COUNT}`),
    readings: [[REVIEW, ...LIT]],
    unit: 'count',
    needsContext: DISCLOSURE_CONTEXT,
  },
  ...documentRules(),
  {
    target: 'activeDisclosure.administrativeFees.amountTenThousandYuan',
    label: '行政事业性收费',
    template: '2021',
    pattern: re(String.raw`行政事业性收费(?:金额|总额|总金额|收入)?${F}${N}(?<unit>亿元|万元|千元|元|万)`),
    readings: [['activeDisclosure.administrativeFees.amountTenThousandYuan']],
    unit: 'tenThousandYuan',
  },
];

/** 规章 and 规范性文件: 制发/废止/现行有效 (2021), 新制作/新公开 (2019). 「规章制度」 is not 规章. */
function documentRules(): ProseRule[] {
  const kinds: Array<[row: string, noun: string, label: string]> = [
    ['regulations', String.raw`(?:政府)?规章(?!制度)`, '规章'],
    ['normativeDocuments', String.raw`(?:行政)?规范性文件`, '规范性文件'],
  ];
  const verbs: Array<[field: string, verb: string, word: string, template: Template]> = [
    ['issued', '(?:制发|印发|出台|制定)', '制发', '2021'],
    ['repealed', '(?:废止|废除)', '废止', '2021'],
    ['inForce', '现行有效', '现行有效', '2021'],
    ['newlyMade', '(?:新制作|制作|制发|印发|制定)', '新制作', '2019'],
    ['newlyPublished', '新公开', '新公开', '2019'],
  ];
  const out: ProseRule[] = [];
  for (const [row, noun, label] of kinds) {
    for (const [field, verb, word, template] of verbs) {
      const path = `activeDisclosure.${row}.${field}`;
      out.push({
        target: path,
        label: `${word}${label}`,
        template,
        pattern: re(String.raw`${verb}(?:了|的)?${noun}${F}${N}${DOCS}`),
        readings: [[path]],
        unit: 'count',
      });
    }
  }
  return out;
}

/**
 * A number near one of these words in the same sentence, before the phrase, is about a part of the
 * whole (自然人, 通过网络, 上半年), another period (同比, 较上年, 累计) or an approximation: not checked.
 */
export const QUALIFIERS =
  /自然人|法人|企业|科研机构|公益组织|法律服务机构|其他组织|通过|方式|渠道|途径|网上|网络|当面|信函|邮寄|电子邮件|传真|电话|上半年|下半年|季度|\d+月份?|同比|去年|上年(?!度?结转)|上一年(?!度?结转)|较|累计|以来|历年|约|近/u;

/** Mentions of money charged that the tables do not hold (信息处理费 is not 行政事业性收费): counted only. */
export const UNTIED_FEES =
  /收取(?:了)?(?:信息处理费|费用|处理费)(?:共计|合计|共|计|为)?(?:\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(?:万元|元)/gu;
