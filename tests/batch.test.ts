// End-to-end batch runs through the real CLI (node bin/nianbao.js, built by pretest).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport, ReportSchema, type Report } from '../src/index.js';
import {
  expectedOf,
  GOOD_SAMPLES,
  hangingPdf,
  nianbao,
  parseCsv,
  readJsonl,
  sampleDir,
  SAMPLES,
  tmpDir,
  type Run,
} from './batch-fixtures.js';

const BAD = {
  'encrypted.pdf': 'ENCRYPTED_PDF',
  'truncated.pdf': 'CORRUPT_PDF',
  'empty.pdf': 'EMPTY_FILE',
  'garbage.pdf': 'CORRUPT_PDF',
};

describe('nianbao batch over samples and bad files', () => {
  const dir = sampleDir(GOOD_SAMPLES, Object.keys(BAD));
  writeFileSync(path.join(dir, 'hangs.pdf'), hangingPdf());
  const out = path.join(tmpDir(), 'out');
  const args = [dir, '--out', out, '--jobs', '2', '--timeout', '15', '--max-attempts', '1'];
  let first: Run;
  let records: Report[];

  it("finishes, writes every good record and each bad file's error", async () => {
    first = await nianbao(['batch', ...args]);
    expect(first.code).toBe(1); // some files failed
    records = readJsonl(path.join(out, 'records.jsonl')).map((r) => ReportSchema.parse(r));
    expect(records.map((r) => path.basename(r.source.path!)).sort()).toEqual([...GOOD_SAMPLES].sort());
    for (const r of records) {
      const e = expectedOf(path.basename(r.source.path!));
      expect([r.agency, r.year, r.template]).toEqual([e.agency, e.year, e.template]);
    }
    const errors = readJsonl(path.join(out, 'errors.jsonl'));
    // The n³ form-XObject bomb ends by whichever limit it reaches first: the time limit, or the
    // memory cap of its child process (PDFium keeps every drawn glyph; on an idle machine it fills
    // the cap within the 15 s). Either is a one-line error for that file alone.
    const hang = errors.find((e) => e.path.endsWith('hangs.pdf'));
    expect(['TIMEOUT', 'OUT_OF_MEMORY']).toContain(hang.code);
    expect(Object.fromEntries(errors.map((e) => [path.basename(e.path), e.code]))).toEqual({
      ...BAD,
      'hangs.pdf': hang.code,
    });
    if (hang.code === 'TIMEOUT') expect(hang.message).toBe('extraction took longer than 15 s and was stopped');
    expect(hang.attempts).toBe(1);
    expect(hang.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.stderr).toContain('12 files: 6 ok, 1 flagged by checks, 5 failed, 0 skipped');
    expect(first.stderr).toMatch(/\[\d+\/12\] FAILED .*hangs\.pdf: (TIMEOUT|OUT_OF_MEMORY)/);
  });

  it('a record from the worker is the record extracted in-process', async () => {
    for (const name of ['city-2021-ruled.pdf', 'seed-2021-flattened.txt']) {
      const fromBatch = records.find((r) => r.source.path!.endsWith(name))!;
      const direct = await extractReport(readFileSync(path.join(SAMPLES, name)), { path: fromBatch.source.path! });
      expect(fromBatch).toEqual(direct);
    }
  });

  it('a rerun does no work twice and rewrites identical outputs', async () => {
    const before = readFileSync(path.join(out, 'records.jsonl'));
    const again = await nianbao(['batch', ...args]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('12 files: 0 ok, 0 flagged by checks, 5 failed, 7 skipped');
    expect(again.stderr).toContain('5 failed files were not retried (too many attempts; --force retries)');
    expect(readFileSync(path.join(out, 'records.jsonl'))).toEqual(before);
    const codes = readJsonl(path.join(out, 'errors.jsonl'))
      .map((e) => e.code)
      .sort();
    expect(codes.filter((c) => c !== 'TIMEOUT' && c !== 'OUT_OF_MEMORY')).toEqual([
      'CORRUPT_PDF',
      'CORRUPT_PDF',
      'EMPTY_FILE',
      'ENCRYPTED_PDF',
    ]);
    expect(codes).toHaveLength(5);
  });

  it('writes CSV from the same store without extracting again', async () => {
    const csvOut = path.join(tmpDir(), 'csv');
    const bad = Object.keys(BAD).map((f) => path.join(dir, f));
    const run = await nianbao([
      'batch',
      ...GOOD_SAMPLES.map((f) => path.join(dir, f)),
      ...bad,
      '--out',
      csvOut,
      '--format',
      'csv',
      '--store',
      path.join(out, '.nianbao-cache'),
      '--max-attempts',
      '1',
    ]);
    expect(run.stderr).toContain('11 files: 0 ok, 0 flagged by checks, 4 failed, 7 skipped');
    expect(readdirSync(csvOut).sort()).toEqual([
      'activeDisclosure-2019.csv',
      'activeDisclosure-2021.csv',
      'applications.csv',
      'crossyear.csv',
      'duplicates.csv',
      'errors.csv',
      'legacy.csv',
      'reviewLitigation.csv',
      'values.csv',
    ]);
    const values = readFileSync(path.join(csvOut, 'values.csv'), 'utf8');
    expect(values.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(values.slice(1));
    const seed = records.find((r) => r.source.path!.endsWith('seed-2021-flattened.txt'))!;
    expect(rows.filter((r) => r[1] === seed.source.sha256)).toHaveLength(200);
    expect(
      rows
        .find((r) => r[1] === seed.source.sha256 && r[8] === 'activeDisclosure.administrativeLicensing.decisions')!
        .slice(2, 10),
    ).toEqual([
      '经开区公安分局',
      '2021',
      '2021',
      'activeDisclosure',
      'administrativeLicensing',
      'decisions',
      'activeDisclosure.administrativeLicensing.decisions',
      '3053',
    ]);
    const apps = parseCsv(readFileSync(path.join(csvOut, 'applications.csv'), 'utf8').slice(1));
    expect(apps).toHaveLength(1 + 7);
    const errors = parseCsv(readFileSync(path.join(csvOut, 'errors.csv'), 'utf8').slice(1));
    expect(errors[0]).toEqual(['file', 'sha256', 'code', 'message', 'attempts', 'failedAt', 'extractorVersion']);
    expect(
      errors
        .slice(1)
        .map((e) => [path.basename(e[0]), e[2]])
        .sort(),
    ).toEqual(Object.entries(BAD).sort());
  });
});
