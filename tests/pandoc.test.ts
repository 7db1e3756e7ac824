// pandoc's output read back (issue 26): its own table syntaxes (simple, multiline, grid), Markdown
// whose tables are raw HTML blocks, and the hole they exposed — a rule drawn in text (「----------」)
// read as fifteen blank cells, so table 四 came out all null with nothing flagged. The first part uses
// checked-in pandoc-style snippets; the second runs the real pandoc (Debian `pandoc`) over the sample
// DOCX files and web pages and asserts every field exact, with no silent error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { markdownBlocks, type MdBlock } from '../extractors/markdown/blocks.js';
import { completenessViolations } from '../src/checks/completeness.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { buildRecord } from '../src/pipeline/build-record.js';
import { readSource } from '../src/pipeline/read-input.js';
import { sniffFormat } from '../src/pipeline/sniff.js';
import { parseCell } from '../src/text/values.js';
import type { Report } from '../src/schema/record.js';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const tables = (md: string) =>
  markdownBlocks(md)
    .filter((b): b is Extract<MdBlock, { kind: 'pipe-table' }> => b.kind === 'pipe-table')
    .map((t) => t.rows.map((r) => r.map((c) => (c.colSpan ? `${c.text}*${c.colSpan}` : c.text))));
const record = async (text: string, file = 'report.md'): Promise<Report> =>
  buildRecord(await readSource(bytes(text), { file }), { file, sha256: '0' });

/** Table 四 as `pandoc -f docx -t markdown` writes it (merged header cells flattened, pandoc 2.17). */
const REVIEW_MULTILINE = [
  '  ---------- ---------- ---------- ---------- ------ ------------------ ---------- ---------- ---------- ------ ------------ ---------- ---------- ---------- ------',
  '  行政复议                                           行政诉讼                                                                                                 ',
  '',
  '  结果维持   结果纠正   其他结果   尚未审结   总计   未经复议直接起诉                                           复议后起诉                                    ',
  '',
  '                                                     结果维持           结果纠正   其他结果   尚未审结   总计   结果维持     结果纠正   其他结果   尚未审结   总计',
  '',
  '  4          2          0          1          7      0                  1          0          3          4      0            0          0          0          0',
  '  ---------- ---------- ---------- ---------- ------ ------------------ ---------- ---------- ---------- ------ ------------ ---------- ---------- ---------- ------',
];

/** A small 2021 report around a table 四 given as lines. */
const report = (review: string[]) =>
  [
    '临江市某某局2023年政府信息公开工作年度报告',
    '',
    '一、总体情况',
    '',
    '本年度工作情况如下。',
    '',
    '四、政府信息公开行政复议、行政诉讼情况',
    '',
    ...review,
    '',
    '五、存在的主要问题及改进情况',
    '',
    '无。',
  ].join('\n');

describe('pandoc table syntaxes (checked-in snippets)', () => {
  it('reads a headerless multiline table by the runs of its dashed rule, CJK two columns wide', () => {
    const [t] = tables(REVIEW_MULTILINE.join('\n'));
    expect(t).toHaveLength(4);
    expect(t[0].slice(0, 6)).toEqual(['行政复议', '', '', '', '', '行政诉讼']);
    expect(t[2].slice(4, 7)).toEqual(['', '结果维持', '结果纠正']);
    expect(t[3]).toEqual(['4', '2', '0', '1', '7', '0', '1', '0', '3', '4', '0', '0', '0', '0', '0']);
  });

  it('reads a simple table with a header line, one row a line, to the blank line', () => {
    const md = [
      '信息内容         本年制发件数   本年废止件数',
      '---------------- -------------- ------------',
      '规章             3              1',
      '行政规范性文件   4              5',
      '',
      '正文',
    ].join('\n');
    expect(tables(md)).toEqual([
      [
        ['信息内容', '本年制发件数', '本年废止件数'],
        ['规章', '3', '1'],
        ['行政规范性文件', '4', '5'],
      ],
    ]);
    expect(markdownBlocks(md).at(-1)).toMatchObject({ kind: 'paragraph', text: '正文' });
  });

  it('reads a multiline table with a header, joining a wrapped CJK cell without a space', () => {
    const md = [
      '-----------------------------------',
      '  信息内容       本年处理',
      '                 决定数量',
      '---------------- ------------------',
      '  行政许可       32343',
      '',
      '  行政事业性收   443.69',
      '  费',
      '-----------------------------------',
    ].join('\n');
    expect(tables(md)).toEqual([
      [
        ['信息内容', '本年处理决定数量'],
        ['行政许可', '32343'],
        ['行政事业性收费', '443.69'],
      ],
    ]);
  });

  it('reads a grid table, a cell whose 「|」 is missing spanning the columns', () => {
    const md = [
      '+----------+------+------+',
      '| 行政复议        | 总计 |',
      '+==========+======+======+',
      '| 结果维持 | 4    | 7    |',
      '| （续）   |      |      |',
      '+----------+------+------+',
    ].join('\n');
    expect(tables(md)).toEqual([
      [
        ['行政复议*2', '总计'],
        ['结果维持（续）', '4', '7'],
      ],
    ]);
  });

  it('reads a pandoc 3 grid table: merged cells drawn across rows and columns, the edges from every border', () => {
    const md = [
      '+--------+-----------------+',
      '| 事项   | 申请人情况      |',
      '|        +--------+--------+',
      '|        | 自然人 | 总计   |',
      '+:=======+:=======+:=======+',
      '| 三、本 | 0      | 0      |',
      '| 年度   +--------+--------+',
      '|        | 5      | +3     |',
      '+--------+--------+--------+',
    ].join('\n');
    // 「+3」 in a cell is a value, not an edge: an edge's 「+」 joins a border.
    expect(tables(md)).toEqual([
      [
        ['事项', '申请人情况*2'],
        ['自然人', '总计'],
        ['三、本年度', '0', '0'],
        ['5', '+3'],
      ],
    ]);
    const rows = markdownBlocks(md).flatMap((b) => (b.kind === 'pipe-table' ? b.rows : []));
    expect(rows.map((r) => r.map((c) => c.rowSpan ?? 1))).toEqual([
      [2, 1],
      [1, 1],
      [2, 1, 1],
      [1, 1],
    ]);
  });

  it('reads pandoc heading attributes, fenced divs, line blocks and menu links as a reader sees the page', () => {
    const md = [
      '::: top',
      '-   [首页](/index.html)',
      ':::',
      '# 一、总体情况 {#一总体情况 .pagebreak}',
      '| 临江市人民政府',
      '| 2024年1月10日',
      '正文\\',
    ].join('\n');
    expect(markdownBlocks(md).map((b) => (b.kind === 'paragraph' ? b.text : b.kind))).toEqual([
      '一、总体情况',
      '临江市人民政府',
      '2024年1月10日',
      '正文',
    ]);
  });

  it('sniffs pandoc output as Markdown: dashed rules, grid borders, fenced divs, text beside raw HTML tables', () => {
    expect(sniffFormat(bytes(report(REVIEW_MULTILINE)), 'x.txt').format).toBe('markdown');
    expect(sniffFormat(bytes('标题\n\n+------+------+\n| a    | b    |\n+------+------+\n'), null).format).toBe(
      'markdown',
    );
    expect(sniffFormat(bytes('::: content\n正文\n:::\n'), null).format).toBe('markdown');
    const commonmark =
      '标题\n\n一、总体情况\n\n正文一段。\n\n<table>\n<tr><td>规章</td><td>3</td></tr>\n</table>\n\n五、存在的问题\n';
    expect(sniffFormat(bytes(commonmark), null).format).toBe('markdown');
    // An HTML fragment keeps its text in tags: still HTML.
    expect(
      sniffFormat(bytes('<div><p>一、总体情况</p><table><tr><td>1</td></tr></table></div>\n<p>正文</p>'), null).format,
    ).toBe('html');
    expect(sniffFormat(bytes('一、总体情况\n正文 ———— 正文\n'), null).format).toBe('text');
  });

  it('says so where pandoc -t plain wrote 「[TABLE]」 for a table it could not lay out', async () => {
    const r = await record(report(['[TABLE]']));
    expect(r.reviewLitigation).toBeNull();
    expect(r.warnings.filter((w) => w.code === 'table-not-read').map((w) => w.path)).toContain('reviewLitigation');
  });
});

describe('a rule drawn in text is never a blank cell (the 15 silent nulls)', () => {
  it('a blank marker is short: 「—」「--」「——」「/」 are blank, a run of ten dashes is no cell at all', () => {
    for (const t of ['—', '-', '--', '——', '/', '－', '无']) expect(parseCell(t)).toEqual({ kind: 'blank' });
    for (const t of ['----------', '——————', '----']) expect(parseCell(t)).toBeNull();
  });

  it('table 四 under pandoc’s rules reads its values exactly, as plain text and as Markdown', async () => {
    const want = {
      review: { upheld: 4, corrected: 2, other: 0, pending: 1, total: 7 },
      litigationDirect: { upheld: 0, corrected: 1, other: 0, pending: 3, total: 4 },
      litigationAfterReview: { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 },
    };
    for (const file of ['report.md', 'report.txt']) {
      const r = await record(report(REVIEW_MULTILINE), file);
      expect(r.reviewLitigation).toEqual(want);
      expect(completenessViolations(r)).toEqual([]);
    }
    // The same rows read by the plain-text path (no Markdown sniffed: the rules dropped from view).
    const text = await readSource(bytes(report(REVIEW_MULTILINE.filter((l) => !/^\s*-{3}/.test(l)))), {
      file: 'r.txt',
    });
    expect(buildRecord(text, { file: 'r.txt', sha256: '0' }).reviewLitigation).toEqual(want);
  });

  it('a null whose provenance shows a rule, not a blank, breaks the completeness invariant', async () => {
    const r = await record(report(REVIEW_MULTILINE));
    const forged = structuredClone(r);
    forged.reviewLitigation!.review!.upheld = null;
    forged.provenance['reviewLitigation.review.upheld'] = {
      ...forged.provenance['reviewLitigation.review.upheld'],
      text: '----------',
    };
    expect(completenessViolations(forged).map((v) => v.path)).toEqual(['reviewLitigation.review.upheld']);
  });

  it('two lines of fifteen values under table 四: which one is the table is a guess, warned on the table', async () => {
    const twice = ['行政复议 行政诉讼', '4 2 0 1 7 0 1 0 3 4 0 0 0 0 0', '5 2 0 1 8 0 1 0 3 4 0 0 0 0 0'];
    const r = await record(report(twice), 'r.txt');
    const warned = r.warnings.filter((w) => w.code === 'unmatched-row' && w.path === 'reviewLitigation');
    expect(warned).toHaveLength(1);
    expect(warned[0].message).toContain('2 lines print 15 values each');
  });
});

describe('a list of reports of several years is not the title', () => {
  it('takes the title, not a page’s links to other years’ reports kept by a converter', async () => {
    const lines = [
      '临江市人民政府2023年政府信息公开工作年度报告',
      '临江市人民政府2022年政府信息公开工作年度报告',
      '临江市人民政府2021年政府信息公开工作年度报告',
      '当前位置：首页 > 政府信息公开年报',
      '临江市生态环境局2023年政府信息公开工作年度报告',
    ];
    const r = await record(lines.join('\n') + '\n' + report(REVIEW_MULTILINE).split('\n').slice(1).join('\n'), 'r.txt');
    expect([r.title, r.agency, r.year]).toEqual([
      '临江市生态环境局2023年政府信息公开工作年度报告',
      '临江市生态环境局',
      2023,
    ]);
  });
});

describe('pandoc 3 output (checked in: pandoc 3.10, which the Debian package predates)', () => {
  // `pandoc -f docx -t markdown|plain` by pandoc 3.10 (its official WebAssembly build, run by hand):
  // tables 二, 三 and 四 as grid tables with merged cells.
  const fixture = (name: string) => readFileSync(path.resolve(__dirname, 'fixtures/pandoc3', name));
  const cases: Array<[string, string]> = [
    ['word-2021-merged.markdown.md', 'word/word-2021-merged.expected.json'],
    ['district-2019.plain.txt', 'formats/district-2019.docx.expected.json'],
  ];
  for (const [name, exp] of cases) {
    it(`${name}: every field exact`, async () => {
      const expected = JSON.parse(readFileSync(path.resolve(__dirname, '../samples', exp), 'utf8')) as Expected;
      const doc = await readSource(new Uint8Array(fixture(name)), { file: name });
      expect(doc.kind).toBe('markup');
      const r = buildRecord(doc, { file: name, sha256: '0' });
      const cmp = compareRecord(r, expected);
      expect(completenessViolations(r)).toEqual([]);
      expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
      expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
    });
  }
});

// ---- the real pandoc ----

const hasPandoc = (() => {
  try {
    execFileSync('pandoc', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasPandoc) console.warn('skipping the real-pandoc tests: pandoc is not installed (Debian package pandoc)');

const root = path.resolve(__dirname, '../samples');
/** The sample DOCX files with their expected records (samples/word's are those of their PDFs). */
function docxSamples(): Array<{ file: string; expected: Expected }> {
  const out: Array<{ file: string; expected: Expected }> = [];
  for (const dir of ['formats', 'word']) {
    for (const f of readdirSync(path.join(root, dir)).filter((n) => n.endsWith('.expected.json'))) {
      const expected = JSON.parse(readFileSync(path.join(root, dir, f), 'utf8')) as Expected;
      const docx = expected.file.replace(/\.pdf$/, '.docx');
      if (docx.endsWith('.docx') && readdirSync(path.join(root, dir)).includes(docx))
        out.push({ file: path.join(root, dir, docx), expected });
    }
  }
  return out;
}
/** Clean agency pages (pandoc reads UTF-8 only: a GBK page is recoded first, as a user would). */
const PAGES = [
  'formats/city-2021-ruled.cms.html',
  'web/district-2019.cms.html',
  'formats/bureau-2021-split.cms-gbk.html',
];
const OUTPUTS = ['markdown', 'gfm', 'commonmark', 'markdown_strict', 'plain'];

const work = mkdtempSync(path.join(tmpdir(), 'nianbao-pandoc-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** `input` through pandoc to `to`, then extracted; the comparison with `expected`. */
async function throughPandoc(input: string, from: string, to: string, expected: Expected) {
  let src = input;
  if (input.includes('gbk')) {
    src = path.join(work, path.basename(input) + '.utf8.html');
    writeFileSync(src, new TextDecoder('gb18030').decode(readFileSync(input)));
  }
  const text = execFileSync('pandoc', ['-f', from, '-t', to, src], { maxBuffer: 1 << 26 });
  const out = path.join(work, `${path.basename(input)}.${to}`);
  writeFileSync(out, text);
  const r = buildRecord(await readSource(new Uint8Array(text), { file: out }), { file: out, sha256: '0' });
  return { r, cmp: compareRecord(r, expected) };
}

describe.skipIf(!hasPandoc)('real pandoc output', () => {
  for (const { file, expected } of docxSamples()) {
    for (const to of OUTPUTS) {
      it(`pandoc -f docx -t ${to} ${path.relative(root, file)}: every field exact`, async () => {
        const { r, cmp } = await throughPandoc(file, 'docx', to, expected);
        expect(completenessViolations(r)).toEqual([]);
        expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
        expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
        expect(cmp.fields.length).toBeGreaterThanOrEqual(200);
      });
    }
  }

  for (const page of PAGES) {
    const expected = JSON.parse(readFileSync(path.join(root, `${page}.expected.json`), 'utf8')) as Expected;
    for (const to of OUTPUTS.filter((o) => o !== 'plain')) {
      it(`pandoc -f html -t ${to} ${page}: every field exact`, async () => {
        const { r, cmp } = await throughPandoc(path.join(root, page), 'html', to, expected);
        expect(completenessViolations(r)).toEqual([]);
        expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
        expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
      });
    }
    it(`pandoc -f html -t plain ${page}: the tables pandoc wrote as 「[TABLE]」 are flagged, nothing silent`, async () => {
      const { r, cmp } = await throughPandoc(path.join(root, page), 'html', 'plain', expected);
      expect(completenessViolations(r)).toEqual([]);
      expect(cmp.fields.filter((x) => x.silent)).toEqual([]);
      expect(new Set(r.warnings.filter((w) => w.code === 'table-not-read').map((w) => w.path))).toEqual(
        new Set(['applications']),
      );
      expect(r.warnings.find((w) => w.code === 'table-not-read')?.message).toContain('[TABLE]');
      // Tables 二 and 四, which pandoc could draw, are read exactly.
      expect(cmp.fields.filter((x) => !x.path.startsWith('applications') && !x.ok).map((x) => x.path)).toEqual([]);
    });
  }
});
