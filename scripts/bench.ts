// npm run bench: median wall time of extract per sample (in process, after a warm-up run),
// then the OCR and batch benches where they exist. Quote medians, not single runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline/extract.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const here = path.dirname(fileURLToPath(import.meta.url));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function benchExtract(): Promise<void> {
  const dir = path.resolve('samples');
  const files = readdirSync(dir).filter((f) => /\.(pdf|txt)$/.test(f) && f !== 'README.md');
  console.log(`extract, in process, median of ${RUNS} runs after one warm-up (ms):`);
  console.log('sample'.padEnd(34) + 'pages  median  per page  peak RSS MB');
  for (const f of files) {
    const file = path.join(dir, f);
    const first = await extractReport(file, { ocr: false });
    const times: number[] = [];
    for (let k = 0; k < RUNS; k++) {
      const t0 = performance.now();
      await extractReport(file, { ocr: false });
      times.push(performance.now() - t0);
    }
    const m = median(times);
    const pages = first.source.pageCount;
    console.log(
      f.padEnd(34) +
        String(pages).padStart(5) +
        m.toFixed(0).padStart(8) +
        (m / pages).toFixed(0).padStart(10) +
        (process.resourceUsage().maxRSS / 1024).toFixed(0).padStart(13),
    );
  }
}

/** Cold start as a user sees it: the whole CLI process for one file. */
function benchCli(): void {
  const file = path.resolve('samples/city-2021-ruled.pdf');
  if (!existsSync(file)) return;
  const bin = path.resolve('bin/nianbao.js');
  const times: number[] = [];
  for (let k = 0; k < Math.min(RUNS, 5); k++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [bin, 'extract', file], { stdio: 'ignore' });
    times.push(performance.now() - t0);
  }
  console.log(`\nnianbao extract samples/city-2021-ruled.pdf as a fresh process: median ${median(times).toFixed(0)} ms`);
}

await benchExtract();
benchCli();
for (const sub of ['bench-batch.js', 'bench-ocr.js']) {
  const script = path.join(here, sub);
  if (!existsSync(script)) continue;
  console.log(`\n== ${sub.replace('.js', '')}`);
  spawnSync(process.execPath, [script], { stdio: 'inherit' });
}
