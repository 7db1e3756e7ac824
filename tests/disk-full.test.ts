// A full disk under batch's --out and under the SQLite store: one line, exit 14 (DISK_FULL), nothing
// half-written, no attempt counted against a file, and a rerun after space is freed completes.
// A real full device: a small tmpfs mounted for the test (needs root, as on CI), filled with a file.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nianbao, readJsonl, tmpDir, writeSeedVariant } from './batch-fixtures.js';

const root = tmpDir('nianbao-diskfull-');
const disk = path.join(root, 'disk');
const inputs = path.join(root, 'in');
/** The tmpfs's size; each seed record is ~65 KB of JSON, and its SQLite rows more. */
const DISK_KB = 4096;

function mountTmpfs(): string | null {
  mkdirSync(disk, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_KB}k`, 'tmpfs', disk], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `cannot mount a tmpfs to fill (${(e as Error).message.split('\n')[0]}): needs root`;
  }
}

const skip = process.platform === 'linux' ? mountTmpfs() : 'tmpfs mounts need Linux';
if (skip) console.warn(`disk-full tests skipped: ${skip}`);

/** Fill the tmpfs until `freeKb` is left. */
function fill(freeKb: number): void {
  writeFileSync(path.join(disk, 'filler'), Buffer.alloc((DISK_KB - freeKb) * 1024));
}
const unfill = () => rmSync(path.join(disk, 'filler'), { force: true });
/** Every file under a folder, hidden ones included (temp files start with a dot). */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));

// Generous timeouts: two real batch runs each, on a 2-core machine shared with other test files.
describe.skipIf(!!skip)('a full disk', { timeout: 240_000 }, () => {
  beforeAll(() => {
    mkdirSync(inputs);
    for (let k = 0; k < 8; k++) writeSeedVariant(inputs, `r${k}.txt`, { year: 2021, salt: k + 1 });
  });
  afterAll(() => {
    try {
      execFileSync('umount', [disk]);
    } catch {
      // already unmounted
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('under batch --out: exit 14 with one line naming the file, no output and no temp file left; a rerun completes', async () => {
    const out = path.join(disk, 'out');
    fill(400);
    // The files in flight when the run stops are stopped with it, not left to their per-file time
    // limit (they once were: the run ended after --timeout with a TIMEOUT line for a file in flight).
    const t0 = Date.now();
    const r = await nianbao(['batch', '-q', '--timeout', '100', inputs, '--out', out]);
    expect(Date.now() - t0).toBeLessThan(100_000);
    expect(r.code).toBe(14);
    // Whichever write meets the full device first (a cached result or an output) is named.
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBe(1);
    expect(lines[0]).toMatch(/^nianbao: no space left on the device writing \/\S+; free some space and run again$/);
    expect(lines[0].startsWith(`nianbao: no space left on the device writing ${out}/`)).toBe(true);
    // The cached results are whole files (each written atomically); no output and no temp file.
    const left = filesUnder(out);
    expect(left.filter((f) => !f.includes('.nianbao-cache'))).toEqual([]);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    unfill();
    const again = await nianbao(['batch', '-q', inputs, '--out', out]);
    expect(again.code).toBe(0);
    expect(readJsonl(path.join(out, 'records.jsonl')).length).toBe(8);
    expect(readJsonl(path.join(out, 'errors.jsonl'))).toEqual([]);
    rmSync(out, { recursive: true });
  });

  it('under the SQLite store: exit 14 naming the database, no file charged an attempt; a rerun ingests the rest', async () => {
    const db = path.join(disk, 'r.sqlite');
    fill(2000);
    const r = await nianbao(['ingest', '-q', '--db', db, inputs]);
    expect(r.code).toBe(14);
    expect(r.stderr.trim().split('\n').at(-1)).toBe(
      `nianbao: ${db}: no space left on the device; free some space and run again`,
    );
    unfill();
    const again = await nianbao(['ingest', '--db', db, inputs]);
    expect(again.code).toBe(0);
    const summary = again.stderr
      .trim()
      .split('\n')
      .find((l) => l.startsWith('8 files:'));
    // What the first run stored is skipped, the rest ingested; nothing failed in either run.
    expect(summary).toMatch(/^8 files: (\d) ingested \(0 flagged by checks\), 0 failed, (\d) skipped in /);
    const [, ingested, skipped] = /(\d) ingested .* (\d) skipped/.exec(summary!)!;
    expect(Number(ingested) + Number(skipped)).toBe(8);
    expect(Number(ingested)).toBeGreaterThan(0);
    const exported = await nianbao(['export', '--db', db, '--format', 'jsonl']);
    expect(exported.stdout.trim().split('\n').length).toBe(8);
  });
});
