// What the workbook's sheets hold: their columns (printed label and field path), and per cell of a
// record its value and, when flagged, the reasons. The cells are recordCells', so the CSVs, SQLite
// and the workbook list the same cells; the reasons are the review page's messages.
import type { Report } from '../schema/record.js';
import { columnName, rowName, SERIES_INDICATORS, type TemplateId } from '../templates/index.js';
import { checkMessage, warningMessage } from '../review/messages.js';
import { failedFindingCount } from '../findings/findings.js';
import { LEAVES, recordCells, type Cell, type TableName } from './cells.js';
import type { SeriesRow } from './series.js';

/** A sheet's column: its header in two rows (what the form prints, and the field path) and width. */
export interface Column {
  label: string;
  path: string;
  width: number;
}

/** Why a cell is marked, and how: a failed check, a warning, a reviewer's correction, a series break. */
export interface Mark {
  kind: 'failed' | 'warning' | 'corrected' | 'break';
  text: string;
}

export interface SheetCell {
  value: number | string | null;
  marks: Mark[];
}

/** Display width in spreadsheet characters: CJK and full-width count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? 2
      : 1;
  return w;
}

/** Widest header line fits; long labels wrap over two lines (the header rows wrap), within bounds. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 30;
export function columnWidth(...texts: string[]): number {
  const widest = Math.max(...texts.map(displayWidth));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest > MAX_WIDTH ? Math.ceil(widest / 2) + 2 : widest + 2));
}

const col = (label: string, path: string, width?: number): Column => ({
  label,
  path,
  width: width ?? columnWidth(label, path),
});

/** The columns identifying a report at the left of every table sheet. */
export const REPORT_COLUMNS: Column[] = [
  col('机关 agency', 'agency', 24),
  col('年度 year', 'year', 8),
  col('模板 template', 'template', 10),
  col('文件 file', 'source.path', 30),
  col('SHA-256', 'source.sha256', 16),
];
export const reportValues = (r: Report): Array<string | number | null> => [
  r.agency,
  r.year,
  r.template,
  r.source.path,
  r.source.sha256,
];

/** A table sheet: its name, the record table, the template it is for (table 二), and its cell columns. */
export interface TableSheet {
  name: string;
  table: TableName;
  template?: TemplateId;
  columns: Column[];
}

function tableSheet(
  name: string,
  table: TableName,
  leaves: Array<{ path: string; kind: string }>,
  template?: TemplateId,
): TableSheet {
  const columns = leaves
    .filter((l) => l.kind === 'number')
    .map((l) => {
      const dot = l.path.lastIndexOf('.');
      // A legacy figure has its own name; a table cell is its row's label and its column's.
      const label =
        table === 'legacy'
          ? rowName(`legacy.${l.path}`)
          : `${rowName(`${table}.${l.path.slice(0, dot)}`, template ?? null)} · ${columnName(l.path.slice(dot + 1), template ?? null)}`;
      return col(label, `${table}.${l.path}`);
    });
  return { name, table, template, columns };
}

export const TABLE_SHEETS: TableSheet[] = [
  tableSheet('表二 2021', 'activeDisclosure', LEAVES.activeDisclosure2021, '2021'),
  tableSheet('表二 2019', 'activeDisclosure', LEAVES.activeDisclosure2019, '2019'),
  tableSheet('表三 applications', 'applications', LEAVES.applications),
  tableSheet('表四 review', 'reviewLitigation', LEAVES.reviewLitigation),
  // Reports for 2008–2018 (template "2008"): the figures of their prose and old 统计表.
  tableSheet('2008 legacy', 'legacy', LEAVES.legacy),
];

/** The marks of every flagged or corrected cell of a record, by path. */
export function cellMarks(r: Report, cells: Cell[]): Map<string, Mark[]> {
  const marks = new Map<string, Mark[]>();
  const add = (path: string, m: Mark) => marks.set(path, [...(marks.get(path) ?? []), m]);
  const bilingual = (t: { zh: string; en: string }) => `${t.zh}\n${t.en}`;
  for (const c of r.checks)
    if (!c.passed) for (const p of c.paths) add(p, { kind: 'failed', text: bilingual(checkMessage(c)) });
  for (const w of r.warnings) {
    if (!w.path) continue;
    for (const cell of cells)
      if (cell.path === w.path || cell.path.startsWith(`${w.path}.`))
        add(cell.path, { kind: 'warning', text: bilingual(warningMessage(w)) });
  }
  for (const c of r.corrections ?? []) {
    const who = [c.note, c.author, c.time].filter(Boolean).join(' · ');
    add(c.path, {
      kind: 'corrected',
      text: `已更正 corrected: ${c.printed ?? '（空白 blank）'} → ${c.value ?? '（空白 blank）'}${who ? ` (${who})` : ''}`,
    });
  }
  return marks;
}

/** A record's row of one table sheet, or null when the record has nothing for it. */
export function tableRow(
  r: Report,
  sheet: TableSheet,
  cells: Map<string, Cell>,
  marks: Map<string, Mark[]>,
): SheetCell[] | null {
  if (!r[sheet.table] || (sheet.template && r.template !== sheet.template)) return null;
  const id = reportValues(r).map((value) => ({ value, marks: [] }));
  // A cell the report does not print (its row absent) stays empty and unmarked; printed blank: empty.
  return [
    ...id,
    ...sheet.columns.map((c) => ({
      value: cells.get(c.path)?.value ?? null,
      marks: cells.has(c.path) ? (marks.get(c.path) ?? []) : [],
    })),
  ];
}

export const SUMMARY_COLUMNS: Column[] = [
  ...REPORT_COLUMNS,
  col('标题 title', 'title', 40),
  col('格式 format', 'source.format', 8),
  col('未通过的核对 checks failed', 'checksFailed', 14),
  col('提示 warnings', 'warnings', 10),
  col('更正 corrections', 'corrections', 10),
];

/** A record's summary row: checks failed counts findings (a column of blank totals once). */
export function summaryRow(r: Report): SheetCell[] {
  const failed = failedFindingCount(r.checks);
  const values = [
    ...reportValues(r),
    r.title,
    r.source.format ?? null,
    failed,
    r.warnings.length,
    r.corrections?.length ?? 0,
  ];
  return values.map((value, i) => ({
    value,
    marks:
      i === REPORT_COLUMNS.length + 2 && failed > 0
        ? [{ kind: 'failed', text: `${failed} 项核对未通过 finding(s) failed` }]
        : [],
  }));
}

export const SERIES_COLUMNS: Column[] = [
  col('序列键 series key', 'key', 24),
  col('机关 agency', 'agency', 24),
  col('年度 year', 'year', 8),
  col('模板 template', 'template', 10),
  col('文件 file', 'file', 30),
  col('SHA-256', 'sha256', 16),
  ...SERIES_INDICATORS.map((i) => col(`${i.zh} ${i.en}`, i.key)),
];

/** A series row: indicators flagged where flagged, marked where a break precedes them. */
export function seriesRow(s: SeriesRow): SheetCell[] {
  const id = [s.key, s.agency, s.year, s.template, s.file, s.sha256].map((value) => ({ value, marks: [] as Mark[] }));
  return [
    ...id,
    ...SERIES_INDICATORS.map((ind) => {
      const v = s.indicators[ind.key];
      const from = v.source.length ? `来源 source: ${v.source.join(' + ')}` : '本模板不报告 not in this template';
      const marks: Mark[] = v.flags.map((f) => ({ kind: 'failed' as const, text: `${f}\n${from}` }));
      if (v.break)
        marks.push({ kind: 'break', text: `口径变化 break: ${v.definition ?? 'not reported'} (docs/series.md)` });
      return { value: v.value, marks };
    }),
  ];
}

/** Every cell of a record by path (recordCells). */
export const cellsByPath = (r: Report): { cells: Cell[]; byPath: Map<string, Cell> } => {
  const cells = recordCells(r);
  return { cells, byPath: new Map(cells.map((c) => [c.path, c])) };
};
