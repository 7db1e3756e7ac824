// OCR speed: median seconds per page of the OCR path (ocrPdfPage, pool warm) over the scanned
// samples — with the second engine (PP-OCR) reading every number, and with tesseract alone — next
// to the native `tesseract` CLI (chi_sim, full page, same page image at the same resolution) where
// it is installed. Also reports peak RSS.
//
//   node dist/scripts/bench-ocr.js [--runs N] [files…]      (runs default: BENCH_OCR_RUNS or 3)
//
// Called by `npm run bench` (scripts/bench.ts) when present.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openPdf } from '../extractors/pdf-document.js';
import { encodeGrayPgm } from '../extractors/ocr/image.js';
import { ocrPdfPageWithStats, type OcrPageStats } from '../extractors/ocr/page.js';
import { sharedPaddle } from '../extractors/ocr/paddle.js';
import { OcrPool } from '../extractors/ocr/pool.js';
import { embeddedPageImage, renderPage, type CanvasFactory, type PageImage } from '../extractors/ocr/render.js';

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
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const hasNative = spawnSync('tesseract', ['--version'], { stdio: 'ignore' }).status === 0;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-ocr-'));
const pool = new OcrPool({ idleMs: 0 });
const second = await sharedPaddle();
const ours: number[] = [];
const alone: number[] = [];
const native: number[] = [];
let peakRss = 0;

console.log(
  `OCR bench: ${RUNS} runs per page, pool of ${pool.size} workers; native tesseract: ${hasNative ? 'yes' : 'not installed'}`,
);
console.log(`second engine: ${second ? 'PP-OCRv4 (onnxruntime-node)' : 'unavailable'}`);
console.log('page'.padEnd(44) + 'image     dpi  tables cells   ours s  (image/prep/recog ms)  tess-only s  native s');
try {
  for (const file of files) {
    const doc = await openPdf(readFileSync(file), file);
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const page = await doc.getPage(n);
        const factory = doc.canvasFactory as CanvasFactory;
        // Warm-up (worker start, wasm compile), then timed runs.
        await ocrPdfPageWithStats(page, n, { canvasFactory: factory, pool, second });
        const times: number[] = [];
        const aloneTimes: number[] = [];
        let stats: OcrPageStats | null = null;
        for (let k = 0; k < RUNS; k++) {
          const t0 = performance.now();
          stats = (await ocrPdfPageWithStats(page, n, { canvasFactory: factory, pool, second })).stats;
          times.push((performance.now() - t0) / 1000);
          peakRss = Math.max(peakRss, process.memoryUsage().rss);
          if (second) {
            const t1 = performance.now();
            await ocrPdfPageWithStats(page, n, { canvasFactory: factory, pool, second: null });
            aloneTimes.push((performance.now() - t1) / 1000);
          }
        }
        const ourMedian = median(times);
        ours.push(ourMedian);
        if (aloneTimes.length) alone.push(median(aloneTimes));
        let nativeText = '—';
        if (hasNative && stats) {
          // The same image the OCR path starts from, at the same resolution.
          const img: PageImage =
            stats.imageOrigin === 'embedded'
              ? (await embeddedPageImage(page))!
              : await renderPage(page, factory, stats.dpi);
          const pgm = path.join(tmp, 'page.pgm');
          writeFileSync(pgm, encodeGrayPgm(img.gray));
          const nt: number[] = [];
          for (let k = 0; k < RUNS; k++) {
            const t0 = performance.now();
            execFileSync(
              'tesseract',
              [pgm, path.join(tmp, 'out'), '-l', 'chi_sim', '--dpi', String(stats.dpi), '--psm', '3'],
              { stdio: 'ignore' },
            );
            nt.push((performance.now() - t0) / 1000);
          }
          native.push(median(nt));
          nativeText = median(nt).toFixed(2);
        }
        const s = stats!;
        console.log(
          `${path.basename(file)} p${n}`.padEnd(44) +
            s.imageOrigin.padEnd(9) +
            String(s.dpi).padStart(4) +
            String(s.tables).padStart(8) +
            String(s.cells).padStart(6) +
            ourMedian.toFixed(2).padStart(9) +
            `  (${s.ms.image}/${s.ms.prepare}/${s.ms.recognise})`.padEnd(24) +
            (aloneTimes.length ? median(aloneTimes).toFixed(2) : '—').padStart(11) +
            nativeText.padStart(10),
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
console.log(
  `\nmedian seconds per page: OCR path ${median(ours).toFixed(2)}` +
    (alone.length ? ` (tesseract alone ${median(alone).toFixed(2)})` : '') +
    (native.length ? `, native tesseract full page ${median(native).toFixed(2)}` : ''),
);
console.log(
  `peak RSS ${(peakRss / 1e6).toFixed(0)} MB (main thread + ${pool.size} tesseract.js workers); workers started: ${pool.workersStarted}`,
);
