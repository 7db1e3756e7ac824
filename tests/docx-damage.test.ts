// A damaged .docx is a damaged Word document naming what is damaged (exit 13), not "unsupported format".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';
import { SAMPLES } from './batch-fixtures.js';

const DOCX = readFileSync(path.join(SAMPLES, 'formats/city-2021-ruled.docx'));

describe('a damaged .docx', () => {
  it('whose word/document.xml entry lost its name is a damaged Word document naming the entry', async () => {
    const files = unzipSync(DOCX);
    files['word/docum%nt.xml'] = files['word/document.xml'];
    delete files['word/document.xml'];
    await expect(extractReport(zipSync(files), { path: 'x.docx' })).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      message: expect.stringMatching(
        /^a damaged Word document \(no word\/document\.xml entry, only word\/docum%nt\.xml/,
      ),
    });
  });

  it('whose word/document.xml cannot be inflated names that entry', async () => {
    const b = Buffer.from(zipSync({ ...unzipSync(DOCX) }, { level: 6 }));
    // The entry's compressed data starts after its local header (30 bytes + name + extra field).
    const at = b.indexOf('word/document.xml');
    const start = at + 'word/document.xml'.length + b.readUInt16LE(at - 2);
    for (let i = 0; i < 64; i++) b[start + 100 + i] ^= 0xa5;
    await expect(extractReport(b, { path: 'x.docx' })).rejects.toMatchObject({
      code: 'CORRUPT_FILE',
      message: expect.stringMatching(/^a damaged Word document \(its entry word\/document\.xml cannot be unpacked: /),
    });
  });
});
