// Every sample with an expected record must come out exactly: every field, and exactly its failed checks.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';

const dir = path.resolve(__dirname, '../samples');
const expectedFiles = readdirSync(dir).filter((f) => f.endsWith('.expected.json'));

describe('samples (text layer and plain text)', () => {
  it('has samples of both templates, PDF and text', () => {
    const all = expectedFiles.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Expected);
    expect(new Set(all.map((e) => e.template))).toEqual(new Set(['2019', '2021']));
    expect(all.some((e) => e.file.endsWith('.pdf'))).toBe(true);
    expect(all.some((e) => e.file.endsWith('.txt'))).toBe(true);
    expect(all.some((e) => (e.failedChecks ?? []).length > 0)).toBe(true);
  });

  for (const f of expectedFiles) {
    it(f.replace('.expected.json', ''), async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Expected;
      const record = await extractReport(path.join(dir, expected.file), { ocr: false });
      const cmp = compareRecord(record, expected);
      expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
      expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
      expect(cmp.fields.length).toBeGreaterThan(150);
      // The six headings, found under their printed variants (compared without spacing).
      const sections = (expected as Expected & { sections?: Array<{ key: string; heading: string }> }).sections;
      if (sections) {
        const squash = (h: string) => h.replace(/\s+/g, '');
        expect(record.sections.map((s) => [s.key, squash(s.heading)])).toEqual(
          sections.map((s) => [s.key, squash(s.heading)]),
        );
      }
      // Every number in the record has its provenance.
      for (const x of cmp.fields.filter((x) => typeof x.actual === 'number' && x.path.includes('.'))) {
        expect(record.provenance[x.path], x.path).toBeDefined();
      }
    });
  }
});

describe('the inconsistent sample', () => {
  it('still yields its record, with exactly the failed checks and their cells', async () => {
    const r = await extractReport(path.join(dir, 'town-2021-inconsistent.pdf'));
    const failed = r.checks.filter((c) => !c.passed);
    expect(failed.map((c) => c.id).sort()).toEqual(
      JSON.parse(readFileSync(path.join(dir, 'town-2021-inconsistent.expected.json'), 'utf8')).failedChecks,
    );
    for (const c of failed) {
      expect(c.paths.length).toBeGreaterThan(1);
      expect(c.expected).not.toBe(c.actual);
    }
  });
});
