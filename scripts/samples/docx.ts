// Writes one report as a Word document with the `docx` package, the way agencies type them in Word:
// title and headings as paragraphs, the three tables with merged cells (gridSpan, vMerge) and the
// 三、本年度办理结果 cell set top-to-bottom (textDirection tbRl).
import { AlignmentType, Document as DocxDocument, Packer, Paragraph, Table, TableCell, TableRow, TextDirection, TextRun, VerticalAlign, WidthType } from 'docx';
import type { Document } from './html.js';
import {
  APPLICANT_COLUMNS,
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

const FONT = { eastAsia: '仿宋_GB2312', ascii: 'Times New Roman', hAnsi: 'Times New Roman' };
const run = (text: string, size = 21) => new TextRun({ text, font: FONT, size });
const para = (text: string, opts: { center?: boolean; indent?: boolean; size?: number } = {}) =>
  new Paragraph({
    children: [run(text, opts.size)],
    alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
    ...(opts.indent ? { indent: { firstLine: 420 } } : {}),
  });

interface CellSpec {
  text: string;
  columnSpan?: number;
  rowSpan?: number;
  vertical?: boolean;
  left?: boolean;
}
const cell = (c: CellSpec) =>
  new TableCell({
    children: c.text.split('\n').map((t) => new Paragraph({ children: [run(t, 18)], alignment: c.left ? AlignmentType.LEFT : AlignmentType.CENTER })),
    verticalAlign: VerticalAlign.CENTER,
    ...(c.columnSpan ? { columnSpan: c.columnSpan } : {}),
    ...(c.rowSpan ? { rowSpan: c.rowSpan } : {}),
    ...(c.vertical ? { textDirection: TextDirection.TOP_TO_BOTTOM_RIGHT_TO_LEFT } : {}),
  });
const table = (rows: CellSpec[][]) =>
  new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: rows.map((r) => new TableRow({ children: r.map(cell) })) });

function disclosureTable(d: Document): Table {
  const n = d.numbers;
  const rows: CellSpec[][] = [];
  for (const sec of disclosureSections(n.template)) {
    rows.push([{ text: sec.caption, columnSpan: 4 }]);
    const span = (i: number) => (i === sec.columns.length - 1 && sec.columns.length < 3 ? 4 - sec.columns.length : undefined);
    rows.push([{ text: '信息内容' }, ...sec.columns.map((c, i) => ({ text: c.heading, columnSpan: span(i) }))]);
    for (const r of sec.rows) rows.push([{ text: r.label }, ...sec.columns.map((c, i) => ({ text: n.disclosure[r.key][c.key].text, columnSpan: span(i) }))]);
  }
  return table(rows);
}

function applicationsTable(d: Document): Table {
  const n = d.numbers;
  const label = (path: string, fallback: string) => d.labels[path] ?? fallback;
  const values = (path: string): CellSpec[] => n.applications.get(path)!.map((c) => ({ text: c.text }));
  const rows: CellSpec[][] = [
    [{ text: BALANCE_NOTE, columnSpan: 3, rowSpan: 3 }, { text: '申请人情况', columnSpan: 7 }],
    [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', columnSpan: 5 }, { text: '总计', rowSpan: 2 }],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((text) => ({ text })),
  ];
  for (const r of TOP_ROWS) rows.push([{ text: label(r.path, r.label), columnSpan: 3, left: true }, ...values(r.path)]);
  const blocks = resultBlocks(n.otherHandling);
  const resultRows = blocks.reduce((k, b) => k + (b.kind === 'single' ? 1 : b.rows.length), 0);
  let first = true;
  const vertical = (): CellSpec[] => {
    if (!first) return [];
    first = false;
    return [{ text: RESULTS_CELL_LABEL, rowSpan: resultRows, vertical: true }];
  };
  for (const b of blocks) {
    if (b.kind === 'single') {
      rows.push([...vertical(), { text: label(b.row.path, b.row.label), columnSpan: 2, left: true }, ...values(b.row.path)]);
      continue;
    }
    b.rows.forEach((r, i) => {
      const group: CellSpec[] = i === 0 ? [{ text: d.labels[`group:${b.label}`] ?? b.label, rowSpan: b.rows.length }] : [];
      rows.push([...vertical(), ...group, { text: label(r.path, r.label), left: true }, ...values(r.path)]);
    });
  }
  rows.push([{ text: label(CARRIED_FORWARD.path, CARRIED_FORWARD.label), columnSpan: 3, left: true }, ...values(CARRIED_FORWARD.path)]);
  void APPLICANT_COLUMNS;
  return table(rows);
}

function reviewTable(d: Document): Table {
  const h = REVIEW_COLUMN_HEADINGS;
  return table([
    [{ text: '行政复议', columnSpan: 5 }, { text: '行政诉讼', columnSpan: 10 }],
    [...h.map((text) => ({ text, rowSpan: 2 })), { text: '未经复议直接起诉', columnSpan: 5 }, { text: '复议后起诉', columnSpan: 5 }],
    [...h, ...h].map((text) => ({ text })),
    REVIEW_GROUPS.flatMap((g) => d.numbers.review[g].map((c) => ({ text: c.text }))),
  ]);
}

/** The report as .docx bytes. */
export async function renderDocx(d: Document): Promise<Buffer> {
  const h = (key: SectionKey) => para(d.headings[key], { indent: true });
  const paras = (ps: string[]) => ps.map((p) => para(p, { indent: true }));
  const children: Array<Paragraph | Table> = [
    ...d.titleLines.map((t) => para(t, { center: true, size: 36 })),
    h('overview'),
    ...d.overview.flatMap((b) => [...(b.heading ? [para(b.heading, { indent: true })] : []), ...paras(b.paragraphs)]),
    h('activeDisclosure'),
    disclosureTable(d),
    h('applications'),
    applicationsTable(d),
    h('reviewLitigation'),
    reviewTable(d),
    h('problems'),
    ...paras(d.problems),
    h('otherMatters'),
    ...paras(d.otherMatters),
    para(d.signature[0], { center: false }),
    para(d.signature[1], { center: false }),
  ];
  const doc = new DocxDocument({
    creator: 'nianbao samples',
    // Pinned, so a rerun writes the same bytes.
    ...({ revision: 1 } as object),
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}
