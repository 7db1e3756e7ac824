// Scanned and garbled variants of the text samples, for the OCR path. Needs poppler-utils
// (pdftoppm), ImageMagick (convert), img2pdf and qpdf — developer machines only; the outputs are
// committed under samples/scanned/ with copies of the expected records (new `file` name).
//
//   node dist/scripts/make-scanned-samples.js            # all
//   node dist/scripts/make-scanned-samples.js --only bilevel200
//
// Scans are made the way offices make them (one source sample per condition, so every condition
// also varies the layout): grey at 150/200/300 dpi, the scanner's bilevel "text" mode (a fixed
// threshold, CCITT G4 in the PDF), heavy JPEG (quality 40), a 3° skew, a photocopy (raised
// contrast, toner speckle, blur, grey paper, read back at 200 dpi) and a phone photo (colour, a
// perspective of ≤ 2% of the page, light falling off towards one corner, a warm colour cast).
// Every random step is seeded, so regenerating gives byte-identical files.
// Garbled: every ToUnicode CMap rewritten to private-use code points, so the text layer decodes to
// garbage while the page renders exactly as before (the glyphs are untouched).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SAMPLES = path.resolve('samples');
const OUT = path.join(SAMPLES, 'scanned');

type Look =
  /** Grey scan: blur, Gaussian noise, JPEG. */
  | 'gray'
  /** Scanner "text" mode: fixed 50% threshold after the optics' blur, one bit per pixel, CCITT G4. */
  | 'bilevel'
  /** Photocopy: contrast up, paper grey, toner speckle and streak-free blur; then scanned grey. */
  | 'photocopy'
  /** Phone photo: colour, perspective, light fall-off, colour cast. */
  | 'phone';

interface ScanSpec {
  source: string;
  /** Output name (without .pdf): `<source>.<condition>`. */
  name: string;
  look: Look;
  dpi: number;
  /** Skew per page in degrees; the sign alternates page by page. */
  skew: number;
  /** Gaussian noise (ImageMagick -attenuate). */
  noise: number;
  /** JPEG quality (ignored for bilevel). */
  quality: number;
  /** Bilevel threshold in % grey (default 50). */
  threshold?: number;
  /** Phone: grey level (%) the light falls to in the darkest corner (default 68–72). */
  falloff?: number;
  /** Photocopy: the grey levels (%) stretched to black and white (default 25–75: thin strokes drop out beyond). */
  contrast?: [number, number];
  /** Photocopy: share of pixels speckled with loose toner (default 0.06). */
  speckle?: number;
}

const SCANS: ScanSpec[] = [
  { source: 'city-2021-ruled', name: 'city-2021-ruled.scan300', look: 'gray', dpi: 300, skew: 0.8, noise: 0.25, quality: 40 },
  { source: 'district-2019', name: 'district-2019.scan200', look: 'gray', dpi: 200, skew: 1.0, noise: 0.25, quality: 45 },
  { source: 'street-2021-rowsplit', name: 'street-2021-rowsplit.gray150', look: 'gray', dpi: 150, skew: 0.6, noise: 0.2, quality: 75 },
  { source: 'bureau-2021-split', name: 'bureau-2021-split.bilevel200', look: 'bilevel', dpi: 200, skew: 0.5, noise: 0.3, quality: 0 },
  { source: 'town-2021-inconsistent', name: 'town-2021-inconsistent.jpeg40', look: 'gray', dpi: 200, skew: 0.3, noise: 0.1, quality: 40 },
  { source: 'district-2019', name: 'district-2019.skew3', look: 'gray', dpi: 250, skew: 3.0, noise: 0.2, quality: 50 },
  { source: 'office-2021-shaded', name: 'office-2021-shaded.photocopy', look: 'photocopy', dpi: 300, skew: 0.7, noise: 0.2, quality: 50 },
  { source: 'city-2021-ruled', name: 'city-2021-ruled.phone', look: 'phone', dpi: 200, skew: 0.0, noise: 0.3, quality: 60 },
  // Harder: a light original in bilevel mode (more blur, the threshold lower: thin strokes and
  // rules break), and a phone photo of small type with stronger fall-off.
  { source: 'agency-2021-variants', name: 'agency-2021-variants.bilevel200light', look: 'bilevel', dpi: 200, skew: 0.8, noise: 0.35, quality: 0, threshold: 38 },
  { source: 'web-2022-printout', name: 'web-2022-printout.phone', look: 'phone', dpi: 200, skew: 0.5, noise: 0.35, quality: 55, falloff: 60 },
  // A copy of a copy: contrast pushed further (light strokes and thin rules drop out), more toner
  // speckle, more skew.
  { source: 'street-2021-rowsplit', name: 'street-2021-rowsplit.photocopy2', look: 'photocopy', dpi: 300, skew: 1.2, noise: 0.3, quality: 45, contrast: [32, 70], speckle: 0.1 },
];
const GARBLED = [{ source: 'bureau-2021-split', name: 'bureau-2021-split.garbled' }];

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

/** ImageMagick steps after rotation that give each look; `i` is the page index (seeds, geometry). */
function lookArgs(spec: ScanSpec, i: number, w: number, h: number): string[] {
  const noise = ['-attenuate', String(spec.noise), '+noise', 'Gaussian'];
  switch (spec.look) {
    case 'gray':
      return ['-blur', '0x0.6', ...noise, '-colorspace', 'Gray', '-quality', String(spec.quality)];
    case 'bilevel':
      // The scanner's optics blur, its sensor noise, then a fixed threshold: thin strokes and
      // ruling lines break where noise pushes them over 50%.
      return ['-blur', spec.threshold ? '0x0.9' : '0x0.7', ...noise, '-colorspace', 'Gray', '-threshold', `${spec.threshold ?? 50}%`, '-type', 'bilevel', '-compress', 'Group4'];
    case 'photocopy':
      // Toner spreads (blur), contrast is pushed (thin strokes drop out, grey goes black), the paper
      // greys, loose toner speckles the page; the copy is then scanned grey at 200 dpi.
      return [
        '-blur', '0x1.1', '-level', `${spec.contrast?.[0] ?? 25}%,${spec.contrast?.[1] ?? 75}%`,
        '-attenuate', String(spec.speckle ?? 0.06), '+noise', 'Impulse',
        '-blur', '0x0.5', '+level', '6%,88%',
        ...noise,
        '-resize', `${Math.round((200 / spec.dpi) * 100)}%`,
        '-colorspace', 'Gray', '-quality', String(spec.quality),
      ];
    case 'phone': {
      // Corners pulled in by up to 2% of the page (alternating per page), a light gradient from
      // 100% to ~70% across the page, a warm cast, then phone JPEG.
      const d = (f: number) => Math.round(f * Math.min(w, h));
      const s = i % 2 === 0 ? 1 : -1;
      const pts = [
        [0, 0, d(0.02), d(s > 0 ? 0.012 : 0.004)],
        [w - 1, 0, w - 1 - d(0.008), d(s > 0 ? 0.004 : 0.018)],
        [w - 1, h - 1, w - 1 - d(s > 0 ? 0.015 : 0.006), h - 1 - d(0.01)],
        [0, h - 1, d(s > 0 ? 0.006 : 0.016), h - 1 - d(0.004)],
      ].flat();
      return [
        '-virtual-pixel', 'white', '-distort', 'Perspective', pts.join(','),
        '(', '-size', `${w}x${h}`, s > 0 ? `radial-gradient:white-gray${spec.falloff ?? 68}` : `gradient:white-gray${spec.falloff ?? 72}`, ')',
        '-compose', 'multiply', '-composite',
        '-channel', 'B', '-evaluate', 'multiply', '0.86', '-channel', 'G', '-evaluate', 'multiply', '0.96', '+channel',
        '-blur', '0x0.8', ...noise,
        '-quality', String(spec.quality),
      ];
    }
  }
}

function scan(spec: ScanSpec, tmp: string): void {
  const dir = path.join(tmp, spec.name);
  rmSync(dir, { recursive: true, force: true });
  run('mkdir', ['-p', dir]);
  const colour = spec.look === 'phone';
  run('pdftoppm', ['-r', String(spec.dpi), ...(colour ? [] : ['-gray']), path.join(SAMPLES, `${spec.source}.pdf`), path.join(dir, 'p')]);
  const pages = readdirSync(dir).filter((f) => /\.p[gp]m$/.test(f)).sort();
  const images: string[] = [];
  pages.forEach((f, i) => {
    const src = path.join(dir, f);
    const [w, h] = run('identify', ['-format', '%w %h', src]).toString().trim().split(' ').map(Number);
    const angle = (i % 2 === 0 ? 1 : -1) * spec.skew;
    const out = path.join(dir, f.replace(/\.p[gp]m$/, spec.look === 'bilevel' ? '.tif' : '.jpg'));
    // Seeded noise so regenerating gives the same files; -strip keeps dates out of the image files.
    run('convert', [
      '-seed', String(1000 + i),
      src,
      ...(angle ? ['-background', 'white', '-rotate', String(angle), '-gravity', 'center', '-extent', `${w}x${h}`, '+gravity'] : []),
      ...lookArgs(spec, i, w, h),
      '-strip',
      out,
    ]);
    images.push(out);
  });
  // img2pdf writes a random /ID; qpdf rewrites it from the content so regeneration is byte-identical.
  const raw = path.join(dir, 'raw.pdf');
  run('img2pdf', ['--pagesize', 'A4', '--creationdate', '2024-01-01', '--moddate', '2024-01-01', '-o', raw, ...images]);
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
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const wanted = (name: string) => !only || name.includes(only);
  for (const s of SCANS.filter((s) => wanted(s.name))) scan(s, tmp);
  for (const g of GARBLED.filter((g) => wanted(g.name))) garble(g.source, g.name, tmp);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
writeReadme();
for (const f of readdirSync(OUT).sort()) console.log(`samples/scanned/${f}`);

/** samples/scanned/README.md: what each file is, from the specs above (so it cannot drift). */
function writeReadme(): void {
  const LOOKS: Record<Look, string> = {
    gray: 'grey scan, blurred a little, Gaussian noise, JPEG',
    bilevel: "scanner's bilevel text mode: blur, noise, fixed threshold, 1 bit per pixel, CCITT G4",
    photocopy: 'photocopy: toner spread (blur), contrast pushed, grey paper, toner speckle; scanned grey at 200 dpi, JPEG',
    phone: 'phone photo: colour, perspective (corners moved ≤ 2% of the page), light falling off to one side or the corners, warm cast, JPEG',
  };
  const rows = SCANS.map(
    (s) =>
      `| \`${s.name}.pdf\` | \`${s.source}.pdf\` | ${LOOKS[s.look]} | ${s.dpi} | ±${s.skew}° | ${s.look === 'bilevel' ? `threshold ${s.threshold ?? 50}%` : `q${s.quality}`}${s.falloff ? `, light to ${s.falloff}%` : ''}${s.contrast ? `, levels ${s.contrast[0]}–${s.contrast[1]}%` : ''}${s.speckle ? `, speckle ${s.speckle}` : ''} |`,
  );
  const text = [
    '# Scanned and garbled samples',
    '',
    'Made from the text samples by `scripts/make-scanned-samples.ts` (do not edit by hand); each',
    '`<name>.expected.json` is the source sample\'s expected record. `npm run eval` reads them all',
    '(`npm run eval -- scanned` only these); the test suite OCRs a page or two of them.',
    '',
    '| file | from | how it was made | dpi | skew | quality |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...GARBLED.map((g) => `| \`${g.name}.pdf\` | \`${g.source}.pdf\` | text layer garbled: every ToUnicode CMap points at private-use code points (pages render as before) | — | — | — |`),
    '',
    '```',
    'npm run build && node dist/scripts/make-scanned-samples.js              # all',
    'npm run build && node dist/scripts/make-scanned-samples.js --only phone # names containing "phone"',
    '```',
    '',
    'Needs poppler-utils, ImageMagick 6, img2pdf and qpdf. Every random step is seeded and the PDF',
    'IDs and dates are pinned, so a rerun reproduces every file byte for byte.',
    '',
  ];
  writeFileSync(path.join(OUT, 'README.md'), text.join('\n'));
}
