// Web pages as browsers read them: decoding (BOM, transport and <meta> charset, sniffing, invalid
// bytes as U+FFFD with a warning, never a whole-page switch for one bad byte) and HTML5 parsing
// (faults browsers repair give the clean page's record). The pages come from scripts/samples/web.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePage } from '../extractors/decode.js';
import { readHtmlTables } from '../extractors/html.js';
import { extractReport, type Report } from '../src/index.js';
import {
  faultySamples,
  mhtSamples,
  titleAgencySamples,
  wechatSamples,
  type WebSample,
} from '../scripts/samples/web.js';
import { decodeTransfer } from '../extractors/mht.js';

const root = path.resolve(__dirname, '..');
const webDir = path.join(root, 'samples/web');
const hasIconv = spawnSync('iconv', ['--version']).status === 0;
const gbk = (s: string) => Buffer.from(spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: s }).stdout);
const decode = (bytes: Uint8Array, transportCharset?: string) =>
  decodePage(bytes, { maxInvalidShare: 0.1, transportCharset });

/** What a fault must not change: everything but the warnings and the source's bytes. */
function essence(r: Report) {
  return {
    title: r.title,
    agency: r.agency,
    year: r.year,
    template: r.template,
    tables: [r.activeDisclosure, r.applications, r.reviewLitigation],
    checks: r.checks.map((c) => [c.id, c.passed]),
    provenance: Object.fromEntries(Object.entries(r.provenance).map(([p, v]) => [p, v.text])),
  };
}

describe('decodePage', () => {
  const prose = '本年度，我县认真贯彻落实《中华人民共和国政府信息公开条例》。'.repeat(20);
  const page = (meta: string) => `<html><head>${meta}<title>年报</title></head><body><p>${prose}</p></body></html>`;

  it('one invalid byte in a UTF-8 page is one U+FFFD and a warning naming the line, not a GB18030 page', () => {
    for (const meta of ['<meta charset="utf-8">', '']) {
      const bytes = Buffer.from(page(meta));
      const at = bytes.indexOf(Buffer.from('条例'));
      const bad = Buffer.concat([bytes.subarray(0, at), Buffer.from([0xff]), bytes.subarray(at)]);
      const d = decode(bad);
      expect(d.encoding).toBe('utf-8');
      expect(d.text).toBe(page(meta).replace('条例', '\ufffd条例'));
      expect(d.warnings).toHaveLength(1);
      expect(d.warnings[0].code).toBe('invalid-bytes');
      expect(d.warnings[0].message).toBe(
        `1 byte sequence is not valid utf-8 (chosen by ${meta ? 'its <meta> charset' : 'sniffing (no charset declared)'}) and read as ` +
          'U+FFFD (�), as a browser shows them: at line 1 (「华人民共和国政府信息公开�条例》。本年度，我县认真」); a value there may be damaged',
      );
    }
  });

  it.skipIf(!hasIconv)('GBK and GB2312 labels decode as GB18030; a transport charset comes before the <meta>', () => {
    const text = page('<meta http-equiv="Content-Type" content="text/html; charset=GBK">');
    expect(decode(gbk(text))).toMatchObject({ text, encoding: 'gb18030', warnings: [] });
    const declaredUtf8 = page('<meta charset="utf-8">');
    expect(decode(gbk(declaredUtf8), 'gb2312')).toMatchObject({
      text: declaredUtf8,
      encoding: 'gb18030',
      warnings: [],
    });
  });

  it.skipIf(!hasIconv)('a page declared UTF-8 but saved as GBK is read as GB18030, warned charset-mismatch', () => {
    const text = page('<meta charset="utf-8">');
    const d = decode(gbk(text));
    expect(d.text).toBe(text);
    expect(d.warnings.map((w) => w.code)).toEqual(['charset-mismatch']);
    expect(d.warnings[0].message).toBe(
      'the page names utf-8 (its <meta> charset) but 84% of its non-ASCII characters are invalid in it; read as gb18030, under which it decodes',
    );
  });

  it('a byte-order mark decides, and U+FFFD printed on purpose is no damage', () => {
    const text = page('<meta charset="gbk">').replace('本年度', '\ufffd');
    const d = decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect(d).toMatchObject({ text, encoding: 'utf-8', warnings: [] });
  });
});

describe('readHtmlTables (the entry point for <table> inside Markdown)', () => {
  it('reads a fragment as a browser does: missing </td>, a stray <p> between rows, a <font> left open', () => {
    const tables = readHtmlTables(
      '<p>x</p><table><tr><td>a<td colspan=2><font>b</tr><p>&nbsp;</p><tr><td>1<td>2<td>3</table><table><tr><td>z</table>',
      4,
    );
    expect(tables.map((t) => t.map((r) => r.map((c) => [c.text, c.colSpan])))).toEqual([
      [
        [
          ['a', 1],
          ['b', 2],
        ],
        [
          ['1', 1],
          ['2', 1],
          ['3', 1],
        ],
      ],
      [[['z', 1]]],
    ]);
    expect(tables[0][1][2].ref).toEqual({
      table: 4,
      row: 1,
      col: -1,
      selector: 'table:nth-of-type(1)>tbody>tr:nth-of-type(2)>td:nth-of-type(3)',
    });
  });
});

describe('web samples: faults a browser accepts give the clean page’s record', () => {
  const files = readdirSync(webDir).filter((f) => /\.(html|mht)$/.test(f));
  const kindOf = (f: string) =>
    JSON.parse(readFileSync(path.join(webDir, `${f}.expected.json`), 'utf8')).kind as string;
  const cleanOf = (f: string) =>
    f.replace(/\.(stray-p|stray-div-close|open-font|no-td-close|all-faults|bad-byte)\.html$/, '.html');

  it('the committed pages are the generator’s (seeded)', () => {
    if (!hasIconv) return void console.log('skipped: iconv is not installed (GBK pages)');
    const made = [...faultySamples(), ...titleAgencySamples(), ...mhtSamples(), ...wechatSamples()];
    expect(made.map((s) => s.file).sort()).toEqual(files.sort());
    for (const s of made) expect(s.bytes.equals(readFileSync(path.join(webDir, s.file))), s.file).toBe(true);
  });

  it('every faulty page gives its clean page’s record; a bad byte adds exactly one invalid-bytes warning', async () => {
    for (const f of files.filter((x) => ['faulty-cms', 'bad-bytes'].includes(kindOf(x)))) {
      const r = await extractReport(path.join(webDir, f));
      const clean = await extractReport(path.join(webDir, cleanOf(f)));
      expect(essence(r), f).toEqual(essence(clean));
      const extra = kindOf(f) === 'bad-bytes' ? ['invalid-bytes'] : [];
      expect(
        r.warnings.map((w) => w.code),
        f,
      ).toEqual([...extra, ...clean.warnings.map((w) => w.code)]);
    }
  });

  it.skipIf(!hasIconv)('so do the faults at the places other seeds pick', async () => {
    const made = faultySamples(1);
    const clean = new Map<string, Report>();
    for (const s of made.filter((x) => x.kind === 'clean-cms'))
      clean.set(s.file, await extractReport(s.bytes, { path: s.file }));
    for (const s of made.filter((x: WebSample) => x.kind !== 'clean-cms')) {
      const r = await extractReport(s.bytes, { path: s.file });
      expect(essence(r), `${s.file}: ${s.what}`).toEqual(essence(clean.get(cleanOf(s.file))!));
      expect(r.warnings.filter((w) => w.code === 'invalid-bytes').length, s.file).toBe(s.kind === 'bad-bytes' ? 1 : 0);
    }
  });
});

describe('web samples: the title and the agency printed only outside the report’s text', () => {
  const cases: Array<[string, string, string, string[]]> = [
    ['city-2021-ruled.cms.title-in-head.html', '临江市人民政府2023年政府信息公开工作年度报告', '临江市人民政府', []],
    ['city-2021-ruled.cms.header-block.html', '临江市人民政府2023年政府信息公开年度报告', '临江市人民政府', []],
    ['city-2021-ruled.cms.sign-off-agency.html', '2023年政府信息公开工作年度报告', '临江市人民政府', []],
    ['district-2019.cms.header-agency.html', '2020年政府信息公开工作年度报告', '东湖区人民政府', ['agency-from-page']],
  ];
  it.each(cases)('%s: title 「%s」, agency 「%s」', async (file, title, agency, codes) => {
    const r = await extractReport(path.join(webDir, file));
    expect([r.title, r.agency, r.agencyKey !== null]).toEqual([title, agency, true]);
    expect(
      r.warnings
        .filter((w) => ['title-not-found', 'agency-not-found', 'agency-from-page'].includes(w.code))
        .map((w) => [w.code, w.path]),
    ).toEqual(codes.map((c) => [c, 'agency']));
  });

  it('a publisher field that is not an agency’s name is not taken', async () => {
    const bytes = readFileSync(path.join(webDir, 'district-2019.cms.header-agency.html'), 'utf8')
      .replaceAll('东湖区人民政府</td>', '本网</td>')
      .replace(/来源：东湖区人民政府/u, '来源：本网');
    const r = await extractReport(Buffer.from(bytes), { path: 'x.html' });
    expect(r.agency).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('agency-not-found');
  });
});

describe('MHT web archives', () => {
  it('quoted-printable: =XX bytes, soft line breaks (CRLF or LF), a stray = kept', () => {
    const qp = Buffer.from('a=3Db=\r\nc=\nd=E4=B8=80 =ZZ\r\ne', 'latin1');
    expect(Buffer.from(decodeTransfer(qp, 'quoted-printable')).toString('utf8')).toBe('a=bcd一 =ZZ\r\ne');
  });

  it.each([
    ['bureau-2021-split.ie.mht', 'bureau-2021-split.cms-gbk.html'],
    ['city-2021-ruled.chrome.mht', 'city-2021-ruled.cms.html'],
    ['district-2019.chrome.mht', 'district-2019.cms.html'],
  ])('%s is read as its page %s (source.format "mht")', async (mht, page) => {
    const r = await extractReport(path.join(webDir, mht));
    const clean = await extractReport(path.join(webDir, page));
    expect(r.source.format).toBe('mht');
    expect(essence(r)).toEqual(essence(clean));
    expect(r.warnings).toEqual(clean.warnings);
  });

  it('an MHT without a boundary is a damaged file', async () => {
    const bytes = Buffer.from(
      'From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"\r\n\r\n<html></html>',
    );
    await expect(extractReport(bytes, { path: 'x.mht' })).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      message: expect.stringContaining('names no boundary'),
    });
  });
});

describe('WeChat articles', () => {
  const expectedOf = (f: string) => JSON.parse(readFileSync(path.join(webDir, `${f}.expected.json`), 'utf8'));

  it.each(['city-2021-ruled.wechat-table.html', 'district-2019.wechat-sections.html'])(
    '%s: #js_content (hidden until its script runs) read whole',
    async (f) => {
      const r = await extractReport(path.join(webDir, f));
      const want = expectedOf(f);
      expect([r.title, r.agency, r.year, r.template]).toEqual([want.title, want.agency, want.year, want.template]);
      expect([r.activeDisclosure, r.applications, r.reviewLitigation]).toEqual([
        want.activeDisclosure,
        want.applications,
        want.reviewLitigation,
      ]);
    },
  );

  it('a table drawn as flex <section> rows: cells named by their selectors, merged header cells spanning', async () => {
    const r = await extractReport(path.join(webDir, 'district-2019.wechat-sections.html'));
    expect(r.provenance['applications.newReceived.total']).toMatchObject({ table: 1, row: 3, col: 7 });
    expect(r.provenance['applications.newReceived.total'].selector).toBe(
      'div#js_content>section>section:nth-of-type(4)>section:nth-of-type(8)',
    );
  });

  it('table 三 pasted as a picture: table 三 warned image-ignored on its path, nothing silent', async () => {
    const r = await extractReport(path.join(webDir, 'city-2021-ruled.wechat-image.html'));
    expect(r.applications).toBeNull();
    const w = r.warnings.find((x) => x.code === 'image-ignored');
    expect(w).toEqual({
      code: 'image-ignored',
      path: 'applications',
      message:
        "table 三 is not in the page's markup, but 1 image is under its heading (https://mmbiz.qpic.cn/mmbiz_png/Xq3kTable3/640?wx_fmt=png): the table may be a picture, which is not read",
    });
    expect(r.activeDisclosure).toEqual(expectedOf('city-2021-ruled.wechat-image.html').activeDisclosure);
  });
});

describe('damaged pages', () => {
  it('a page with a few bytes flipped into control bytes is still a page (same record), binary data is not', async () => {
    const file = path.join(webDir, 'city-2021-ruled.cms.html');
    const bytes = Buffer.from(readFileSync(file));
    // Line breaks between tags flipped (a flip inside a tag name breaks that tag for browsers too).
    for (const at of [900, 2500, 4000]) bytes[bytes.indexOf(0x0a, at)] = 0x01;
    expect(essence(await extractReport(bytes, { path: 'flipped.html' }))).toEqual(essence(await extractReport(file)));
    const noise = Buffer.concat([Buffer.from('<!DOCTYPE html><html>'), Buffer.alloc(200, 0x02)]);
    await expect(extractReport(noise, { path: 'noise.html' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });
});
