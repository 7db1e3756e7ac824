// A table read too partially to fit the schema (as OCR of a bad scan can leave it) gives a record
// with that table empty and a warning naming it — never a schema error (exit 70).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';

describe('partial records', () => {
  it('drops a table 三 whose result rows were all lost, with a warning naming applications', async () => {
    const text = readFileSync(path.resolve(__dirname, '../samples/bureau-2021-split-layout.txt'), 'utf8').split('\n');
    // Every （一）…（七） row of table 三 gone; 一、二、四、 rows stay.
    const start = text.findIndex((l) => l.includes('（一）予以公开'));
    const end = text.findIndex((l) => l.includes('（七）总计'));
    expect(start).toBeGreaterThan(0);
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-partial-')), 'report.txt');
    writeFileSync(file, [...text.slice(0, start), ...text.slice(end + 1)].join('\n'));
    const record = await extractReport(file);
    expect(record.applications).toBeNull();
    expect(record.warnings.filter((w) => w.code === 'table-incomplete').map((w) => w.path)).toEqual(['applications']);
    // The other tables are untouched.
    expect(record.reviewLitigation?.review?.total).toBe(
      JSON.parse(readFileSync(path.resolve(__dirname, '../samples/bureau-2021-split-layout.expected.json'), 'utf8'))
        .reviewLitigation.review.total,
    );
  });
});
