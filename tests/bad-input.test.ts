// Bad input: one line naming the file and the reason, a distinct exit code, no stack trace.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport, NianbaoError } from '../src/index.js';
import { hangingPdf } from './batch-fixtures.js';

const root = path.resolve(__dirname, '..');
const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-bad-'));
const bin = path.join(root, 'bin/nianbao.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A minimal but valid one-page PDF saying something that is not a 年报. */
function tinyPdf(text: string): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  const stream = `BT /F1 12 Tf 20 100 Td (${text}) Tj ET`;
  objs[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, k) => {
    offsets.push(out.length);
    out += `${k + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const file = (name: string, data: string | Buffer) => {
  const p = path.join(dir, name);
  writeFileSync(p, data);
  return p;
};

const cases: Array<[string, () => string, number, RegExp]> = [
  ['a missing file', () => path.join(dir, 'nope.pdf'), 3, /nope\.pdf: no such file$/],
  ['an empty file', () => file('empty.pdf', ''), 4, /empty\.pdf: the file is empty \(0 bytes\)$/],
  [
    'a PNG cut short after its signature',
    () => file('scan.png', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')),
    13,
    /scan\.png: a damaged image \(cannot be decoded\)$/,
  ],
  [
    'a file of unknown type',
    () => file('data.bin', Buffer.from([0x13, 0x37, 0x00, 0x42, 0x01])),
    5,
    /data\.bin: a file of unknown type \(binary data\); nianbao reads PDF, HTML/,
  ],
  [
    'random bytes named .pdf',
    () => file('garbage.pdf', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00, 0x42])),
    6,
    /garbage\.pdf: not a readable PDF/,
  ],
  [
    'a PDF that is not a 年报',
    () => file('hello.pdf', tinyPdf('Quarterly sales figures')),
    8,
    /hello\.pdf: not a 政府信息公开工作年度报告/,
  ],
  [
    'a text file that is not a 年报',
    () => file('notes.txt', '会议纪要\n今天讨论了预算。\n'),
    8,
    /notes\.txt: not a 政府信息公开工作年度报告/,
  ],
  [
    'a PDF cut short',
    () => file('truncated.pdf', tinyPdf('x').subarray(0, 60)),
    6,
    /truncated\.pdf: not a readable PDF/,
  ],
];

describe('bad input', () => {
  for (const [what, make, code, message] of cases) {
    it(`${what} → exit ${code}, one line`, () => {
      const r = cli('extract', make());
      expect(r.code).toBe(code);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^nianbao: /);
      expect(lines[0]).toMatch(message);
    });
  }

  it('an encrypted PDF → exit 7', () => {
    const enc = path.join(root, 'samples/bad/encrypted.pdf');
    if (!existsSync(enc)) return expect.fail('samples/bad/encrypted.pdf is missing');
    const r = cli('extract', enc);
    expect(r.code).toBe(7);
    expect(r.stderr).toBe(`nianbao: ${enc}: the PDF is encrypted with a password; decrypt it first\n`);
  });

  it('a PDF that would keep the parser busy for minutes → killed at --timeout, exit 9', () => {
    const t0 = Date.now();
    const hang = file('hangs.pdf', hangingPdf());
    const r = cli('extract', hang, '--timeout', '2');
    expect(r.code).toBe(9);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/hangs\.pdf: .*2 s/);
    expect(Date.now() - t0).toBeLessThan(30_000);
  });

  it('the library throws NianbaoError with the code', async () => {
    await expect(extractReport(new Uint8Array(0), { path: 'x.pdf' })).rejects.toMatchObject({
      code: 'EMPTY_FILE',
      file: 'x.pdf',
    });
    await expect(extractReport(tinyPdf('hello'))).rejects.toBeInstanceOf(NianbaoError);
  });

  it('one bad file among good ones: the good records are written, the exit code says a file failed', () => {
    const seed = path.resolve(root, '../shared/seed/report-2021-flattened.txt');
    const good = existsSync(seed) ? seed : path.join(root, 'samples/seed-2021-flattened.txt');
    const out = path.join(dir, 'out.jsonl');
    const r = cli('extract', good, file('empty2.pdf', ''), good, '-o', out);
    expect(r.code).toBe(4);
    const records = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records.map((x) => x.agency)).toEqual(['经开区公安分局', '经开区公安分局']);
    expect(r.stderr).toMatch(/empty2\.pdf: the file is empty/);
  });

  it('usage errors → exit 2', () => {
    expect(cli('extract').code).toBe(2);
    expect(cli('extract', '--bogus', 'x').code).toBe(2);
    expect(cli('frobnicate').code).toBe(2);
  });
});
