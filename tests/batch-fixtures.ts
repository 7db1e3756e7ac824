// Shared fixtures for the batch, ingest, CSV and cross-year tests: real report texts (the seed,
// re-dated and with chosen numbers), sample files, and crafted bad PDFs.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { deflateSync } from 'node:zlib';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const SAMPLES = path.join(ROOT, 'samples');
export const BIN = path.join(ROOT, 'bin/nianbao.js');

const sharedSeed = path.resolve(ROOT, '../shared/seed/report-2021-flattened.txt');
export const SEED = existsSync(sharedSeed) ? sharedSeed : path.join(SAMPLES, 'seed-2021-flattened.txt');

export function tmpDir(prefix = 'nianbao-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface SeedVariant {
  year: number;
  /** 规章 [issued, repealed, inForce] */
  regulations?: [number, number, number];
  normativeDocuments?: [number, number, number];
  /** The seven columns of 二、上年结转. */
  carriedOver?: number[];
  /** The seven columns of 四、结转下年度继续办理. */
  carriedForward?: number[];
  /** Blank lines appended: same record, different sha256. */
  salt?: number;
}

/**
 * The seed report (经开区公安分局, template 2021, a real report flattened to text) re-dated to
 * another year and with chosen numbers in table 二's 规章/行政规范性文件 rows and table 三's
 * carry-over rows. The lines replaced are the seed's own, so the text goes through the real parser.
 */
export function seedVariant(v: SeedVariant): string {
  let text = readFileSync(SEED, 'utf8');
  const replaceLine = (label: string, values: number[] | undefined) => {
    if (!values) return;
    const re = new RegExp(`^${label}( 0)+$`, 'mu');
    if (!re.test(text)) throw new Error(`seed line 「${label} 0 …」 not found`);
    text = text.replace(re, `${label} ${values.join(' ')}`);
  };
  replaceLine('规章', v.regulations);
  replaceLine('行政规范性文件', v.normativeDocuments);
  replaceLine('二、上年结转政府信息公开申请数量', v.carriedOver);
  replaceLine('四、结转下年度继续办理', v.carriedForward);
  text = text.replace(/2021/g, String(v.year));
  return text + '\n'.repeat(v.salt ?? 0);
}

export function writeSeedVariant(dir: string, name: string, v: SeedVariant): string {
  const file = path.join(dir, name);
  writeFileSync(file, seedVariant(v));
  return file;
}

/** A minimal PDF with a correct xref table from object bodies (object n is objs[n-1]). */
export function buildPdf(objs: string[], trailerExtra = ''): Buffer {
  const parts = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let len = parts[0].length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(len);
    const b = Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1');
    parts.push(b);
    len += b.length;
  });
  const xref =
    `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${len}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

const stream = (dict: string, body: string) =>
  `<< ${dict} /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`;

/**
 * A 30 KB PDF whose one page never finishes parsing: the page draws form A n times, A draws form
 * B n times, and B shows text n times — n³ (64 million) text operations, which pdf.js walks
 * synchronously. Only a worker that can be killed gets past it.
 */
export function hangingPdf(n = 400): Buffer {
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /A 6 0 R >> >> >>',
    stream('', '/A Do\n'.repeat(n)),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream(
      '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /B 7 0 R >> >>',
      '/B Do\n'.repeat(n),
    ),
    stream(
      '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>',
      'BT /F1 12 Tf 10 10 Td (x) Tj ET\n'.repeat(n),
    ),
  ]);
}

/** The text-layer samples (no OCR needed) with their expected records. */
export const GOOD_SAMPLES = [
  'agency-2021-variants.pdf',
  'bureau-2021-split.pdf',
  'city-2021-ruled.pdf',
  'district-2019.pdf',
  'town-2021-inconsistent.pdf',
  'seed-2021-flattened.txt',
  'district-2019-layout.txt',
];

export interface Expected {
  title: string;
  agency: string;
  year: number;
  template: string;
  applications: unknown;
  failedChecks: string[];
}

export function expectedOf(sample: string): Expected {
  const base = sample.replace(/\.(pdf|txt)$/, '');
  return JSON.parse(readFileSync(path.join(SAMPLES, `${base}.expected.json`), 'utf8')) as Expected;
}

/** Copy samples (and optionally bad inputs) into a fresh directory. */
export function sampleDir(files: string[], bad: string[] = []): string {
  const dir = tmpDir();
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(path.join(SAMPLES, f), path.join(dir, f));
  for (const f of bad) copyFileSync(path.join(SAMPLES, 'bad', f), path.join(dir, f));
  return dir;
}

/** An RFC 4180 reader (what pandas/Excel do): quoted fields, doubled quotes, CRLF records. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run the real CLI (bin/nianbao.js → dist, built by pretest). */
export function nianbao(args: string[], opts: { onSpawn?: (kill: () => void) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    opts.onSpawn?.(() => child.kill('SIGKILL'));
  });
}

export const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

/** A PDF of `pages` empty A4 pages. */
export function blankPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  return buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
  ]);
}

/**
 * A 300 KB PDF whose page shows one 300 MB string (Flate-compressed 'x's): reading it needs far more
 * memory than a 256 MB extraction process has, so it exercises the memory cap.
 */
export function memoryHogPdf(mb = 300): Buffer {
  const body = Buffer.concat([
    Buffer.from('BT /F1 12 Tf 10 10 Td ('),
    Buffer.alloc(mb << 20, 'x'),
    Buffer.from(') Tj ET\n'),
  ]);
  const z = deflateSync(body, { level: 9 });
  const head = buildPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n${z.toString('latin1')}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]);
  return head;
}

/** Why LibreOffice Calc cannot be used here, or null. */
export function calcMissing(): string | null {
  const which = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  if (which.status !== 0) return 'soffice (LibreOffice) not installed (Debian: libreoffice-calc-nogui)';
  const program = path.dirname(realpathSync(which.stdout.trim()));
  return existsSync(path.join(program, 'libsclo.so'))
    ? null
    : `LibreOffice has no Calc (${program}/libsclo.so missing; Debian: libreoffice-calc-nogui)`;
}
