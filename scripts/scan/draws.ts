// The randomised scan world of `npm run eval -- --scan-draws N`: each condition draws its parameters
// from a range (seeded, so a run is reproducible), and each draw scans one of several text samples —
// both templates, a table 三 split over pages with and without a repeated header, a row cut by the
// page break — so a condition is never measured on one layout.
import type { ScanSpec } from './make-scan.js';

/** The text samples scanned: draw k of condition c scans SOURCES[(k + c) % SOURCES.length]. */
export const SOURCES = [
  'district-2019', // 2019 form; table 三 split over two pages without a repeated header
  'bureau-2021-split', // 2021 form; table 三 split, header repeated; blanks, 「/」「—」
  'street-2021-rowsplit', // 2021 form; the page break cuts through a row's wrapped label
  'city-2021-ruled', // 2021 form; fully ruled, narrow label columns, vertical merged cell
] as const;

/** A seeded uniform generator (mulberry32): the same seed gives the same draws. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const uniform = (r: Rand, lo: number, hi: number, step = 0.01) => Math.round((lo + r() * (hi - lo)) / step) * step;
const fixed = (x: number) => Math.round(x * 100) / 100;
const int = (r: Rand, lo: number, hi: number) => Math.floor(lo + r() * (hi - lo + 1));
const signed = (r: Rand, max: number) => fixed(uniform(r, -max, max));

type Params = Omit<ScanSpec, 'source' | 'name' | 'seed'>;

/**
 * Each condition: its parameter ranges (the issue's: blur 0.3–1.2 px, threshold 35–65%, JPEG 30–90,
 * skew ±3°, dpi 150–300), drawn with `r`; `k` is the draw's index (see the skew condition).
 */
export const CONDITIONS: Record<string, (r: Rand, k: number) => Params> = {
  // Grey scans at any common resolution, any optics.
  gray: (r) => ({
    look: 'gray',
    dpi: int(r, 150, 300),
    blur: fixed(uniform(r, 0.3, 1.2)),
    noise: fixed(uniform(r, 0.1, 0.35)),
    quality: int(r, 60, 90),
    skew: signed(r, 1),
  }),
  // Heavy JPEG, at any resolution and optics a grey scan has.
  jpeg: (r) => ({
    look: 'gray',
    dpi: int(r, 150, 300),
    blur: fixed(uniform(r, 0.3, 1.2)),
    noise: fixed(uniform(r, 0.1, 0.3)),
    quality: int(r, 30, 90),
    skew: signed(r, 0.5),
  }),
  // A crooked sheet, at any resolution and optics. The first round over the sources is tilted the
  // full 3° (either way): a uniform draw seldom reaches the bound the target is stated for, and each
  // split table must meet it.
  skew: (r, k) => ({
    look: 'gray',
    dpi: int(r, 150, 300),
    blur: fixed(uniform(r, 0.3, 1.2)),
    noise: fixed(uniform(r, 0.1, 0.3)),
    quality: int(r, 50, 85),
    skew: k < SOURCES.length ? (r() < 0.5 ? -3 : 3) : signed(r, 3),
  }),
  // The scanner's text mode: a fixed threshold anywhere from light to dark, CCITT G4.
  bilevel: (r) => ({
    look: 'bilevel',
    dpi: int(r, 150, 300),
    blur: fixed(uniform(r, 0.3, 1.2)),
    noise: fixed(uniform(r, 0.1, 0.35)),
    quality: 0,
    threshold: int(r, 35, 65),
    skew: signed(r, 1),
  }),
  // A photocopy (blur, contrast, impulse speckle), scanned grey at 200 dpi.
  photocopy: (r) => photocopy(r, 1),
  // A photocopy of a photocopy.
  photocopy2: (r) => photocopy(r, 2),
  // A phone photo.
  phone: (r) => ({
    look: 'phone',
    dpi: int(r, 180, 240),
    noise: fixed(uniform(r, 0.2, 0.4)),
    quality: int(r, 50, 80),
    skew: 0,
    falloff: int(r, 58, 75),
  }),
};

// Harsher than a careful copy (a generator tuned until the code passes is a mirror): levels pushed
// to 25–40% … 60–75% (thin strokes drop out or fill in), loose toner up to 15%, toner streaks.
function photocopy(r: Rand, generations: number): Params {
  const lo = int(r, 25, 40);
  return {
    look: 'photocopy',
    dpi: 300,
    generations,
    blur: fixed(uniform(r, 0.6, 1.2)),
    contrast: [lo, lo + int(r, 30, 45)],
    speckle: fixed(uniform(r, 0.04, 0.15)),
    noise: fixed(uniform(r, 0.1, 0.3)),
    quality: int(r, 35, 75),
    skew: signed(r, 2),
    streaks: int(r, 0, 3),
  };
}

/** The draws of every condition (or those named in `only`): `draws` each, from `seed`. */
export function drawScans(opts: { draws: number; seed: number; only?: string[] }): ScanSpec[] {
  const names = Object.keys(CONDITIONS).filter((c) => !opts.only?.length || opts.only.includes(c));
  return names.flatMap((cond) => {
    const c = Object.keys(CONDITIONS).indexOf(cond);
    // One generator per condition: adding a condition or a draw leaves the others' draws as they were.
    const r = rng(opts.seed * 7919 + c * 104729);
    return Array.from({ length: opts.draws }, (_, k) => {
      const source = SOURCES[(k + c) % SOURCES.length];
      return { ...CONDITIONS[cond](r, k), source, name: `${source}.${cond}-${k + 1}`, seed: int(r, 1, 1e6) };
    });
  });
}

/** The condition of a draw's name (`<source>.<condition>-<k>`). */
export const conditionOf = (spec: ScanSpec) => spec.name.slice(spec.source.length + 1).replace(/-\d+$/, '');

/** The draw's parameters in one short line (for the report). */
export function describeDraw(s: ScanSpec): string {
  const parts = [`${s.dpi} dpi`, `skew ±${s.skew}°`];
  if (s.blur !== undefined) parts.push(`blur ${s.blur}`);
  if (s.look === 'bilevel') parts.push(`threshold ${s.threshold}%`);
  else parts.push(`q${s.quality}`);
  if (s.contrast) parts.push(`levels ${s.contrast[0]}–${s.contrast[1]}%`);
  if (s.speckle !== undefined) parts.push(`speckle ${s.speckle}`);
  if (s.streaks) parts.push(`${s.streaks} streaks`);
  if (s.falloff !== undefined) parts.push(`light to ${s.falloff}%`);
  parts.push(`noise ${s.noise}`);
  return parts.join(', ');
}
