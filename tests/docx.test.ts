// DOCX input: paragraphs and tables in document order, gridSpan/vMerge, text direction, text boxes;
// .doc/.odt/.rtf/.wps through LibreOffice; bad Word files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readDocx } from '../extractors/docx.js';
import { extractReport } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin/nianbao.js');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-'));

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const p = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (text: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${text.split('\n').map(p).join('')}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const docx = (body: string) =>
  zipSync({
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ),
  });

describe('readDocx', () => {
  it('resolves gridSpan and vMerge into spans, keeps text direction, and numbers tables, rows and cells', () => {
    const table = `<w:tbl>${[
      tr(
        tc('组', '<w:vMerge w:val="restart"/><w:textDirection w:val="tbRl"/>'),
        tc('a &amp; b', '<w:gridSpan w:val="2"/>'),
      ),
      tr(tc('', '<w:vMerge/>'), tc('1'), tc('2')),
    ].join('')}</w:tbl>`;
    const doc = readDocx(docx(p('前言') + table + p('后记')), 'x.docx');
    const runs = doc.pages[0].runs.map((r) => [r.text, r.dir]);
    expect(runs).toEqual([
      ['前言', 'ltr'],
      ['组', 'ttb'],
      ['a & b', 'ltr'],
      ['1', 'ltr'],
      ['2', 'ltr'],
      ['后记', 'ltr'],
    ]);
    const refs = doc.regions!.map((r) => r.ref);
    expect(refs).toEqual([
      { paragraph: 0 },
      { table: 0, row: 0, cell: 0 },
      { table: 0, row: 0, cell: 1 },
      { table: 0, row: 1, cell: 1 },
      { table: 0, row: 1, cell: 2 },
      { paragraph: 1 },
    ]);
    // The merged cell spans both rows: its box is as tall as the two rows together.
    const [merged, , one] = doc.regions!.slice(1);
    expect(merged.bbox[3] - merged.bbox[1]).toBeCloseTo(one.bbox[3] - merged.bbox[1], 6);
  });

  it('reads text boxes once (not their mc:Fallback copy), skips deleted text, keeps line breaks', () => {
    const box = `<w:txbxContent>${p('框内文字')}<w:tbl>${tr(tc('3'), tc('4'))}</w:tbl></w:txbxContent>`;
    const para = `<w:p><w:r><w:t>正文</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:r><w:br/><w:t>第二行</w:t></w:r>
      <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box}</w:drawing></mc:Choice><mc:Fallback><w:pict>${box}</w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`;
    const doc = readDocx(docx(para), 'x.docx');
    expect(doc.pages[0].runs.map((r) => r.text)).toEqual(['正文', '第二行', '框内文字', '3', '4']);
    expect(doc.regions!.filter((r) => r.ref.table === 0)).toHaveLength(2);
  });

  it("the committed DOCX sample gives its PDF twin's values, each with table/row/cell provenance", async () => {
    const r = await extractReport(path.join(root, 'samples/formats/city-2021-ruled.docx'));
    const pdf = await extractReport(path.join(root, 'samples/city-2021-ruled.pdf'));
    expect(r.source.format).toBe('docx');
    expect([r.applications, r.activeDisclosure, r.reviewLitigation]).toEqual([
      pdf.applications,
      pdf.activeDisclosure,
      pdf.reviewLitigation,
    ]);
    expect(r.provenance['applications.newReceived.total']).toEqual({
      table: 1,
      row: 3,
      cell: 7,
      text: pdf.provenance['applications.newReceived.total'].text,
    });
    // Under the merged 三、本年度办理结果 cell a row's cells are counted as Word stores them.
    expect(r.provenance['applications.results.granted.naturalPerson']).toMatchObject({ table: 1, row: 5, cell: 2 });
  });
});

describe('Word files that cannot be read', () => {
  const cli = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  const file = (name: string, data: Uint8Array | string) => {
    const f = path.join(dir, name);
    writeFileSync(f, data);
    return f;
  };

  it('a ZIP that is not a Word document → exit 5', () => {
    const f = file('photos.docx', zipSync({ 'a.jpg': new Uint8Array([1, 2, 3]) }));
    const r = cli(['extract', f]);
    expect(r.status).toBe(5);
    // The reason, then the formats nianbao reads (their list grows with the readers).
    expect(r.stderr).toMatch(
      /^nianbao: \S+: a ZIP archive that is not a Word \(\.docx\) or ODF text \(\.odt\) document; nianbao reads PDF, .*Word.*\n$/,
    );
    expect(r.stderr.startsWith(`nianbao: ${f}: `)).toBe(true);
  });

  it('a .docx cut short inside word/document.xml → exit 13 naming the entry; cut after it → read, warned', () => {
    const whole = readFileSync(path.join(root, 'samples/formats/city-2021-ruled.docx'));
    // word/document.xml's data runs from ~350 to ~5800 in this file; its ZIP directory is at the end.
    const inside = file('cut-inside.docx', whole.subarray(0, 3000));
    const r = cli(['extract', inside]);
    expect(r.status).toBe(13);
    expect(r.stderr).toBe(
      `nianbao: ${inside}: a damaged Word document (it is cut short (its ZIP directory, at the end, is missing), and its entry word/document.xml is cut short (the file ends inside it))\n`,
    );
    const after = file('cut-after.docx', whole.subarray(0, Math.floor(whole.length / 2)));
    const ok = cli(['extract', after]);
    expect(ok.status).toBe(0);
    const rec = JSON.parse(ok.stdout) as {
      warnings: Array<{ code: string; message: string }>;
      applications: { newReceived: { total: number } };
    };
    expect(rec.warnings).toEqual([
      {
        code: 'damaged-file',
        message:
          'the file is cut short (its ZIP directory, at the end, is missing): word/document.xml was found by its own header and its CRC matches, so its text is intact',
      },
    ]);
    expect(rec.applications.newReceived.total).toBe(461);
  });

  it('a .docx whose word/document.xml inflates to garbled XML (the CRC does not match) → exit 13, not a record', () => {
    const whole = readFileSync(path.join(root, 'samples/formats/city-2021-ruled.docx'));
    const files = unzipSync(whole);
    const xml = Buffer.from(files['word/document.xml']);
    const at = xml.indexOf('>461<') + 1;
    xml[at + 1] = '7'.charCodeAt(0); // 461 → 471: a digit changed, the XML still well formed
    files['word/document.xml'] = xml;
    const out = Buffer.from(zipSync(files));
    // The entry keeps its original CRC (deflate damage that still inflates: nothing but the CRC tells).
    const h = out.indexOf('word/document.xml') - 30;
    out.writeUInt32LE(whole.readUInt32LE(whole.indexOf('word/document.xml') - 30 + 14), h + 14);
    const cd = out.lastIndexOf('word/document.xml') - 46;
    out.writeUInt32LE(whole.readUInt32LE(whole.lastIndexOf('word/document.xml') - 46 + 16), cd + 16);
    const f = file('garbled.docx', out);
    const r = cli(['extract', f]);
    expect(r.status).toBe(13);
    expect(r.stderr).toBe(
      `nianbao: ${f}: a damaged Word document (its entry word/document.xml is garbled: what it unpacks to fails its CRC check)\n`,
    );
  });

  it('a .docx with bytes inserted inside word/document.xml (every later offset shifted) → exit 13 naming the entry', () => {
    const whole = readFileSync(path.join(root, 'samples/formats/city-2021-ruled.docx'));
    const f = file(
      'inserted.docx',
      Buffer.concat([whole.subarray(0, 2000), Buffer.alloc(300, 0x41), whole.subarray(2000)]),
    );
    const r = cli(['extract', f]);
    expect(r.status).toBe(13);
    expect(r.stderr).toMatch(
      /: a damaged Word document \(its ZIP directory is damaged, and its entry word\/document\.xml (cannot be unpacked|is garbled)/,
    );
  });

  it('a .doc when LibreOffice is missing → exit 5 saying how to install it', () => {
    const r = cli(['extract', path.join(root, 'samples/formats/city-2021-ruled.doc')], {
      NIANBAO_SOFFICE: path.join(dir, 'no-soffice'),
    });
    expect(r.status).toBe(5);
    expect(r.stderr).toBe(
      `nianbao: ${path.join(root, 'samples/formats/city-2021-ruled.doc')}: reading a .doc file needs LibreOffice, which is not installed: install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install --cask libreoffice) or save the file as .docx\n`,
    );
  });
});
