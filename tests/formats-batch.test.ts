// A folder of mixed formats through `batch`: one record per readable file, one error line per
// unreadable one — a file of an unknown type is an error, never skipped.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nianbao, readJsonl, SAMPLES, tmpDir } from './batch-fixtures.js';

describe('batch over a folder of mixed formats', () => {
  it('gives a record per report and an error line per other file', async () => {
    const dir = tmpDir();
    const formats = path.join(SAMPLES, 'formats');
    const good = ['city-2021-ruled.cms.html', 'bureau-2021-split.cms-gbk.html'];
    for (const f of good) copyFileSync(path.join(formats, f), path.join(dir, f));
    copyFileSync(path.join(SAMPLES, 'district-2019.pdf'), path.join(dir, 'district-2019.pdf'));
    // A saved page with no extension, and files nianbao cannot read.
    copyFileSync(path.join(formats, 'city-2021-ruled.cms.html'), path.join(dir, 'article_2023_0120'));
    writeFileSync(path.join(dir, 'archive.bin'), Buffer.from([0x13, 0x37, 0, 1, 2, 3, 4, 5]));
    writeFileSync(path.join(dir, 'notice.htm'), '<!doctype html><html><body><p>停水通知</p></body></html>');
    const out = path.join(tmpDir(), 'out');
    const run = await nianbao(['batch', dir, '--out', out, '--jobs', '1', '-q']);
    expect(run.code).toBe(1);
    const records = readJsonl(path.join(out, 'records.jsonl'));
    expect(records.map((r) => [path.basename(r.source.path), r.source.format]).sort()).toEqual([
      ['article_2023_0120', 'html'],
      ['bureau-2021-split.cms-gbk.html', 'html'],
      ['district-2019.pdf', 'pdf'],
    ]);
    const errors = readJsonl(path.join(out, 'errors.jsonl'));
    expect(Object.fromEntries(errors.map((e) => [path.basename(e.path), e.code]))).toEqual({
      'archive.bin': 'UNSUPPORTED_FORMAT',
      'notice.htm': 'NOT_A_REPORT',
    });
  }, 120_000);
});
