// A slice of the hostile corpus (every 9th file of each category, a 1 GB Flate bomb instead of
// 5 GB) through the isolated pool, as `npm run fuzz` runs all of it: every file handled cleanly —
// no exit 70, no crashed extraction process, no hang, no wrong code, no table lost without a warning.
import { describe, expect, it } from 'vitest';
import { fuzzTable, runFuzz } from '../scripts/fuzz.js';
import { tmpDir } from './batch-fixtures.js';

describe('hostile corpus (a slice)', () => {
  it('handles every file cleanly, within the memory cap', { timeout: 600_000 }, async () => {
    const { results, peakTreeMb, elapsedMs } = await runFuzz({ dir: tmpDir('nianbao-fuzz-'), every: 9, jobs: 2, timeoutMs: 60_000, memoryMb: 512, ocr: false, bombBytes: 1024 ** 3 });
    const table = fuzzTable(results, peakTreeMb, elapsedMs);
    expect(results.length).toBeGreaterThan(30);
    expect(new Set(results.map((r) => r.file.category)).size).toBe(9);
    expect(results.filter((r) => r.verdict !== 'clean'), table).toEqual([]);
    // Two children capped at 512 MB, plus the test process itself.
    expect(peakTreeMb).toBeLessThan(2 * 512 + 600);
  });
});
