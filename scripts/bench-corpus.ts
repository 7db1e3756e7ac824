// The bench corpus: real-like text PDFs made by the sample generator (headless Chromium) from the
// sample specs under new names, so every report has its own numbers. Generated on first use into a
// cache directory (nothing big is committed) and reused; `copies()` makes byte-distinct copies so
// the batch store does not dedupe them.
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSample } from './make-samples.js';
import { SAMPLES } from './samples/specs.js';
import { htmlToPdf, requireFonts } from './samples/tools.js';

/** Bump when the generator's output changes, so an old cache is not reused. */
const CORPUS_VERSION = 1;

export function corpusDir(): string {
  return process.env.BENCH_CORPUS_DIR ?? path.join(os.tmpdir(), `nianbao-bench-corpus-v${CORPUS_VERSION}`);
}

/** `count` generated report PDFs (cached); logs progress to stderr while generating. */
export function benchCorpus(count: number): string[] {
  const dir = corpusDir();
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let fontsChecked = false;
  for (let k = 0; k < count; k++) {
    const spec = SAMPLES[k % SAMPLES.length];
    const name = `bench-${String(k).padStart(3, '0')}-${spec.name}`;
    const file = path.join(dir, `${name}.pdf`);
    if (!existsSync(file)) {
      if (!fontsChecked) requireFonts();
      fontsChecked = true;
      process.stderr.write(`generating ${name}.pdf (${k + 1}/${count})\n`);
      // The name seeds the numbers: a new name, a new report on the same layout.
      const { html } = buildSample({ ...spec, name });
      htmlToPdf(html, `${file}.tmp`);
      renameSync(`${file}.tmp`, file);
    }
    files.push(file);
  }
  return files;
}

/** `total` byte-distinct copies of `files` (a comment after %%EOF) in a new directory under `dir`. */
export function copies(files: string[], total: number, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (let k = 0; k < total; k++) {
    const src = files[k % files.length];
    const dest = path.join(dir, `${String(k).padStart(5, '0')}-${path.basename(src)}`);
    copyFileSync(src, dest);
    appendFileSync(dest, `\n%bench copy ${k}\n`);
    out.push(dest);
  }
  return out;
}

export const listPdfs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => path.join(dir, f));
