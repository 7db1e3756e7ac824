// One test per pipeline stage on small hand-made inputs, next to the end-to-end sample tests.
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../extractors/plain-text.js';
import type { SourceDocument, TextRun } from '../extractors/types.js';
import { layoutDocument } from '../src/layout/lines.js';
import { findSections, findTitle } from '../src/sections/sections.js';
import { detectTemplate } from '../src/sections/template.js';
import { parseReviewLitigation } from '../src/tables/review-litigation.js';
import { checkApplications, checkReviewLitigation } from '../src/checks/arithmetic.js';
import type { Applications, ApplicantRow } from '../src/schema/record.js';

const linesOf = (text: string) => layoutDocument(readPlainText(text)).lines;

/** A one-page PDF-like document from runs given as [text, x0, y0, x1, y1]. */
function pdfDoc(runs: Array<[string, number, number, number, number]>): SourceDocument {
  const textRuns: TextRun[] = runs.map(
    ([text, x0, y0, x1, y1]) => ({ text, bbox: [x0, y0, x1, y1], dir: 'ltr' }) as TextRun,
  );
  return {
    kind: 'pdf',
    pageCount: 1,
    ocrPages: [],
    pages: [{ page: 1, width: 595, height: 842, runs: textRuns, rules: [], source: 'pdf-text' }],
  } as unknown as SourceDocument;
}

describe('layout', () => {
  it('groups runs into lines by their vertical centres, left to right, and merges glyphs drawn one by one', () => {
    const doc = pdfDoc([
      ['规', 100, 100, 110, 110],
      ['章', 110.5, 100, 120.5, 110],
      ['5', 300, 101, 305, 111],
      ['行政许可', 100, 130, 140, 140],
      ['7', 300, 129, 305, 139],
    ]);
    const lines = layoutDocument(doc).lines;
    expect(lines.map((l) => l.tokens.map((t) => t.text))).toEqual([
      ['规章', '5'],
      ['行政许可', '7'],
    ]);
  });

  it('sets a lone number in the bottom margin aside as a page number', () => {
    const doc = pdfDoc([
      ['总体情况', 100, 100, 140, 110],
      ['3', 290, 800, 296, 810],
    ]);
    expect(layoutDocument(doc).lines.map((l) => l.text)).toEqual(['总体情况']);
  });
});

describe('sections', () => {
  const text = [
    '某区人民政府办公室2022年政府信息',
    '公开工作年度报告',
    '一、总体情况',
    '本年度……',
    '二、主动公开政府信息情况',
    '三、收到和处理政府信息公开申请情况',
    '四、政府信息公开行政复议、行政诉讼情况',
    '五、存在的主要问题及改进情况',
    '六、其他需要报告的事项',
    '无。',
  ].join('\n');

  it('finds the six headings in order, and the title (joined over two lines) before them', () => {
    const lines = linesOf(text);
    const spans = findSections(lines);
    expect(spans.map((s) => [s.key, s.start, s.end])).toEqual([
      ['overview', 2, 4],
      ['activeDisclosure', 4, 5],
      ['applications', 5, 6],
      ['reviewLitigation', 6, 7],
      ['problems', 7, 8],
      ['otherMatters', 8, 10],
    ]);
    expect(findTitle(lines, spans[0].start)).toEqual({
      title: '某区人民政府办公室2022年政府信息公开工作年度报告',
      agency: '某区人民政府办公室',
      year: 2022,
    });
  });

  it('tells the template by what only one form prints, else by the year', () => {
    expect(detectTemplate('信息内容 本年制发件数 本年废止件数 现行有效件数', '', 2020)).toBe('2021');
    expect(detectTemplate('信息内容 本年新制作数量 本年新公开数量 对外公开总数量', '', 2022)).toBe('2019');
    expect(detectTemplate('', '', 2020)).toBe('2019');
    expect(detectTemplate('', '', null)).toBeNull();
  });
});

describe('table 四', () => {
  it('reads the fifteen numbers of its values line into three groups of five', () => {
    const r = parseReviewLitigation(
      linesOf(
        ['行政复议 行政诉讼', '结果维持 结果纠正 其他结果 尚未审结 总计', '1 0 0 1 2 0 0 0 0 0 3 1 0 0 4'].join('\n'),
      ),
      new Map(),
    );
    expect(r.data).toEqual({
      review: { upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 },
      litigationDirect: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
      litigationAfterReview: { upheld: 3, corrected: 1, other: 0, pending: 0, total: 4 },
    });
    expect(r.tableLines.map((l) => l.text)).toEqual([
      '行政复议行政诉讼',
      '结果维持结果纠正其他结果尚未审结总计',
      '1 0 0 1 2 0 0 0 0 0 3 1 0 0 4',
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('takes a short misread word among its numbers as a cell, read as no number and flagged', () => {
    const r = parseReviewLitigation(
      linesOf(
        ['行政复议 行政诉讼', '结果维持 结果纠正 其他结果 尚未审结 总计', '1 目 0 1 2 0 0 0 0 0 3 1 0 0 4'].join('\n'),
      ),
      new Map(),
    );
    expect(r.data?.review).toEqual({ upheld: 1, corrected: null, other: 0, pending: 1, total: 2 });
    expect(r.data?.litigationAfterReview).toEqual({ upheld: 3, corrected: 1, other: 0, pending: 0, total: 4 });
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([['cell-unreadable', 'reviewLitigation.review.corrected']]);
  });
});

describe('checks', () => {
  const row = (naturalPerson: number, total: number): ApplicantRow => ({
    naturalPerson,
    commercialEnterprise: 0,
    researchInstitution: 0,
    socialWelfareOrg: 0,
    legalServiceOrg: 0,
    otherOrg: null,
    total,
  });

  it('evaluates the template relations: row totals, the results total, the balance', () => {
    const apps: Applications = {
      newReceived: row(5, 5),
      carriedOver: row(1, 1),
      results: { granted: row(3, 3), notProcessed: { duplicate: row(1, 2) }, total: row(4, 4) },
      carriedForward: row(2, 2),
    };
    const failed = checkApplications(apps).filter((c) => !c.passed);
    expect(failed.map((c) => [c.id, c.expected, c.actual, c.blanksAsZero])).toEqual([
      ['rowTotal:applications.results.notProcessed.duplicate', 2, 1, true],
      ['resultsTotal:total', 4, 5, undefined],
    ]);
    expect(checkApplications(apps).find((c) => c.id === 'balance:naturalPerson')).toMatchObject({
      passed: true,
      expected: 6,
      actual: 6,
    });
  });

  it('checks each table 四 group against its parts', () => {
    const g = { upheld: 1, corrected: 1, other: 0, pending: 0, total: 3 };
    const checks = checkReviewLitigation({ review: g, litigationDirect: null, litigationAfterReview: null });
    expect(checks.map((c) => [c.id, c.passed, c.message])).toEqual([
      [
        'groupTotal:reviewLitigation.review',
        false,
        'reviewLitigation.review: 总计 = 维持 + 纠正 + 其他 + 尚未审结: printed 3, but the parts add up to 2',
      ],
    ]);
  });
});
