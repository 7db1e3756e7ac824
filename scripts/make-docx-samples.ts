// The second sample generator: reports typed in Word/WPS (DOCX, the `docx` package) and printed to
// PDF by LibreOffice, with the habits of real offices (see DOCX_SAMPLES). Writes samples/word/
// <name>.docx, <name>.pdf and <name>.expected.json. Numbers come from the same seeded draw as the
// Chromium samples; the layout engine, fonts and table habits are independent of them.
//   npm run build && node dist/scripts/make-docx-samples.js [--only <name>]
// Needs, on the generating machine only: soffice (LibreOffice Writer) and the Debian CJK fonts.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderDocx, type DocxReport } from './samples/docx-word.js';
import { DOCX_SAMPLES, type DocxSampleSpec } from './samples/docx-specs.js';
import { drawNumbers, expectedRecord, overviewFacts } from './samples/draw.js';
import { toJson, type Expected } from './samples/expected.js';
import { seededRng, seedFromName } from './samples/prng.js';
import { otherMatterParagraphs, overviewBlocks, problemParagraphs } from './samples/prose.js';
import { SECTION_HEADINGS } from './samples/template.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'samples', 'word');

function build(spec: DocxSampleSpec): { report: DocxReport; expected: Expected } {
  const rng = seededRng(seedFromName(spec.name));
  const numbers = drawNumbers(spec, rng);
  const headings = { ...SECTION_HEADINGS, ...spec.headings };
  const titleLine = `${spec.year}年政府信息公开工作年度报告`;
  const agencyInTitle = spec.style.agencyLine === 'inTitle';
  const titleLines = agencyInTitle ? [`${spec.agency}${titleLine}`] : [titleLine];
  const facts = overviewFacts(spec, numbers);
  const report: DocxReport = {
    agency: spec.agency,
    year: spec.year,
    titleLines,
    headings,
    overview: overviewBlocks(facts, rng, spec.overviewBlocks),
    problems: problemParagraphs(),
    otherMatters: otherMatterParagraphs(rng),
    numbers,
    labels: spec.labels ?? {},
    signOff: [spec.signOffAgency ?? spec.agency, `${spec.year + 1}年1月${rng.int(10, 28)}日`],
  };
  // The title as the record gives it: an agency line of the title block joins the title; an agency
  // found only in the sign-off does not (the title is what the title block prints).
  const title = spec.style.agencyLine === 'signOffOnly' ? titleLine : `${spec.agency}${titleLine}`;
  const expected = expectedRecord(spec, numbers, title, headings);
  return { report, expected };
}

/** LibreOffice Writer prints the DOCX; a private profile keeps parallel runs apart. */
function docxToPdf(docx: string, pdf: string): void {
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-'));
  try {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(work, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        work,
        docx,
      ],
      // LibreOffice 7.4 can crash on some tables (btLr text in a merged cell that breaks across pages)
      // and then hang: give up after two minutes.
      { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000, killSignal: 'SIGKILL' },
    );
    const out = readFileSync(path.join(work, path.basename(docx).replace(/\.docx$/, '.pdf')));
    writeFileSync(pdf, pin(out, docx));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Print time, document ID and checksum pinned (same lengths, no offset moves): reruns are byte-identical. */
function pin(pdf: Buffer, docx: string): Buffer {
  const id = createHash('md5').update(readFileSync(docx)).digest('hex').toUpperCase();
  const text = pdf
    .toString('latin1')
    .replace(/\/(CreationDate|ModDate)\s*\(D:\d{14}([^)]*)\)/g, (m, k: string, tz: string) =>
      `/${k}(D:20250101000000${'Z'.padEnd(tz.length, ' ').slice(0, tz.length)})`.padEnd(m.length, ' '),
    )
    .replace(/\/DocChecksum \/[0-9A-F]{32}/g, `/DocChecksum /${id}`)
    .replace(/\/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]/g, (m) => {
      const hex = [...m.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => x[1]);
      return m
        .replace(hex[0], id.slice(0, hex[0].length).padEnd(hex[0].length, '0'))
        .replace(hex[1], id.slice(0, hex[1].length).padEnd(hex[1].length, '0'));
    });
  return Buffer.from(text, 'latin1');
}

async function main(): Promise<void> {
  const only = process.argv.indexOf('--only') >= 0 ? process.argv[process.argv.indexOf('--only') + 1] : null;
  mkdirSync(OUT, { recursive: true });
  for (const spec of DOCX_SAMPLES) {
    if (only && spec.name !== only) continue;
    const { report, expected } = build(spec);
    const docx = path.join(OUT, `${spec.name}.docx`);
    writeFileSync(docx, await renderDocx(report, spec.style));
    docxToPdf(docx, path.join(OUT, `${spec.name}.pdf`));
    writeFileSync(path.join(OUT, `${spec.name}.expected.json`), toJson(expected));
    console.log(`${spec.name}: ${spec.covers}`);
  }
  if (!only) writeReadme();
}

function writeReadme(): void {
  const rows = DOCX_SAMPLES.map((s) => `| \`${s.name}.pdf\` | ${s.template} | ${s.covers} |`);
  writeFileSync(
    path.join(OUT, 'README.md'),
    [
      '# Reports typed in Word/WPS (DOCX → LibreOffice PDF)',
      '',
      'Generated by `scripts/make-docx-samples.ts` — do not edit by hand. Each sample is a DOCX written with',
      'the `docx` package as an office would type it, printed to PDF by LibreOffice Writer',
      '(`soffice --headless --convert-to pdf`), with its expected record. The DOCX files are kept: they are',
      'also DOCX-input samples.',
      '',
      '| file | template | what it exercises |',
      '|---|---|---|',
      ...rows,
      '',
      '## Regenerating',
      '',
      '```',
      'npm run build && node dist/scripts/make-docx-samples.js [--only <name>]',
      '```',
      '',
      'Needs, on the generating machine only: LibreOffice Writer (`soffice`) and the Debian fonts',
      '`fonts-noto-cjk`, `fonts-arphic-uming`, `fonts-arphic-ukai`, `fonts-wqy-zenhei`, `fonts-liberation`.',
      'The DOCX zip times and core properties, and the PDF dates and ID, are pinned: a rerun with the same',
      'LibreOffice reproduces every file byte for byte.',
      '',
    ].join('\n'),
  );
}

await main();
