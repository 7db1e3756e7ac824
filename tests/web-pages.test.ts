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
import { faultySamples, type WebSample } from '../scripts/samples/web.js';

const root = path.resolve(__dirname, '..');
const webDir = path.join(root, 'samples/web');
const hasIconv = spawnSync('iconv', ['--version']).status === 0;
const gbk = (s: string) => Buffer.from(spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: s }).stdout);
const decode = (bytes: Uint8Array, transportCharset?: string) => decodePage(bytes, { maxInvalidShare: 0.1, transportCharset });

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
    expect(decode(gbk(declaredUtf8), 'gb2312')).toMatchObject({ text: declaredUtf8, encoding: 'gb18030', warnings: [] });
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
    const tables = readHtmlTables('<p>x</p><table><tr><td>a<td colspan=2><font>b</tr><p>&nbsp;</p><tr><td>1<td>2<td>3</table><table><tr><td>z</table>', 4);
    expect(tables.map((t) => t.map((r) => r.map((c) => [c.text, c.colSpan])))).toEqual([
      [[['a', 1], ['b', 2]], [['1', 1], ['2', 1], ['3', 1]]],
      [[['z', 1]]],
    ]);
    expect(tables[0][1][2].ref).toEqual({ table: 4, row: 1, col: -1, selector: 'table:nth-of-type(1)>tbody>tr:nth-of-type(2)>td:nth-of-type(3)' });
  });
});

describe('web samples: faults a browser accepts give the clean page’s record', () => {
  const files = readdirSync(webDir).filter((f) => f.endsWith('.html'));
  const kindOf = (f: string) => JSON.parse(readFileSync(path.join(webDir, `${f}.expected.json`), 'utf8')).kind as string;
  const cleanOf = (f: string) => f.replace(/\.(stray-p|stray-div-close|open-font|no-td-close|all-faults|bad-byte)\.html$/, '.html');

  it('the committed pages are the generator’s (seeded)', () => {
    if (!hasIconv) return void console.log('skipped: iconv is not installed (GBK pages)');
    const made = faultySamples();
    expect(made.map((s) => s.file).sort()).toEqual(files.sort());
    for (const s of made) expect(s.bytes.equals(readFileSync(path.join(webDir, s.file))), s.file).toBe(true);
  });

  it('every faulty page gives its clean page’s record; a bad byte adds exactly one invalid-bytes warning', async () => {
    for (const f of files.filter((x) => kindOf(x) !== 'clean-cms')) {
      const r = await extractReport(path.join(webDir, f));
      const clean = await extractReport(path.join(webDir, cleanOf(f)));
      expect(essence(r), f).toEqual(essence(clean));
      const extra = kindOf(f) === 'bad-bytes' ? ['invalid-bytes'] : [];
      expect(r.warnings.map((w) => w.code), f).toEqual([...extra, ...clean.warnings.map((w) => w.code)]);
    }
  });

  it.skipIf(!hasIconv)('so do the faults at the places other seeds pick', async () => {
    const made = faultySamples(1);
    const clean = new Map<string, Report>();
    for (const s of made.filter((x) => x.kind === 'clean-cms')) clean.set(s.file, await extractReport(s.bytes, { path: s.file }));
    for (const s of made.filter((x: WebSample) => x.kind !== 'clean-cms')) {
      const r = await extractReport(s.bytes, { path: s.file });
      expect(essence(r), `${s.file}: ${s.what}`).toEqual(essence(clean.get(cleanOf(s.file))!));
      expect(r.warnings.filter((w) => w.code === 'invalid-bytes').length, s.file).toBe(s.kind === 'bad-bytes' ? 1 : 0);
    }
  });
});
