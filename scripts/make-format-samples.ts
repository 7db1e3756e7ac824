// Generates samples/formats/: the same reports as some PDF samples, in the other forms agencies
// publish them in — a CMS web page (UTF-8, and GBK), DOCX (the `docx` package), DOC/ODT/RTF
// (LibreOffice from that DOCX), a multi-page CCITT G4 TIFF scan and a PNG of table 三 (ImageMagick
// from the PDF) — each with the PDF sample's expected record.
//   npm run build && node dist/scripts/make-format-samples.js [--only scans]
// Needs, on the generating machine only: iconv, soffice (LibreOffice), pdftoppm, ImageMagick (convert).
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSample } from './make-samples.js';
import { cmsPage, reportBody } from './samples/cms.js';
import { renderDocx } from './samples/docx.js';
import { toJson, type Expected } from './samples/expected.js';
import { SAMPLES } from './samples/specs.js';
import { pdfText, pdfWords } from './samples/tools.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'samples', 'formats');

function spec(name: string) {
  const s = SAMPLES.find((x) => x.name === name);
  if (!s) throw new Error(`no sample ${name}`);
  return s;
}

/** `<file>.expected.json` (the file's extension kept: one report comes in several formats here). */
function writeExpected(expected: Expected, file: string): void {
  writeFileSync(path.join(OUT, `${file}.expected.json`), toJson({ ...expected, file }));
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
  const bytes =
    charset === 'utf-8' ? Buffer.from(page) : execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: page });
  writeFileSync(path.join(OUT, file), bytes);
  writeExpected(expected, file);
  console.log(`${file}: ${bytes.length} bytes (${charset})`);
}

/** DOCX from the `docx` package; then LibreOffice saves it as .doc, .odt and .rtf (the formats it came from elsewhere). */
async function wordSamples(name: string, others: Array<'doc' | 'odt' | 'rtf'>): Promise<void> {
  const { doc, expected } = buildSample(spec(name));
  const file = `${name}.docx`;
  writeFileSync(path.join(OUT, file), await renderDocx(doc));
  writeExpected(expected, file);
  console.log(`${file}: docx package`);
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-formats-'));
  try {
    for (const ext of others) {
      const filter = { doc: 'doc:MS Word 97', odt: 'odt', rtf: 'rtf' }[ext];
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${work}/profile`,
          '--headless',
          '--norestore',
          '--convert-to',
          filter,
          '--outdir',
          work,
          path.join(OUT, file),
        ],
        { stdio: 'ignore', timeout: 180_000 },
      );
      const out = `${name}.${ext}`;
      copyFileSync(path.join(work, out), path.join(OUT, out));
      writeExpected(expected, out);
      console.log(`${out}: LibreOffice from ${file}`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Scans made from the rendered PDF: every page at 300 dpi, thresholded to black and white and stored
 * as one multi-page CCITT Group 4 TIFF (how document scanners and fax archives keep them); and page
 * 3's table 三 alone as a grey PNG (a photo/screenshot of one table).
 */
function scanSamples(name: string): void {
  const { expected } = buildSample(spec(name));
  const pdf = path.join(ROOT, 'samples', `${name}.pdf`);
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-scan-'));
  try {
    execFileSync('pdftoppm', ['-r', '300', '-gray', pdf, path.join(work, 'p')]);
    const pages = readdirSync(work)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => path.join(work, f));
    const tif = `${name}.g4.tif`;
    execFileSync('convert', [
      ...pages,
      '-threshold',
      '55%',
      '-type',
      'bilevel',
      '-compress',
      'Group4',
      '-units',
      'PixelsPerInch',
      '-density',
      '300',
      path.join(OUT, tif),
    ]);
    writeExpected(expected, tif);
    console.log(`${tif}: ${pages.length} pages, G4`);
    // Table 三's page, cropped from its heading to just below 四、结转下年度继续办理.
    const page = pages.findIndex((_, i) => pdfText(pdf, i + 1).includes('四、结转下年度'));
    const words = pdfWords(pdf, page + 1);
    const top = words.find((w) => w.text.startsWith('三、收到和处理'))?.y;
    const last = words.find((w) => w.text.startsWith('四、结转下年度'))?.y;
    if (top === undefined || last === undefined) throw new Error(`${name}: table 三 not found on page ${page + 1}`);
    const px = (pt: number) => Math.round((pt / 72) * 300);
    const png = `${name}.table3.png`;
    const crop = `${px(595.28 - 2 * 60)}x${px(last - top + 40)}+${px(60)}+${px(top - 8)}`;
    execFileSync('convert', [
      pages[page],
      '-crop',
      crop,
      '+repage',
      '-units',
      'PixelsPerInch',
      '-density',
      '300',
      '-define',
      'png:exclude-chunks=date,time',
      path.join(OUT, png),
    ]);
    const {
      title: _t,
      agency: _a,
      year: _y,
      template: _tp,
      activeDisclosure: _ad,
      reviewLitigation: _rl,
      sections: _s,
      ...tableOnly
    } = expected;
    // Only table 三: title, agency, year, template (told apart by table 二) and tables 二/四 are absent and warned.
    void _tp;
    writeFileSync(path.join(OUT, `${png}.expected.json`), toJson({ ...tableOnly, file: png } as Expected));
    console.log(`${png}: table 三 of page ${page + 1} (${crop})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  // `--only scans`: just the TIFF and PNG (the Word files carry creation times, so rewriting them churns).
  if (process.argv.includes('--only') && process.argv.includes('scans')) return scanSamples('city-2021-ruled');
  htmlSample('city-2021-ruled', 'utf-8', 'city-2021-ruled.cms.html');
  htmlSample('bureau-2021-split', 'gb2312', 'bureau-2021-split.cms-gbk.html');
  await wordSamples('city-2021-ruled', ['doc', 'odt', 'rtf']);
  await wordSamples('district-2019', []);
  scanSamples('city-2021-ruled');
}

await main();
