// Word/WPS-style generator for the layout samples of samples/word (issue 9); scripts/samples/docx.ts is the format-sample writer.
// Reports typed in Word/WPS: a DOCX (the `docx` package) with the layout habits of real offices,
// printed to PDF by LibreOffice. An independent second renderer next to the Chromium/HTML one:
// another layout engine, other fonts, other ways of merging, wrapping and ruling cells.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeightRule,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextDirection,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Cell, ReportNumbers } from './numbers.js';
import type { ProseBlock } from './prose.js';
import {
  BALANCE_NOTE,
  CARRIED_FORWARD,
  disclosureSections,
  RESULTS_CELL_LABEL,
  resultBlocks,
  REVIEW_COLUMN_HEADINGS,
  REVIEW_GROUPS,
  TOP_ROWS,
  type SectionKey,
} from './template.js';

/** How the office typed its report: each field is one habit seen in real Word/WPS reports. */
export interface DocxStyle {
  /** East Asian font of the body, headings and tables (a Debian font family name). */
  font: string;
  titleFont: string;
  /** Where the agency is printed: in the title, on its own line above or below it (maybe in brackets). */
  agencyLine: 'inTitle' | 'above' | 'below' | 'belowBracketed' | 'signOffOnly';
  /** Text direction of the merged 三、本年度办理结果 cell and the group label cells. */
  resultsCell: 'tbRl' | 'btLr' | 'horizontal';
  /** The group labels (（三）不予公开 …) as merged cells with vertical text, or horizontal and wrapped. */
  groupCells: 'tbRl' | 'btLr' | 'horizontal';
  /** Repeat table 三's header rows on each page it runs over. */
  repeatHeader: boolean;
  /** Table 三 in a landscape section of its own. */
  landscapeApplications: boolean;
  /** Width of each table 三 value column, in mm (narrow: numbers wrap inside their cell). */
  valueColumnMm: number;
  /** Widths of the three label columns of table 三, in mm. */
  labelColumnsMm: [number, number, number];
  /** Borders: every line; a thick outer frame only with inner vertical lines; or none inside. */
  borders: 'all' | 'thickOuter' | 'outerOnly';
  /** Page header text (e.g. the office's name) and a 「- N -」 footer. */
  pageHeader: string | null;
  pageFooter: boolean;
  /** Points: body and table type size. */
  bodyPt: number;
  tablePt: number;
  /** Blank paragraphs before table 三 (moves the page break through the table). */
  spaceBeforeApplications: number;
}

export interface DocxReport {
  agency: string;
  year: number;
  /** The title as printed on its line(s) (without the agency when the agency has its own line). */
  titleLines: string[];
  headings: Record<SectionKey, string>;
  overview: ProseBlock[];
  problems: string[];
  otherMatters: string[];
  numbers: ReportNumbers;
  /** Label variants by applications row path (shortened labels) or `group:<label>`. */
  labels: Record<string, string>;
  signOff: [string, string];
}

const PT = 2; // docx sizes are half-points
const TWIP_PER_MM = 56.7;
const mm = (v: number) => Math.round(v * TWIP_PER_MM);

export async function renderDocx(r: DocxReport, s: DocxStyle): Promise<Uint8Array> {
  const run = (text: string, o: { bold?: boolean; pt?: number; font?: string } = {}) =>
    new TextRun({ text, bold: o.bold, size: (o.pt ?? s.bodyPt) * PT, font: fontOf(o.font ?? s.font) });
  const para = (text: string, o: { bold?: boolean; pt?: number; center?: boolean; font?: string; indent?: boolean } = {}) =>
    new Paragraph({
      children: [run(text, o)],
      alignment: o.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      indent: o.indent ? { firstLine: mm(((o.pt ?? s.bodyPt) * 2 * 25.4) / 72) } : undefined,
      spacing: { line: 360 },
    });
  const tableText = (text: string, o: { center?: boolean } = {}) =>
    new Paragraph({ children: [run(text, { pt: s.tablePt })], alignment: o.center === false ? AlignmentType.LEFT : AlignmentType.CENTER });

  const head: Paragraph[] = [];
  const agencyPara = (text: string) => para(text, { pt: s.bodyPt + 1, center: true, font: s.titleFont });
  if (s.agencyLine === 'above') head.push(agencyPara(r.agency));
  for (const t of r.titleLines) head.push(para(t, { pt: 20, center: true, bold: true, font: s.titleFont }));
  if (s.agencyLine === 'below') head.push(agencyPara(r.agency));
  if (s.agencyLine === 'belowBracketed') head.push(agencyPara(`（${r.agency}）`));

  const body: Array<Paragraph | Table> = [];
  const heading = (key: SectionKey) => para(r.headings[key], { bold: true, font: s.font });
  body.push(heading('overview'));
  for (const b of r.overview) {
    if (b.heading) body.push(para(b.heading, { bold: true, indent: true }));
    for (const p of b.paragraphs) body.push(para(p, { indent: true }));
  }
  body.push(heading('activeDisclosure'), disclosureTable(r, s, tableText));
  const before: Array<Paragraph | Table> = [...body];
  const apps: Array<Paragraph | Table> = [heading('applications')];
  for (let i = 0; i < s.spaceBeforeApplications; i++) apps.push(para(''));
  apps.push(applicationsTable(r, s, tableText));
  const after: Array<Paragraph | Table> = [heading('reviewLitigation'), reviewTable(r, s, tableText), heading('problems')];
  for (const p of r.problems) after.push(para(p, { indent: true }));
  after.push(heading('otherMatters'));
  for (const p of r.otherMatters) after.push(para(p, { indent: true }));
  after.push(para(''), para(r.signOff[0], { center: false }), para(r.signOff[1], { center: false }));

  const headers = s.pageHeader ? { default: new Header({ children: [para(s.pageHeader, { pt: 9, center: true })] }) } : undefined;
  const footers = s.pageFooter
    ? {
        default: new Footer({
          children: [
            new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'], size: 9 * PT, font: fontOf(s.font) })],
            }),
          ],
        }),
      }
    : undefined;
  const portrait = { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(30), bottom: mm(25), left: mm(26), right: mm(24) } } };
  const landscape = {
    page: { size: { width: mm(210), height: mm(297), orientation: PageOrientation.LANDSCAPE }, margin: { top: mm(20), bottom: mm(20), left: mm(22), right: mm(22) } },
  };
  const section = (children: Array<Paragraph | Table>, props = portrait): ISectionOptions => ({ properties: props, headers, footers, children });
  const sections: ISectionOptions[] = s.landscapeApplications
    ? [section([...head, ...before]), section(apps, landscape), section(after)]
    : [section([...head, ...before, ...apps, ...after])];
  return withFixedClock(() => Packer.toBuffer(new Document({ creator: 'nianbao samples', title: r.titleLines.join(''), sections })));
}

const fontOf = (name: string) => ({ ascii: 'Liberation Serif', hAnsi: 'Liberation Serif', eastAsia: name, cs: 'Liberation Serif' });

/** The DOCX zip and its core properties carry the time of packing: pin it, so reruns are byte-identical. */
async function withFixedClock<T>(f: () => Promise<T>): Promise<T> {
  const Real = Date;
  const fixed = Date.UTC(2025, 0, 1);
  class Fixed extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(fixed);
      else super(...(args as [number]));
    }
    static now() {
      return fixed;
    }
  }
  globalThis.Date = Fixed as DateConstructor;
  try {
    return await f();
  } finally {
    globalThis.Date = Real;
  }
}

type TextFn = (text: string, o?: { center?: boolean }) => Paragraph;

function borders(s: DocxStyle) {
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const thick = { style: BorderStyle.SINGLE, size: 18, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  if (s.borders === 'all') return { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };
  if (s.borders === 'thickOuter') return { top: thick, bottom: thick, left: thick, right: thick, insideHorizontal: none, insideVertical: thin };
  return { top: thick, bottom: thick, left: thick, right: thick, insideHorizontal: none, insideVertical: none };
}

const dirOf = (d: DocxStyle['resultsCell']) =>
  d === 'tbRl' ? TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT : d === 'btLr' ? TextDirection.BOTTOM_TO_TOP_LEFT_TO_RIGHT : undefined;

function cellOf(children: Paragraph[], o: { span?: number; rows?: number; widthMm?: number; dir?: DocxStyle['resultsCell'] } = {}): TableCell {
  return new TableCell({
    children,
    columnSpan: o.span,
    rowSpan: o.rows,
    width: o.widthMm ? { size: mm(o.widthMm), type: WidthType.DXA } : undefined,
    textDirection: o.dir ? dirOf(o.dir) : undefined,
    verticalAlign: VerticalAlign.CENTER,
  });
}

const valueCell = (c: Cell, text: TextFn) => cellOf([text(c.text)]);

/** Table 三: three label columns (results cell, group cell, sub-row label) and seven value columns. */
function applicationsTable(r: DocxReport, s: DocxStyle, text: TextFn): Table {
  const [w0, w1, w2] = s.labelColumnsMm;
  const label = (path: string, official: string) => r.labels[path] ?? official;
  const rows: TableRow[] = [];
  const header = (children: TableCell[]) => new TableRow({ children, tableHeader: s.repeatHeader, cantSplit: true });
  rows.push(
    header([cellOf([text(BALANCE_NOTE)], { span: 3, rows: 3 }), cellOf([text('申请人情况')], { span: 7 })]),
    header([cellOf([text('自然人')], { rows: 2 }), cellOf([text('法人或其他组织')], { span: 5 }), cellOf([text('总计')], { rows: 2 })]),
    header(['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((h) => cellOf([text(h)]))),
  );
  const values = (path: string) => r.numbers.applications.get(path)!.map((c) => valueCell(c, text));
  for (const row of TOP_ROWS) rows.push(new TableRow({ children: [cellOf([text(label(row.path, row.label), { center: false })], { span: 3 }), ...values(row.path)] }));
  const blocks = resultBlocks(r.numbers.otherHandling);
  const resultRowCount = blocks.reduce((n, b) => n + (b.kind === 'single' ? 1 : b.rows.length), 0);
  let first = true;
  for (const b of blocks) {
    const lead = () => {
      if (!first) return [];
      first = false;
      const chars = s.resultsCell === 'horizontal' ? [text(RESULTS_CELL_LABEL)] : [text(RESULTS_CELL_LABEL)];
      return [cellOf(chars, { rows: resultRowCount, dir: s.resultsCell, widthMm: w0 })];
    };
    if (b.kind === 'single') {
      rows.push(new TableRow({ children: [...lead(), cellOf([text(label(b.row.path, b.row.label), { center: false })], { span: 2 }), ...values(b.row.path)] }));
      continue;
    }
    b.rows.forEach((sub, k) => {
      const group = k === 0 ? [cellOf([text(r.labels[`group:${b.label}`] ?? b.label)], { rows: b.rows.length, dir: s.groupCells, widthMm: w1 })] : [];
      rows.push(new TableRow({ children: [...lead(), ...group, cellOf([text(label(sub.path, sub.label), { center: false })], { widthMm: w2 }), ...values(sub.path)] }));
    });
  }
  rows.push(new TableRow({ children: [cellOf([text(label(CARRIED_FORWARD.path, CARRIED_FORWARD.label), { center: false })], { span: 3 }), ...values(CARRIED_FORWARD.path)] }));
  return new Table({
    rows,
    layout: TableLayoutType.FIXED,
    columnWidths: [w0, w1, w2, ...Array(7).fill(s.valueColumnMm)].map(mm),
    borders: borders(s),
  });
}

/** Table 二 as the form prints it: one grid, a 第二十条第（X）项 caption row over each part. */
function disclosureTable(r: DocxReport, s: DocxStyle, text: TextFn): Table {
  const rows: TableRow[] = [];
  for (const sec of disclosureSections(r.numbers.template)) {
    rows.push(new TableRow({ children: [cellOf([text(sec.caption)], { span: 4 })], cantSplit: true }));
    const spans = sec.columns.length === 1 ? [3] : sec.columns.length === 2 ? [1, 2] : [1, 1, 1];
    rows.push(new TableRow({ children: [cellOf([text('信息内容')]), ...sec.columns.map((c, k) => cellOf([text(c.heading)], { span: spans[k] }))], cantSplit: true }));
    for (const row of sec.rows) {
      const cells = sec.columns.map((c, k) => cellOf([text(r.numbers.disclosure[row.key][c.key].text)], { span: spans[k] }));
      rows.push(new TableRow({ children: [cellOf([text(row.label)]), ...cells], cantSplit: true }));
    }
  }
  return new Table({ rows, layout: TableLayoutType.FIXED, columnWidths: [46, 40, 40, 34].map(mm), borders: borders({ ...s, borders: s.borders === 'outerOnly' ? 'thickOuter' : s.borders }) });
}

/** Table 四: 行政复议 (five columns) and 行政诉讼 (直接起诉, 复议后起诉: five each), one row of values. */
function reviewTable(r: DocxReport, s: DocxStyle, text: TextFn): Table {
  const heads = (rows?: number) => REVIEW_COLUMN_HEADINGS.map((h) => cellOf([text(h)], { rows }));
  const rows = [
    new TableRow({ children: [cellOf([text('行政复议')], { span: 5 }), cellOf([text('行政诉讼')], { span: 10 })], cantSplit: true }),
    new TableRow({ children: [...heads(2), cellOf([text('未经复议直接起诉')], { span: 5 }), cellOf([text('复议后起诉')], { span: 5 })], cantSplit: true }),
    new TableRow({ children: [...heads(), ...heads()], cantSplit: true }),
    new TableRow({
      children: REVIEW_GROUPS.flatMap((g) => r.numbers.review[g].map((c) => cellOf([text(c.text)]))),
      cantSplit: true,
      height: { value: mm(9), rule: HeightRule.ATLEAST },
    }),
  ];
  return new Table({ rows, layout: TableLayoutType.FIXED, columnWidths: Array(15).fill(mm(10.6)), borders: borders({ ...s, borders: s.borders === 'outerOnly' ? 'thickOuter' : s.borders }) });
}
