// src/output/atomic-write.ts: a whole new file or the old one, never a part — and never a rename over
// something that is not a regular file (`-o /dev/null` as root replaced the device with a file).
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/output/atomic-write.js';
import { tmpDir } from './batch-fixtures.js';

describe('writeFileAtomic', () => {
  it('replaces a regular file whole and leaves no temp file', async () => {
    const dir = tmpDir('nianbao-atomic-');
    const f = path.join(dir, 'out.json');
    writeFileSync(f, 'old');
    await writeFileAtomic(f, 'new');
    expect(readFileSync(f, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  it.skipIf(process.platform !== 'linux')('writes into /dev/null in place: it stays the device', async () => {
    await writeFileAtomic('/dev/null', 'x'.repeat(1000));
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});
