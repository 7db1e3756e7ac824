// One scan of a text sample, made the way offices make them: pdftoppm renders each page, ImageMagick
// gives it a look (grey scan, bilevel text mode, photocopy, phone photo), img2pdf + qpdf wrap the
// images in a PDF with pinned IDs and dates (a rerun reproduces the file byte for byte). Used by
// make-scanned-samples (the committed scans) and eval --scan-draws (randomised draws, never committed).
// Needs poppler-utils, ImageMagick 6, img2pdf and qpdf.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rng } from './draws.js';

export type Look =
  /** Grey scan: blur, Gaussian noise, JPEG. */
  | 'gray'
  /** Scanner "text" mode: a fixed threshold after the optics' blur, one bit per pixel, CCITT G4. */
  | 'bilevel'
  /** Photocopy: contrast up, paper grey, toner speckle and streak-free blur; then scanned grey. */
  | 'photocopy'
  /** Phone photo: colour, perspective, light fall-off, colour cast. */
  | 'phone';

export interface ScanSpec {
  /** The text sample scanned (samples/<source>.pdf). */
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
  /** The optics' (gray, bilevel) or the toner's (photocopy) blur sigma in px (defaults 0.6 / 0.7 or 0.9 / 1.1). */
  blur?: number;
  /** Bilevel threshold in % grey (default 50). */
  threshold?: number;
  /** Phone: grey level (%) the light falls to in the darkest corner (default 68–72). */
  falloff?: number;
  /** Photocopy: the grey levels (%) stretched to black and white (default 25–75: thin strokes drop out beyond). */
  contrast?: [number, number];
  /** Photocopy: share of pixels speckled with loose toner (default 0.06). */
  speckle?: number;
  /** Photocopy: how many times the page went through the copier (default 1; 2 = a copy of a copy). */
  generations?: number;
  /**
   * Photocopy: toner streaks per page along the paper's path (default 0) — alternately a thin grey
   * line (a scratched drum: printed on the copy, after the copier's blur and contrast, so it stays
   * sharp and dark) and a pale band (toner starved: before the contrast, which wipes thin strokes
   * out of it), placed from the seed.
   */
  streaks?: number;
  /** ImageMagick's noise seed of the first page (default 1000; page i gets seed + i). */
  seed?: number;
}

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });

/** Toner streaks of page `i` (see ScanSpec.streaks): where and how dark, from the seed; the dark lines and the pale bands apart. */
function streakArgs(spec: ScanSpec, i: number, w: number, h: number): { dark: string[]; pale: string[] } {
  const r = rng((spec.seed ?? 1000) * 31 + i);
  const streaks = Array.from({ length: spec.streaks ?? 0 }, (_, k) => {
    const x = Math.floor(r() * w);
    if (k % 2 === 0) {
      const width = 1 + Math.floor(r() * 3);
      return ['-fill', `gray(${Math.round(35 + r() * 35)}%)`, '-draw', `rectangle ${x},0 ${x + width - 1},${h - 1}`];
    }
    const width = 6 + Math.floor(r() * 20);
    return [
      '-fill',
      `rgba(255,255,255,${(0.3 + r() * 0.4).toFixed(2)})`,
      '-draw',
      `rectangle ${x},0 ${x + width - 1},${h - 1}`,
    ];
  });
  return { dark: streaks.filter((_, k) => k % 2 === 0).flat(), pale: streaks.filter((_, k) => k % 2 === 1).flat() };
}

/** One pass through a copier: toner spreads, contrast is pushed (thin strokes drop out), loose toner. */
function copierPass(spec: ScanSpec): string[] {
  return [
    '-blur',
    `0x${spec.blur ?? 1.1}`,
    '-level',
    `${spec.contrast?.[0] ?? 25}%,${spec.contrast?.[1] ?? 75}%`,
    '-attenuate',
    String(spec.speckle ?? 0.06),
    '+noise',
    'Impulse',
  ];
}

/** ImageMagick steps after rotation that give each look; `i` is the page index (geometry). */
export function lookArgs(spec: ScanSpec, i: number, w: number, h: number): string[] {
  const noise = ['-attenuate', String(spec.noise), '+noise', 'Gaussian'];
  switch (spec.look) {
    case 'gray':
      return ['-blur', `0x${spec.blur ?? 0.6}`, ...noise, '-colorspace', 'Gray', '-quality', String(spec.quality)];
    case 'bilevel': {
      // The scanner's optics blur, its sensor noise, then a fixed threshold: thin strokes and
      // ruling lines break where noise pushes them over it.
      const blur = spec.blur ?? (spec.threshold ? 0.9 : 0.7);
      return [
        '-blur',
        `0x${blur}`,
        ...noise,
        '-colorspace',
        'Gray',
        '-threshold',
        `${spec.threshold ?? 50}%`,
        '-type',
        'bilevel',
        '-compress',
        'Group4',
      ];
    }
    case 'photocopy': {
      // The copier (once or more), the paper greys, then the copy is scanned grey at 200 dpi.
      const streaks = streakArgs(spec, i, w, h);
      return [
        ...streaks.pale,
        ...Array.from({ length: spec.generations ?? 1 }, () => copierPass(spec)).flat(),
        ...streaks.dark,
        '-blur',
        '0x0.5',
        '+level',
        '6%,88%',
        ...noise,
        '-resize',
        `${Math.round((200 / spec.dpi) * 100)}%`,
        '-colorspace',
        'Gray',
        '-quality',
        String(spec.quality),
      ];
    }
    case 'phone':
      return phoneArgs(spec, i, w, h, noise);
  }
}

/** Corners pulled in by up to 2% of the page (alternating per page), light falling off, a warm cast, phone JPEG. */
function phoneArgs(spec: ScanSpec, i: number, w: number, h: number, noise: string[]): string[] {
  const d = (f: number) => Math.round(f * Math.min(w, h));
  const s = i % 2 === 0 ? 1 : -1;
  const pts = [
    [0, 0, d(0.02), d(s > 0 ? 0.012 : 0.004)],
    [w - 1, 0, w - 1 - d(0.008), d(s > 0 ? 0.004 : 0.018)],
    [w - 1, h - 1, w - 1 - d(s > 0 ? 0.015 : 0.006), h - 1 - d(0.01)],
    [0, h - 1, d(s > 0 ? 0.006 : 0.016), h - 1 - d(0.004)],
  ].flat();
  return [
    '-virtual-pixel',
    'white',
    '-distort',
    'Perspective',
    pts.join(','),
    '(',
    '-size',
    `${w}x${h}`,
    s > 0 ? `radial-gradient:white-gray${spec.falloff ?? 68}` : `gradient:white-gray${spec.falloff ?? 72}`,
    ')',
    '-compose',
    'multiply',
    '-composite',
    '-channel',
    'B',
    '-evaluate',
    'multiply',
    '0.86',
    '-channel',
    'G',
    '-evaluate',
    'multiply',
    '0.96',
    '+channel',
    '-blur',
    '0x0.8',
    ...noise,
    '-quality',
    String(spec.quality),
  ];
}

/**
 * Scan `sourcePdf` as `spec` says into `outPdf`, working in `tmp` (a scratch folder of its own).
 * `pin` (default true): the PDF's ID and dates pinned by qpdf, so a rerun gives the same bytes.
 */
export function makeScan(spec: ScanSpec, sourcePdf: string, outPdf: string, tmp: string, pin = true): void {
  const dir = path.join(tmp, spec.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const colour = spec.look === 'phone';
  run('pdftoppm', ['-r', String(spec.dpi), ...(colour ? [] : ['-gray']), sourcePdf, path.join(dir, 'p')]);
  const pages = readdirSync(dir)
    .filter((f) => /\.p[gp]m$/.test(f))
    .sort();
  const images = pages.map((f, i) => {
    const src = path.join(dir, f);
    const [w, h] = run('identify', ['-format', '%w %h', src]).toString().trim().split(' ').map(Number);
    const angle = (i % 2 === 0 ? 1 : -1) * spec.skew;
    const out = path.join(dir, f.replace(/\.p[gp]m$/, spec.look === 'bilevel' ? '.tif' : '.jpg'));
    // Seeded noise so regenerating gives the same files; -strip keeps dates out of the image files.
    run('convert', [
      '-seed',
      String((spec.seed ?? 1000) + i),
      src,
      ...(angle
        ? ['-background', 'white', '-rotate', String(angle), '-gravity', 'center', '-extent', `${w}x${h}`, '+gravity']
        : []),
      ...lookArgs(spec, i, w, h),
      '-strip',
      out,
    ]);
    return out;
  });
  // img2pdf writes a random /ID; qpdf rewrites it from the content so regeneration is byte-identical.
  const raw = path.join(dir, 'raw.pdf');
  run('img2pdf', [
    '--pagesize',
    'A4',
    '--creationdate',
    '2024-01-01',
    '--moddate',
    '2024-01-01',
    '-o',
    pin ? raw : outPdf,
    ...images,
  ]);
  if (!pin) return rmSync(dir, { recursive: true, force: true });
  // Zero the random ID in place (same length, so offsets hold); qpdf keeps its first half.
  const bytes = readFileSync(raw)
    .toString('latin1')
    .replace(/\/ID\s*\[\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/, (m) => m.replace(/[0-9a-fA-F](?=[0-9a-fA-F]*>)/g, '0'));
  writeFileSync(raw, Buffer.from(bytes, 'latin1'));
  run('qpdf', ['--deterministic-id', raw, outPdf]);
  rmSync(dir, { recursive: true, force: true });
}
