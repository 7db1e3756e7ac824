// The title warnings of a record read by OCR (src/pipeline/build-record.ts): always one per path,
// saying so when the title's words were read with low confidence or by disagreeing engines.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../extractors/plain-text.js';
import type { SourceDocument } from '../extractors/types.js';
import { buildRecord } from '../src/pipeline/extract.js';

const text = readFileSync(path.resolve(__dirname, '../samples/seed-2021-flattened.txt'), 'utf8');

/** The sample as if OCR had read it: every run at `confidence`, the title's at `title`. */
function ocrDoc(confidence: number, title: number, body = text): SourceDocument {
  const doc = readPlainText(body);
  const pages = doc.pages.map((p) => ({
    ...p,
    source: 'ocr' as const,
    runs: p.runs.map((r, k) => ({ ...r, confidence: p.page === 1 && k === 0 ? title : confidence })),
  }));
  return { ...doc, kind: 'pdf', pages, ocrPages: doc.pages.map((p) => p.page) };
}

describe('title warnings of an OCR read', () => {
  it('names title and agency; says when the title was read with low confidence (engines disagreeing)', () => {
    const sure = buildRecord(ocrDoc(95, 95), { file: null, sha256: '0' });
    expect(sure.warnings.filter((w) => w.code === 'ocr-text').map((w) => [w.path, w.message])).toEqual([
      ['title', 'title was read by OCR from page 1; check the characters'],
      ['agency', 'agency was read by OCR from page 1; check the characters'],
    ]);
    const split = buildRecord(ocrDoc(95, 50), { file: null, sha256: '0' });
    expect(split.warnings.filter((w) => w.code === 'ocr-text').map((w) => w.message)).toEqual([
      'title was read by OCR from page 1; some characters were read with low confidence, or differently by the two OCR engines (confidence 50); check the characters',
      'agency was read by OCR from page 1; some characters were read with low confidence, or differently by the two OCR engines (confidence 50); check the characters',
    ]);
  });

  it('names the agency too when no title was found: it came from the sign-off, read by OCR, unconfirmed', () => {
    // The title lost (a photocopy's), the agency signed off at the end above the date.
    const untitled = `${text.slice(text.indexOf('一、总体情况'))}\n经开区公安分局\n2022年1月20日\n`;
    const r = buildRecord(ocrDoc(95, 95, untitled), { file: null, sha256: '0' });
    expect(r.title).toBeNull();
    expect(r.agency).not.toBeNull();
    expect(
      r.warnings.filter((w) => w.code === 'title-not-found' || w.code === 'ocr-text').map((w) => [w.code, w.path]),
    ).toEqual([
      ['title-not-found', 'title'],
      ['ocr-text', 'agency'],
    ]);
  });
});
