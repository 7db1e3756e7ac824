// Awkward inputs around the reports themselves: symbolic links, file names that are not UTF-8,
// duplicate contents, UTF-16 text, leftovers of killed writers, files with no text at all.
import { existsSync, mkdirSync, readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInputs, displayName } from '../src/batch/inputs.js';
import { runBatch } from '../src/batch/run.js';
import { removeStaleTemps } from '../src/output/atomic-write.js';
import { extractReport } from '../src/index.js';
import { blankPdf, nianbao, readJsonl, seedVariant, tmpDir } from './batch-fixtures.js';

/** A name that is not valid UTF-8: 报告 in GBK, as unzip and old Windows shares leave them. */
const GBK_NAME = Buffer.concat([Buffer.from('\xb1\xa8\xb8\xe6-2021', 'latin1'), Buffer.from('.txt')]);

describe('symbolic links, byte names and duplicates in a batch folder', async () => {
  const dir = tmpDir('nianbao-links-');
  const reports = path.join(dir, 'reports');
  const elsewhere = path.join(dir, 'elsewhere');
  mkdirSync(reports);
  mkdirSync(elsewhere);
  writeFileSync(path.join(reports, 'a-2021.txt'), seedVariant({ year: 2021 }));
  writeFileSync(path.join(reports, 'b-copy.txt'), seedVariant({ year: 2021 })); // same bytes as a-2021.txt
  writeFileSync(path.join(elsewhere, 'c-2022.txt'), seedVariant({ year: 2022 }));
  writeFileSync(path.join(elsewhere, 'd-2023.txt'), seedVariant({ year: 2023 }));
  symlinkSync(path.join(elsewhere, 'c-2022.txt'), path.join(reports, 'link-2022.txt')); // a valid report behind a link
  symlinkSync(elsewhere, path.join(reports, 'more')); // a folder behind a link
  symlinkSync(path.join(dir, 'gone.txt'), path.join(reports, 'dangling.txt'));
  symlinkSync(path.join(reports, 'loop2.pdf'), path.join(reports, 'loop1.pdf'));
  symlinkSync(path.join(reports, 'loop1.pdf'), path.join(reports, 'loop2.pdf'));
  symlinkSync(reports, path.join(reports, 'up')); // a folder loop
  writeFileSync(
    Buffer.concat([Buffer.from(reports + '/'), GBK_NAME]),
    seedVariant({ year: 2019 }).replace(/2019/g, '2024'),
  );

  it('lists links once, names bytes as \\xNN, reports loops and dangling links', async () => {
    const { files, problems } = await expandInputs([reports], dir);
    expect(files.map((f) => [f.path.slice(reports.length + 1), f.error?.message ?? (f.rawPath ? 'raw' : '')])).toEqual([
      ['a-2021.txt', ''],
      ['b-copy.txt', ''],
      ['dangling.txt', 'a symbolic link to nothing (its target does not exist)'],
      ['link-2022.txt', ''],
      ['loop1.pdf', 'a loop of symbolic links; not followed'],
      ['loop2.pdf', 'a loop of symbolic links; not followed'],
      ['more/c-2022.txt', ''],
      ['more/d-2023.txt', ''],
      ['\\xb1\\xa8\\xb8\\xe6-2021.txt', 'raw'],
    ]);
    expect(problems).toEqual([
      `${path.join(reports, 'up')}: the same folder as one already searched (a symbolic link loop or a second link); not searched again`,
    ]);
  });

  it('extracts through links and byte names; lists the duplicate and the broken links', async () => {
    const out = path.join(dir, 'out');
    const s = await runBatch({ inputs: ['reports'], cwd: dir, out, jobs: 1 });
    // link-2022.txt and more/c-2022.txt are the same file: one record, one duplicate.
    expect([s.files, s.records, s.failed, s.duplicates]).toEqual([9, 4, 3, 2]);
    const records = readJsonl(path.join(out, 'records.jsonl'));
    expect(records.map((r) => [r.source.path, r.year])).toEqual([
      ['reports/a-2021.txt', 2021],
      ['reports/link-2022.txt', 2022],
      ['reports/more/d-2023.txt', 2023],
      ['reports/\\xb1\\xa8\\xb8\\xe6-2021.txt', 2024],
    ]);
    expect(readJsonl(path.join(out, 'duplicates.jsonl'))).toEqual([
      { path: 'reports/b-copy.txt', sha256: records[0].source.sha256, duplicateOf: 'reports/a-2021.txt' },
      { path: 'reports/more/c-2022.txt', sha256: records[1].source.sha256, duplicateOf: 'reports/link-2022.txt' },
    ]);
    expect(readJsonl(path.join(out, 'errors.jsonl')).map((e) => [e.path, e.code, e.message])).toEqual([
      ['reports/dangling.txt', 'NOT_FOUND', 'a symbolic link to nothing (its target does not exist)'],
      ['reports/loop1.pdf', 'NOT_FOUND', 'a loop of symbolic links; not followed'],
      ['reports/loop2.pdf', 'NOT_FOUND', 'a loop of symbolic links; not followed'],
    ]);
  });

  it('a dangling link named on the command line says so', async () => {
    const r = await nianbao(['extract', path.join(reports, 'dangling.txt')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(
      `nianbao: ${path.join(reports, 'dangling.txt')}: a symbolic link to nothing (its target does not exist)\n`,
    );
  });

  it('displayName keeps valid UTF-8 and escapes the rest', () => {
    expect(displayName(Buffer.from('年报.pdf'))).toBe('年报.pdf');
    expect(displayName(GBK_NAME)).toBe('\\xb1\\xa8\\xb8\\xe6-2021.txt');
    expect(displayName(Buffer.from([0x61, 0xe5, 0xb9, 0xb4, 0xff, 0x62]))).toBe('a年\\xffb');
  });
});

describe('UTF-16 text', () => {
  const text = seedVariant({ year: 2022 });
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const be = Buffer.from(le);
  be.swap16();
  it('is read by its byte-order mark, little and big endian, to the same record as UTF-8', async () => {
    const utf8 = await extractReport(Buffer.from(text), { path: 'x.txt' });
    for (const bytes of [le, be]) {
      const r = await extractReport(bytes, { path: 'x.txt' });
      expect({ ...r, source: { ...r.source, sha256: '' } }).toEqual({
        ...utf8,
        source: { ...utf8.source, sha256: '' },
      });
    }
    expect(utf8.year).toBe(2022);
  });
});

describe('no text at all', () => {
  it('a blank text file is not told to enable OCR', async () => {
    await expect(extractReport(Buffer.from('\n  \n\t\n'), { path: 'blank.txt' })).rejects.toMatchObject({
      code: 'NOT_A_REPORT',
      message: 'the text file contains no text (only blanks)',
    });
  });
  it('a blank PDF with OCR off is told OCR is off; with OCR on, that OCR found nothing', async () => {
    await expect(extractReport(blankPdf(1), { path: 'b.pdf', ocr: false })).rejects.toMatchObject({
      message: 'no text found (a scanned PDF? OCR is off: run without --no-ocr)',
    });
    await expect(extractReport(blankPdf(1), { path: 'b.pdf' })).rejects.toMatchObject({
      message: 'no text found, not even by OCR (blank or unreadable pages)',
    });
  });
});

describe('leftover temp files of killed writers', () => {
  it('are removed at the next start: dead writer pid, or old and without pid; live writers and other files kept', async () => {
    const dir = tmpDir('nianbao-tmp-');
    const names = {
      dead: '.records.jsonl.999999999-0123456789ab.tmp',
      live: `.records.jsonl.${process.pid}-0123456789ab.tmp`,
      oldNoPid: '.errors.jsonl.0123456789ab.tmp',
      newNoPid: '.errors.jsonl.ba9876543210.tmp',
      other: '.notes.txt.tmp',
      otherTarget: '.other.csv.999999999-0123456789ab.tmp',
    };
    for (const n of Object.values(names)) writeFileSync(path.join(dir, n), 'x');
    const old = new Date(Date.now() - 3600_000);
    utimesSync(path.join(dir, names.oldNoPid), old, old);
    expect(await removeStaleTemps(dir, ['records.jsonl', 'errors.jsonl'])).toBe(2);
    const left = Object.entries(names)
      .filter(([, n]) => existsSync(path.join(dir, n)))
      .map(([k]) => k);
    expect(left).toEqual(['live', 'newNoPid', 'other', 'otherTarget']);
  });

  it('a batch removes those of its own outputs', async () => {
    const dir = tmpDir('nianbao-tmp-');
    const out = path.join(dir, 'out');
    mkdirSync(out);
    const stale = path.join(out, '.records.jsonl.999999999-0123456789ab.tmp');
    writeFileSync(stale, 'half a record');
    writeFileSync(path.join(dir, 'r.txt'), seedVariant({ year: 2021 }));
    const s = await runBatch({ inputs: ['r.txt'], cwd: dir, out, jobs: 1 });
    expect(s.records).toBe(1);
    expect(existsSync(stale)).toBe(false);
    expect(readFileSync(path.join(out, 'records.jsonl'), 'utf8').split('\n')).toHaveLength(2);
  });
});
