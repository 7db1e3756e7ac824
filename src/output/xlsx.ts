// The workbook (`export -f xlsx`, `batch -f xlsx`): a summary sheet (one row per report), one sheet
// per table with the form's printed labels and the field path in two frozen header rows, and the
// series across years. Numbers are numbers, printed blanks empty, flagged cells filled with a comment
// giving the reason; text is formula-safe as in the CSVs. Streamed (exceljs WorkbookWriter) into a
// temp file renamed into place at the end, so a reader never sees half a workbook.
import { rename, unlink } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Report } from '../schema/record.js';
import { tempPathFor } from './atomic-write.js';
import { neutralizeFormula } from './csv.js';
import { buildSeriesRows, seriesRowOf, type AliasMap, type SeriesRow } from './series.js';
import {
  cellMarks,
  cellsByPath,
  SERIES_COLUMNS,
  seriesRow,
  SUMMARY_COLUMNS,
  summaryRow,
  TABLE_SHEETS,
  tableRow,
  type Column,
  type Mark,
  type SheetCell,
} from './xlsx-sheets.js';

/** Fill colours (ARGB) by mark, the strongest first when a cell has several. */
const FILL: Record<Mark['kind'], string> = {
  failed: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  corrected: 'FFBDD7EE',
  break: 'FFE4DFEC',
};
const ORDER: Mark['kind'][] = ['failed', 'warning', 'corrected', 'break'];
const HEADER_FILL = 'FFF2F2F2';
/** Rows the header takes (printed label, field path): frozen. */
const HEADER_ROWS = 2;

type Sheet = ExcelJS.Worksheet;

export interface WorkbookOptions {
  /** Printed agency name → series key (the --aliases file). */
  aliases?: AliasMap;
}

/** One workbook being written: add records, then commit (or abort). */
export class WorkbookOut {
  private readonly summary: Sheet;
  private readonly tables: Sheet[];
  private readonly seriesRows: SeriesRow[] = [];
  records = 0;

  private constructor(
    private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter,
    private readonly file: string,
    private readonly tmp: string,
    private readonly opts: WorkbookOptions,
  ) {
    this.summary = sheet(wb, '概要 summary', SUMMARY_COLUMNS, 1);
    this.tables = TABLE_SHEETS.map((t) => sheet(wb, t.name, [...SUMMARY_COLUMNS.slice(0, 5), ...t.columns], 2));
  }

  /** Start a workbook for `file` (written to a temp file beside it until commit). */
  static create(file: string, opts: WorkbookOptions = {}): WorkbookOut {
    const tmp = tempPathFor(file);
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
    wb.creator = 'nianbao';
    return new WorkbookOut(wb, file, tmp, opts);
  }

  /** A record's rows: the summary, each table it has, and its series row (kept for the end). */
  add(r: Report): void {
    addRow(this.summary, summaryRow(r));
    const { cells, byPath } = cellsByPath(r);
    const marks = cellMarks(r, cells);
    TABLE_SHEETS.forEach((t, k) => {
      const row = tableRow(r, t, byPath, marks);
      if (row) addRow(this.tables[k], row);
    });
    const s = seriesRowOf(r, this.opts.aliases);
    if (s) this.seriesRows.push(s);
    this.records++;
  }

  /** The series sheet, then every sheet closed and the file renamed into place. */
  async commit(): Promise<void> {
    try {
      this.summary.commit();
      for (const t of this.tables) t.commit();
      const series = sheet(this.wb, '序列 series', SERIES_COLUMNS, 3);
      for (const s of buildSeriesRows(this.seriesRows)) addRow(series, seriesRow(s));
      series.commit();
      await this.wb.commit();
      await rename(this.tmp, this.file);
    } catch (e) {
      await unlink(this.tmp).catch(() => {});
      throw e;
    }
  }

  /** Drop the workbook (the target is left as it was). */
  async abort(): Promise<void> {
    await this.wb.commit().catch(() => {});
    await unlink(this.tmp).catch(() => {});
  }
}

/** A sheet with its two header rows (label, field path), frozen with the first `frozenCols` columns. */
function sheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: Column[], frozenCols: number): Sheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: frozenCols, ySplit: HEADER_ROWS }] });
  ws.columns = columns.map((c) => ({ key: c.path, width: c.width }));
  const header = (texts: string[], bold: boolean) => {
    const row = ws.addRow(texts.map(neutralizeFormula));
    row.eachCell((cell) => {
      cell.font = { bold, ...(bold ? {} : { color: { argb: 'FF595959' } }) };
      cell.alignment = { wrapText: true, vertical: 'top' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    });
    row.commit();
  };
  header(
    columns.map((c) => c.label),
    true,
  );
  header(
    columns.map((c) => c.path),
    false,
  );
  return ws;
}

/** One data row: numbers as numbers, text formula-safe, null empty; marked cells filled with a comment. */
function addRow(ws: Sheet, cells: SheetCell[]): void {
  const row = ws.addRow(cells.map((c) => (typeof c.value === 'string' ? neutralizeFormula(c.value) : c.value)));
  cells.forEach((c, i) => {
    if (c.marks.length === 0) return;
    const cell = row.getCell(i + 1);
    const strongest = ORDER.find((k) => c.marks.some((m) => m.kind === k))!;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[strongest] } };
    cell.note = [...new Set(c.marks.map((m) => m.text))].join('\n\n');
  });
  row.commit();
}

/** Write `records` as one workbook at `file` (atomically); resolves to the number of records. */
export async function writeWorkbook(
  records: Iterable<Report> | AsyncIterable<Report>,
  file: string,
  opts: WorkbookOptions = {},
): Promise<number> {
  const out = WorkbookOut.create(file, opts);
  try {
    for await (const r of records) out.add(r);
  } catch (e) {
    await out.abort();
    throw e;
  }
  await out.commit();
  return out.records;
}
