// Process-tree memory where /proc is missing (issue 29): `ps` gives the same tree and RSS, the pool
// caps memory through it, and where neither can be read the pool says the cap is off.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { descendantPids, treeRssKb } from '../src/isolation/memory.js';
import { ExtractionPool } from '../src/isolation/pool.js';
import {
  descendantsIn,
  parsePs,
  selectMemorySource,
  setMemorySource,
  treeRssIn,
  uncappedWarning,
} from '../src/isolation/process-table.js';
import { SEED, tmpDir } from './batch-fixtures.js';
import { buildPdf, CATALOG, FONT, ONE_PAGE_TREE, PAGE, stream, zeroBomb } from '../scripts/hostile/pdf.js';

afterEach(() => setMemorySource(null));

describe('a process table from ps', () => {
  const table = parsePs('    1     0  1000\n   10     1   200\n 11 10 30\n  12   10 7\n  20 1 5\nPID PPID RSS\n\n');

  it('reads pid, parent and RSS a line, skipping anything else', () => {
    expect([...table.keys()]).toEqual([1, 10, 11, 12, 20]);
    expect(table.get(11)).toEqual({ ppid: 10, rssKb: 30 });
  });

  it('gives the descendants and the tree RSS of a process', () => {
    expect(descendantsIn(table, 10).sort()).toEqual([11, 12]);
    expect(descendantsIn(table, 1).sort((a, b) => a - b)).toEqual([10, 11, 12, 20]);
    expect(treeRssIn(table, 10)).toBe(237);
    expect(treeRssIn(table, 12)).toBe(7);
    expect(treeRssIn(table, 99)).toBeNull();
  });
});

describe('the memory source', () => {
  it('is /proc where it is there, else ps, else none', () => {
    const yes = () => true;
    const no = () => false;
    expect(selectMemorySource(yes, yes)).toBe('proc');
    expect(selectMemorySource(no, yes)).toBe('ps');
    expect(selectMemorySource(no, no)).toBe('none');
    expect(selectMemorySource()).toBe('proc'); // Linux
  });

  it('warns only when the cap cannot be enforced', () => {
    expect(uncappedWarning('proc')).toBeNull();
    expect(uncappedWarning('ps')).toBeNull();
    expect(uncappedWarning('none')).toMatch(/^nianbao: warning: the memory cap \(--memory\) is off/);
  });

  it('ps sees the same tree and RSS as /proc', async () => {
    const sh = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { stdio: 'ignore', detached: true });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const viaProc = descendantPids(sh.pid!, 'proc').sort();
      expect(viaProc).toHaveLength(2);
      expect(descendantPids(sh.pid!, 'ps').sort()).toEqual(viaProc);
      const proc = treeRssKb(sh.pid!, 'proc')!;
      const ps = treeRssKb(sh.pid!, 'ps')!;
      // Idle processes: the same pages, read a moment apart.
      expect(Math.abs(ps - proc)).toBeLessThanOrEqual(proc * 0.05);
      expect(treeRssKb(sh.pid!, 'none')).toBeNull();
      expect(descendantPids(sh.pid!, 'none')).toEqual([]);
    } finally {
      process.kill(-sh.pid!, 'SIGKILL');
    }
  });
});

describe('the pool without /proc', () => {
  it('caps a file’s real memory through ps (exit 12) and goes on', async () => {
    setMemorySource('ps');
    const bomb = path.join(tmpDir(), 'bomb.pdf');
    // A content stream that inflates to 2 GB: ArrayBuffers, outside any V8 heap limit.
    writeFileSync(
      bomb,
      buildPdf([CATALOG, ONE_PAGE_TREE, PAGE(), stream('/Filter /FlateDecode', zeroBomb(2 * 1024 ** 3)), FONT]),
    );
    const pool = new ExtractionPool(1, { timeoutMs: 120_000, memoryMb: 256 });
    try {
      const e = await pool.extract(bomb).catch((x) => x);
      expect([e.code, e.exitCode, e.message]).toEqual([
        'OUT_OF_MEMORY',
        12,
        'needed more than the 256 MB memory limit and was stopped (--memory)',
      ]);
      // Read every 250 ms through ps: stopped well before the 2 GB.
      expect(pool.peakRssMb).toBeGreaterThanOrEqual(256); // rounded to the MB
      expect(pool.peakRssMb).toBeLessThan(1024);
      expect((await pool.extract(SEED)).year).toBe(2021);
    } finally {
      await pool.close();
    }
  }, 120_000);

  it('says once that the cap is off where no memory can be read', async () => {
    setMemorySource('none');
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const pools = [new ExtractionPool(1), new ExtractionPool(1)];
      await Promise.all(pools.map((p) => p.close()));
      const said = write.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('memory cap'));
      expect(said).toEqual([`${uncappedWarning('none')}\n`]);
    } finally {
      write.mockRestore();
    }
  });
});
