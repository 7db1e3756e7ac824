// OCR speed: seconds per page of the OCR path (ocrPdfPage, pool warm) over the scanned samples —
// wall and CPU (this process, its tesseract.js worker threads and ONNX Runtime included) — with the
// cell pass on (PP-OCR reads the number cells first, tesseract only what it does not settle) and
// off (every number read by tesseract twice and by PP-OCR), next to the native `tesseract` CLI
// (chi_sim, full page, the same page image at the same resolution) where it is installed: its
// wall time, and its CPU time (user + system, from /usr/bin/time) as it runs by default (OpenMP
// threads, whose spinning counts) and on one thread (OMP_THREAD_LIMIT=1). On a loaded host compare
// CPU, not wall. Also reports peak RSS.
//
//   node dist/scripts/bench-ocr.js [--runs N] [files…]      (runs default: BENCH_OCR_RUNS or 3)
//
// Called by `npm run bench` (scripts/bench.ts) when present.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { openPdf } from '../extractors/pdf-document.js';
import { encodeGrayPgm } from '../extractors/ocr/image.js';
import { ocrPdfPageWithStats, type OcrPageOptions, type OcrPageStats } from '../extractors/ocr/page.js';
import { sharedPaddle } from '../extractors/ocr/paddle.js';
import { OcrPool } from '../extractors/ocr/pool.js';
import { embeddedPageImage, renderPage, type CanvasFactory, type PageImage } from '../extractors/ocr/render.js';
import { DEFAULT_OCR_SETTINGS } from '../extractors/settings.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : dflt;
};
const RUNS = Number(opt('--runs', process.env.BENCH_OCR_RUNS ?? '3'));
const files = args.length
  ? args
  : readdirSync('samples/scanned')
      .filter((f) => f.endsWith('.pdf'))
      .map((f) => path.join('samples/scanned', f));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(2));

const hasNative = spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-ocr-'));
const pool = new OcrPool({ idleMs: 0 });
const second = await sharedPaddle();
/** Per page medians: wall and CPU seconds. */
const cols = ['wall', 'cpu', 'offCpu', 'nativeWall', 'nativeCpu', 'native1Cpu'] as const;
type Row = Record<(typeof cols)[number], number>;
const rows: Row[] = [];
let peakRss = 0;

/** Wall and CPU seconds of one OCR of the page (CPU: this whole process, worker threads included). */
async function timeOurs(page: PDFPageProxy, n: number, opts: OcrPageOptions) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const { stats } = await ocrPdfPageWithStats(page, n, opts);
  const c = process.cpuUsage(c0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6, stats };
}

/** Wall and CPU seconds (user + system; NaN without /usr/bin/time) of one native tesseract run. */
function timeNative(pgm: string, dpi: number, env: NodeJS.ProcessEnv) {
  const out = path.join(tmp, 'time.txt');
  const cmd = ['tesseract', pgm, path.join(tmp, 'out'), '-l', 'chi_sim', '--dpi', String(dpi), '--psm', '3'];
  const t0 = performance.now();
  if (hasTime) execFileSync(TIME, ['-f', '%U %S', '-o', out, ...cmd], { stdio: 'ignore', env });
  else execFileSync(cmd[0], cmd.slice(1), { stdio: 'ignore', env });
  const wall = (performance.now() - t0) / 1000;
  const [u, s] = hasTime ? readFileSync(out, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) : [NaN, NaN];
  return { wall, cpu: u + s };
}

/** The native CLI on the same image the OCR path starts from, at the same resolution. */
async function benchNative(page: PDFPageProxy, factory: CanvasFactory, stats: OcrPageStats) {
  const img: PageImage =
    stats.imageOrigin === 'embedded' ? (await embeddedPageImage(page))! : await renderPage(page, factory, stats.dpi);
  const pgm = path.join(tmp, 'page.pgm');
  writeFileSync(pgm, encodeGrayPgm(img.gray));
  const runs = Array.from({ length: RUNS }, () => timeNative(pgm, stats.dpi, process.env));
  const one = Array.from({ length: RUNS }, () => timeNative(pgm, stats.dpi, { ...process.env, OMP_THREAD_LIMIT: '1' }));
  return {
    nativeWall: median(runs.map((r) => r.wall)),
    nativeCpu: median(runs.map((r) => r.cpu)),
    native1Cpu: median(one.map((r) => r.cpu)),
  };
}

/** One page: a warm-up, then RUNS timed runs with the cell pass on and off, then native tesseract. */
async function benchPage(page: PDFPageProxy, n: number, factory: CanvasFactory): Promise<[Row, OcrPageStats]> {
  const on: OcrPageOptions = { canvasFactory: factory, pool, second };
  const off: OcrPageOptions = { ...on, settings: { ...DEFAULT_OCR_SETTINGS, cellPass: 0 } };
  await ocrPdfPageWithStats(page, n, on);
  const ours = [];
  const earlier = [];
  for (let k = 0; k < RUNS; k++) {
    ours.push(await timeOurs(page, n, on));
    earlier.push(await timeOurs(page, n, off));
  }
  const stats = ours[ours.length - 1].stats;
  const native = hasNative
    ? await benchNative(page, factory, stats)
    : { nativeWall: NaN, nativeCpu: NaN, native1Cpu: NaN };
  const row = {
    wall: median(ours.map((r) => r.wall)),
    cpu: median(ours.map((r) => r.cpu)),
    offCpu: median(earlier.map((r) => r.cpu)),
    ...native,
  };
  return [row, stats];
}

console.log(
  `OCR bench: ${RUNS} runs per page, pool of ${pool.size} workers; native tesseract: ${hasNative ? 'yes' : 'not installed'}` +
    (hasNative && !hasTime ? ' (no /usr/bin/time: its CPU is not measured)' : ''),
);
console.log(
  `second engine: ${second ? 'PP-OCRv4 (onnxruntime-node)' : 'unavailable'}; load average ${os.loadavg()[0].toFixed(1)}`,
);
console.log(
  'page'.padEnd(44) +
    'image     dpi  tables cells   ours s  cpu s  (image/prep/recog ms)  pass-off cpu  native s  cpu  1-thread cpu',
);
try {
  for (const file of files) {
    const doc = await openPdf(readFileSync(file), file);
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const [r, s] = await benchPage(page, n, doc.canvasFactory as CanvasFactory);
        rows.push(r);
        console.log(
          `${path.basename(file)} p${n}`.padEnd(44) +
            s.imageOrigin.padEnd(9) +
            String(s.dpi).padStart(4) +
            String(s.tables).padStart(8) +
            String(s.cells).padStart(6) +
            fmt(r.wall).padStart(9) +
            fmt(r.cpu).padStart(7) +
            `  (${s.ms.image}/${s.ms.prepare}/${s.ms.recognise})`.padEnd(24) +
            fmt(r.offCpu).padStart(12) +
            fmt(r.nativeWall).padStart(10) +
            fmt(r.nativeCpu).padStart(5) +
            fmt(r.native1Cpu).padStart(14),
        );
        page.cleanup();
      }
    } finally {
      await doc.destroy();
    }
  }
} finally {
  await pool.terminate();
  rmSync(tmp, { recursive: true, force: true });
}
const m = Object.fromEntries(cols.map((c) => [c, median(rows.map((r) => r[c]))])) as Row;
console.log(
  `\nmedian per page: OCR path ${fmt(m.wall)} s wall, ${fmt(m.cpu)} s CPU (cell pass off: ${fmt(m.offCpu)} s CPU)` +
    (hasNative ? `; native tesseract full page ${fmt(m.nativeWall)} s wall, ${fmt(m.nativeCpu)} s CPU` : '') +
    (hasNative && hasTime ? ` (${fmt(m.native1Cpu)} s CPU on one thread)` : ''),
);
if (hasNative) {
  console.log(
    `ratio to native: CPU ${fmt(m.cpu / m.nativeCpu)}× (pass off ${fmt(m.offCpu / m.nativeCpu)}×; to one-thread native ` +
      `${fmt(m.cpu / m.native1Cpu)}×, pass off ${fmt(m.offCpu / m.native1Cpu)}×), wall ${fmt(m.wall / m.nativeWall)}× (issue 29: ≤ 0.35×)`,
  );
}
console.log(
  `peak RSS ${(peakRss / 1e6).toFixed(0)} MB (main thread + ${pool.size} tesseract.js workers); workers started: ${pool.workersStarted}`,
);
