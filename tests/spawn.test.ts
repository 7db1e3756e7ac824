// The extraction processes `nianbao extract` and `nianbao batch` start ahead (src/isolation/spawn.ts,
// from bin/nianbao.js): the pool takes them over instead of starting its own, a pool that needs
// another kind of process kills them and starts its own, one of a smaller size kills those it does
// not need, and a command that ends without extracting does not wait for them.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionPool } from '../src/isolation/pool.js';
import { earlyCount, startEarly } from '../src/isolation/spawn.js';
import { defaultJobs } from '../src/isolation/memory.js';
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

describe('earlyCount', () => {
  it('is one for extract, the pool size for batch, none for other commands, --help or --memory', () => {
    expect(earlyCount(['extract', 'a.pdf'])).toBe(1);
    expect(earlyCount(['batch', 'dir', '--out', 'o', '--jobs', '3'])).toBe(3);
    expect(earlyCount(['batch', 'dir', '-j', '2.7', '--out', 'o'])).toBe(2);
    expect(earlyCount(['batch', 'dir', '--jobs=4'])).toBe(4);
    expect(earlyCount(['batch', 'dir', '--out', 'o'])).toBe(defaultJobs());
    expect(earlyCount(['batch', 'dir', '--jobs', '0'])).toBe(0);
    expect(earlyCount(['batch', 'dir', '--jobs', 'x'])).toBe(0);
    expect(earlyCount(['batch', 'dir', '--memory', '800', '--jobs', '2'])).toBe(0);
    expect(earlyCount(['extract', '--help'])).toBe(0);
    expect(earlyCount(['ingest', 'dir'])).toBe(0);
    // After `--` everything is a file name.
    expect(earlyCount(['batch', '--jobs', '2', '--', '--memory'])).toBe(2);
  });
});

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

  it('are taken by a batch pool one per slot; those beyond its size are killed when it starts', async () => {
    startEarly(undefined, 3);
    const early = extractionChildren();
    expect(early).toHaveLength(3);
    // A pool of 3 would give each child its OCR workers for 3; a pool of 2 for 2: on a machine
    // where that differs, all three are replaced, else two are taken and the third is killed.
    const pool = new ExtractionPool(2);
    try {
      pool.prestart();
      // The third is killed (SIGKILL is delivered asynchronously: it is gone a moment later).
      for (let k = 0; k < 100 && extractionChildren().length > 2; k++) await new Promise((r) => setTimeout(r, 20));
      expect(extractionChildren()).toHaveLength(2);
      await pool.extract(SAMPLE);
      expect(pool.childrenStarted).toBe(2);
    } finally {
      await pool.close();
    }
    expect(extractionChildren()).toEqual([]);
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
