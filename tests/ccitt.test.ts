// extractors/ccitt.ts: damaged CCITT G4 fax data (a multi-page TIFF scan) fails fast and keeps what
// decodes — the lines above the damage, and the pages that are whole — instead of looping until the
// per-file time limit (utif2's own decoder did, for minutes, on a few flipped bits).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../extractors/image-decode.js';
import { SAMPLES } from './batch-fixtures.js';

const TIFF = readFileSync(path.join(SAMPLES, 'formats/city-2021-ruled.g4.tif'));
const UTIF = createRequire(import.meta.url)('utif2') as typeof import('utif2');

/** Each page's strip: [offset, length] (the sample has one strip per page). */
function strips(bytes: Buffer): Array<[number, number]> {
  return UTIF.decode(bytes).map((ifd) => [Number((ifd.t273 as number[])[0]), Number((ifd.t279 as number[])[0])]);
}

/** The sample with every bit of one byte flipped, `at` of the way into page `page`'s strip. */
function damagedAt(page: number, at: number): Buffer {
  const b = Buffer.from(TIFF);
  const [off, len] = strips(b)[page - 1];
  b[off + Math.floor(len * at)] ^= 0xff;
  return b;
}

describe('CCITT G4 decoding of a damaged TIFF', () => {
  it('reads the whole sample (4 pages, 2479×3508) unchanged', async () => {
    const frames = await decodeImage(TIFF, { file: 't.tif', maxPages: 10 });
    expect(frames.map((f) => [f.width, f.height])).toEqual(Array(4).fill([2479, 3508]));
  });

  it('keeps the other pages and the lines above the damage of a page damaged half-way, and names the damage', async () => {
    const whole = await decodeImage(TIFF, { file: 't.tif', maxPages: 10 });
    const told: Array<[number, string]> = [];
    const t0 = Date.now();
    const frames = await decodeImage(damagedAt(2, 0.5), {
      file: 't.tif',
      maxPages: 10,
      onDamagedPage: (p, why) => told.push([p, why]),
    });
    expect(Date.now() - t0).toBeLessThan(30_000); // seconds, not the minutes utif2's decoder looped for
    expect(told.length).toBe(1);
    expect(told[0][0]).toBe(2);
    expect(told[0][1]).toMatch(/^invalid CCITT fax data \(.+\) at byte \d+; (\d+) of 3508 lines read$/);
    const lines = Number(/; (\d+) of 3508/.exec(told[0][1])![1]);
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThan(3508);
    for (const p of [0, 2, 3]) expect(Buffer.from(frames[p].gray).equals(Buffer.from(whole[p].gray))).toBe(true);
    // The lines kept are as printed; the rest of the page is white (not garbage).
    const kept = 2479 * lines;
    expect(Buffer.from(frames[1].gray.subarray(0, kept)).equals(Buffer.from(whole[1].gray.subarray(0, kept)))).toBe(
      true,
    );
    expect(frames[1].gray.subarray(kept).every((v) => v === 255)).toBe(true);
  });

  it('refuses a file whose every page breaks off at once as a damaged TIFF, naming each page', async () => {
    let b = Buffer.from(TIFF);
    for (const [off] of strips(b)) b[off + 4] ^= 0xff;
    b = Buffer.from(b);
    await expect(decodeImage(b, { file: 't.tif', maxPages: 10, onDamagedPage: () => {} })).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      message: expect.stringMatching(
        /^a damaged TIFF image \(cannot be decoded: page 1: invalid CCITT fax data .*; page 4: invalid CCITT/,
      ),
    });
  });
});
