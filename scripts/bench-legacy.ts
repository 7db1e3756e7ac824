// npm run bench (part): steady extraction of a text report for 2008–2018 (template "2008"; budget
// 50 ms) beside a text report of the 2019 form, in one process after warm-up (median of RUNS).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline/extract.js';
import { legacyText } from './samples/legacy-render.js';
import { legacySample } from './samples/legacy.js';
import { seededRng } from './samples/prng.js';

const RUNS = Number(process.env.BENCH_LEGACY_RUNS ?? 50);
const BUDGET_MS = 50;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function median(bytes: Uint8Array, name: string): Promise<number> {
  for (let k = 0; k < 5; k++) await extractReport(bytes, { path: name });
  const times: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t = performance.now();
    await extractReport(bytes, { path: name });
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[times.length >> 1];
}

const rng = seededRng(2008);
// The largest of a few generated reports (the statistics table, most prose).
const samples = Array.from({ length: 12 }, (_, k) => legacyText(legacySample(rng, `bench-${k}`)));
const legacy = new TextEncoder().encode(samples.sort((a, b) => b.length - a.length)[0]);
const national = readFileSync(path.join(root, 'samples', 'district-2019-layout.txt'));
const [l, n] = [await median(legacy, 'legacy.txt'), await median(national, 'district-2019-layout.txt')];
console.log(`\nsteady extraction, text (median of ${RUNS} after warm-up):`);
console.log(
  `  legacy report (template 2008, ${legacy.length} bytes): ${l.toFixed(2)} ms (budget ${BUDGET_MS} ms)${l > BUDGET_MS ? '  OVER BUDGET' : ''}`,
);
console.log(`  2019-form report (${national.length} bytes): ${n.toFixed(2)} ms`);
if (l > BUDGET_MS) process.exitCode = 1;
