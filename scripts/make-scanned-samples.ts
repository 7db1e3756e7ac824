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
import { makeScan, type Look, type ScanSpec } from './scan/make-scan.js';

const SAMPLES = path.resolve('samples');
const OUT = path.join(SAMPLES, 'scanned');

const SCANS: ScanSpec[] = [
  {
    source: 'city-2021-ruled',
    name: 'city-2021-ruled.scan300',
    look: 'gray',
    dpi: 300,
    skew: 0.8,
    noise: 0.25,
    quality: 40,
  },
  {
    source: 'district-2019',
    name: 'district-2019.scan200',
    look: 'gray',
    dpi: 200,
    skew: 1.0,
    noise: 0.25,
    quality: 45,
  },
  {
    source: 'street-2021-rowsplit',
    name: 'street-2021-rowsplit.gray150',
    look: 'gray',
    dpi: 150,
    skew: 0.6,
    noise: 0.2,
    quality: 75,
  },
  {
    source: 'bureau-2021-split',
    name: 'bureau-2021-split.bilevel200',
    look: 'bilevel',
    dpi: 200,
    skew: 0.5,
    noise: 0.3,
    quality: 0,
  },
  {
    source: 'town-2021-inconsistent',
    name: 'town-2021-inconsistent.jpeg40',
    look: 'gray',
    dpi: 200,
    skew: 0.3,
    noise: 0.1,
    quality: 40,
  },
  { source: 'district-2019', name: 'district-2019.skew3', look: 'gray', dpi: 250, skew: 3.0, noise: 0.2, quality: 50 },
  {
    source: 'office-2021-shaded',
    name: 'office-2021-shaded.photocopy',
    look: 'photocopy',
    dpi: 300,
    skew: 0.7,
    noise: 0.2,
    quality: 50,
  },
  {
    source: 'city-2021-ruled',
    name: 'city-2021-ruled.phone',
    look: 'phone',
    dpi: 200,
    skew: 0.0,
    noise: 0.3,
    quality: 60,
  },
  // Harder: a light original in bilevel mode (more blur, the threshold lower: thin strokes and
  // rules break), and a phone photo of small type with stronger fall-off.
  {
    source: 'agency-2021-variants',
    name: 'agency-2021-variants.bilevel200light',
    look: 'bilevel',
    dpi: 200,
    skew: 0.8,
    noise: 0.35,
    quality: 0,
    threshold: 38,
  },
  {
    source: 'web-2022-printout',
    name: 'web-2022-printout.phone',
    look: 'phone',
    dpi: 200,
    skew: 0.5,
    noise: 0.35,
    quality: 55,
    falloff: 60,
  },
  // A copy of a copy: contrast pushed further (light strokes and thin rules drop out), more toner
  // speckle, more skew.
  {
    source: 'street-2021-rowsplit',
    name: 'street-2021-rowsplit.photocopy2',
    look: 'photocopy',
    dpi: 300,
    skew: 1.2,
    noise: 0.3,
    quality: 45,
    contrast: [32, 70],
    speckle: 0.1,
  },
];
const GARBLED = [{ source: 'bureau-2021-split', name: 'bureau-2021-split.garbled' }];

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

function scan(spec: ScanSpec, tmp: string): void {
  makeScan(spec, path.join(SAMPLES, `${spec.source}.pdf`), path.join(OUT, `${spec.name}.pdf`), tmp);
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
      if (kind === 'bfchar')
        return line.replace(
          /^(\s*<([0-9A-Fa-f]+)>\s*)<[0-9A-Fa-f]+>/,
          (_m, head: string, src: string) => `${head}<${pua(parseInt(src, 16))}>`,
        );
      return line
        .replace(
          /^(\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*)<[0-9A-Fa-f]+>/,
          (_m, head: string, src: string) => `${head}<${pua(parseInt(src, 16))}>`,
        )
        .replace(
          /^(\s*<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>\s*)\[([^\]]*)\]/,
          (_m, head: string, src: string, arr: string) => {
            let k = parseInt(src, 16);
            return `${head}[${arr.replace(/<[0-9A-Fa-f]+>/g, () => `<${pua(k++)}>`)}]`;
          },
        );
    });
    return `begin${kind}${lines.join('\n')}end${kind}`;
  });
  if (broken === text) throw new Error(`${source}: no ToUnicode CMap found to break`);
  const edited = path.join(tmp, `${name}.edited.pdf`);
  writeFileSync(edited, Buffer.from(broken, 'latin1'));
  const fixed = path.join(tmp, `${name}.fixed.pdf`);
  writeFileSync(fixed, run('fix-qdf', [edited]));
  run('qpdf', [
    '--compress-streams=y',
    '--object-streams=generate',
    '--deterministic-id',
    fixed,
    path.join(OUT, `${name}.pdf`),
  ]);
  copyExpected(source, name);
}

function copyExpected(source: string, name: string): void {
  const expected = JSON.parse(readFileSync(path.join(SAMPLES, `${source}.expected.json`), 'utf8')) as Record<
    string,
    unknown
  >;
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
    photocopy:
      'photocopy: toner spread (blur), contrast pushed, grey paper, toner speckle; scanned grey at 200 dpi, JPEG',
    phone:
      'phone photo: colour, perspective (corners moved ≤ 2% of the page), light falling off to one side or the corners, warm cast, JPEG',
  };
  const rows = SCANS.map(
    (s) =>
      `| \`${s.name}.pdf\` | \`${s.source}.pdf\` | ${LOOKS[s.look]} | ${s.dpi} | ±${s.skew}° | ${s.look === 'bilevel' ? `threshold ${s.threshold ?? 50}%` : `q${s.quality}`}${s.falloff ? `, light to ${s.falloff}%` : ''}${s.contrast ? `, levels ${s.contrast[0]}–${s.contrast[1]}%` : ''}${s.speckle ? `, speckle ${s.speckle}` : ''} |`,
  );
  const text = [
    '# Scanned and garbled samples',
    '',
    'Made from the text samples by `scripts/make-scanned-samples.ts` (do not edit by hand); each',
    "`<name>.expected.json` is the source sample's expected record. `npm run eval` reads them all",
    '(`npm run eval -- scanned` only these); the test suite OCRs a page or two of them.',
    '',
    '| file | from | how it was made | dpi | skew | quality |',
    '|---|---|---|---|---|---|',
    ...rows,
    ...GARBLED.map(
      (g) =>
        `| \`${g.name}.pdf\` | \`${g.source}.pdf\` | text layer garbled: every ToUnicode CMap points at private-use code points (pages render as before) | — | — | — |`,
    ),
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
