// Template "2008" records through the commands that read records: batch (CSV), ingest (SQLite),
// review, inspect and compare, each once on the generated samples of samples/legacy.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const run = (args: string[]) =>
  spawnSync(process.execPath, ['bin/nianbao.js', ...args], { encoding: 'utf8', cwd: root });
const work = mkdtempSync(path.join(tmpdir(), 'nianbao-legacy-cli-'));
const s = (name: string) => `samples/legacy/${name}`;
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('commands on reports for 2008–2018', () => {
  it('batch writes them ok (not flagged for lacking the national tables) with legacy.csv', () => {
    const r = run([
      'batch',
      s('legacy-004.txt'),
      s('legacy-005.html'),
      s('legacy-007.pdf'),
      '--out',
      path.join(work, 'b'),
      '--format',
      'csv',
    ]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('3 files: 3 ok, 0 flagged by checks, 0 failed');
    const wide = readFileSync(path.join(work, 'b', 'legacy.csv'), 'utf8')
      .trim()
      .split('\r\n');
    expect(wide).toHaveLength(4);
    expect(wide[0]).toContain('applications.received');
  });

  it('ingest, then review from the database, inspect a page and compare two years', () => {
    const db = path.join(work, 'x.sqlite');
    const i = run(['ingest', '--db', db, s('legacy-004.txt'), s('legacy-005.docx')]);
    expect(i.status).toBe(0);
    expect(i.stderr).toContain('2 ingested (0 flagged by checks)');
    const rv = run(['review', '--db', db, '--out', path.join(work, 'r.html')]);
    expect(rv.status).toBe(0);
    expect(readFileSync(path.join(work, 'r.html'), 'utf8')).toContain('2008');
    const insp = run(['inspect', s('legacy-007.pdf'), '--out', path.join(work, 'insp')]);
    expect(insp.status).toBe(0);
    expect(existsSync(path.join(work, 'insp', 'legacy-007-p1.png'))).toBe(true);
    const c = run(['compare', s('legacy-004.txt'), s('legacy-005.txt'), '--out', path.join(work, 'cmp')]);
    expect(c.status).toBe(0);
    const cmp = JSON.parse(readFileSync(path.join(work, 'cmp', 'compare.json'), 'utf8'));
    expect(JSON.stringify(cmp)).toContain('legacy.applications.received');
  });
});
