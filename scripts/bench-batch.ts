// Batch throughput: reports per second through `nianbao batch` (the whole CLI: start-up, hashing,
// workers, store, outputs) with --jobs 1 and --jobs 2 over the text PDFs in samples/, each copied
// COPIES times with a distinct trailing comment (distinct sha256, same pages); and, where
// poppler-utils is installed, `pdftotext -layout` over the same files, one process per file.
// Run: node dist/scripts/bench-batch.js   (BENCH_COPIES=8 BENCH_RUNS=3 by default; medians quoted)
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface BatchBench {
  files: number;
  runs: number;
  /** reports per second, median over runs */
  jobs1: number;
  jobs2: number;
  /** null when pdftotext is not installed */
  pdftotext: number | null;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function corpus(copies: number): { dir: string; files: string[] } {
  const samples = path.join(root, 'samples');
  const pdfs = readdirSync(samples).filter((f) => f.endsWith('.pdf'));
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-'));
  const files: string[] = [];
  for (const f of pdfs) {
    for (let k = 0; k < copies; k++) {
      const out = path.join(dir, `${k}-${f}`);
      copyFileSync(path.join(samples, f), out);
      // A comment after %%EOF: a different file to the store, the same document to the parser.
      appendFileSync(out, `\n%bench copy ${k}\n`);
      files.push(out);
    }
  }
  return { dir, files };
}

function timeBatch(dir: string, jobs: number): number {
  const out = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-out-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/nianbao.js'), 'batch', dir, '--out', out, '--jobs', String(jobs), '--no-ocr', '-q'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const s = (performance.now() - t0) / 1000;
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`batch failed (${r.status}): ${r.stderr}`);
  return s;
}

function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
}

function timePdftotext(files: string[]): number {
  const t0 = performance.now();
  for (const f of files) spawnSync('pdftotext', ['-layout', f, '-'], { stdio: 'ignore' });
  return (performance.now() - t0) / 1000;
}

export function benchBatch(opts: { copies?: number; runs?: number } = {}): BatchBench {
  const copies = opts.copies ?? Number(process.env.BENCH_COPIES ?? 8);
  const runs = opts.runs ?? Number(process.env.BENCH_RUNS ?? 3);
  const { dir, files } = corpus(copies);
  try {
    const rate = (secs: number[]) => files.length / median(secs);
    const j1: number[] = [];
    const j2: number[] = [];
    const pt: number[] = [];
    const poppler = hasPdftotext();
    for (let k = 0; k < runs; k++) {
      j1.push(timeBatch(dir, 1));
      j2.push(timeBatch(dir, 2));
      if (poppler) pt.push(timePdftotext(files));
    }
    return { files: files.length, runs, jobs1: rate(j1), jobs2: rate(j2), pdftotext: poppler ? rate(pt) : null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const b = benchBatch();
  console.log(`batch over ${b.files} text PDFs (samples/*.pdf copied), median of ${b.runs} runs, whole CLI incl. start-up:`);
  console.log(`  nianbao batch --jobs 1   ${b.jobs1.toFixed(2)} reports/s`);
  console.log(`  nianbao batch --jobs 2   ${b.jobs2.toFixed(2)} reports/s`);
  console.log(b.pdftotext === null ? '  pdftotext -layout        (poppler-utils not installed)' : `  pdftotext -layout        ${b.pdftotext.toFixed(2)} files/s (one process per file, text only: no tables, no checks)`);
  console.log(`  cores: ${os.availableParallelism()}, load average: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
}
