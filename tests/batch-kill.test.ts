// A batch killed with SIGKILL mid-run, then rerun (the real CLI, built by pretest).
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../src/index.js';
import { hangingPdf, nianbao, readJsonl, tmpDir, writeSeedVariant } from './batch-fixtures.js';

describe('a batch killed with SIGKILL', () => {
  it('resumes: every record exactly once, finished files not redone', async () => {
    const dir = tmpDir();
    // 14 distinct reports of one agency (2008–2021), then a file that hangs so the run is
    // certainly still going when it is killed.
    const years = Array.from({ length: 14 }, (_, i) => 2008 + i);
    for (const y of years) writeSeedVariant(dir, `r${y}.txt`, { year: y, carriedOver: [0, 0, 0, 0, 0, 0, 0] });
    writeFileSync(path.join(dir, 'zz-hangs.pdf'), hangingPdf());
    const out = path.join(tmpDir(), 'out');
    const store = path.join(out, '.nianbao-cache');
    const storeFiles = () =>
      existsSync(store)
        ? readdirSync(store).flatMap((v) => readdirSync(path.join(store, v)).map((f) => path.join(store, v, f)))
        : [];
    const done = () => storeFiles().filter((f) => f.endsWith('.json') && !f.endsWith('.failed.json'));

    const killed = await nianbao(['batch', dir, '--out', out, '--jobs', '1', '--timeout', '60'], {
      onSpawn(kill) {
        const poll = setInterval(() => {
          if (done().length >= 5) {
            clearInterval(poll);
            kill();
          }
        }, 5);
      },
    });
    expect(killed.signal).toBe('SIGKILL');
    // Killed mid-run: no output written yet, and every stored result is complete JSON.
    expect(existsSync(path.join(out, 'records.jsonl'))).toBe(false);
    const finished = done().length;
    expect(finished).toBeGreaterThanOrEqual(5);
    expect(finished).toBeLessThanOrEqual(14); // the hanging file keeps the run going whatever the timing
    for (const f of done()) expect(() => ReportSchema.parse(JSON.parse(readFileSync(f, 'utf8')))).not.toThrow();
    for (const f of storeFiles().filter((f) => f.endsWith('.tmp'))) unlinkSync(f); // a write cut short leaves only a temp file

    const rerun = await nianbao(['batch', dir, '--out', out, '--jobs', '1', '--timeout', '2']);
    expect(rerun.code).toBe(1); // the hanging file
    expect(rerun.stderr).toContain(`15 files: ${14 - finished} ok, 0 flagged by checks, 1 failed, ${finished} skipped`);
    const recs = readJsonl(path.join(out, 'records.jsonl')).map((r) => ReportSchema.parse(r));
    expect(recs.map((r) => r.year)).toEqual(years);
    expect(new Set(recs.map((r) => r.source.sha256)).size).toBe(14);
    // Consecutive years of one agency: 13 pairs × (7 carry-over columns + 2 现行有效 checks), all consistent.
    const cross = readJsonl(path.join(out, 'crossyear.jsonl'));
    expect(cross).toHaveLength(13 * 9);
    expect(cross.every((c) => c.passed)).toBe(true);
    expect(rerun.stderr).toContain('cross-year checks: 117, 0 failed');
  });
});
