// The rendered samples: what each one exercises lives here, next to its settings.
import type { ClaimOptions } from './claims.js';
import type { Style } from './html.js';
import { SCALES, type ReportNumbers, type Scale } from './numbers.js';
import { applicationCell, fullWidthDigits, groupThousands, misprint, type ZeroPolicy } from './printing.js';
import type { OtherHandlingMode, SectionKey, TemplateId } from './template.js';

export interface SampleSpec {
  name: string;
  /** One line for samples/README.md. */
  covers: string;
  agency: string;
  year: number;
  template: TemplateId;
  otherHandling: OtherHandlingMode;
  scale: Scale;
  /** How the title is broken over lines (joined, it is the expected title). */
  titleLines?: string[];
  /** Heading variants printed instead of the official ones. */
  headings?: Partial<Record<SectionKey, string>>;
  /** Row label variants (typos), keyed by applications row path or `group:<official group label>`. */
  labels?: Record<string, string>;
  /** Number of overview sub-sections (0–5): tunes where the tables fall on the pages. */
  overviewBlocks: number;
  style: Style;
  zeros?: ZeroPolicy;
  /** Metadata box of the web page the report was printed from (索引号 …), above the title. */
  metaBox?: [string, string][];
  /** Other print habits that change a cell's text but not its value (separators, full-width digits). */
  restyle?: (n: ReportNumbers) => void;
  /**
   * Cells the report leaves unfilled after its prose has stated the figures (a 总计 column left blank):
   * applied after the overview's facts are drawn, so the prose keeps the real numbers.
   */
  leaveBlank?: (n: ReportNumbers) => void;
  /** Deliberate arithmetic errors; failedChecks must list, by hand, the checks they break. */
  perturb?: (n: ReportNumbers) => void;
  failedChecks: string[];
  /** Figures the prose states under sections 二/三/四 (and misstatements of them and of the overview's). */
  claims?: ClaimOptions;
  /** Also write `<name>-layout.txt`, the `pdftotext -layout` text of the PDF, as a text sample. */
  layoutText?: boolean;
  /** Whether a table 三 row must be cut by the page boundary, its label's lines on two pages (verified). */
  rowSplit?: boolean;
  /** Whether table 三 must end on a later page than it starts (verified after rendering). */
  table3Split: boolean;
}

const SONG = '"Liberation Serif", "AR PL UMing CN"';
const KAI = '"Liberation Serif", "AR PL UKai CN"';
const HEI = '"Liberation Sans", "Droid Sans Fallback"';

// Body text in Droid Sans Fallback: its TrueType glyphs subset to ~100 bytes each, where the 宋体-like
// AR PL UMing needs ~450 (a 4-page report would pass 150 KB); UMing/UKai are kept for titles.
const base: Style = {
  titleFont: SONG,
  bodyFont: HEI,
  headingFont: HEI,
  tableFont: HEI,
  bodyPt: 15,
  tablePt: 10.5,
  ruled: { disclosure: true, applications: true, review: true },
  labelMm: [10, 22, 48],
  repeatHeader: true,
  pageNumbers: false,
  breakBefore: [],
};

export const SAMPLES: SampleSpec[] = [
  {
    name: 'city-2021-ruled',
    covers:
      'template 2021, every table fully ruled; narrow label columns so table 三 labels wrap over 2–3 lines; ' +
      'vertical merged 三、本年度办理结果 cell; digits in a Latin font; table 三 on one page; all checks pass',
    agency: '临江市人民政府',
    year: 2023,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.city,
    overviewBlocks: 5,
    style: {
      ...base,
      tableFont: '"Liberation Serif", "Droid Sans Fallback"',
      tablePt: 9,
      labelMm: [8, 16, 34],
      breakBefore: ['applications'],
    },
    failedChecks: [],
    table3Split: false,
  },
  {
    name: 'bureau-2021-split',
    covers:
      'template 2021; table 三 split over two pages with its header repeated (thead); zeros printed blank, 「/」 ' +
      'and 「—」 (null); 「- N -」 page footers; （六）其他处理 printed as one row (results.otherHandling.total); ' +
      'title broken over two lines',
    agency: '临江市生态环境局',
    year: 2023,
    template: '2021',
    otherHandling: 'single',
    scale: SCALES.bureau,
    titleLines: ['临江市生态环境局2023年政府信息公开', '工作年度报告'],
    overviewBlocks: 3,
    style: { ...base, pageNumbers: 'dash', breakBefore: ['activeDisclosure'] },
    zeros: (ref) => {
      if (ref.table === '二' && ref.row === 'regulations') return '/';
      if (ref.table === '二' && ref.row === 'administrativeFees') return '—';
      if (ref.table === '三' && (ref.col === 'researchInstitution' || ref.col === 'socialWelfareOrg')) return '';
      if (ref.table === '三' && ref.row.startsWith('results.withheld.')) return '/';
      if (ref.table === '四' && ref.row === 'litigationAfterReview') return '—';
      return undefined;
    },
    layoutText: true,
    failedChecks: [],
    table3Split: true,
  },
  {
    name: 'district-2019',
    covers:
      'template 2019: table 二 with 上一年项目数量/本年增/减 (signed 「+3」「-2」) and 第（九）项 政府集中采购 ' +
      '(amount in 万元 → yuan); （六）其他处理 as one row; table 三 split over two pages WITHOUT a repeated header; ' +
      'page footers',
    agency: '东湖区人民政府',
    year: 2020,
    template: '2019',
    otherHandling: 'single',
    scale: SCALES.district,
    overviewBlocks: 4,
    style: { ...base, repeatHeader: false, pageNumbers: 'dash', breakBefore: ['activeDisclosure'] },
    zeros: (ref) => (ref.table === '二' && ref.row === 'regulations' ? '/' : undefined),
    layoutText: true,
    failedChecks: [],
    table3Split: true,
  },
  {
    name: 'town-2021-inconsistent',
    covers:
      'template 2021 with deliberate arithmetic errors: results.granted.naturalPerson printed 1 too high ' +
      '(totals untouched) and the 行政复议 总计 printed 1 too high',
    agency: '柳塘镇人民政府',
    year: 2022,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.town,
    overviewBlocks: 4,
    style: { ...base, bodyPt: 14, breakBefore: ['applications'] },
    perturb: (n) => {
      misprint(applicationCell(n, 'results.granted', 'naturalPerson'), +1);
      misprint(n.review.review[4], +1);
    },
    // By hand: 予以公开 row no longer adds up to its 总计; the 自然人 column of the results no longer
    // adds up to （七）总计 (the 总计 column still does, and 一+二 = 三+四 is untouched); 行政复议 总计 is off.
    failedChecks: [
      'groupTotal:reviewLitigation.review',
      'resultsTotal:naturalPerson',
      'rowTotal:applications.results.granted',
    ],
    table3Split: false,
  },
  {
    name: 'agency-2021-variants',
    covers:
      'template 2021 as real reports misprint it: heading variants (「四、因政府信息公开工作被申请行政复议、提起行政诉讼情况」, ' +
      '「六、其他需要报告事项」, 「二、主动公开政府信息 情况」 with a space), label typos (「1.属于国家机密」, ' +
      '「2.其他法律行政止公开」, 「只记这一情形」), half-width punctuation (「3.危及"三安全一稳定"」, 「(五)不予处理」); ' +
      'table 二 unruled (no borders); 楷体-style title font',
    agency: '临江市医疗保障局',
    year: 2022,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.bureau,
    headings: {
      activeDisclosure: '二、主动公开政府信息 情况',
      reviewLitigation: '四、因政府信息公开工作被申请行政复议、提起行政诉讼情况',
      otherMatters: '六、其他需要报告事项',
    },
    labels: {
      'results.partiallyGranted': '（二）部分公开（区分处理的，只记这一情形，不计其他情形）',
      'results.withheld.stateSecret': '1.属于国家机密',
      'results.withheld.prohibitedByLaw': '2.其他法律行政止公开',
      'results.withheld.securityStability': '3.危及"三安全一稳定"',
      'group:（五）不予处理': '(五)不予处理',
    },
    overviewBlocks: 5,
    style: {
      ...base,
      titleFont: KAI,
      ruled: { disclosure: false, applications: true, review: true },
      breakBefore: ['applications'],
    },
    failedChecks: [],
    table3Split: false,
  },
  {
    name: 'county-2022-landscape',
    covers:
      'template 2021 with page furniture and number formats that trip naive readers: table 三 on landscape ' +
      'pages of its own (split over two, header repeated); the title repeated as a running header on every page; ' +
      'footers 「第 N 页 共 M 页」; thousands separators in table 二 (「12,345」); full-width digits in table 四 and ' +
      'in 四、结转下年度继续办理 (「１２」)',
    agency: '临江县人民政府',
    year: 2022,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.district,
    overviewBlocks: 4,
    style: {
      ...base,
      labelMm: [12, 34, 96],
      pageNumbers: 'of-total',
      runningHeader: true,
      landscapeApplications: true,
    },
    restyle: (n) => {
      for (const row of Object.values(n.disclosure)) for (const c of Object.values(row)) groupThousands(c);
      for (const g of Object.values(n.review)) g.forEach(fullWidthDigits);
      n.applications.get('carriedForward')!.forEach(fullWidthDigits);
    },
    failedChecks: [],
    table3Split: true,
  },
  {
    name: 'web-2022-printout',
    covers:
      'template 2021 printed from the government website: 索引号/发布机构/生成日期 metadata box above the title ' +
      '(another year, another 名称 line), browser-style margins (print date, title, URL, 「N/M」); ' +
      '三、本年度办理结果 as horizontal text in a one-character-wide column (Word style, no vertical glyphs); ' +
      'smaller type; table 三 split over two pages with its header repeated',
    agency: '临江市住房和城乡建设局',
    year: 2022,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.bureau,
    metaBox: [
      ['索引号', '11330100MB1C23456K/2023-00018'],
      ['发布机构', '临江市住房和城乡建设局'],
      ['生成日期', '2023-01-18'],
      ['主题分类', '政务公开'],
      ['名称', '临江市住房和城乡建设局2022年政府信息公开工作年度报告'],
      ['文号', ''],
    ],
    overviewBlocks: 5,
    style: {
      ...base,
      bodyPt: 12,
      tablePt: 9.5,
      labelMm: [5, 20, 52],
      resultsCell: 'narrow',
      webPrintout: { printedAt: '2023/3/2 10:41', url: 'http://www.linjiang.gov.cn/art/2023/1/18/art_1229_4107.html' },
    },
    failedChecks: [],
    table3Split: true,
  },
  {
    name: 'office-2021-shaded',
    covers:
      'template 2021 in its first year (2021): table 二 as four separate grids under 第二十条第（X）项 ' +
      'paragraphs; grey-shaded header cells in all tables (filled rectangles beside the ruling); 「- N -」 footers',
    agency: '临江市人民政府办公室',
    year: 2021,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.bureau,
    overviewBlocks: 3,
    style: { ...base, disclosureLayout: 'separate', shadeHeaders: true, pageNumbers: 'dash', breakBefore: ['applications'] },
    failedChecks: [],
    table3Split: false,
  },
  {
    name: 'street-2021-rowsplit',
    covers:
      'template 2021 where the page boundary cuts through a table 三 row (Word\'s 允许跨页断行): the wrapped ' +
      'label starts at the foot of one page and ends under the repeated header on the next, its numbers on ' +
      'one side only; narrow label columns (labels of 3–4 lines)',
    agency: '临江市城东街道办事处',
    year: 2023,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.town,
    overviewBlocks: 2,
    style: {
      ...base,
      labelMm: [8, 14, 26],
      pageNumbers: 'dash',
      looseRowBreaks: true,
      spaceBeforeMm: { applications: 20 },
    },
    failedChecks: [],
    rowSplit: true,
    table3Split: true,
  },
  {
    name: 'prose-2023-disagree',
    covers:
      'template 2021 whose prose contradicts its own tables in nine ways (新收, 结转下年度, 予以公开, 部分公开, 不予公开, ' +
      '行政复议, 行政诉讼, 制发行政规范性文件, 行政事业性收费 stated in 元): each a failed textTable check naming the ' +
      'table path and the prose span; 上年结转 and 现行有效 stated right',
    agency: '临江市市场监督管理局',
    year: 2023,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.district,
    overviewBlocks: 2,
    style: { ...base, breakBefore: ['applications'] },
    claims: {
      misstate: { newReceived: 3, carriedForward: 1, granted: -2, partiallyGranted: 1, withheld: 2, review: 1, litigation: 2, normativeIssued: 1, fees: 0.5 },
      feesInYuan: true,
    },
    failedChecks: [
      'textTable:activeDisclosure.administrativeFees.amountTenThousandYuan',
      'textTable:activeDisclosure.normativeDocuments.issued',
      'textTable:applications.carriedForward.total',
      'textTable:applications.newReceived.total',
      'textTable:applications.results.granted.total',
      'textTable:applications.results.partiallyGranted.total',
      'textTable:applications.results.withheld',
      'textTable:reviewLitigation.litigationDirect.total+reviewLitigation.litigationAfterReview.total',
      'textTable:reviewLitigation.review.total',
    ],
    table3Split: true,
  },
];

/**
 * The year-over-year batch (samples/compare/): five agencies, 2019–2023 (template 2019 for 2019–2020,
 * 2021 after), prose stating the tables' figures. One agency prints its name with the city in front in
 * odd years (「临江市青山区市场监督管理局」), so pairing must go by agencyKey.
 */
export function compareBatchSpecs(): SampleSpec[] {
  const agencies: Array<[slug: string, agency: (year: number) => string, scale: Scale]> = [
    ['qingshan-gov', () => '青山区人民政府', SCALES.district],
    ['education', () => '临江市教育局', SCALES.bureau],
    ['transport', () => '临江市交通运输局', SCALES.bureau],
    ['baisha-town', () => '白沙镇人民政府', SCALES.town],
    ['qingshan-market', (y) => (y % 2 ? '临江市青山区市场监督管理局' : '青山区市场监督管理局'), SCALES.bureau],
  ];
  const out: SampleSpec[] = [];
  for (const [slug, agency, scale] of agencies) {
    for (let year = 2019; year <= 2023; year++) {
      const template: TemplateId = year < 2021 ? '2019' : '2021';
      out.push({
        name: `compare/${slug}-${year}`,
        covers: `${agency(year)} ${year}`,
        agency: agency(year),
        year,
        template,
        otherHandling: template === '2019' ? 'single' : 'split',
        scale,
        overviewBlocks: 3,
        style: { ...base },
        claims: {},
        failedChecks: [],
        layoutText: true,
        table3Split: false,
      });
    }
  }
  return out;
}
