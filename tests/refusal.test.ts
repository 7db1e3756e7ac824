// The early refusal (src/pipeline/screen.ts): a document that is no 年报 stops at the cheapest evidence —
// a readable text layer without OCR, a scan after its first two OCR'd pages — and a 年报 whose headings
// are numbered unusually is read, never refused. Test documents come from scripts/samples/non-report.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NianbaoError } from '../core/errors.js';
import { readableText } from '../extractors/text-quality.js';
import type { SourcePage } from '../extractors/types.js';
import { extractReport } from '../src/pipeline/extract.js';
import { reportScreen } from '../src/pipeline/screen.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';
import { nonReportScanPdf, nonReportTextPdf, proseLines } from '../scripts/samples/non-report.js';
import { seededRng } from '../scripts/samples/prng.js';

type Stage = 'text' | 'ocr';

async function refusal(
  bytes: Uint8Array,
  path: string,
): Promise<{ error: NianbaoError; stages: Array<[number, Stage]> }> {
  const stages: Array<[number, Stage]> = [];
  const error = await extractReport(bytes, { path, onProgress: (n, _of, stage) => stages.push([n, stage]) }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof NianbaoError)) throw new Error(`expected a NianbaoError, got ${String(error)}`);
  return { error, stages };
}

const page = (text: string): SourcePage => ({
  page: 1,
  width: 595,
  height: 842,
  rules: [],
  source: 'pdf-text',
  runs: [{ text, bbox: [0, 0, 500, 10], fontSize: 10 } as SourcePage['runs'][number]],
});

describe('readable text (no OCR needed to know what a page says)', () => {
  it('English prose is readable; letters from a wrong font map and symbol soup are not', () => {
    const prose = proseLines(1, 7)[0].join(' ');
    expect(readableText(page(prose))).toBe(true);
    const rng = seededRng(3);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const random = Array.from({ length: 600 }, (_, i) => (i % 7 === 6 ? ' ' : letters[rng.int(0, 25)])).join('');
    expect(readableText(page(random))).toBe(false);
    expect(readableText(page('#$%&*+<=>@[]^_{}|~'.repeat(30)))).toBe(false);
  });
});

describe('a document that is not a 年报 is refused at the first evidence', () => {
  it('a 17-page English text PDF: NOT_A_REPORT from its text layer, no page OCR’d', async () => {
    const { error, stages } = await refusal(nonReportTextPdf(17, 11), 'handbook.pdf');
    expect(error.code).toBe('NOT_A_REPORT');
    expect(error.exitCode).toBe(8);
    expect(error.toLine()).toBe(
      'handbook.pdf: not a 政府信息公开工作年度报告: its text (17 of 17 pages readable) has no report title and not the headings 一、总体情况 … 六',
    );
    expect(stages.filter(([, s]) => s === 'ocr')).toEqual([]);
    expect(stages.filter(([, s]) => s === 'text').map(([n]) => n)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
  });

  it('a 4-page scan of such prose: refused after OCR of pages 1 and 2 only', async () => {
    // Short pages (8 lines) keep the OCR time small; `npm run bench` times a full 10-page scan.
    const { error, stages } = await refusal(nonReportScanPdf(4, 11, 8), 'scan.pdf');
    expect(error.code).toBe('NOT_A_REPORT');
    expect(error.message).toBe(
      'not a 政府信息公开工作年度报告: OCR of pages 1, 2 shows no report title and not the headings 一、总体情况 … 六',
    );
    expect(stages.filter(([, s]) => s === 'ocr').map(([n]) => n)).toEqual([1, 2]);
  }, 120_000);
});

describe('a 年报 whose headings are numbered unusually is read, not refused', () => {
  const seed = readFileSync('samples/seed-2021-flattened.txt', 'utf8');

  it('a section inserted (「二、工作机制保障」): every heading is found under its new number, the tables as before', async () => {
    const renumbered = seed
      .replace('二、主动公开政府信息情况', '二、工作机制保障\n\n本机关明确专人负责。\n\n三、主动公开政府信息情况')
      .replace('三、收到和处理政府信息公开申请情况', '四、收到和处理政府信息公开申请情况')
      .replace('四、政府信息公开行政复议、行政诉讼情况', '五、政府信息公开行政复议、行政诉讼情况')
      .replace('五、存在的主要问题及改进情况', '六、存在的主要问题及改进情况')
      .replace('六、其他需要报告事项', '七、其他需要报告事项');
    const [before, after] = await Promise.all([
      extractReport(Buffer.from(seed), { path: 'seed.txt' }),
      extractReport(Buffer.from(renumbered), { path: 'seed.txt' }),
    ]);
    expect(after.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '三、主动公开政府信息情况',
      '四、收到和处理政府信息公开申请情况',
      '五、政府信息公开行政复议、行政诉讼情况',
      '六、存在的主要问题及改进情况',
      '七、其他需要报告事项',
    ]);
    expect(after.applications).toEqual(before.applications);
    expect(after.activeDisclosure).toEqual(before.activeDisclosure);
    expect(after.reviewLitigation).toEqual(before.reviewLitigation);
    expect(after.title).toBe(before.title);
  });

  it('headings without numbers: the title says 年度报告 and a year, so the record is kept with every gap warned', async () => {
    const bare = seed.replace(
      /^[一二三四五六]、(?=总体情况|主动公开政府|收到和处理|政府信息公开行政复议|存在的主要问题|其他需要报告)/gmu,
      '',
    );
    const r = await extractReport(Buffer.from(bare), { path: 'bare.txt' });
    expect(r.title).toBe('经开区公安分局2021年政府信息公开工作年度报告');
    expect(r.year).toBe(2021);
    expect(r.sections).toEqual([]);
    expect(r.warnings.filter((w) => w.code === 'missing-section').map((w) => w.path)).toEqual([
      'sections.overview',
      'activeDisclosure',
      'applications',
      'reviewLitigation',
      'sections.problems',
      'sections.otherMatters',
    ]);
  });
});

describe('an untitled report for 2008–2018 is screened as the legacy reader takes it, not refused early', () => {
  const lines = (texts: string[]): SourcePage => ({
    ...page(''),
    runs: texts.map(
      (text, i) => ({ text, bbox: [0, 20 * i, 500, 20 * i + 10], fontSize: 10 }) as SourcePage['runs'][number],
    ),
  });
  const screen = reportScreen(DEFAULT_SETTINGS);
  const verdict = (texts: string[]) => screen({ pages: [lines(texts)], ocrPages: [], pendingOcr: 1 });

  it('opening 「一、概述」 of the year’s 政府信息公开 work, or 「现将…信息公开…报告如下」: read on', () => {
    expect(
      verdict([
        '一、概述',
        '2014年，本局认真贯彻《条例》，扎实推进政府信息公开工作。',
        '本局成立了政府信息公开工作领导小组，明确办公室负责政府信息公开的日常工作。',
      ]),
    ).toBe('report');
    expect(
      verdict([
        '现将本局2014年信息公开工作情况报告如下。',
        '一、主动公开情况',
        '本局按《政府信息公开条例》要求，在网站公开政府信息。',
      ]),
    ).toBe('report');
  });

  it('an overview of other work naming 政府信息公开 once is still refused', () => {
    expect(
      verdict(['一、概述', '2014年，全县信访工作平稳有序，按时办结来信来访，并做好政府信息公开。', '二、主要做法']),
    ).toMatchObject({ refuse: expect.stringContaining('not a 政府信息公开工作年度报告') });
  });
});
