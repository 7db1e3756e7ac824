// The extraction bundle's loader with V8's code cache (src/isolation/script-cache.ts): chunks that
// require each other in a cycle, the cache written and then used by the next process, and a chunk
// whose text changed (at the same length, which is all V8 checks) never run from the old cache.
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_CACHE_DIR } from '../src/isolation/script-cache.js';
import { tmpDir } from './batch-fixtures.js';

const loader = path.resolve(__dirname, '../dist/src/isolation/script-cache.js');

/** Two chunks in a cycle, as the bundle's chunks require its entry chunk. */
function chunks(value: number): string {
  const dir = tmpDir('nianbao-script-cache-');
  writeFileSync(
    path.join(dir, 'a.cjs'),
    "const b = require('./b.cjs');\nexports.sum = () => b.value + 1;\nexports.sep = require('node:path').sep;\n",
  );
  writeFileSync(
    path.join(dir, 'b.cjs'),
    `const a = require('./a.cjs');\nexports.value = ${value};\nexports.a = typeof a;\n`,
  );
  return dir;
}

/** A fresh process loads a.cjs, saves the cache, and reports what it computed and what the cache served. */
function load(dir: string): { sum: number; sep: string; a: string; debug: string[] } {
  const code = `import { requireChunk, saveCodeCache } from ${JSON.stringify(loader)};
    const a = requireChunk(${JSON.stringify(path.join(dir, 'a.cjs'))});
    const b = requireChunk(${JSON.stringify(path.join(dir, 'b.cjs'))});
    saveCodeCache();
    console.log(JSON.stringify({ sum: a.sum(), sep: a.sep, a: b.a }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    env: { ...process.env, NIANBAO_DEBUG: '1' },
  });
  expect(r.status, r.stderr).toBe(0);
  return { ...JSON.parse(r.stdout), debug: r.stderr.trim().split('\n') };
}

describe('script cache', () => {
  it('loads chunks in a cycle, writes their cache, and the next process uses it', () => {
    const dir = chunks(41);
    const first = load(dir);
    expect(first).toMatchObject({ sum: 42, sep: path.sep, a: 'object' });
    expect(first.debug.filter((l) => l.endsWith('(code cache not used)'))).toHaveLength(2);
    expect(readdirSync(path.join(dir, CODE_CACHE_DIR)).filter((f) => f.endsWith('.bin'))).toHaveLength(2);
    const second = load(dir);
    expect(second.sum).toBe(42);
    expect(second.debug.filter((l) => l.endsWith('(code cache used)'))).toHaveLength(2);
  });

  it('a chunk changed at the same length runs its new text, not the old cache', () => {
    const dir = chunks(41);
    load(dir);
    writeFileSync(
      path.join(dir, 'b.cjs'),
      "const a = require('./a.cjs');\nexports.value = 50;\nexports.a = typeof a;\n",
    );
    const after = load(dir);
    expect(after.sum).toBe(51);
    expect(after.debug).toContain('nianbao code cache: b.cjs (code cache not used)');
    expect(after.debug).toContain('nianbao code cache: a.cjs (code cache used)');
  });
});
