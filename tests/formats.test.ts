// Every sample of samples/formats (the PDF samples' reports as web pages, Word/ODF/RTF files and
// scans) must give its PDF twin's expected record exactly.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';

const dir = path.resolve(__dirname, '../samples/formats');
const expectedFiles = readdirSync(dir).filter((f) => f.endsWith('.expected.json'));
const NEEDS_SOFFICE = /\.(doc|odt|rtf|wps)$/;
const IMAGE = /\.(png|jpe?g|tiff?|bmp|webp)$/;

function hasSoffice(): boolean {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}
const soffice = hasSoffice();

describe('samples/formats (same reports, other formats)', () => {
  for (const f of expectedFiles) {
    const expected = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Expected;
    // Scans go through OCR: measured by `npm run eval` and tests/formats-ocr.test.ts, not here.
    if (IMAGE.test(expected.file)) continue;
    const skip = NEEDS_SOFFICE.test(expected.file) && !soffice;
    if (skip) console.warn(`skipping ${expected.file}: LibreOffice (soffice) is not installed`);
    it.skipIf(skip)(
      expected.file,
      async () => {
        const record = await extractReport(path.join(dir, expected.file), { ocr: false });
        const cmp = compareRecord(record, expected);
        expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
        expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
        expect(cmp.fields.length).toBeGreaterThan(150);
        for (const x of cmp.fields.filter((x) => typeof x.actual === 'number' && x.path.includes('.'))) {
          const prov = record.provenance[x.path];
          expect(prov, x.path).toBeDefined();
          // Provenance names the cell: table and row always, and the column (HTML) or cell (DOCX).
          expect(prov.table, x.path).toBeTypeOf('number');
          expect(prov.row, x.path).toBeTypeOf('number');
          expect(prov.col ?? prov.cell, x.path).toBeTypeOf('number');
        }
      },
      60_000,
    );
  }
});
