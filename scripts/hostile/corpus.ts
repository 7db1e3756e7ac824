// The hostile corpus: a few hundred damaged, malicious and awkward inputs, made deterministically
// from the committed samples and from hand-built PDFs, each with the outcomes that count as handled.
// Categories: truncations, byte-flip mutants, structural damage, resource bombs, encryption,
// injection payloads, awkward names, damaged text layers, wrong formats.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRng, type Rng } from '../samples/prng.js';
import { buildPdf, CATALOG, FONT, ONE_PAGE_TREE, onePage, PAGE, stream, zeroBomb } from './pdf.js';

/** A file's outcome: a record, or the code of the one-line error. */
export type Outcome = 'record' | string;

export interface HostileFile {
  /** File name inside the corpus folder (\xNN escapes for bytes that are not UTF-8). */
  name: string;
  /** The name's bytes, as hex, when it is not UTF-8. */
  nameHex?: string;
  category: string;
  /** Outcomes that count as handled cleanly. */
  accept: Outcome[];
  /** What the file is, in a few words. */
  what: string;
}

export interface CorpusOptions {
  /** Where the committed samples are (default: samples/ of this repository). */
  samples: string;
  /** Mutants per sample PDF (default 15). */
  mutantsPerPdf?: number;
  /** Size of the Flate bomb, bytes (default 5 GB). */
  bombBytes?: number;
  /** Only every n-th file of each category (a quick slice, e.g. for CI). */
  every?: number;
}

const PDF_DAMAGE: Outcome[] = ['record', 'CORRUPT_PDF', 'NOT_A_REPORT', 'TOO_LARGE'];
const BROKEN: Outcome[] = ['CORRUPT_PDF', 'NOT_A_REPORT', 'TOO_LARGE'];

/** Writes the corpus into `dir` and returns its manifest (also written as manifest.json). */
export function makeHostileCorpus(dir: string, opts: CorpusOptions): HostileFile[] {
  mkdirSync(dir, { recursive: true });
  const files: HostileFile[] = [];
  const counters = new Map<string, number>();
  const add = (category: string, name: string | Buffer, data: Buffer | string, accept: Outcome[], what: string) => {
    const k = (counters.get(category) ?? 0) + 1;
    counters.set(category, k);
    if (opts.every && opts.every > 1 && (k - 1) % opts.every !== 0) return;
    const raw = typeof name === 'string' ? Buffer.from(name) : name;
    writeFileSync(Buffer.concat([Buffer.from(dir + path.sep), raw]), data);
    const utf8 = raw.toString('utf8');
    const valid = Buffer.from(utf8).equals(raw);
    files.push({
      name: valid ? utf8 : escapeBytes(raw),
      ...(valid ? {} : { nameHex: raw.toString('hex') }),
      category,
      accept,
      what,
    });
  };
  const rng = seededRng(0x15);
  const samplePdfs = readdirSync(opts.samples)
    .filter((f) => f.endsWith('.pdf'))
    .sort();
  const seedText = readFileSync(path.join(opts.samples, 'seed-2021-flattened.txt'), 'utf8');

  // 1. Truncations: a download cut short, at several points.
  for (const f of samplePdfs) {
    const bytes = readFileSync(path.join(opts.samples, f));
    for (const frac of [0.05, 0.2, 0.4, 0.6, 0.8, 0.95, 0.999]) {
      add(
        'truncated',
        `trunc-${Math.round(frac * 1000)}-${f}`,
        bytes.subarray(0, Math.floor(bytes.length * frac)),
        PDF_DAMAGE,
        `${f} cut at ${frac * 100}%`,
      );
    }
  }
  add(
    'truncated',
    'trunc-seed.txt',
    seedText.slice(0, Math.floor(seedText.length * 0.6)),
    ['record', 'NOT_A_REPORT'],
    'the seed text cut at 60%',
  );

  // 2. Byte-flip mutants: 1–40 random bytes replaced (compressed streams break, numbers change).
  for (const f of samplePdfs) {
    const bytes = readFileSync(path.join(opts.samples, f));
    for (let k = 0; k < (opts.mutantsPerPdf ?? 15); k++) {
      const m = Buffer.from(bytes);
      const flips = rng.int(1, 40);
      for (let j = 0; j < flips; j++) m[rng.int(0, m.length - 1)] = rng.int(0, 255);
      add('mutant', `mut-${k}-${f}`, m, PDF_DAMAGE, `${f} with ${flips} bytes replaced`);
    }
  }
  for (let k = 0; k < 10; k++) {
    const m = Buffer.from(seedText);
    for (let j = 0; j < 20; j++) m[rng.int(0, m.length - 1)] = rng.int(0x20, 0x7e);
    add(
      'mutant',
      `mut-${k}-seed.txt`,
      m,
      ['record', 'NOT_A_REPORT', 'UNSUPPORTED_FORMAT'],
      'the seed text with 20 bytes replaced',
    );
  }

  // 3. Structural damage.
  const structural: Array<[string, Buffer, string]> = [
    [
      'circular-page-tree.pdf',
      buildPdf([
        CATALOG,
        '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
        '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>',
      ]),
      'a page tree whose node is its own kid',
    ],
    ['deep-page-tree.pdf', deepPageTree(5000), 'a page tree 5000 levels deep'],
    [
      'self-drawing-form.pdf',
      onePage(
        '/X Do',
        true,
        [stream('/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 6 0 R >> >>', '/X Do')],
        '/XObject << /X 6 0 R >>',
      ),
      'a form XObject that draws itself',
    ],
    ['nested-resources.pdf', nestedForms(400), 'forms nested 400 deep'],
    [
      'nested-arrays.pdf',
      buildPdf([CATALOG, ONE_PAGE_TREE, PAGE(), stream('', '0 0 m'), FONT, '['.repeat(100_000) + ']'.repeat(100_000)]),
      'an array nested 100 000 deep',
    ],
    [
      'nested-dicts.pdf',
      buildPdf([
        CATALOG,
        ONE_PAGE_TREE,
        PAGE(),
        stream('', '0 0 m'),
        FONT,
        '<< /A '.repeat(50_000) + '1' + ' >>'.repeat(50_000),
      ]),
      'a dictionary nested 50 000 deep',
    ],
    [
      'bad-flate.pdf',
      buildPdf([
        CATALOG,
        ONE_PAGE_TREE,
        PAGE(),
        stream('/Filter /FlateDecode', Buffer.from(randomBytes(rng, 3000))),
        FONT,
      ]),
      'a content stream that is not Flate data',
    ],
    ['bad-xref.pdf', badXref(onePage('BT /F1 12 Tf 10 10 Td (x) Tj ET')), 'every xref offset wrong'],
    [
      'no-xref.pdf',
      Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF\n', 'latin1'),
      'no xref, no pages',
    ],
    [
      'no-root.pdf',
      Buffer.from(
        buildPdf(['<< /Type /Pages /Kids [] /Count 0 >>']).toString('latin1').replace('/Root 1 0 R', ''),
        'latin1',
      ),
      'a trailer without /Root',
    ],
    [
      'count-lies.pdf',
      buildPdf([
        CATALOG,
        '<< /Type /Pages /Kids [3 0 R] /Count 100000 >>',
        PAGE(),
        stream('', 'BT /F1 12 Tf 10 10 Td (x) Tj ET'),
        FONT,
      ]),
      '/Count 100000 for one page',
    ],
    [
      'negative-count.pdf',
      buildPdf([CATALOG, '<< /Type /Pages /Kids [3 0 R] /Count -5 >>', PAGE(), stream('', 'BT ET'), FONT]),
      '/Count -5',
    ],
    [
      'huge-length.pdf',
      Buffer.from(
        buildPdf([CATALOG, ONE_PAGE_TREE, PAGE(), stream('', 'BT /F1 12 Tf 10 10 Td (x) Tj ET'), FONT])
          .toString('latin1')
          .replace(/\/Length \d+/, '/Length 99999999999'),
        'latin1',
      ),
      'a stream /Length far past the end',
    ],
    [
      'object-loop.pdf',
      buildPdf([CATALOG, ONE_PAGE_TREE, PAGE(), '6 0 R', FONT, '4 0 R']),
      'contents refer to each other in a loop',
    ],
    [
      'zero-mediabox.pdf',
      buildPdf([
        CATALOG,
        ONE_PAGE_TREE,
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 0 0] /Contents 4 0 R >>',
        stream('', 'BT ET'),
        FONT,
      ]),
      'a page of size 0 × 0',
    ],
    [
      'huge-mediabox.pdf',
      buildPdf([
        CATALOG,
        ONE_PAGE_TREE,
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 1e30 1e30] /Contents 4 0 R >>',
        stream('', 'BT ET'),
        FONT,
      ]),
      'a page 10³⁰ points wide',
    ],
    [
      'bad-font.pdf',
      onePage(
        'BT /F2 12 Tf 10 10 Td (abc) Tj ET',
        true,
        [
          '<< /Type /Font /Subtype /TrueType /BaseFont /Bad /FirstChar 0 /LastChar 255 /FontDescriptor 7 0 R >>',
          '<< /Type /FontDescriptor /FontName /Bad /Flags 4 /FontFile2 8 0 R >>',
          stream('', Buffer.from(randomBytes(rng, 2000))),
        ],
        '',
        '/F1 5 0 R /F2 6 0 R',
      ),
      'an embedded TrueType font of random bytes',
    ],
    ['q-million.pdf', onePage('q '.repeat(1_000_000)), '1 million q operators (2.5 KB compressed)'],
    ['bt-million.pdf', onePage('BT '.repeat(1_000_000)), '1 million BT without ET'],
    ['tj-million.pdf', onePage('BT /F1 1 Tf ' + '(x) Tj '.repeat(1_000_000) + 'ET'), '1 million Tj'],
    ['path-million.pdf', onePage('0 0 m 1 1 l S '.repeat(400_000)), '400 000 stroked paths'],
    [
      'bad-inline-image.pdf',
      onePage('BI /W 100000 /H 100000 /BPC 8 /CS /RGB ID ' + 'x'.repeat(100) + ' EI'),
      'an inline image that claims 10¹⁰ pixels',
    ],
    [
      'unbalanced-string.pdf',
      onePage('BT /F1 12 Tf 10 10 Td (' + '('.repeat(10_000) + ' Tj ET'),
      'a string with 10 000 unclosed parentheses',
    ],
    [
      'cmap-junk.pdf',
      onePage(
        'BT /F2 12 Tf 10 10 Td <0102> Tj ET',
        true,
        [
          '<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding 7 0 R /DescendantFonts [8 0 R] >>',
          stream('', 'begincmap ' + '<00> '.repeat(5000) + 'endcmap'),
          '<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 5 >> >>',
        ],
        '',
        '/F1 5 0 R /F2 6 0 R',
      ),
      'a Type0 font with a CMap of junk',
    ],
    [
      'junk-before-header.pdf',
      Buffer.concat([Buffer.alloc(900, 0x41), onePage('BT /F1 12 Tf 10 10 Td (x) Tj ET')]),
      '900 bytes of junk before %PDF',
    ],
  ];
  for (const [name, data, what] of structural) add('structural', name, data, BROKEN, what);

  // 4. Resource bombs: memory and pages.
  const bombBytes = opts.bombBytes ?? 5 * 1024 ** 3;
  const BOMB: Outcome[] = ['OUT_OF_MEMORY', 'CORRUPT_PDF', 'NOT_A_REPORT', 'TOO_LARGE'];
  add(
    'bomb',
    'flate-bomb-content.pdf',
    buildPdf([CATALOG, ONE_PAGE_TREE, PAGE(), stream('/Filter /FlateDecode', zeroBomb(bombBytes)), FONT]),
    BOMB,
    `a content stream that inflates to ${gb(bombBytes)}`,
  );
  add(
    'bomb',
    'flate-bomb-image.pdf',
    onePage(
      'q 500 0 0 500 0 0 cm /Im Do Q',
      true,
      [
        stream(
          '/Type /XObject /Subtype /Image /Width 40000 /Height 40000 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Filter /FlateDecode',
          zeroBomb(Math.min(bombBytes, 4.8e9)),
        ),
      ],
      '/XObject << /Im 6 0 R >>',
    ),
    BOMB,
    'a 40 000 × 40 000 image of inflated zeros',
  );
  add(
    'bomb',
    'flate-bomb-font.pdf',
    onePage(
      'BT /F2 12 Tf 10 10 Td (abc) Tj ET',
      true,
      [
        '<< /Type /Font /Subtype /TrueType /BaseFont /Bomb /FirstChar 0 /LastChar 255 /FontDescriptor 7 0 R >>',
        '<< /Type /FontDescriptor /FontName /Bomb /Flags 4 /FontFile2 8 0 R >>',
        stream('/Filter /FlateDecode', zeroBomb(1024 ** 3)),
      ],
      '',
      '/F1 5 0 R /F2 6 0 R',
    ),
    BOMB,
    'an embedded font that inflates to 1 GB',
  );
  add(
    'bomb',
    'string-bomb.pdf',
    onePage(
      Buffer.concat([Buffer.from('BT /F1 12 Tf 10 10 Td ('), Buffer.alloc(300 << 20, 'x'), Buffer.from(') Tj ET')]),
    ),
    BOMB,
    'one 300 MB string',
  );
  add('bomb', 'many-pages.pdf', manyPages(5000), BOMB, '5000 pages');
  add(
    'bomb',
    'cmyk-huge-image.pdf',
    onePage(
      'q 500 0 0 500 0 0 cm /Im Do Q',
      true,
      [
        stream(
          '/Type /XObject /Subtype /Image /Width 6000 /Height 6000 /BitsPerComponent 8 /ColorSpace /DeviceCMYK /Filter /FlateDecode',
          zeroBomb(6000 * 6000 * 4),
        ),
      ],
      '/XObject << /Im 6 0 R >>',
    ),
    [...BOMB, 'record'],
    'a 6000 × 6000 CMYK image (what OCR would render)',
  );

  // 5. Encryption.
  const enc = path.join(opts.samples, 'bad', 'encrypted.pdf');
  if (existsSync(enc)) {
    const e = readFileSync(enc);
    add('encrypted', 'encrypted.pdf', e, ['ENCRYPTED_PDF'], 'AES-256 with a user password');
    add(
      'encrypted',
      'encrypted-truncated.pdf',
      e.subarray(0, Math.floor(e.length * 0.7)),
      ['ENCRYPTED_PDF', 'CORRUPT_PDF'],
      'the encrypted sample cut at 70%',
    );
  }
  add(
    'encrypted',
    'bogus-encrypt-dict.pdf',
    buildPdf(
      [
        CATALOG,
        ONE_PAGE_TREE,
        PAGE(),
        stream('', 'BT ET'),
        FONT,
        '<< /Filter /Standard /V 9 /R 9 /O (x) /U (y) /P -1 >>',
      ],
      '/Encrypt 6 0 R /ID [<00> <00>]',
    ),
    ['ENCRYPTED_PDF', 'CORRUPT_PDF'],
    'an /Encrypt dictionary of an unknown version',
  );

  // 6. Injection payloads in the text a record carries (title, agency, section text).
  const payloads = [
    '=HYPERLINK("http://evil.example/","点击")',
    "=cmd|'/C calc'!A0",
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '<script>alert(1)</script><img src=x onerror=alert(2)>',
    "'; DROP TABLE reports; --",
    '../../../../etc/passwd',
    '\u202e某局\u202d',
    '{{constructor.constructor("alert(1)")()}}',
  ];
  payloads.forEach((p, k) => {
    const text = seedText
      .replace(/^经开区公安分局 2021 年政府信息公开$/mu, `${p}2021年政府信息公开`)
      .replace('经开区公安分局', p);
    add('injection', `inject-${k}.txt`, text, ['record'], `the seed report titled ${JSON.stringify(p)}`);
  });

  // 7. Awkward names (a good report under each).
  const good = readFileSync(path.join(opts.samples, 'city-2021-ruled.pdf'));
  const names: Array<string | Buffer> = [
    '-rf.pdf',
    '--help.pdf',
    'with space and 全角　空格.pdf',
    'new\nline.pdf',
    'tab\tname.pdf',
    "=cmd|' C calc'!A0.pdf",
    `${'长'.repeat(80)}.pdf`,
    'UPPER.PDF',
    '年报\u0301-nfd.pdf',
    Buffer.concat([Buffer.from([0xb1, 0xa8, 0xb8, 0xe6]), Buffer.from('-gbk.pdf')]),
    Buffer.concat([Buffer.from('latin1-'), Buffer.from([0xe9, 0xff]), Buffer.from('.pdf')]),
    'quote\'and"double.pdf',
  ];
  for (const n of names) add('name', n, good, ['record'], 'a good report under an awkward name');

  // 8. Damaged text layers: headings found, cells unreadable (must be null with a warning, or read).
  const damage: Array<[string, (t: string) => string]> = [
    // The seed prints table 四 as one line of 15 numbers after its labels.
    ['table4-digits-garbled', (t) => t.replace(/^\d+(?: \d+){14}$/mu, Array(15).fill('口').join(' '))],
    ['table4-digits-half', (t) => t.replace(/^\d+(?: \d+){14}$/mu, (l) => l.split(' ').slice(0, 7).join(' '))],
    ['table4-body-missing', (t) => t.replace(/^\d+(?: \d+){14}$/mu, '')],
    ['table2-digits-garbled', (t) => garbleSection(t, '二、主动公开政府信息情况', '三、收到和处理')],
    [
      'table3-digits-garbled',
      (t) => garbleSection(t, '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议'),
    ],
    ['table3-half-missing', (t) => t.replace(/^（三）不予公开[\s\S]*?(?=^四、结转下年度继续办理)/mu, '')],
    ['all-digits-garbled', (t) => t.replace(/\d/g, '口')],
  ];
  for (const [name, fn] of damage)
    add('damaged-text', `${name}.txt`, fn(seedText), ['record', 'NOT_A_REPORT'], name.replace(/-/g, ' '));

  // 9. Wrong formats.
  add('format', 'empty.pdf', Buffer.alloc(0), ['EMPTY_FILE'], 'zero bytes');
  add(
    'format',
    'random.pdf',
    Buffer.from(randomBytes(rng, 5000)),
    ['CORRUPT_PDF', 'UNSUPPORTED_FORMAT'],
    'random bytes',
  );
  add(
    'format',
    'random.txt',
    Buffer.from(randomBytes(rng, 5000)),
    ['UNSUPPORTED_FORMAT', 'NOT_A_REPORT'],
    'random bytes named .txt',
  );
  add(
    'format',
    'png.pdf',
    Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    ['UNSUPPORTED_FORMAT'],
    'a PNG named .pdf',
  );
  add(
    'format',
    'zip.pdf',
    Buffer.from('504b0304140000000000', 'hex'),
    ['UNSUPPORTED_FORMAT', 'CORRUPT_PDF', 'CORRUPT_FILE'],
    'a ZIP named .pdf',
  );
  add(
    'format',
    'html.txt',
    '<html><body><h1>政府信息公开</h1></body></html>',
    ['NOT_A_REPORT', 'UNSUPPORTED_FORMAT'],
    'HTML',
  );
  add('format', 'nul-bytes.txt', Buffer.alloc(4000), ['UNSUPPORTED_FORMAT'], '4000 NUL bytes');
  add(
    'format',
    'utf16-bom-only.txt',
    Buffer.from([0xff, 0xfe]),
    ['NOT_A_REPORT', 'UNSUPPORTED_FORMAT'],
    'a UTF-16 BOM and nothing else',
  );
  add('format', 'header-only.pdf', '%PDF-1.7\n', ['CORRUPT_PDF'], 'a PDF header and nothing else');

  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(files, null, 1));
  return files;
}

function escapeBytes(b: Buffer): string {
  return [...b]
    .map((c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : `\\x${c.toString(16).padStart(2, '0')}`))
    .join('');
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

const gb = (n: number) => `${+(n / 1024 ** 3).toFixed(1)} GB`;

function deepPageTree(depth: number): Buffer {
  const objs: string[] = [CATALOG];
  for (let d = 0; d < depth; d++)
    objs.push(`<< /Type /Pages ${d ? `/Parent ${d + 1} 0 R ` : ''}/Kids [${d + 3} 0 R] /Count 1 >>`);
  objs.push(`<< /Type /Page /Parent ${depth + 1} 0 R /MediaBox [0 0 595 842] >>`);
  return buildPdf(objs);
}

function nestedForms(depth: number): Buffer {
  const forms: Buffer[] = [];
  for (let d = 0; d < depth; d++) {
    const next = d + 1 < depth ? `/XObject << /X ${d + 7} 0 R >>` : '';
    forms.push(
      stream(
        `/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << ${next} /Font << /F1 5 0 R >> >>`,
        d + 1 < depth ? '/X Do' : 'BT /F1 12 Tf (x) Tj ET',
      ),
    );
  }
  return buildPdf([CATALOG, ONE_PAGE_TREE, PAGE('/XObject << /X 6 0 R >>'), stream('', '/X Do'), FONT, ...forms]);
}

function manyPages(n: number): Buffer {
  const kids = Array.from({ length: n }, (_, i) => `${i + 4} 0 R`).join(' ');
  return buildPdf([
    CATALOG,
    `<< /Type /Pages /Kids [${kids}] /Count ${n} >>`,
    FONT,
    ...Array.from({ length: n }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
  ]);
}

function badXref(pdf: Buffer): Buffer {
  return Buffer.from(
    pdf
      .toString('latin1')
      .replace(/^(\d{10}) 00000 n $/gm, (_, o: string) => `${String(Number(o) + 7).padStart(10, '0')} 00000 n `),
    'latin1',
  );
}

/** The text between a heading and the next heading starting with `next`, digits replaced by 口. */
function garbleSection(t: string, heading: string, next: string): string {
  const a = t.indexOf(heading);
  const b = t.indexOf(next, a + heading.length);
  if (a < 0 || b < 0) throw new Error(`seed heading ${heading} not found`);
  return t.slice(0, a + heading.length) + t.slice(a + heading.length, b).replace(/\d/g, '口') + t.slice(b);
}
