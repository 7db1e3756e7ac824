// Generates the sample corpus under samples/: realistic 年报 laid out by headless Chromium, each with
// its expected record; text samples; and bad inputs. Numbers come from a seeded PRNG, so a rerun
// reproduces them. Needs chromium, poppler-utils and qpdf on the machine (tests only read the output).
//   npm run build && node dist/scripts/make-samples.js [--only <name>]
// Debug aids: KEEP_HTML=1 writes /tmp/<name>.html; NO_VERIFY=1 reports layout problems instead of failing.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { makeBadInputs } from './samples/bad.js';
import { drawNumbers, expectedRecord, overviewFacts } from './samples/draw.js';
import { toJson, type Expected } from './samples/expected.js';
import { renderHtml, type Document } from './samples/html.js';
import type { ReportNumbers } from './samples/numbers.js';
import { seededRng, seedFromName } from './samples/prng.js';
import { otherMatterParagraphs, overviewBlocks, problemParagraphs } from './samples/prose.js';
import { claimParagraphs, misstateFacts } from './samples/claims.js';
import { writeReadme } from './samples/readme.js';
import { SEED_EXPECTED } from './samples/seed.js';
import { compareBatchSpecs, SAMPLES, type SampleSpec } from './samples/specs.js';
import os from 'node:os';
import { fontTypes, htmlToPdf, pageCount, pdfText, pdfWords, requireFonts, type Word } from './samples/tools.js';
import { allApplicationRows, SECTION_HEADINGS } from './samples/template.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'samples');
const SEED_TEXT = '/work/shared/seed/report-2021-flattened.txt';
const MAX_BYTES = 150 * 1024;

export function buildSample(spec: SampleSpec): {
  numbers: ReportNumbers;
  html: string;
  expected: Expected;
  doc: Document;
} {
  const rng = seededRng(seedFromName(spec.name));
  const numbers = drawNumbers(spec, rng);
  spec.perturb?.(numbers);
  const title = `${spec.agency}${spec.year}年政府信息公开工作年度报告`;
  const titleLines = spec.titleLines ?? [title];
  if (titleLines.join('') !== title) throw new Error(`${spec.name}: title lines do not join to the title`);
  const headings = { ...SECTION_HEADINGS, ...spec.headings };
  const facts = overviewFacts(spec, numbers);
  spec.leaveBlank?.(numbers);
  const doc: Document = {
    titleLines,
    headings,
    overview: overviewBlocks(misstateFacts(facts, spec.claims), rng, spec.overviewBlocks),
    sectionProse: spec.claims ? claimParagraphs(numbers, spec.claims) : undefined,
    problems: problemParagraphs(),
    otherMatters: otherMatterParagraphs(rng),
    numbers,
    labels: spec.labels ?? {},
    signature: [spec.agency, `${spec.year + 1}年1月${rng.int(10, 28)}日`],
    metaBox: spec.metaBox,
  };
  const html = renderHtml(doc, spec.style);
  const expected = expectedRecord(spec, numbers, title, headings);
  return { numbers, html, expected, doc };
}

/** The table 三 label whose lines the page boundary separates, if any. Label cells are left-aligned,
 *  so a label's lines are the words at one x: a cut label is a column that ends a page with a head of
 *  the label and starts the next page (at the same x) with the rest. */
function splitRowLabel(spec: SampleSpec, pdf: string, pages: number): string | null {
  const words = Array.from({ length: pages }, (_, i) => pdfWords(pdf, i + 1));
  const column = (ws: Word[], x: number): Word[] => ws.filter((w) => Math.abs(w.x - x) < 1.5).sort((a, b) => a.y - b.y);
  for (const row of allApplicationRows(spec.otherHandling)) {
    const label = spec.labels?.[row.path] ?? row.label;
    for (let p = 0; p + 1 < pages; p++) {
      for (const start of words[p].filter((w) => w.text.length >= 3 && label.startsWith(w.text))) {
        const head = column(words[p], start.x)
          .filter((w) => w.y >= start.y)
          .map((w) => w.text)
          .join('');
        if (!label.startsWith(head) || head === label) continue;
        const next = column(words[p + 1], start.x)
          .map((w) => w.text)
          .join('');
        if (next.startsWith(label.slice(head.length))) return label;
      }
    }
  }
  return null;
}

/** The rendered file must look the way the spec promises: page count, split, header repeat, size, fonts. */
function verifyPdf(spec: SampleSpec, pdf: string): string {
  const pages = pageCount(pdf);
  const texts = Array.from({ length: pages }, (_, i) => pdfText(pdf, i + 1).replace(/\s+/g, ''));
  const pageOf = (needle: string): number => {
    const i = texts.findIndex((t) => t.includes(needle));
    if (i < 0) throw new Error(`${spec.name}: 「${needle}」 not found in the PDF text`);
    return i + 1;
  };
  const first = pageOf('一、本年新收');
  const last = pageOf('四、结转下年度');
  const problems: string[] = [];
  if (pages < 3 || pages > 5) problems.push(`${pages} pages (want 3–5)`);
  if (spec.table3Split !== last > first)
    problems.push(`table 三 on pages ${first}–${last}, split wanted: ${spec.table3Split}`);
  if (spec.table3Split) {
    const repeated = texts[last - 1].includes('申请人情况');
    if (repeated !== spec.style.repeatHeader) problems.push(`header on page ${last} repeated: ${repeated}`);
  }
  const cut = splitRowLabel(spec, pdf, pages);
  if (Boolean(spec.rowSplit) !== Boolean(cut)) problems.push(`row cut by the page boundary: ${cut ?? 'none'}`);
  const size = statSync(pdf).size;
  if (size > MAX_BYTES) problems.push(`${size} bytes`);
  const type3 = fontTypes(pdf).filter((t) => t === 'Type 3').length;
  if (type3) problems.push(`${type3} Type 3 fonts`);
  if (problems.length) {
    const msg = `${spec.name}: ${problems.join('; ')}`;
    if (!process.env.NO_VERIFY) throw new Error(msg);
    console.error(`NOT OK ${msg}`);
  }
  return `${pages} pages, ${(size / 1024).toFixed(0)} KB, table 三 on pages ${first}–${last}${cut ? `, row cut: ${cut}` : ''}`;
}

/** samples/compare/: `pdftotext -layout` text of each rendered report (the PDFs stay in a temp dir). */
function makeCompareBatch(): void {
  mkdirSync(path.join(OUT, 'compare'), { recursive: true });
  const tmp = path.join(os.tmpdir(), 'nianbao-compare-batch');
  mkdirSync(path.join(tmp, 'compare'), { recursive: true });
  for (const spec of compareBatchSpecs()) {
    const { html, expected } = buildSample(spec);
    const pdf = path.join(tmp, `${spec.name}.pdf`);
    htmlToPdf(html, pdf);
    writeFileSync(path.join(OUT, `${spec.name}.txt`), pdfText(pdf));
    writeFileSync(
      path.join(OUT, `${spec.name}.expected.json`),
      toJson({ ...expected, file: `${path.basename(spec.name)}.txt` }),
    );
    console.log(`${spec.name}: ${pageCount(pdf)} pages → ${spec.name}.txt`);
  }
}

function main(): void {
  if (process.argv.includes('--compare-batch')) return makeCompareBatch();
  const only = process.argv.indexOf('--only') >= 0 ? process.argv[process.argv.indexOf('--only') + 1] : null;
  requireFonts();
  mkdirSync(path.join(OUT, 'bad'), { recursive: true });
  for (const spec of SAMPLES) {
    if (only && spec.name !== only) continue;
    const { html, expected } = buildSample(spec);
    const pdf = path.join(OUT, `${spec.name}.pdf`);
    htmlToPdf(html, pdf);
    if (process.env.KEEP_HTML) writeFileSync(path.join('/tmp', `${spec.name}.html`), html);
    const summary = verifyPdf(spec, pdf);
    writeFileSync(path.join(OUT, `${spec.name}.expected.json`), toJson(expected));
    console.log(`${spec.name}: ${summary}`);
    // A text sample from the same report: its `pdftotext -layout` output, same expected record.
    if (spec.layoutText) {
      const name = `${spec.name}-layout`;
      writeFileSync(path.join(OUT, `${name}.txt`), pdfText(pdf));
      writeFileSync(path.join(OUT, `${name}.expected.json`), toJson({ ...expected, file: `${name}.txt` }));
      console.log(`${name}: pdftotext -layout of ${spec.name}.pdf`);
    }
  }
  if (!only) {
    writeFileSync(path.join(OUT, SEED_EXPECTED.file), readFileSync(SEED_TEXT));
    writeFileSync(path.join(OUT, 'seed-2021-flattened.expected.json'), toJson(SEED_EXPECTED));
    const bad = makeBadInputs(
      path.join(OUT, 'bad'),
      path.join(OUT, `${SAMPLES[0].name}.pdf`),
      seededRng(seedFromName('bad')),
    );
    console.log(`bad/: ${bad.join(', ')}`);
    writeReadme(path.join(OUT, 'README.md'), SAMPLES, bad);
  }
}

// Only when run as the script (make-format-samples.ts imports buildSample).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
