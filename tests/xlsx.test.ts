// The workbook: written from real extractions (text and PDF samples, a corrected one, one with a
// formula for an agency name), read back with exceljs equal to the records — every cell's exact
// value, printed blanks empty, flagged cells filled with their reasons — and converted by
// LibreOffice Calc headless without complaint.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/pipeline/extract.js';
import { applyCorrections } from '../src/corrections/index.js';
import { recordCells } from '../src/output/cells.js';
import { buildSeries } from '../src/output/series.js';
import { writeWorkbook } from '../src/output/xlsx.js';
import { SUMMARY_COLUMNS, TABLE_SHEETS, SERIES_COLUMNS } from '../src/output/xlsx-sheets.js';
import { failedFindingCount } from '../src/findings/findings.js';
import { checkMessage } from '../src/review/messages.js';
import { SERIES_INDICATORS } from '../src/templates/index.js';
import { ReportSchema, type Report } from '../src/schema/record.js';
import { calcMissing, nianbao, parseCsv, tmpDir } from './batch-fixtures.js';

const SAMPLES = path.resolve(__dirname, '..', 'samples');
const COMPARE = ['qingshan-gov-2019', 'qingshan-gov-2020', 'qingshan-gov-2021', 'qingshan-gov-2022'].map((n) =>
  path.join(SAMPLES, 'compare', `${n}.txt`),
);

async function records(): Promise<Report[]> {
  const out: Report[] = [];
  for (const f of [
    ...COMPARE,
    path.join(SAMPLES, 'town-2021-inconsistent.pdf'),
    path.join(SAMPLES, 'district-2019.pdf'),
  ])
    out.push(await extractReport(f));
  const town = out[4];
  // A reviewer's correction (filled blue, with its note), and a formula where the agency is.
  out[4] = applyCorrections(town, [
    {
      sha256: town.source.sha256,
      path: 'applications.results.granted.naturalPerson',
      value: 3,
      note: '核对原件',
      author: '李四',
    },
  ]);
  out[5] = { ...out[5], agency: '=HYPERLINK("http://x","y")' };
  // A 2018 report of the 2008 form: its figures on the legacy sheet and in the series.
  out.push(
    ReportSchema.parse({
      ...out[0],
      source: { ...out[0].source, sha256: 'b'.repeat(64), path: 'qingshan-2018.txt' },
      year: 2018,
      template: '2008',
      activeDisclosure: null,
      applications: null,
      reviewLitigation: null,
      checks: [],
      warnings: [],
      provenance: {},
      legacy: {
        applications: { received: 41, results: { granted: 20 } },
        review: { total: 1 },
        fees: { collectedYuan: 12.5 },
        complaints: 2,
      },
    }),
  );
  return out;
}

const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? null : v);
const noteText = (c: ExcelJS.Cell) =>
  typeof c.note === 'string' ? c.note : (c.note?.texts ?? []).map((t) => t.text).join('');
const fillOf = (c: ExcelJS.Cell) => (c.fill?.type === 'pattern' ? (c.fill.fgColor?.argb ?? null) : null);

describe('xlsx workbook', async () => {
  const recs = await records();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-xlsx-'));
  const file = path.join(dir, 'records.xlsx');
  expect(await writeWorkbook(recs, file)).toBe(recs.length);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);

  it('has the summary, one sheet per table and the series, each with two frozen header rows', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概要 summary',
      ...TABLE_SHEETS.map((t) => t.name),
      '序列 series',
    ]);
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    }
    const summary = wb.getWorksheet('概要 summary')!;
    expect(summary.getRow(1).values).toEqual([undefined, ...SUMMARY_COLUMNS.map((c) => c.label)]);
    expect(summary.getRow(2).values).toEqual([undefined, ...SUMMARY_COLUMNS.map((c) => c.path)]);
    const t3 = wb.getWorksheet('表三 applications')!;
    expect(t3.getCell(1, 6).value).toBe('一、本年新收政府信息公开申请数量 · 自然人');
    expect(t3.getCell(2, 6).value).toBe('applications.newReceived.naturalPerson');
    // Chinese labels get room: two columns per character up to a wrap.
    expect(t3.getColumn(6).width).toBeGreaterThanOrEqual(20);
  });

  it('summary: one row per report with checks failed (findings) and warnings; formulas kept as text', () => {
    const ws = wb.getWorksheet('概要 summary')!;
    recs.forEach((r, k) => {
      const row = ws.getRow(3 + k).values as ExcelJS.CellValue[];
      const agency = r.agency?.startsWith('=') ? `'${r.agency}` : r.agency;
      expect(row.slice(1)).toEqual([
        agency,
        r.year,
        r.template,
        r.source.path,
        r.source.sha256,
        r.title,
        r.source.format,
        failedFindingCount(r.checks),
        r.warnings.length,
        r.corrections?.length ?? 0,
      ]);
    });
    expect(ws.getCell(3 + 5, 1).type).toBe(ExcelJS.ValueType.String);
    expect(ws.rowCount).toBe(2 + recs.length);
  });

  it('every table cell reads back equal to the record: numbers, blanks empty, flagged cells filled with the reason', () => {
    let compared = 0;
    let flagged = 0;
    for (const t of TABLE_SHEETS) {
      const ws = wb.getWorksheet(t.name)!;
      const mine = recs.filter((r) => r[t.table] && (!t.template || r.template === t.template));
      expect(ws.rowCount).toBe(2 + mine.length);
      mine.forEach((r, k) => {
        const cells = new Map(recordCells(r).map((c) => [c.path, c]));
        expect(ws.getCell(3 + k, 5).value).toBe(r.source.sha256);
        t.columns.forEach((col, i) => {
          const cell = ws.getCell(3 + k, 6 + i);
          const want = cells.get(col.path);
          expect([col.path, text(cell.value)]).toEqual([col.path, want?.value ?? null]);
          if (want?.value !== null && want !== undefined) expect(cell.type).toBe(ExcelJS.ValueType.Number);
          compared++;
          const failed = r.checks.filter((c) => !c.passed && c.paths.includes(col.path));
          if (want && failed.length) {
            flagged++;
            expect(fillOf(cell)).toBe('FFFFC7CE');
            for (const c of failed) expect(noteText(cell)).toContain(checkMessage(c).zh);
          } else if (want?.corrected) {
            expect(fillOf(cell)).toBe('FFBDD7EE');
            expect(noteText(cell)).toContain('已更正 corrected: 4 → 3 (核对原件 · 李四)');
          } else if (
            !want ||
            !r.warnings.some((w) => w.path && (col.path === w.path || col.path.startsWith(`${w.path}.`)))
          ) {
            expect([col.path, fillOf(cell), cell.note ?? null]).toEqual([col.path, null, null]);
          }
        });
      });
    }
    expect(compared).toBeGreaterThan(1000);
    const legacy = wb.getWorksheet('2008 legacy')!;
    expect([legacy.rowCount, legacy.getCell(3, 2).value]).toEqual([3, 2018]);
    const col = (p: string) =>
      6 + TABLE_SHEETS.find((t) => t.table === 'legacy')!.columns.findIndex((c) => c.path === p);
    expect(
      [col('legacy.applications.received'), col('legacy.fees.collectedYuan'), col('legacy.complaints')].map(
        (c) => legacy.getCell(3, c).value,
      ),
    ).toEqual([41, 12.5, 2]);
    expect(legacy.getCell(1, col('legacy.applications.received')).value).toBe('收到申请数');
    expect(flagged).toBeGreaterThan(0);
  });

  it('the series sheet holds buildSeries: one row per agency and year, sources in the comments', () => {
    const ws = wb.getWorksheet('序列 series')!;
    const series = buildSeries(recs);
    expect(ws.rowCount).toBe(2 + series.length);
    expect(ws.getRow(2).values).toEqual([undefined, ...SERIES_COLUMNS.map((c) => c.path)]);
    series.forEach((s, k) => {
      const row = ws.getRow(3 + k).values as ExcelJS.CellValue[];
      expect(row.slice(1, 7).map(text)).toEqual([
        s.key,
        s.agency?.startsWith('=') ? `'${s.agency}` : s.agency,
        s.year,
        s.template,
        s.file,
        s.sha256,
      ]);
      const values = SERIES_INDICATORS.map((_, i) => text(row[7 + i]));
      expect(values).toEqual(SERIES_INDICATORS.map((i) => s.indicators[i.key].value));
    });
  });

  it('LibreOffice Calc converts it without complaint', (ctx) => {
    const calc = calcMissing();
    if (calc !== null) {
      console.log(`skipped: ${calc}`);
      return ctx.skip();
    }
    const out = path.join(dir, 'calc');
    const profile = `file://${path.join(dir, 'lo-profile')}`;
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        out,
        file,
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr.replace(/^.*(?:javaldx|Warning: failed to launch).*\n?/gm, '')).toBe('');
    const sheets = readdirSync(out).sort();
    expect(sheets.length).toBe(wb.worksheets.length);
    const summary = sheets.find((s) => s.includes('summary'))!;
    expect(statSync(path.join(out, summary)).size).toBeGreaterThan(0);
    const rows = parseCsv(
      readFileSync(path.join(out, summary), 'utf8')
        .replace(/^\uFEFF/, '')
        .replace(/\r?\n/g, '\r\n'),
    );
    expect(rows[2].slice(0, 3)).toEqual([recs[0].agency, String(recs[0].year), recs[0].template]);
    expect(rows[2][7]).toBe(String(failedFindingCount(recs[0].checks)));
  });
});

describe('batch -f xlsx and export -f xlsx', () => {
  it('batch writes one workbook (errors beside it as CSV); export writes the same from the database', async () => {
    const dir = tmpDir('nianbao-xlsx-cli-');
    const out = path.join(dir, 'out');
    const b = await nianbao(['batch', ...COMPARE, '--out', out, '-f', 'xlsx', '-q', '-j', '1']);
    expect(b.code).toBe(0);
    expect(
      readdirSync(out)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['crossyear.csv', 'duplicates.csv', 'errors.csv', 'records.xlsx']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'records.xlsx'));
    const agencies = (ws: ExcelJS.Worksheet) =>
      Array.from({ length: ws.rowCount - 2 }, (_, k) => [ws.getCell(3 + k, 1).value, ws.getCell(3 + k, 2).value]);
    expect(agencies(wb.getWorksheet('概要 summary')!)).toEqual(
      [2019, 2020, 2021, 2022].map((y) => ['青山区人民政府', y]),
    );
    const db = path.join(dir, 'r.sqlite');
    expect((await nianbao(['ingest', '--db', db, ...COMPARE, '-q', '-j', '1'])).code).toBe(0);
    const e = await nianbao(['export', '--db', db, '-f', 'xlsx', '--out', path.join(dir, 'export.xlsx')]);
    expect([e.code, e.stderr]).toEqual([
      0,
      `4 records (0 flagged), 0 failures, 23 cross-year checks → ${path.join(dir, 'export.xlsx')}\n`,
    ]);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(path.join(dir, 'export.xlsx'));
    expect(wb2.worksheets.map((w) => w.rowCount)).toEqual(wb.worksheets.map((w) => w.rowCount));
    const noOut = await nianbao(['export', '--db', db, '-f', 'xlsx']);
    expect([noOut.code, noOut.stderr]).toEqual([
      2,
      'nianbao: export --format xlsx needs --out DIR|FILE.xlsx (a workbook is not written to standard output)\n',
    ]);
  });
});
