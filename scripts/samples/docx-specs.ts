// The Word/WPS samples (DOCX → LibreOffice PDF): what each exercises lives next to its settings.
import type { DocxStyle } from './docx-word.js';
import { SCALES, type ReportNumbers, type Scale } from './numbers.js';
import type { ZeroPolicy } from './printing.js';
import type { OtherHandlingMode, SectionKey, TemplateId } from './template.js';

export interface DocxSampleSpec {
  name: string;
  /** One line for samples/word/README.md. */
  covers: string;
  agency: string;
  /** The sign-off's agency line, when it differs from the title block's. */
  signOffAgency?: string;
  year: number;
  template: TemplateId;
  otherHandling: OtherHandlingMode;
  scale: Scale;
  overviewBlocks: number;
  headings?: Partial<Record<SectionKey, string>>;
  labels?: Record<string, string>;
  style: DocxStyle;
  zeros?: ZeroPolicy;
  restyle?: (n: ReportNumbers) => void;
  failedChecks: string[];
}

const base: DocxStyle = {
  font: 'Noto Serif CJK SC',
  titleFont: 'Noto Serif CJK SC',
  agencyLine: 'inTitle',
  resultsCell: 'tbRl',
  groupCells: 'horizontal',
  repeatHeader: true,
  landscapeApplications: false,
  valueColumnMm: 14,
  labelColumnsMm: [9, 18, 35],
  borders: 'all',
  pageHeader: null,
  pageFooter: true,
  bodyPt: 14,
  tablePt: 10.5,
  spaceBeforeApplications: 0,
};

/** Shortened labels offices type for the two long （六）其他处理 rows. */
const SHORT_OTHER_HANDLING = {
  'results.otherHandling.overdueCorrection': '1.申请人逾期不补正',
  'results.otherHandling.overdueFee': '2.申请人逾期未缴纳费用',
};

/** Table 四 with only its non-zero cells printed (the rest left blank). */
const sparseReview: ZeroPolicy = (ref) => (ref.table === '四' ? '' : undefined);

export const DOCX_SAMPLES: DocxSampleSpec[] = [
  {
    name: 'word-2021-merged',
    covers:
      'agency on its own line above the title (with its higher region); 三、本年度办理结果 and the group labels as ' +
      'vertically merged cells with vertical text (tbRl); table 三 on one page; shortened labels ' +
      '「1.申请人逾期不补正」「2.申请人逾期未缴纳费用」; page header and 「- N -」 footer; Noto Serif CJK',
    agency: '临江市东湖区人民政府',
    year: 2023,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.district,
    // 5 overview blocks would split table 三 over two pages: LibreOffice 7.4 then drops everything
    // after the table (tbRl merged cells across a page break); 3 keeps the table on one page.
    overviewBlocks: 3,
    labels: SHORT_OTHER_HANDLING,
    style: { ...base, agencyLine: 'above', groupCells: 'tbRl', labelColumnsMm: [9, 9, 44], pageHeader: '临江市东湖区人民政府办公室' },
    failedChecks: [],
  },
  {
    name: 'wps-2022-narrow',
    covers:
      'agency in brackets on the line below the title; narrow value columns (three-digit numbers wrap inside ' +
      'their ruled cell); a wrapped sub-label beside a wrapped group label (「3.要求提供公开出版物」 next to ' +
      '「（五）不予处理」); header rows not repeated; WenQuanYi Zen Hei',
    agency: '临江市生态环境局',
    year: 2022,
    template: '2021',
    otherHandling: 'split',
    scale: SCALES.city,
    overviewBlocks: 2,
    style: {
      ...base,
      font: 'WenQuanYi Zen Hei',
      titleFont: 'WenQuanYi Zen Hei',
      agencyLine: 'belowBracketed',
      repeatHeader: false,
      valueColumnMm: 9,
      tablePt: 12,
      labelColumnsMm: [9, 14, 22],
    },
    failedChecks: [],
  },
  {
    name: 'word-2019-signoff',
    covers:
      'template 2019; the title without the agency, which only the closing sign-off names; 「五、政府信息公开工作' +
      '存在的主要问题及改进情况」; table 三 on a landscape page of its own, thick outer frame and no inner ' +
      'horizontal lines; sparse table 四 (only non-zero cells printed); AR PL UMing',
    agency: '东湖区交通运输局',
    year: 2020,
    template: '2019',
    otherHandling: 'single',
    scale: SCALES.bureau,
    overviewBlocks: 4,
    headings: { problems: '五、政府信息公开工作存在的主要问题及改进情况' },
    zeros: sparseReview,
    style: {
      ...base,
      font: 'AR PL UMing CN',
      titleFont: 'AR PL UKai CN',
      agencyLine: 'signOffOnly',
      resultsCell: 'btLr',
      groupCells: 'btLr',
      landscapeApplications: true,
      borders: 'thickOuter',
      labelColumnsMm: [10, 10, 60],
      valueColumnMm: 22,
    },
    failedChecks: [],
  },
];
