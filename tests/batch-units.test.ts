// The batch's parts on their own: inputs, globs, output layout, progress, the store, atomic files, the pool.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile } from '../src/batch/atomic-stream.js';
import { globToRegExp } from '../src/batch/glob.js';
import { expandInputs } from '../src/batch/inputs.js';
import { outputLayout } from '../src/batch/layout.js';
import { createProgress, fmtDuration } from '../src/batch/progress.js';
import { ResultStore } from '../src/batch/store.js';
import { extractReport, NianbaoError } from '../src/index.js';
import { ExtractionPool, extractIsolated } from '../src/isolation/index.js';
import { blankPdf, hangingPdf, memoryHogPdf, SEED, tmpDir } from './batch-fixtures.js';
import { buildPdf, CATALOG, FONT, ONE_PAGE_TREE, PAGE, stream, zeroBomb } from '../scripts/hostile/pdf.js';

describe('input expansion', () => {
  const root = tmpDir();
  for (const f of [
    'a/2021.pdf',
    'a/2022.PDF',
    'a/notes.docx',
    'a/b/2020.txt',
    'a/.cache/x.pdf',
    'c/1.pdf',
    'c/2.txt',
  ]) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), f);
  }
  writeFileSync(path.join(root, 'list.txt'), '# reports to do\nc/1.pdf\n\n  a/2021.pdf  \nmissing.pdf\n');

  it('directories: recursive, every file whatever its name (the bytes decide), hidden folders skipped, sorted', async () => {
    const { files, problems } = await expandInputs(['a'], root);
    expect(files.map((f) => f.path)).toEqual(['a/2021.pdf', 'a/2022.PDF', 'a/b/2020.txt', 'a/notes.docx']);
    expect(problems).toEqual([]);
  });

  it("directories: the run's own outputs inside an input folder are left out", async () => {
    const { files } = await expandInputs(['a'], root, [path.join(root, 'a/notes.docx')]);
    expect(files.map((f) => f.path)).toEqual(['a/2021.pdf', 'a/2022.PDF', 'a/b/2020.txt']);
  });

  it('globs, @lists, duplicates dropped, and arguments that name nothing', async () => {
    const { files, problems } = await expandInputs(
      ['c/*.pdf', '@list.txt', 'a/**/*.txt', 'a/2021.pdf', 'nope/*.pdf'],
      root,
    );
    expect(files.map((f) => f.path)).toEqual(['c/1.pdf', 'a/2021.pdf', 'missing.pdf', 'a/b/2020.txt']);
    expect(problems).toEqual(['nope/*.pdf: the pattern matches no files']);
    expect(files[0].abs).toBe(path.join(root, 'c/1.pdf'));
  });

  it('glob syntax', () => {
    expect(globToRegExp('**/*.pdf').test('x/y/z.pdf')).toBe(true);
    expect(globToRegExp('**/*.pdf').test('z.pdf')).toBe(true);
    expect(globToRegExp('*.pdf').test('x/z.pdf')).toBe(false);
    expect(globToRegExp('20[12]?/*.{pdf,txt}').test('2021/a.txt')).toBe(true);
    expect(globToRegExp('20[12]?/*.{pdf,txt}').test('2031/a.txt')).toBe(false);
    expect(globToRegExp('a+b(1).pdf').test('a+b(1).pdf')).toBe(true);
    // picomatch: an escaped \\* is a star in the name; a**b does not cross folders.
    expect(globToRegExp('a\\*b.pdf').test('a*b.pdf')).toBe(true);
    expect(globToRegExp('a\\*b.pdf').test('axb.pdf')).toBe(false);
    expect(globToRegExp('a**b').test('ax/yb')).toBe(false);
    expect(globToRegExp('a**b').test('axyb')).toBe(true);
    expect(globToRegExp('报告(*).pdf').test('报告(2021).pdf')).toBe(true);
    expect(globToRegExp('报告(*).pdf').test('报告2021.pdf')).toBe(false);
  });
});

describe('output layout', () => {
  it('a directory gets fixed names; a file gets siblings; the store sits beside', () => {
    expect(outputLayout('out/', 'csv')).toMatchObject({
      records: 'out/values.csv',
      errors: 'out/errors.csv',
      crossYear: 'out/crossyear.csv',
      store: 'out/.nianbao-cache',
      wide: { applications: 'out/applications.csv', 'activeDisclosure-2019': 'out/activeDisclosure-2019.csv' },
    });
    expect(outputLayout('res/all.jsonl')).toMatchObject({
      format: 'jsonl',
      records: 'res/all.jsonl',
      errors: 'res/all.errors.jsonl',
      crossYear: 'res/all.crossyear.jsonl',
      store: 'res/.nianbao-cache',
    });
    expect(outputLayout('res/all.csv')).toMatchObject({
      format: 'csv',
      wide: { reviewLitigation: 'res/all.reviewLitigation.csv' },
    });
    expect(outputLayout('res', 'json', '/s')).toMatchObject({ records: 'res/records.json', store: '/s' });
  });
});

describe('progress', () => {
  const sink = () => {
    const out: string[] = [];
    return { out, stream: { write: (s: string) => out.push(s), columns: 100 } };
  };
  it('plain lines when not a terminal', () => {
    const { out, stream } = sink();
    const p = createProgress(stream, { tty: false });
    p.start(2);
    p.file('a.pdf', 'ok');
    p.file('b.pdf', 'failed', 'TIMEOUT: too slow');
    p.end();
    expect(out.join('')).toBe('nianbao batch: 2 files\n[1/2] ok a.pdf\n[2/2] FAILED b.pdf: TIMEOUT: too slow\n');
  });
  it('a redrawn bar with rate, ETA and failures on a terminal', () => {
    const { out, stream } = sink();
    let t = 0;
    const p = createProgress(stream, { tty: true, now: () => t });
    p.start(4);
    t = 2000;
    p.file('a.pdf', 'ok');
    t = 4000;
    p.file('b.pdf', 'failed', 'CORRUPT_PDF: bad');
    p.end();
    const text = out.join('');
    expect(text).toContain('\r\x1b[2KFAILED b.pdf: CORRUPT_PDF: bad\n');
    // 2 files in 4 s = 0.5/s, 2 left → 0:04.
    expect(text).toContain('] 2/4  0.5 files/s  ETA 0:04  failed 1');
    expect(text.endsWith('\n')).toBe(true);
    expect(fmtDuration(3725)).toBe('1:02:05');
  });
});

describe('result store', async () => {
  const report = await extractReport(readFileSync(SEED), { path: 'seed.txt' });
  const sha = report.source.sha256;

  it('keeps a record per content and version, and a failure until a record replaces it', async () => {
    const dir = tmpDir();
    const s = await ResultStore.open(dir, '0.1.0');
    expect(await s.get(sha)).toBeNull();
    await s.putFailure(sha, {
      path: 'seed.txt',
      sha256: sha,
      extractorVersion: '0.1.0',
      code: 'TIMEOUT',
      message: 'slow',
      attempts: 1,
      failedAt: 'x',
    });
    expect((await s.get(sha))?.kind).toBe('failure');
    await s.putReport(sha, report);
    expect(await s.get(sha)).toEqual({ kind: 'report', report });
    expect(readdirSync(path.join(dir, '0.1.0'))).toEqual([`${sha}.json`]);
    // Another extractor version does not see it.
    expect(await (await ResultStore.open(dir, '0.2.0')).get(sha)).toBeNull();
  });

  it('ignores a file that is not a valid record', async () => {
    const dir = tmpDir();
    const s = await ResultStore.open(dir, 'v');
    writeFileSync(path.join(s.dir, `${sha}.json`), '{"schemaVersion":1,"source":');
    expect(await s.get(sha)).toBeNull();
  });
});

describe('atomic output files', () => {
  it('the target keeps its old content until commit; abort leaves no trace', async () => {
    const dir = tmpDir();
    const target = path.join(dir, 'records.jsonl');
    writeFileSync(target, 'old\n');
    const f = await AtomicFile.create(target);
    await f.write('new 1\n');
    expect(readFileSync(target, 'utf8')).toBe('old\n');
    await f.commit();
    expect(readFileSync(target, 'utf8')).toBe('new 1\n');
    const g = await AtomicFile.create(target);
    await g.write('x'.repeat(2 << 20)); // flushed to the temp file
    expect(readFileSync(target, 'utf8')).toBe('new 1\n');
    await g.abort();
    expect(readdirSync(dir)).toEqual(['records.jsonl']);
  });
});

describe('isolated extraction', () => {
  it('returns the record extracted in a worker', async () => {
    const r = await extractIsolated(SEED);
    expect(r.agency).toBe('经开区公安分局');
    expect(r.source.path).toBe(SEED);
  });

  it('turns parser errors into NianbaoErrors with their code', async () => {
    const dir = tmpDir();
    writeFileSync(path.join(dir, 'empty.pdf'), '');
    const e = await extractIsolated(path.join(dir, 'empty.pdf')).catch((x) => x);
    expect(e).toBeInstanceOf(NianbaoError);
    expect([e.code, e.exitCode, e.message]).toEqual(['EMPTY_FILE', 4, 'the file is empty (0 bytes)']);
  });

  it('kills a worker stuck in a page and goes on with a fresh one', async () => {
    const dir = tmpDir();
    const hang = path.join(dir, 'hangs.pdf');
    writeFileSync(hang, hangingPdf());
    const pool = new ExtractionPool(1, { timeoutMs: 3000 });
    try {
      const t0 = Date.now();
      const e = await pool.extract(hang).catch((x) => x);
      expect([e.code, e.file, e.message]).toEqual(['TIMEOUT', hang, 'extraction took longer than 3 s and was stopped']);
      expect(Date.now() - t0).toBeLessThan(30_000);
      expect((await pool.extract(SEED)).year).toBe(2021);
    } finally {
      await pool.close();
    }
    expect(existsSync(hang)).toBe(true);
  });

  it('children are kept across files, and replaced between files once they grew past recycleMb', async () => {
    const kept = new ExtractionPool(1);
    const worn = new ExtractionPool(1, { recycleMb: 1 });
    try {
      for (const pool of [kept, worn]) {
        for (let k = 0; k < 3; k++) expect((await pool.extract(SEED)).year).toBe(2021);
      }
      expect([kept.childrenStarted, worn.childrenStarted]).toEqual([1, 3]);
    } finally {
      await Promise.all([kept.close(), worn.close()]);
    }
  });

  it('a file whose real memory passes the cap fails alone (exit 12); the pool goes on', async () => {
    const dir = tmpDir();
    // A content stream that inflates to 2 GB: ArrayBuffers, outside any V8 heap limit.
    const bomb = path.join(dir, 'bomb.pdf');
    writeFileSync(
      bomb,
      buildPdf([CATALOG, ONE_PAGE_TREE, PAGE(), stream('/Filter /FlateDecode', zeroBomb(2 * 1024 ** 3)), FONT]),
    );
    const hog = path.join(dir, 'hog.pdf');
    writeFileSync(hog, memoryHogPdf());
    const pool = new ExtractionPool(1, { timeoutMs: 120_000, memoryMb: 256 });
    try {
      for (const f of [bomb, hog]) {
        const e = await pool.extract(f).catch((x) => x);
        expect([e.code, e.exitCode, e.file, e.message]).toEqual([
          'OUT_OF_MEMORY',
          12,
          f,
          'needed more than the 256 MB memory limit and was stopped (--memory)',
        ]);
      }
      // Polled every 25 ms: the child is killed soon after it passes the cap (the peak is rounded to
      // the MB, so a kill just past it reads as 256).
      expect(pool.peakRssMb).toBeGreaterThanOrEqual(256);
      expect(pool.peakRssMb).toBeLessThan(256 + 200);
      expect((await pool.extract(SEED)).year).toBe(2021);
    } finally {
      await pool.close();
    }
  });

  it('refuses PDFs over the page cap', async () => {
    const dir = tmpDir();
    const f = path.join(dir, 'three-pages.pdf');
    writeFileSync(f, blankPdf(3));
    const e = await extractIsolated(f, { maxPages: 2 }).catch((x) => x);
    expect([e.code, e.message]).toEqual(['TOO_LARGE', 'the PDF has 3 pages, more than the limit of 2']);
  });
});
