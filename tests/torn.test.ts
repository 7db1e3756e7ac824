// Torn tables (src/tables/torn-runs.ts): table 三's label lines and its value lines printed apart —
// as converters, `pdftotext -raw` and copies out of a PDF viewer write them — paired by their order
// and counts, kept where the arithmetic confirms the pairing, flagged where it does not or cannot.
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../extractors/plain-text.js';
import { layoutDocument } from '../src/layout/lines.js';
import { numberedRows } from '../src/tables/rows.js';
import { parseActiveDisclosure } from '../src/tables/active-disclosure.js';
import { compareRecord, flaggedPaths, type Expected } from '../src/eval/compare.js';
import { buildRecord } from '../src/pipeline/build-record.js';
import { readSource } from '../src/pipeline/read-input.js';
import { buildSample } from '../scripts/make-samples.js';
import { markdownReport } from '../scripts/samples/converters.js';
import { seededRng } from '../scripts/samples/prng.js';
import { SAMPLES } from '../scripts/samples/specs.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const linesOf = (text: string) => layoutDocument(readPlainText(text)).lines;
const expectedOf = (name: string): Expected =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../samples', `${name}.expected.json`), 'utf8'));
const recordOf = async (text: string, file: string) =>
  buildRecord(await readSource(new Uint8Array(Buffer.from(text)), { file }), { file, sha256: '0' });

describe('torn table 三', () => {
  it('pairs a run of labels with the run of value lines after it, in order, when the counts agree', () => {
    const rows = numberedRows(
      linesOf(
        '（三）不予公开\n1.属于国家秘密\n2.其他法律行政\n法规禁止公开\n3.危及“三安全一稳定”\n1 0 0 0 0 0 1\n2 0 0 0 0 0 2\n3 0 0 0 0 0 3',
      ),
    );
    expect(rows.map((r) => [r.label, r.values.map((v) => v.text).join(' '), r.torn ?? false])).toEqual([
      ['1.属于国家秘密', '1 0 0 0 0 0 1', true],
      ['2.其他法律行政法规禁止公开', '2 0 0 0 0 0 2', true],
      ['3.危及“三安全一稳定”', '3 0 0 0 0 0 3', true],
    ]);
  });

  it('keeps a value line under a wrapped label as that label’s, as before', () => {
    const rows = numberedRows(
      linesOf(
        '（二）部分公开（区分处理的，只计这一情\n形，不计其他情形）\n0 0 0 0 0 0 0\n（三）不予公开\n1.属于国家秘密 0 0 0 0 0 0 0',
      ),
    );
    expect(rows.map((r) => [r.label, r.values.length, r.torn ?? false])).toEqual([
      ['(二)部分公开(区分处理的,只计这一情形,不计其他情形)', 7, false],
      ['1.属于国家秘密', 7, false],
    ]);
  });

  it('reads a repeated header among a run’s value lines as no label', () => {
    const rows = numberedRows(
      linesOf('1.重复申请\n2.要求提供公开出版物\n4 0 0 0 0 0 4\n自然人 商业企业 科研机构 总计\n5 0 0 0 0 0 5'),
    );
    expect(rows.map((r) => [r.label, r.values[0].text])).toEqual([
      ['1.重复申请', '4'],
      ['2.要求提供公开出版物', '5'],
    ]);
  });

  it('does not guess a pairing when the counts disagree: the values stay unlabelled rows', () => {
    const rows = numberedRows(
      linesOf('1.重复申请\n2.要求提供公开出版物\n3.无正当理由大量反复申请\n4 0 0 0 0 0 4\n5 0 0 0 0 0 5'),
    );
    expect(rows.map((r) => [r.label, r.values[0].text, r.torn])).toEqual([
      ['', '4', true],
      ['', '5', true],
    ]);
  });

  // The generator's torn Markdown (header words scattered, label lines split, value rows without
  // labels, a bogus header row) for reports of both templates, several draws each.
  for (const name of ['city-2021-ruled', 'district-2019', 'bureau-2021-split']) {
    it(`reassembles ${name} torn by three draws of the generator exactly`, async () => {
      const spec = SAMPLES.find((s) => s.name === name)!;
      const { doc } = buildSample(spec);
      for (const seed of [1, 2, 3]) {
        const cmp = compareRecord(
          await recordOf(markdownReport(doc, 'torn', seededRng(seed)), `${name}.md`),
          expectedOf(name),
        );
        expect(
          cmp.fields.filter((x) => !x.ok),
          `seed ${seed}`,
        ).toEqual([]);
        expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
      }
    });
  }

  it('flags a pairing the arithmetic does not confirm, and unpaired values, never silently', async () => {
    const spec = SAMPLES.find((s) => s.name === 'city-2021-ruled')!;
    const text = markdownReport(buildSample(spec).doc, 'torn', seededRng(1));
    // Drop the first value row of a torn run: the counts no longer agree.
    const lines = text.split('\n');
    const heading = lines.findIndex((l) => l.includes('三、收到和处理政府信息公开申请情况'));
    const at = lines.findIndex(
      (l, k) =>
        k > heading && /^\|( \| )?\s*\d/.test(l) && !lines[k - 1].startsWith('|') && lines[k + 1].startsWith('|'),
    );
    expect(heading).toBeGreaterThan(0);
    lines.splice(at, 1);
    const record = await recordOf(lines.join('\n'), 'x.md');
    const cmp = compareRecord(record, expectedOf(spec.name));
    expect(cmp.fields.some((x) => !x.ok)).toBe(true);
    expect(cmp.fields.filter((x) => x.silent)).toEqual([]);
    expect([...flaggedPaths(record)].some((p) => p.startsWith('applications.'))).toBe(true);
  });
});

describe('torn table 二', () => {
  const head = '第二十条第（一）项\n信息内容\n本年制发件数\n本年废止件数\n现行有效件数\n规章\n行政规范性文件\n';
  it('pairs the labels of an item’s rows with the value lines after them, in order, and says so', () => {
    const r = parseActiveDisclosure(linesOf(`${head}3 1 34\n4 5 62`), new Map(), '2021');
    expect(r.data?.regulations).toEqual({ issued: 3, repealed: 1, inForce: 34 });
    expect(r.data?.normativeDocuments).toEqual({ issued: 4, repealed: 5, inForce: 62 });
    expect(r.warnings.filter((w) => w.code === 'row-inferred').map((w) => w.path)).toEqual([
      'activeDisclosure.regulations',
      'activeDisclosure.normativeDocuments',
    ]);
  });
  it('pairs nothing when the counts disagree: the rows are blank and warned', () => {
    const r = parseActiveDisclosure(linesOf(`${head}3 1 34`), new Map(), '2021');
    expect(r.data?.regulations).toEqual({ issued: null, repealed: null, inForce: null });
    expect(r.warnings.filter((w) => w.code === 'blank-row').map((w) => w.path)).toContain(
      'activeDisclosure.regulations',
    );
  });
});

describe('table 二 rows whose label OCR lost', () => {
  const block = (label: string, values: string) => `${label ? label + ' ' : ''}${values}`;
  const text = (punishment: string, fees: string, extra = '') =>
    [
      '第二十条第（一）项',
      '信息内容 本年制发件数 本年废止件数 现行有效件数',
      '规章 3 1 34',
      '行政规范性文件 4 5 62',
      '第二十条第（五）项',
      '信息内容 本年处理决定数量',
      '行政许可 32343',
      '第二十条第（六）项',
      '信息内容 本年处理决定数量',
      punishment,
      '行政强制 228',
      '第二十条第（八）项',
      '信息内容 本年收费金额（单位：万元）',
      fees,
      extra,
    ].join('\n');
  const inferred = (r: ReturnType<typeof parseActiveDisclosure>) =>
    r.warnings.filter((w) => w.code === 'row-inferred').map((w) => w.path);

  it('are placed by the form’s row order, between rows found by label and after the last, each flagged', () => {
    const r = parseActiveDisclosure(linesOf(text(block('口曰', '3372'), block('', '443.69'))), new Map(), '2021');
    expect(r.data?.administrativePunishment).toEqual({ decisions: 3372 });
    expect(r.data?.administrativeCoercion).toEqual({ decisions: 228 });
    expect(r.data?.administrativeFees).toEqual({ amountTenThousandYuan: 443.69 });
    expect(inferred(r)).toEqual(['activeDisclosure.administrativePunishment', 'activeDisclosure.administrativeFees']);
    expect(r.warnings.filter((w) => w.code === 'missing-row')).toEqual([]);
  });

  it('are not placed when the lines and the free rows are not as many, or a line prints more values than its row has columns', () => {
    // Two lines of values where only 行政事业性收费 is free: which is it? Unknown — both stay unplaced.
    const two = parseActiveDisclosure(linesOf(text('行政处罚 3372', block('', '443.69'), '12')), new Map(), '2021');
    expect(two.data?.administrativeFees).toBeUndefined();
    expect(two.warnings.filter((w) => w.code === 'missing-row').map((w) => w.path)).toEqual([
      'activeDisclosure.administrativeFees',
    ]);
    const wide = parseActiveDisclosure(
      linesOf(text(block('口曰', '3372 5'), '行政事业性收费 443.69')),
      new Map(),
      '2021',
    );
    expect(wide.data?.administrativePunishment).toBeUndefined();
    expect(inferred(wide)).toEqual([]);
  });
});

describe('table 二 with a cell OCR misread as a word', () => {
  it('flags the row: the misread word joined its label and the row lost a value', () => {
    const lines = linesOf(
      '第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 3 1 34\n行政规范性文件 小 5 62',
    );
    // The OCR read: 「小」 with confidence 25 (a photocopied 「4」), the rest confident.
    for (const t of lines.flatMap((l) => l.tokens)) t.confidence = t.text === '小' ? 25 : 95;
    const r = parseActiveDisclosure(lines, new Map(), '2021');
    expect(r.warnings.filter((w) => w.code === 'cell-unreadable').map((w) => w.path)).toEqual([
      'activeDisclosure.normativeDocuments',
    ]);
    // A confident label word is no misread cell.
    for (const t of lines.flatMap((l) => l.tokens)) t.confidence = 95;
    expect(
      parseActiveDisclosure(lines, new Map(), '2021').warnings.filter((w) => w.code === 'cell-unreadable'),
    ).toEqual([]);
  });
});
