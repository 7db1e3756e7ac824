// Scanned and garbled variants of the text samples, for the OCR path. Needs poppler-utils
// (pdftoppm), ImageMagick (convert), img2pdf and qpdf — developer machines only; the outputs are
// committed under samples/scanned/ with copies of the expected records (new `file` name).
//
//   node dist/scripts/make-scanned-samples.js
//
// Scans: pages rendered grey at 200 or 300 dpi, rotated by a small angle (alternating sign per
// page), blurred a little, Gaussian noise added, saved as JPEG and wrapped into an A4 PDF.
// Garbled: every ToUnicode CMap rewritten to private-use code points, so the text layer decodes to
// garbage while the page renders exactly as before (the glyphs are untouched).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SAMPLES = path.resolve('samples');
const OUT = path.join(SAMPLES, 'scanned');

interface ScanSpec {
  source: string;
  name: string;
  dpi: number;
  /** Skew per page in degrees; the sign alternates page by page. */
  skew: number;
  noise: number;
  quality: number;
}

const SCANS: ScanSpec[] = [
  { source: 'city-2021-ruled', name: 'city-2021-ruled.scan300', dpi: 300, skew: 0.8, noise: 0.25, quality: 40 },
  { source: 'district-2019', name: 'district-2019.scan200', dpi: 200, skew: 1.0, noise: 0.25, quality: 45 },
];
const GARBLED = [{ source: 'bureau-2021-split', name: 'bureau-2021-split.garbled' }];

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

function scan(spec: ScanSpec, tmp: string): void {
  const dir = path.join(tmp, spec.name);
  rmSync(dir, { recursive: true, force: true });
  run('mkdir', ['-p', dir]);
  run('pdftoppm', ['-r', String(spec.dpi), '-gray', path.join(SAMPLES, `${spec.source}.pdf`), path.join(dir, 'p')]);
  const pages = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort();
  const jpgs: string[] = [];
  pages.forEach((f, i) => {
    const src = path.join(dir, f);
    const size = run('identify', ['-format', '%wx%h', src]).toString().trim();
    const angle = (i % 2 === 0 ? 1 : -1) * spec.skew;
    const out = path.join(dir, f.replace('.pgm', '.jpg'));
    // Seeded noise so regenerating gives the same files.
    run('convert', [
      '-seed', String(1000 + i),
      src,
      '-background', 'white', '-rotate', String(angle),
      '-gravity', 'center', '-extent', size,
      '-blur', '0x0.6',
      '-attenuate', String(spec.noise), '+noise', 'Gaussian',
      '-colorspace', 'Gray', '-quality', String(spec.quality),
      out,
    ]);
    jpgs.push(out);
  });
  // img2pdf writes a random /ID; qpdf rewrites it from the content so regeneration is byte-identical.
  const raw = path.join(dir, 'raw.pdf');
  run('img2pdf', ['--pagesize', 'A4', '--creationdate', '2024-01-01', '--moddate', '2024-01-01', '-o', raw, ...jpgs]);
  // Zero the random ID in place (same length, so offsets hold); qpdf keeps its first half.
  const bytes = readFileSync(raw).toString('latin1').replace(/\/ID\s*\[\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/, (m) => m.replace(/[0-9a-fA-F](?=[0-9a-fA-F]*>)/g, '0'));
  writeFileSync(raw, Buffer.from(bytes, 'latin1'));
  run('qpdf', ['--deterministic-id', raw, path.join(OUT, `${spec.name}.pdf`)]);
  copyExpected(spec.source, spec.name);
}

/** Point every ToUnicode destination at private-use code points (U+E000…). */
function garble(source: string, name: string, tmp: string): void {
  const qdf = path.join(tmp, `${name}.qdf.pdf`);
  run('qpdf', ['--qdf', '--object-streams=disable', '--deterministic-id', path.join(SAMPLES, `${source}.pdf`), qdf]);
  const text = readFileSync(qdf).toString('latin1');
  const pua = (code: number) => (0xe000 + (code % 0x1800)).toString(16).toUpperCase().padStart(4, '0');
  const broken = text.replace(/begin(bfchar|bfrange)([\s\S]*?)end\1/g, (_all, kind: string, body: string) => {
    const lines = body.split('\n').map((line) => {
      if (kind === 'bfchar') return line.replace(/^(\s*<([0-9A-Fa-f]+)>\s*)<[0-9A-Fa-f]+>/, (_m, head: string, src: string) => `${head}<${pua(parseInt(src, 16))}>`);
      return line
        .replace(/^(\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*)<[0-9A-Fa-f]+>/, (_m, head: string, src: string) => `${head}<${pua(parseInt(src, 16))}>`)
        .replace(/^(\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*)\[([^\]]*)\]/, (_m, head: string, src: string, arr: string) => {
          let k = parseInt(src, 16);
          return `${head}[${arr.replace(/<[0-9A-Fa-f]+>/g, () => `<${pua(k++)}>`)}]`;
        });
    });
    return `begin${kind}${lines.join('\n')}end${kind}`;
  });
  if (broken === text) throw new Error(`${source}: no ToUnicode CMap found to break`);
  const edited = path.join(tmp, `${name}.edited.pdf`);
  writeFileSync(edited, Buffer.from(broken, 'latin1'));
  const fixed = path.join(tmp, `${name}.fixed.pdf`);
  writeFileSync(fixed, run('fix-qdf', [edited]));
  run('qpdf', ['--compress-streams=y', '--object-streams=generate', '--deterministic-id', fixed, path.join(OUT, `${name}.pdf`)]);
  copyExpected(source, name);
}

function copyExpected(source: string, name: string): void {
  const expected = JSON.parse(readFileSync(path.join(SAMPLES, `${source}.expected.json`), 'utf8')) as Record<string, unknown>;
  expected.file = `${name}.pdf`;
  writeFileSync(path.join(OUT, `${name}.expected.json`), JSON.stringify(expected, null, 2) + '\n');
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scans-'));
try {
  run('mkdir', ['-p', OUT]);
  for (const s of SCANS) scan(s, tmp);
  for (const g of GARBLED) garble(g.source, g.name, tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
for (const f of readdirSync(OUT).sort()) console.log(`samples/scanned/${f}`);
