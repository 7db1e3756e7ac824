// The extraction process `nianbao extract` starts ahead (src/isolation/spawn.ts, from bin/nianbao.js):
// the pool takes it over instead of starting its own, a pool that needs another kind of process
// kills it and starts its own, and a command that ends without extracting does not wait for it.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionPool } from '../src/isolation/pool.js';
import { startEarly } from '../src/isolation/spawn.js';
import { BIN, ROOT } from './batch-fixtures.js';

const SAMPLE = path.join(ROOT, 'samples/city-2021-ruled.pdf');

/** Pids of this process's extraction processes (Linux /proc), alive. */
function extractionChildren(): number[] {
  const out: number[] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    const kids = readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim();
    for (const pid of kids ? kids.split(/\s+/).map(Number) : []) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (/child-(main|launch)\.js/.test(cmd) && !/^\d+ \(.*\) Z/.test(stat)) out.push(pid);
      } catch {
        // ended meanwhile
      }
    }
  }
  return out.sort();
}

describe.runIf(process.platform === 'linux')('an extraction process started ahead', () => {
  it('is taken over by the pool of the same kind: no second process', async () => {
    startEarly();
    const early = extractionChildren();
    expect(early).toHaveLength(1);
    const pool = new ExtractionPool(1);
    try {
      const report = await pool.extract(SAMPLE);
      expect(report.source.engine).toBe('pdfium');
      expect(pool.childrenStarted).toBe(1);
      expect(extractionChildren()).toEqual(early);
    } finally {
      await pool.close();
    }
    expect(extractionChildren()).toEqual([]);
  }, 120_000);

  it('is killed when the pool needs another memory cap, which starts its own', async () => {
    startEarly();
    const early = extractionChildren();
    expect(early).toHaveLength(1);
    const pool = new ExtractionPool(1, { memoryMb: 700 });
    try {
      await pool.extract(SAMPLE);
      const now = extractionChildren();
      expect(now).toHaveLength(1);
      expect(now).not.toEqual(early);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('does not keep `nianbao extract` waiting when it ends without extracting (a usage error)', () => {
    const r = spawnSync(process.execPath, [BIN, 'extract', '--no-such-flag', SAMPLE], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
  }, 60_000);
});
