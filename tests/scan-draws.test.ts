// The randomised scan world of `npm run eval -- --scan-draws N` (scripts/scan/): draws are seeded
// and inside the ranges, every condition sees both templates and a table split over pages,
// and one tiny draw really becomes a scan (the OCR of the draws is eval's job, not CI's).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONDITIONS, conditionOf, drawScans, SOURCES } from '../scripts/scan/draws.js';
import { lookArgs, makeScan } from '../scripts/scan/make-scan.js';

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
};

describe('scan draws', () => {
  const draws = drawScans({ draws: 4, seed: 1 });

  it('are seeded: the same seed gives the same draws, another seed others', () => {
    expect(drawScans({ draws: 4, seed: 1 })).toEqual(draws);
    expect(drawScans({ draws: 4, seed: 2 })).not.toEqual(draws);
    // A condition's draws do not depend on which other conditions run.
    expect(drawScans({ draws: 4, seed: 1, only: ['bilevel'] })).toEqual(
      draws.filter((d) => conditionOf(d) === 'bilevel'),
    );
  });

  it('stay inside the ranges of the issue (blur 0.3–1.2 px, threshold 35–65%, JPEG 30–90, skew ±3°, dpi 150–300)', () => {
    const many = drawScans({ draws: 50, seed: 7 });
    expect(new Set(many.map(conditionOf))).toEqual(new Set(Object.keys(CONDITIONS)));
    for (const d of many) {
      expect(d.dpi).toBeGreaterThanOrEqual(150);
      expect(d.dpi).toBeLessThanOrEqual(300);
      expect(Math.abs(d.skew)).toBeLessThanOrEqual(3);
      if (d.blur !== undefined) expect([d.blur >= 0.3, d.blur <= 1.2]).toEqual([true, true]);
      if (d.look === 'bilevel') expect([d.threshold! >= 35, d.threshold! <= 65]).toEqual([true, true]);
      if (d.look === 'gray') expect([d.quality >= 30, d.quality <= 90]).toEqual([true, true]);
    }
    const skews = many.filter((d) => conditionOf(d) === 'skew').map((d) => d.skew);
    expect(Math.min(...skews)).toBeLessThan(-2);
    expect(Math.max(...skews)).toBeGreaterThan(2);
    // The full 3° is drawn, on every source (each split table meets the bound), either way.
    const full = many.filter((d) => conditionOf(d) === 'skew' && Math.abs(d.skew) === 3);
    expect(new Set(full.map((d) => d.source))).toEqual(new Set(SOURCES));
    expect(new Set(full.map((d) => Math.sign(d.skew)))).toEqual(new Set([-1, 1]));
    // Every grey and bilevel condition reaches both ends of the dpi range.
    for (const cond of ['gray', 'jpeg', 'skew', 'bilevel']) {
      const dpis = many.filter((d) => conditionOf(d) === cond).map((d) => d.dpi);
      expect([Math.min(...dpis) < 160, Math.max(...dpis) > 290]).toEqual([true, true]);
    }
    expect(many.filter((d) => conditionOf(d) === 'photocopy2').every((d) => d.generations === 2)).toBe(true);
  });

  it('scan every source in every condition: both templates, table 三 split with and without its header, a row cut by the page', () => {
    for (const cond of Object.keys(CONDITIONS)) {
      expect(new Set(draws.filter((d) => conditionOf(d) === cond).map((d) => d.source))).toEqual(new Set(SOURCES));
    }
  });

  it('photocopy draws carry toner streaks: seeded, a grey line and a pale band alternately, placed page by page; the line printed on the copy (after the copier), the band before', () => {
    const copies = drawScans({ draws: 50, seed: 7, only: ['photocopy', 'photocopy2'] });
    expect(new Set(copies.map((d) => d.streaks))).toEqual(new Set([0, 1, 2, 3]));
    const spec = { ...copies[0], streaks: 2 };
    const draws = (i: number) => lookArgs(spec, i, 2480, 3508).filter((a, k, all) => all[k - 1] === '-draw');
    expect(draws(0)).toHaveLength(2);
    expect(lookArgs(spec, 0, 2480, 3508)).toEqual(lookArgs(spec, 0, 2480, 3508));
    expect(draws(1)).not.toEqual(draws(0));
    const args = lookArgs(spec, 0, 2480, 3508);
    const fills = args.filter((a, k, all) => all[k - 1] === '-fill');
    expect([/^rgba\(255,255,255,/.test(fills[0]), /^gray\(\d+%\)$/.test(fills[1])]).toEqual([true, true]);
    const copier = args.indexOf('-level');
    expect([args.indexOf(fills[0]) < copier, args.indexOf(fills[1]) > copier]).toEqual([true, true]);
  });

  // ImageMagick on a loaded host takes minutes for the pages: a generous timeout.
  const missing = ['pdftoppm', 'convert', 'img2pdf', 'pdfimages'].filter((cmd) => !has(cmd));
  if (missing.length) {
    console.warn(
      `scan-draws: the real-scan test is skipped: ${missing.join(', ')} not installed (Debian: poppler-utils, imagemagick, img2pdf)`,
    );
  }
  it.skipIf(missing.length > 0)(
    'make a real scan: a bilevel draw is a CCITT G4 image per page at its dpi',
    { timeout: 300_000 },
    () => {
      const spec = { ...drawScans({ draws: 1, seed: 3, only: ['bilevel'] })[0], dpi: 100 };
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-draw-test-'));
      try {
        const out = path.join(tmp, 'scan.pdf');
        makeScan(spec, path.resolve(__dirname, '../samples', `${spec.source}.pdf`), out, tmp, false);
        const list = execFileSync('pdfimages', ['-list', out]).toString().trim().split('\n').slice(2);
        const pages = Number(
          execFileSync('pdfinfo', [path.resolve(__dirname, '../samples', `${spec.source}.pdf`)])
            .toString()
            .match(/Pages:\s+(\d+)/)![1],
        );
        expect(list).toHaveLength(pages);
        for (const row of list) {
          const [, , , width, , , , bpc, enc] = row.trim().split(/\s+/);
          expect([bpc, enc]).toEqual(['1', 'ccitt']);
          // A4 at 100 dpi: 827 px across.
          expect(Number(width)).toBe(827);
        }
      } finally {
        rmSync(tmp, { recursive: true, force: true });
      }
    },
  );
});
