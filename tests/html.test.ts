// HTML input: the report found inside a CMS page, tables read from the DOM (spans, <br>, nested
// tags, blank and 「/」 cells), encodings, provenance naming the cell.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../extractors/html.js';
import { decodePage } from '../extractors/decode.js';
import { placeCells, type MarkupCell } from '../extractors/markup/layout.js';
import { extractReport } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/nianbao.js');
const sample = (f: string) => path.join(root, 'samples/formats', f);
const cell = (text: string, rowSpan = 1, colSpan = 1): MarkupCell => ({ text, rowSpan, colSpan, ref: {} });

describe('placeCells', () => {
  it('resolves rowspan and colspan as browsers do', () => {
    const { placed, nRows, nCols } = placeCells([
      [cell('a', 2), cell('b', 1, 2)],
      [cell('c'), cell('d')],
      [cell('e', 1, 3)],
    ]);
    expect([nRows, nCols]).toEqual([3, 3]);
    expect(placed.map((p) => [p.cell.text, p.r, p.c, p.rs, p.cs])).toEqual([
      ['a', 0, 0, 2, 1],
      ['b', 0, 1, 1, 2],
      ['c', 1, 1, 1, 1],
      ['d', 1, 2, 1, 1],
      ['e', 2, 0, 1, 3],
    ]);
  });

  it('cuts a rowspan at the end of the table (rowspan="0" spans the rest)', () => {
    const { placed } = placeCells([[cell('a', 0), cell('b')], [cell('c')]]);
    expect(placed.map((p) => [p.cell.text, p.rs, p.c])).toEqual([
      ['a', 2, 0],
      ['b', 1, 1],
      ['c', 1, 1],
    ]);
  });
});

const decodeHtml = (bytes: Uint8Array) => decodePage(bytes, { maxInvalidShare: 0.1 }).text;

describe('decodePage', () => {
  const page =
    '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>一、总体情况</body></html>';
  const gbk = Buffer.from(spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: page }).stdout);

  it('reads the charset of a <meta> tag (gb2312 as GB18030)', () => {
    expect(gbk.length).toBeLessThan(Buffer.byteLength(page));
    expect(decodeHtml(gbk)).toBe(page);
  });

  it('sniffs GB18030 when nothing is declared, and UTF-8 with or without a BOM', () => {
    const undeclared = Buffer.from(gbk.toString('latin1').replace('charset=gb2312', 'charset=xx-none'), 'latin1');
    expect(decodeHtml(undeclared)).toContain('一、总体情况');
    expect(decodeHtml(Buffer.from('\ufeff<p>总计</p>'))).toBe('<p>总计</p>');
    expect(decodeHtml(Buffer.from('<p>总计</p>'))).toBe('<p>总计</p>');
  });
});

/** A small but complete 2021 report as a web page. */
function miniReport(tableRows: string, extra = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>测试县人民政府2022年政府信息公开工作年度报告_测试县</title></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/x">测试县人民政府2021年政府信息公开工作年度报告</a></li></ul>
<h1 class="title">测试县人民政府2022年政府信息公开工作年度报告</h1>
<div id="zoom">${extra}
<p><strong>一、总体情况</strong></p><p>本年度，我县<span>认真</span>贯彻落实《条例》。</p>
<p>二、主动公开政府信息情况</p><p>（略）</p>
<p>三、收到和处理政府信息公开申请情况</p>
<table border="1">${tableRows}</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p><p>（略）</p>
<p>五、存在的主要问题及改进情况</p><p>无。</p>
<p>六、其他需要报告的事项</p><p>无。</p></div>
<div class="footer">网站标识码 1234</div></body></html>`;
}

const head = `<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>`;

describe('readHtml / extractReport on HTML', () => {
  it('reads table rows through spans, <br> inside labels, nested tags, blank and 「/」 cells', async () => {
    const rows = `${head}
<tr><td colspan="3">一、本年新收政府<br>信息公开申请数量</td><td><span><b>5</b></span></td><td>1</td><td></td><td>/</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="4"><div style="writing-mode: vertical-rl">三、本年度办理结果</div></td><td colspan="2">（一）予以公开</td><td>4</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td colspan="2">（二）部分公开</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="1">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td colspan="2">（七）总计</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td colspan="3">四、结转下年度继续办理</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>`;
    const html = miniReport(rows);
    const r = await extractReport(new TextEncoder().encode(html), { path: 'mini.html' });
    expect(r.source.format).toBe('html');
    expect(r.title).toBe('测试县人民政府2022年政府信息公开工作年度报告');
    expect(r.year).toBe(2022);
    expect(r.applications?.newReceived).toEqual({
      naturalPerson: 5,
      commercialEnterprise: 1,
      researchInstitution: null,
      socialWelfareOrg: null,
      legalServiceOrg: 0,
      otherOrg: 0,
      total: 6,
    });
    expect(r.applications?.carriedOver?.total).toBe(1);
    expect(r.applications?.results?.granted?.total).toBe(5);
    expect(r.applications?.results?.withheld?.stateSecret?.naturalPerson).toBe(0);
    expect(r.applications?.results?.total?.total).toBe(6);
    expect(r.applications?.carriedForward?.naturalPerson).toBe(1);
    // Rows under the merged 三、本年度办理结果 cell: the column is the grid's, not the row's cell index.
    expect(r.provenance['applications.results.granted.total']).toMatchObject({ row: 5, col: 9, text: '5' });
    expect(r.provenance['applications.newReceived.naturalPerson']).toEqual({
      table: 0,
      row: 3,
      col: 3,
      selector: 'div#zoom>table>tbody>tr:nth-of-type(4)>td:nth-of-type(2)',
      text: '5',
    });
    expect(r.provenance['applications.newReceived.socialWelfareOrg']).toMatchObject({ col: 6, text: '/' });
    expect(r.sections.find((s) => s.key === 'overview')?.text).toContain('我县认真贯彻落实');
  });

  it('finds the content by its headings, not a hidden copy or the site chrome', () => {
    const doc = readHtml(
      new TextEncoder().encode(
        miniReport(head, '').replace(
          '<ul class="nav">',
          '<div class="tpl" style="display:none">一、总体情况 二、主动公开政府信息情况</div><ul class="nav">',
        ),
      ),
    );
    const text = doc.pages[0].runs.map((r) => r.text).join('|');
    expect(text).not.toContain('首页');
    expect(text).not.toContain('网站标识码');
    expect(text.startsWith('测试县人民政府2022年政府信息公开工作年度报告|一、总体情况')).toBe(true);
  });

  it('a table inside a layout table is still a data table', () => {
    const html = miniReport('').replace(
      '<table border="1"></table>',
      `<table><tr><td><table border="1">${head}</table></td></tr></table>`,
    );
    const doc = readHtml(new TextEncoder().encode(html));
    expect(doc.pages[0].rules.length).toBeGreaterThan(20);
    expect(doc.regions?.filter((r) => r.ref.table === 0)).toHaveLength(10);
  });

  it('the committed CMS samples give the provenance of their PDF twins as cells', async () => {
    const r = await extractReport(sample('city-2021-ruled.cms.html'));
    const pdf = await extractReport(path.join(root, 'samples/city-2021-ruled.pdf'));
    expect(r.applications).toEqual(pdf.applications);
    expect(r.activeDisclosure).toEqual(pdf.activeDisclosure);
    expect(r.reviewLitigation).toEqual(pdf.reviewLitigation);
    expect(Object.keys(r.provenance).sort()).toEqual(Object.keys(pdf.provenance).sort());
    for (const [p, prov] of Object.entries(r.provenance)) {
      expect(prov.text, p).toBe(pdf.provenance[p].text);
      expect(prov.selector, p).toMatch(
        /^div#zoom>div>table:nth-of-type\([123]\)>tbody>tr:nth-of-type\(\d+\)>td(:nth-of-type\(\d+\))?$/,
      );
      expect(prov.page, p).toBeUndefined();
    }
  });
});

describe('HTML on the command line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-html-'));
  const cli = (args: string[], input?: Buffer) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8' });

  it('a web page that is not a 年报 → exit 8, one line', () => {
    const p = path.join(dir, 'news.html');
    writeFileSync(
      p,
      '<!doctype html><html><head><meta charset="utf-8"><title>新闻</title></head><body><div class="nav"><a href="/">首页</a></div><p>今天召开了会议。</p></body></html>',
    );
    const r = cli(['extract', p]);
    expect(r.status).toBe(8);
    expect(r.stderr).toBe(
      `nianbao: ${p}: not a 政府信息公开工作年度报告: the section headings 一、总体情况 … 六 were not found\n`,
    );
  });

  it('reads standard input ("-"), sniffs its format and names it by --name', () => {
    const r = cli(
      ['extract', '-', '--name', 'site/report.html'],
      readFileSync(sample('bureau-2021-split.cms-gbk.html')),
    );
    expect(r.status).toBe(0);
    const rec = JSON.parse(r.stdout);
    expect(rec.source).toMatchObject({ path: 'site/report.html', format: 'html', textSource: 'plain-text' });
    expect(rec.agency).toBe(
      JSON.parse(readFileSync(sample('bureau-2021-split.cms-gbk.html.expected.json'), 'utf8')).agency,
    );
  });

  it('standard input that is not a report is named "-" in its error line', () => {
    const r = cli(['extract', '-'], Buffer.from([0x13, 0x37, 0, 1, 2, 3]));
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/^nianbao: -: a file of unknown type \(binary data\); nianbao reads PDF, HTML/);
  });
});
