// A slice of the hostile corpus (every 9th file of each category, a 1 GB Flate bomb instead of
// 5 GB) through the isolated pool, as `npm run fuzz` runs all of it: every file handled cleanly —
// no exit 70, no crashed extraction process, no hang, no wrong code, no table lost without a warning.
import { describe, expect, it } from 'vitest';
import { fuzzTable, runFuzz } from '../scripts/fuzz.js';
import { finding, REAL_SOURCES, realFuzzTable, runRealFuzz } from '../scripts/fuzz/real.js';
import { tmpDir } from './batch-fixtures.js';

describe('hostile corpus (a slice)', () => {
  it('handles every file cleanly, within the memory cap', { timeout: 600_000 }, async () => {
    const { results, peakTreeMb, elapsedMs } = await runFuzz({
      dir: tmpDir('nianbao-fuzz-'),
      every: 9,
      jobs: 2,
      timeoutMs: 60_000,
      memoryMb: 512,
      ocr: false,
      bombBytes: 1024 ** 3,
    });
    const table = fuzzTable(results, peakTreeMb, elapsedMs);
    expect(results.length).toBeGreaterThan(30);
    expect(new Set(results.map((r) => r.file.category)).size).toBe(9);
    expect(
      results.filter((r) => r.verdict !== 'clean'),
      table,
    ).toEqual([]);
    // Two children capped at 512 MB, plus the test process itself.
    expect(peakTreeMb).toBeLessThan(2 * 512 + 600);
  });
});

// Seeded mutants of the real documents (issue 30), a short run of `npm run fuzz -- --minutes N`:
// two mutants of each of the 12 sources (fixed seed) through `nianbao batch` with OCR off (the
// decoders of TIFF and PNG run all the same; OCR of noise would take minutes here). No exit 70, no
// crash, no hang, nothing at the time limit, and every refusal names the damage.
describe('seeded mutants of real documents (a short run)', () => {
  it('every mutant is read, warned or refused naming its damage', { timeout: 600_000 }, async () => {
    const run = await runRealFuzz({
      dir: tmpDir('nianbao-fuzz-real-'),
      seed: 30,
      rounds: 1,
      perSource: 2,
      timeoutS: 60,
      jobs: 2,
      ocr: false,
    });
    const table = realFuzzTable(run);
    expect(run.results).toHaveLength(2 * REAL_SOURCES.length);
    expect(new Set(run.results.map((r) => r.kind))).toEqual(new Set(REAL_SOURCES.map((s) => s.kind)));
    expect(
      run.results.filter((r) => finding(r)),
      table,
    ).toEqual([]);
    expect(run.batchExits, table).toEqual([1]);
  });
});
