// Generates samples/converters/: each rendered sample report as other tools turn it into text —
// Markdown in the manners of MinerU, Docling, Marker, pandoc and an LLM pipeline, one with table 三
// torn apart (scripts/samples/converters.ts), `pdftotext -raw` of the sample's PDF, and the page
// copied out of a browser (tabs) — each with the sample's expected record. Every drawn choice
// comes from a PRNG seeded by the file's name, so a rerun reproduces every file byte for byte.
//   npm run build && node dist/scripts/make-converter-samples.js [--only city-2021-ruled]
// Needs, on the generating machine only: pdftotext (poppler-utils).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSample } from './make-samples.js';
import { MARKDOWN_STYLES, markdownReport, pastedReport } from './samples/converters.js';
import { seededRng, seedFromName } from './samples/prng.js';
import { SAMPLES } from './samples/specs.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = path.join(ROOT, 'samples', 'converters');

/** The converter-style files of one sample, each beside its expected record (the sample's own). */
export function converterFiles(name: string): Array<{ file: string; text: string; kind: string }> {
  const spec = SAMPLES.find((s) => s.name === name);
  if (!spec) throw new Error(`no sample ${name}`);
  const { doc } = buildSample(spec);
  const files = MARKDOWN_STYLES.map((style) => {
    const file = `${name}.${style}.md`;
    return { file, text: markdownReport(doc, style, seededRng(seedFromName(file))), kind: `markdown-${style}` };
  });
  files.push({ file: `${name}.paste.txt`, text: pastedReport(doc), kind: 'browser-paste' });
  return files;
}

function main(): void {
  const at = process.argv.indexOf('--only');
  const names = at >= 0 ? [process.argv[at + 1]] : SAMPLES.map((s) => s.name);
  mkdirSync(OUT, { recursive: true });
  for (const name of names) {
    const expected = JSON.parse(readFileSync(path.join(ROOT, 'samples', `${name}.expected.json`), 'utf8'));
    const raw = execFileSync('pdftotext', ['-raw', path.join(ROOT, 'samples', `${name}.pdf`), '-'], {
      encoding: 'utf8',
    });
    for (const { file, text, kind } of [
      ...converterFiles(name),
      { file: `${name}.raw.txt`, text: raw, kind: 'pdftotext-raw' },
    ]) {
      writeFileSync(path.join(OUT, file), text);
      // `kind`: the eval's figures by source kind.
      writeFileSync(
        path.join(OUT, `${file}.expected.json`),
        JSON.stringify({ ...expected, file, kind }, null, 2) + '\n',
      );
    }
    console.log(`${name}: ${MARKDOWN_STYLES.length} Markdown styles, paste, pdftotext -raw`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
