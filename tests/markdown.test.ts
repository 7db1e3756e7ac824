// Markdown as PDF converters write it (extractors/markdown.ts): sniffed from the text, headings with
// 「#」 and emphasis, pipe tables and HTML tables, page markers and images; provenance by line and
// column. Inputs come from the converter-style generator (scripts/samples/converters.ts).
import { describe, expect, it } from 'vitest';
import { readMarkdown } from '../extractors/markdown.js';
import { markdownBlocks, pipeCells } from '../extractors/markdown/blocks.js';
import { cleanInline } from '../extractors/markdown/inline.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { buildRecord } from '../src/pipeline/build-record.js';
import { readSource } from '../src/pipeline/read-input.js';
import { sniffFormat } from '../src/pipeline/sniff.js';
import { findSections, headingText } from '../src/sections/sections.js';
import { layoutDocument } from '../src/layout/lines.js';
import { converterFiles } from '../scripts/make-converter-samples.js';
import { buildSample } from '../scripts/make-samples.js';
import { markdownReport } from '../scripts/samples/converters.js';
import { seededRng } from '../scripts/samples/prng.js';
import { SAMPLES } from '../scripts/samples/specs.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const bytes = (s: string) => new Uint8Array(Buffer.from(s));
const record = async (text: string, file = 'report.md') =>
  buildRecord(await readSource(bytes(text), { file }), { file, sha256: '0', format: 'markdown' });
const expectedOf = (name: string): Expected =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../samples', `${name}.expected.json`), 'utf8'));

describe('Markdown input', () => {
  it('is told from plain text by its marks, not by the file name', () => {
    expect(sniffFormat(bytes('# 标题\n\n正文'), 'a.txt').format).toBe('markdown');
    expect(sniffFormat(bytes('| 一 | 1 |\n| 二 | 2 |\n'), null).format).toBe('markdown');
    expect(sniffFormat(bytes('标题\n| a |\n'), 'a.md').format).toBe('text');
    expect(sniffFormat(bytes('一、总体情况\n正文 ## 不是标题\n'), null).format).toBe('text');
    // A Markdown file holding an HTML table is Markdown; a page with a doctype stays HTML.
    expect(sniffFormat(bytes('## 三、收到\n<table><tr><td>1</td></tr></table>\n'), null).format).toBe('markdown');
    expect(sniffFormat(bytes('<!doctype html>\n<html><body># x</body></html>'), null).format).toBe('html');
  });

  it('reads inline marks off and keeps the columns of what is left', () => {
    const c = cleanInline('**一、总体情况** \\*注 [链接](http://x) a&nbsp;b<br>c', 1);
    expect(c.text).toBe('一、总体情况 *注 链接 a b c');
    expect(c.cols[0]).toBe(3);
    expect(c.cols[c.text.indexOf('链')]).toBe('**一、总体情况** \\*注 ['.length + 1);
  });

  it('splits pipe rows at unescaped pipes, with or without outer pipes, empty cells kept', () => {
    expect(pipeCells('| a | | 3 \\| 4 |', 1).map((c) => c.text)).toEqual(['a', '', '3 | 4']);
    expect(pipeCells('a | 1 | 2', 1).map((c) => [c.text, c.column])).toEqual([
      ['a', 1],
      ['1', 5],
      ['2', 9],
    ]);
  });

  it('reads a merged cell Docling repeated as one cell, and a value repeated under such a header as one value', () => {
    const doc = readMarkdown(
      [
        '| 信息内容 | 上一年项目数量 | 本年增/减 | 本年增/减 |',
        '| --- | --- | --- | --- |',
        '| 行政事业性收费 | 22 | -2 | -2 |',
        '| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |',
        '| 规章 | 0 | 0 | 0 |',
      ].join('\n'),
    );
    const texts = doc.pages[0].runs.map((r) => r.text);
    expect(texts.filter((t) => t === '本年增/减')).toHaveLength(1);
    expect(texts.filter((t) => t === '-2')).toHaveLength(1);
    // Under a header without merged cells, equal values stay separate cells.
    expect(texts.filter((t) => t === '0')).toHaveLength(3);
  });

  it('leaves page furniture out and keeps an image only as a warning when it may be a table', () => {
    const blocks = markdownBlocks(
      '## 三、收到和处理政府信息公开申请情况\n— 5 —\n<!-- page 6 -->\n{6}------\n---\n![表3](t.png)\n正文',
    );
    expect(blocks.map((b) => b.kind)).toEqual(['paragraph', 'image', 'paragraph']);
    const doc = readMarkdown(
      '## 三、收到和处理政府信息公开申请情况\n![](t.png)\n## 五、存在的主要问题\n![](seal.png)\n',
    );
    expect(doc.warnings).toEqual([expect.objectContaining({ code: 'image-ignored', path: 'applications' })]);
  });

  it('finds headings written with Markdown marks in any input', () => {
    for (const h of ['## 一、总体情况', '**一、总体情况**', '> 一、总体情况', '### **一、总体情况**'])
      expect(headingText(h)).toBe('一、总体情况');
    const lines = layoutDocument(
      readMarkdown('# 标题\n\n## 一、总体情况\n\n正文\n\n**二、主动公开政府信息情况**\n'),
    ).lines;
    expect(findSections(lines).map((s) => [s.key, s.heading])).toEqual([
      ['overview', '一、总体情况'],
      ['activeDisclosure', '二、主动公开政府信息情况'],
    ]);
  });

  it('gives each value its line and column in the file, and its pipe table, row and cell', async () => {
    const [{ file, text }] = converterFiles('city-2021-ruled').filter((f) => f.file.endsWith('.docling.md'));
    const r = await record(text, file);
    expect(r.source.format).toBe('markdown');
    const lines = text.split('\n');
    const leaves = Object.entries(r.provenance).filter(([p]) => p.startsWith('applications.'));
    expect(leaves.length).toBeGreaterThan(100);
    for (const [p, prov] of leaves) {
      expect(lines[prov.line! - 1].slice(prov.column! - 1).startsWith(prov.text), p).toBe(true);
      expect(
        [prov.table, prov.row, prov.cell].every((k) => Number.isInteger(k)),
        p,
      ).toBe(true);
    }
  });

  // One report in each converter's manner: every field exact (the failed checks those of the sample).
  for (const style of ['mineru', 'docling', 'marker', 'pandoc', 'llm'] as const) {
    it(`reads a report written as ${style} writes Markdown`, async () => {
      const spec = SAMPLES.find((s) => s.name === 'bureau-2021-split')!;
      const text = markdownReport(buildSample(spec).doc, style, seededRng(7));
      const cmp = compareRecord(await record(text), expectedOf(spec.name));
      expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
      expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
    });
  }
});
