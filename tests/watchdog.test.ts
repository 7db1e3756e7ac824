// The orphan watchdog (src/isolation/watchdog.ts): an extraction process whose pool was killed with
// kill -9 while its thread is stuck in a synchronous parse (where its own 'disconnect' handler cannot
// run) is ended, with its watcher, within seconds; while the pool lives, the watcher leaves it alone.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { descendantPids } from '../src/isolation/memory.js';
import { WATCHDOG_INTERVAL_S } from '../src/isolation/watchdog.js';
import { BIN, hangingPdf, tmpDir } from './batch-fixtures.js';
import { alive, cmdline } from './proc.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (ok()) return true;
    await sleep(50);
  }
  return ok();
}

describe.runIf(process.platform === 'linux')('orphan watchdog', () => {
  it('ends an extraction process stuck in a parse once its pool is killed with kill -9', async () => {
    const file = path.join(tmpDir('nianbao-watchdog-'), 'hangs.pdf');
    writeFileSync(file, hangingPdf());
    const cli = spawn(process.execPath, [BIN, 'extract', file, '--timeout', '120', '-q'], { stdio: 'ignore' });
    // The extraction process and its watcher (not the watcher's passing `sleep`).
    let tree: number[] = [];
    const started = await until(() => {
      tree = descendantPids(cli.pid!).filter((p) => /node|nianbao-watchdog/.test(cmdline(p)));
      return tree.length === 2;
    }, 60_000);
    expect(started).toBe(true);
    // Still there a few watchdog rounds later: the watcher leaves a process whose pool lives alone.
    await sleep(WATCHDOG_INTERVAL_S * 2500);
    expect(tree.every(alive)).toBe(true);
    const gone = new Promise((r) => cli.once('exit', r));
    cli.kill('SIGKILL');
    await gone;
    expect(await until(() => !tree.some(alive), WATCHDOG_INTERVAL_S * 4000)).toBe(true);
  }, 120_000);
});
