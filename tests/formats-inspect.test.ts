// inspect on a web page or Word file: a cell map instead of page images.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');

describe('inspect on markup', () => {
  it('writes <name>-cells.tsv naming table, row, column and element of every value', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'nianbao-inspect-'));
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'bin/nianbao.js'), 'inspect', 'samples/formats/city-2021-ruled.cms.html', '--out', out],
      { cwd: root, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    const file = path.join(out, 'city-2021-ruled.cms-cells.tsv');
    expect(r.stdout).toBe(file + '\n');
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('path\ttable\trow\tcolumn\tselector\ttext');
    const row = lines.find((l) => l.startsWith('applications.newReceived.total\t'));
    expect(row).toBe(
      'applications.newReceived.total\t1\t3\t9\tdiv#zoom>div>table:nth-of-type(2)>tbody>tr:nth-of-type(1)>td:nth-of-type(8)\t461',
    );
  });
});
