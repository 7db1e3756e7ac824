// npm run bench — speed and memory in one run on the same files:
//   1. BENCH_FILES (40) generated text PDFs (bench-corpus.ts): sequential `pdftotext -layout`, then
//      `nianbao batch --jobs 1` and `--jobs 2` per engine (the whole CLI: start-up, hashing, workers,
//      store, outputs; a fresh store each run), as seconds, files/s, ratio to pdftotext, peak RSS;
//   1b. the same on BENCH_MANY (300) distinct generated PDFs, PDFium only (generated once, cached);
//   2. cold `nianbao extract` of a 5-page report (a fresh process; median of BENCH_COLD_RUNS);
//   3. memory over a long batch: BENCH_LONG (2000) byte-distinct copies, --jobs 2, PDFium —
//      peak RSS and RSS at the end, with samples along the way;
//   3a. memory per extraction process over BENCH_RSS (2000) files, PDF/HTML/DOCX (bench-rss.js):
//      each child's peak RSS, the first vs the last 200 files, children recycled;
//   3b. refusals of long documents that are not 年报, text and scanned (bench-refusal.ts), unless BENCH_REFUSAL=0;
//   (then the xlsx bench, and the watcher on a generated 500-page site: bench-watch.js, unless BENCH_WATCH=0);
//   4. the OCR bench (bench-ocr.js, BENCH_OCR_RUNS runs per page, default 1) unless BENCH_OCR=0;
//   5. the xlsx workbook of 1000 records (bench-xlsx.js; budget 10 s);
//   6. steady extraction of a text report for 2008–2018 beside a 2019 one (bench-legacy.js; budget 50 ms).
//   7. `nianbao serve` over 10,000 reports: the list, a report page, memory (bench-serve.js).
//   8. .doc files per second: BENCH_DOC (20) Word files in one batch (bench-doc.js; budget 15 s).
// RSS is the process tree's (the CLI and its workers). Quote the machine's load with the numbers.
// `--only speed,cold,doc` runs only those parts (speed: the 40- and 300-file tables; also long,
// refusal, xlsx, legacy, serve, watch, ocr); each figure is printed beside the issue's target.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { benchCorpus, copies } from './bench-corpus.js';
import { childrenCpuS, runMeasured, type Measured } from './bench-process.js';
import { benchRefusal } from './bench-refusal.js';
import { benchDoc } from './bench-doc.js';
import { benchRss } from './bench-rss.js';

const PARTS = ['speed', 'cold', 'doc', 'long', 'rss', 'refusal', 'xlsx', 'legacy', 'serve', 'watch', 'ocr'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? new Set((process.argv[onlyAt + 1] ?? '').split(',')) : null;
for (const p of only ?? [])
  if (!(PARTS as readonly string[]).includes(p))
    throw new Error(`--only: unknown part ${p} (parts: ${PARTS.join(', ')})`);
/** Whether a part runs: all without --only; the BENCH_* switches still turn parts off. */
const runs = (part: (typeof PARTS)[number]) => only === null || only.has(part);
/**
 * The issue's targets (issue 29), as a multiple of sequential pdftotext on the same files: a
 * batch of 40 files at most 1.0×, of 300 at most 0.8×; a cold extract at most 8× one pdftotext.
 */
const TARGET = { batch40: 1.0, batch300: 0.8, cold: 8 };

const FILES = Number(process.env.BENCH_FILES ?? 40);
/** Distinct generated reports for the second speed table (where start-up is paid once per child, not per 20 files); 0 skips it. */
const MANY = Number(process.env.BENCH_MANY ?? 300);
const LONG = Number(process.env.BENCH_LONG ?? 2000);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const DOCS = Number(process.env.BENCH_DOC ?? 20);
/** Files of the memory part (rss): text PDFs with HTML and DOCX mixed in. */
const RSS_FILES = Number(process.env.BENCH_RSS ?? 2000);
/** BENCH_ENGINES=pdfium leaves pdf.js out of the 40-file table. */
const ENGINES = (process.env.BENCH_ENGINES?.split(',') ?? ['pdfium', 'pdfjs']) as readonly string[];

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const bin = path.join(root, 'bin/nianbao.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-'));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const mb = (x: number | null) => (x === null ? '—' : x.toFixed(0));

interface Row {
  what: string;
  m: Measured;
  files: number;
}

async function batch(inputs: string, engine: string, jobs: number, expected: number): Promise<Measured> {
  const out = mkdtempSync(path.join(work, 'out-'));
  const m = await runMeasured(process.execPath, [
    bin,
    'batch',
    inputs,
    '--out',
    out,
    '--jobs',
    String(jobs),
    '--engine',
    engine,
    '--no-ocr',
    '-q',
  ]);
  if (m.status !== 0)
    throw new Error(`batch --engine ${engine} --jobs ${jobs} failed (${m.status}): ${m.stderr.slice(0, 500)}`);
  const records = readFileSync(path.join(out, 'records.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { source: { engine?: string } });
  if (records.length !== expected) throw new Error(`batch wrote ${records.length} records for ${expected} files`);
  const engines = new Set(records.map((r) => r.source.engine));
  process.stderr.write(
    `  batch --engine ${engine} --jobs ${jobs}: ${records.length} records (engine ${[...engines].join(', ')}), load ${load()}\n`,
  );
  rmSync(out, { recursive: true, force: true });
  return m;
}

function pdftotextAvailable(): boolean {
  return spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
}

async function speedTable(files: string[], target: number, engines: readonly string[] = ENGINES): Promise<void> {
  // Exactly these files (the corpus directory may hold more): an @list.
  const list = path.join(work, 'files.txt');
  writeFileSync(list, files.join('\n') + '\n');
  const rows: Row[] = [];
  process.stderr.write(`timing on ${files.length} files, load ${load()}\n`);
  if (pdftotextAvailable()) {
    // One process per file, one after the other, as a shell loop would.
    const script = 'for f in "$@"; do pdftotext -layout "$f" - > /dev/null; done';
    rows.push({
      what: 'pdftotext -layout (sequential)',
      m: await runMeasured('sh', ['-c', script, 'sh', ...files]),
      files: files.length,
    });
  }
  for (const engine of engines) {
    for (const jobs of [1, 2])
      rows.push({
        what: `nianbao batch --jobs ${jobs} --engine ${engine}`,
        m: await batch(`@${list}`, engine, jobs, files.length),
        files: files.length,
      });
  }
  const base = rows[0]?.what.startsWith('pdftotext') ? rows[0].m.wallMs : null;
  console.log(
    `\n${files.length} generated text PDFs (3–5 pages each), one run each, ${os.availableParallelism()} cores, load average ${load()}`,
  );
  const baseCpu = rows[0]?.what.startsWith('pdftotext') ? rows[0].m.cpuS : null;
  console.log(
    'what'.padEnd(40) +
      'wall s'.padStart(8) +
      'files/s'.padStart(9) +
      '× pdftotext'.padStart(13) +
      'CPU s'.padStart(8) +
      '× its CPU'.padStart(11) +
      'peak RSS MB'.padStart(13) +
      '  target (--jobs 2, wall)',
  );
  for (const r of rows) {
    const s = r.m.wallMs / 1000;
    const ratio = base ? r.m.wallMs / base : null;
    const judged =
      r.what.startsWith('nianbao batch --jobs 2') && ratio !== null
        ? `  ≤ ${target.toFixed(1)}×: ${ratio <= target ? 'met' : 'NOT met'}`
        : '';
    const cpu = r.m.cpuS;
    console.log(
      r.what.padEnd(40) +
        s.toFixed(2).padStart(8) +
        (r.files / s).toFixed(1).padStart(9) +
        (ratio !== null ? ratio.toFixed(2) : '—').padStart(13) +
        (cpu !== null ? cpu.toFixed(2) : '—').padStart(8) +
        (cpu !== null && baseCpu ? (cpu / baseCpu).toFixed(2) : '—').padStart(11) +
        mb(r.m.peakRssMb).padStart(13) +
        judged,
    );
  }
  console.log(
    '  (CPU: user+sys of the whole process tree; wall is what the targets judge, CPU what load does not change much)',
  );
}

/** Wall and CPU (user+sys of the process tree) ms of COLD_RUNS runs of a command, each a fresh process; throws if one fails. */
function timed(cmd: string, args: string[]): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let k = 0; k < COLD_RUNS; k++) {
    const c0 = childrenCpuS();
    const t0 = performance.now();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    wall.push(performance.now() - t0);
    const c1 = childrenCpuS();
    if (c0 !== null && c1 !== null) cpu.push((c1 - c0) * 1000);
    if (r.status !== 0) throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed: ${r.stderr}`);
  }
  return { wall, cpu };
}

const ms = (xs: number[]) => (xs.length ? `${median(xs).toFixed(0)} ms` : '—');
/** CPU time is counted in 10 ms ticks: a mean over the runs, not a median, for short commands. */
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function coldExtract(file: string): void {
  console.log(
    `\ncold \`nianbao extract\` of ${path.basename(file)} (a fresh process each; median of ${COLD_RUNS}), load ${load()}`,
  );
  // The first extraction process after a build writes the code cache (src/isolation/script-cache.ts);
  // every one after it reads it: that one is not timed.
  spawnSync(process.execPath, [bin, 'extract', file], { stdio: 'ignore' });
  // One pdftotext run of the same file, just before each engine's runs (the same moment's load).
  for (const engine of ENGINES) {
    const text = pdftotextAvailable() ? timed('pdftotext', ['-layout', file, '/dev/null']) : null;
    const runs = timed(process.execPath, [bin, 'extract', file, '--engine', engine]);
    const ratio = text ? median(runs.wall) / median(text.wall) : null;
    const cpuRatio = text?.cpu.length && runs.cpu.length && mean(text.cpu) > 0 ? mean(runs.cpu) / mean(text.cpu) : null;
    const judged =
      ratio === null
        ? ''
        : `; ${ratio.toFixed(1)}× pdftotext (${ms(text!.wall)}), target ≤ ${TARGET.cold}×: ${ratio <= TARGET.cold ? 'met' : 'NOT met'}`;
    console.log(
      `  --engine ${engine.padEnd(7)} wall median ${ms(runs.wall)}${judged}  (runs: ${runs.wall.map((t) => t.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  ${''.padEnd(16)} CPU (user+sys, process tree) mean ${runs.cpu.length ? mean(runs.cpu).toFixed(0) : '—'} ms${cpuRatio !== null ? `; ${cpuRatio.toFixed(1)}× pdftotext's (${mean(text!.cpu).toFixed(0)} ms)` : ''}`,
    );
  }
}

async function longBatch(files: string[]): Promise<void> {
  if (LONG <= 0) return;
  const dir = path.join(work, 'long');
  const all = copies(files, LONG, dir);
  process.stderr.write(`long batch: ${LONG} files, load ${load()}\n`);
  // The same files through pdftotext first: the ratio at scale, where start-up and JIT warm-up
  // are paid once (the speed table above is dominated by them on short runs).
  const text = pdftotextAvailable()
    ? await runMeasured('sh', ['-c', 'for f in "$@"; do pdftotext -layout "$f" - > /dev/null; done', 'sh', ...all])
    : null;
  const m = await batch(dir, 'pdfium', 2, LONG);
  const at = (f: number) => {
    const t = m.wallMs * f;
    const s = m.samples.filter(([ms]) => ms <= t).pop();
    return s ? s[1].toFixed(0) : '—';
  };
  console.log(`\nlong batch: ${LONG} byte-distinct copies of the corpus, --jobs 2, pdfium, load average ${load()}`);
  if (text)
    console.log(
      `  pdftotext -layout (sequential) ${(text.wallMs / 1000).toFixed(1)} s (${(LONG / (text.wallMs / 1000)).toFixed(1)} files/s); nianbao ${(m.wallMs / text.wallMs).toFixed(2)}× that`,
    );
  console.log(
    `  wall ${(m.wallMs / 1000).toFixed(1)} s (${(LONG / (m.wallMs / 1000)).toFixed(1)} files/s); RSS MB at 10% ${at(0.1)}, 25% ${at(0.25)}, 50% ${at(0.5)}, 75% ${at(0.75)}, 90% ${at(0.9)}; peak ${mb(m.peakRssMb)}, at the end ${mb(m.endRssMb)}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

/** A corpus file of 5 pages for the cold extract (the largest report), else the first. */
function fivePager(files: string[]): string {
  for (const f of files) {
    const r = spawnSync('pdfinfo', [f], { encoding: 'utf8' });
    if (/Pages:\s+5\b/.test(r.stdout ?? '')) return f;
  }
  return files[0];
}

try {
  const files = runs('speed') || runs('cold') || runs('long') || runs('rss') ? benchCorpus(FILES) : [];
  if (runs('speed')) await speedTable(files, TARGET.batch40);
  // The issue's own measurement was over 300 reports: distinct ones (each its own numbers), PDFium.
  if (runs('speed') && MANY > FILES) await speedTable(benchCorpus(MANY), TARGET.batch300, ['pdfium']);
  if (runs('cold')) coldExtract(fivePager(files));
  if (runs('doc') && DOCS > 0) await benchDoc(bin, root, DOCS);
  if (runs('long')) await longBatch(files);
  if (runs('rss') && RSS_FILES > 0) await benchRss(bin, root, files, RSS_FILES, work);
  if (runs('refusal') && process.env.BENCH_REFUSAL !== '0') await benchRefusal(bin, root);
} finally {
  rmSync(work, { recursive: true, force: true });
}
// The workbook: in its own process, so its memory is its own.
if (runs('xlsx')) spawnSync(process.execPath, [path.join(here, 'bench-xlsx.js')], { stdio: 'inherit' });
// Steady extraction of a text report for 2008–2018 (budget 50 ms) beside one of the 2019 form.
if (runs('legacy')) spawnSync(process.execPath, [path.join(here, 'bench-legacy.js')], { stdio: 'inherit' });
if (runs('serve')) spawnSync(process.execPath, [path.join(here, 'bench-serve.js')], { stdio: 'inherit' });
// The watcher on a generated 500-page site (in its own process: its RSS is the watcher's).
if (runs('watch') && process.env.BENCH_WATCH !== '0')
  spawnSync(process.execPath, [path.join(here, 'bench-watch.js')], { stdio: 'inherit' });
const ocr = path.join(here, 'bench-ocr.js');
if (runs('ocr') && process.env.BENCH_OCR !== '0' && existsSync(ocr)) {
  console.log('\n== bench-ocr');
  // One run per page here (~10 s a page with native tesseract): 3 runs over every scan take ~25 min.
  spawnSync(process.execPath, [ocr, '--runs', process.env.BENCH_OCR_RUNS ?? '1'], { stdio: 'inherit' });
}
