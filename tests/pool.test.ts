// The extraction pool's V8 tuning (src/isolation/pool.ts, v8Flags): which flags a child gets, and
// that a real child process runs with them. (Their effect on speed is measured by `npm run bench`.)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionPool, NODE20_INTERRUPT_BUDGET, v8Flags } from '../src/isolation/pool.js';

const NODE20_V8 = '11.3.244.8-node.38';
const NODE24_V8 = '13.6.233.17-node.53';

describe('v8Flags', () => {
  it('gives single-threaded GC everywhere, the ×8 interrupt budget and lazy wasm validation on V8 11 (Node 20) only', () => {
    expect(NODE20_INTERRUPT_BUDGET).toBe(540_672);
    expect(v8Flags([], NODE20_V8)).toEqual([
      '--single-threaded-gc',
      '--interrupt-budget=540672',
      '--wasm-lazy-validation',
    ]);
    expect(v8Flags([], NODE24_V8)).toEqual(['--single-threaded-gc']);
  });

  it('keeps what the parent was started with', () => {
    expect(v8Flags(['--no-single-threaded-gc'], NODE20_V8)).toEqual([
      '--interrupt-budget=540672',
      '--wasm-lazy-validation',
    ]);
    expect(v8Flags(['--no-wasm-lazy-validation'], NODE20_V8)).toEqual([
      '--single-threaded-gc',
      '--interrupt-budget=540672',
    ]);
    expect(v8Flags(['--single-threaded'], NODE24_V8)).toEqual([]);
    expect(v8Flags(['--interrupt-budget=1000'], NODE20_V8)).toEqual(['--single-threaded-gc', '--wasm-lazy-validation']);
    expect(v8Flags(['--max-old-space-size=512', '--import', 'x.mjs'], NODE24_V8)).toEqual(['--single-threaded-gc']);
  });
});

/** Command lines of this process's child processes (Linux /proc). */
function childCommandLines(): string[][] {
  const out: string[][] = [];
  for (const tid of readdirSync('/proc/self/task')) {
    const kids = readFileSync(`/proc/self/task/${tid}/children`, 'utf8').trim();
    for (const pid of kids ? kids.split(/\s+/) : []) {
      try {
        out.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean));
      } catch {
        // ended meanwhile
      }
    }
  }
  return out;
}

describe.runIf(process.platform === 'linux')('an extraction process', () => {
  it('runs with the flags', async () => {
    const pool = new ExtractionPool(1);
    try {
      const report = await pool.extract(path.resolve(__dirname, '../samples/city-2021-ruled.pdf'));
      expect(report.source.engine).toBe('pdfium');
      const children = childCommandLines().filter((c) => c.some((a) => /child-(main|launch)\.js$/.test(a)));
      expect(children).toHaveLength(1);
      const argv = children[0];
      for (const flag of v8Flags(process.execArgv)) expect(argv).toContain(flag);
      expect(argv).toContain('--single-threaded-gc');
    } finally {
      await pool.close();
    }
  });
});
