// `npm run fuzz`: make the hostile corpus (scripts/hostile/corpus.ts) and run every file through the
// isolated extraction pool, as batch does. Prints the table: files, handled cleanly, wrong codes,
// crashes (exit 70 / worker crashes), hangs (timeouts), silent losses (a table null with no warning
// naming it), peak RSS of the whole process tree. Exit 1 if anything was not handled cleanly.
//
//   node dist/scripts/fuzz.js [--dir DIR] [--every N] [--jobs N] [--timeout S] [--memory MB] [--ocr]
// Defaults: 2 jobs, 30 s, --memory 512 (the cap a 5 GB bomb must meet), OCR off (damaged text
// layers would send most mutants to OCR: minutes each on a small machine); --ocr turns it on.
//
//   node dist/scripts/fuzz.js --minutes N [--seed S] [--jobs N] [--timeout S] [--memory MB] [--kinds a,b] [--dir DIR]
// Seeded mutants of the real documents in samples/ instead, round after round through `nianbao
// batch` for N minutes (scripts/fuzz/real.ts): the table per kind of document, then the findings
// (exit 70, hangs, the time limit, damage not named). Defaults: seed 1, 2 jobs, the CLI's 120 s and
// memory cap, OCR on (as batch runs). Exit 1 on any finding.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNianbaoError } from '../src/errors.js';
import { ExtractionPool, treeRssKb } from '../src/isolation/index.js';
import type { Report } from '../src/schema/record.js';
import { makeHostileCorpus, type HostileFile } from './hostile/corpus.js';
import { finding, realFuzzTable, runRealFuzz } from './fuzz/real.js';

export interface FuzzResult {
  file: HostileFile;
  outcome: string;
  message: string;
  ms: number;
  verdict: 'clean' | 'wrong-code' | 'crash' | 'hang' | 'silent-loss';
}

export interface FuzzOptions {
  dir: string;
  every?: number;
  jobs?: number;
  timeoutMs?: number;
  memoryMb?: number;
  ocr?: boolean;
  bombBytes?: number;
  samples?: string;
  onResult?: (r: FuzzResult) => void;
}

/** The repository root: scripts/ (as .ts under vitest) or dist/scripts/ (compiled). */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.basename(path.dirname(HERE)) === 'dist' ? path.resolve(HERE, '../..') : path.resolve(HERE, '..');
const TABLES = ['activeDisclosure', 'applications', 'reviewLitigation'] as const;

/** Tables of a record that are null with no warning naming them (the completeness invariant). */
export function silentTables(r: Report): string[] {
  return TABLES.filter((t) => r[t] === null && !r.warnings.some((w) => w.path === t || w.path?.startsWith(`${t}.`)));
}

export async function runFuzz(
  opts: FuzzOptions,
): Promise<{ results: FuzzResult[]; peakTreeMb: number; elapsedMs: number }> {
  const t0 = Date.now();
  const files = makeHostileCorpus(opts.dir, {
    samples: opts.samples ?? path.join(ROOT, 'samples'),
    every: opts.every,
    bombBytes: opts.bombBytes,
  });
  const pool = new ExtractionPool(opts.jobs ?? 2, {
    timeoutMs: opts.timeoutMs ?? 30_000,
    memoryMb: opts.memoryMb,
    ocr: opts.ocr ?? false,
  });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssKb(process.pid) ?? 0)), 50);
  const results: FuzzResult[] = [];
  try {
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const f = files[next++];
        const rawPath = f.nameHex
          ? Buffer.concat([Buffer.from(opts.dir + path.sep), Buffer.from(f.nameHex, 'hex')])
          : undefined;
        const t = Date.now();
        let outcome: string;
        let message = '';
        let silent: string[] = [];
        try {
          const r = await pool.extract(path.join(opts.dir, f.name), { rawPath });
          outcome = 'record';
          silent = silentTables(r);
          if (silent.length) message = `null without a warning: ${silent.join(', ')}`;
        } catch (e) {
          outcome = isNianbaoError(e) ? e.code : 'THROWN';
          message = e instanceof Error ? e.message : String(e);
        }
        const verdict: FuzzResult['verdict'] =
          outcome === 'INTERNAL' || outcome === 'WORKER_CRASHED' || outcome === 'THROWN'
            ? 'crash'
            : outcome === 'TIMEOUT'
              ? 'hang'
              : !f.accept.includes(outcome)
                ? 'wrong-code'
                : silent.length
                  ? 'silent-loss'
                  : 'clean';
        const res = { file: f, outcome, message, ms: Date.now() - t, verdict };
        results.push(res);
        opts.onResult?.(res);
      }
    };
    await Promise.all(Array.from({ length: opts.jobs ?? 2 }, worker));
  } finally {
    clearInterval(sampler);
    await pool.close();
  }
  return { results, peakTreeMb: Math.round(peak / 1024), elapsedMs: Date.now() - t0 };
}

export function fuzzTable(results: FuzzResult[], peakTreeMb: number, elapsedMs: number): string {
  const count = (v: FuzzResult['verdict']) => results.filter((r) => r.verdict === v).length;
  const exit70 = results.filter((r) => r.outcome === 'INTERNAL').length;
  const rows: Array<[string, string | number]> = [
    ['files', results.length],
    ['handled cleanly', count('clean')],
    ['wrong codes', count('wrong-code')],
    ['crashes (exit 70 / worker crashed)', `${count('crash')} (${exit70} exit 70)`],
    ['hangs (timeouts)', count('hang')],
    ['silent losses (null table, no warning)', count('silent-loss')],
    ['peak RSS, whole process tree', `${peakTreeMb} MB`],
    ['time', `${(elapsedMs / 1000).toFixed(0)} s`],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const lines = rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`);
  const cats = [...new Set(results.map((r) => r.file.category))];
  lines.push('', 'by category (files / clean / slowest):');
  for (const c of cats) {
    const rs = results.filter((r) => r.file.category === c);
    lines.push(
      `  ${c.padEnd(14)} ${String(rs.length).padStart(4)} ${String(rs.filter((r) => r.verdict === 'clean').length).padStart(4)}  ${(Math.max(...rs.map((r) => r.ms)) / 1000).toFixed(1)} s`,
    );
  }
  const outcomes = new Map<string, number>();
  for (const r of results) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
  lines.push(
    '',
    `outcomes: ${[...outcomes]
      .sort((a, b) => b[1] - a[1])
      .map(([o, n]) => `${o} ${n}`)
      .join(', ')}`,
  );
  const bad = results.filter((r) => r.verdict !== 'clean');
  if (bad.length) {
    lines.push('', 'not handled cleanly:');
    for (const r of bad)
      lines.push(
        `  ${r.verdict.padEnd(11)} ${r.file.name}: ${r.outcome} ${r.message.split('\n')[0].slice(0, 160)} (accepts ${r.file.accept.join('/')})`,
      );
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const val = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (val('--minutes') !== undefined) return realMain(val);
  const keep = val('--dir');
  const dir = keep ?? mkdtempSync(path.join(os.tmpdir(), 'nianbao-fuzz-'));
  const every = Number(val('--every') ?? 1);
  const jobs = Number(val('--jobs') ?? 2);
  process.stderr.write(`fuzz: corpus in ${dir}\n`);
  let n = 0;
  const { results, peakTreeMb, elapsedMs } = await runFuzz({
    dir,
    every,
    jobs,
    timeoutMs: Number(val('--timeout') ?? 30) * 1000,
    memoryMb: Number(val('--memory') ?? 512),
    ocr: args.includes('--ocr'),
    onResult: (r) => {
      n++;
      if (process.stderr.isTTY) process.stderr.write(`\r${n} files…`);
      else if (r.verdict !== 'clean')
        process.stderr.write(`${r.verdict}: ${r.file.name}: ${r.outcome} ${r.message.split('\n')[0]}\n`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(fuzzTable(results, peakTreeMb, elapsedMs) + '\n');
  if (!keep) rmSync(dir, { recursive: true, force: true });
  return results.every((r) => r.verdict === 'clean') ? 0 : 1;
}

/** `--minutes N`: seeded mutants of the real documents through `nianbao batch`. */
async function realMain(val: (flag: string) => string | undefined): Promise<number> {
  const dir = val('--dir') ?? mkdtempSync(path.join(os.tmpdir(), 'nianbao-fuzz-real-'));
  const seed = Number(val('--seed') ?? 1);
  process.stderr.write(`fuzz: seed ${seed}, mutants in ${dir} (rounds with a finding are kept)\n`);
  const run = await runRealFuzz({
    dir,
    seed,
    minutes: Number(val('--minutes')),
    perSource: Number(val('--per-source') ?? 1),
    kinds: val('--kinds')?.split(','),
    timeoutS: Number(val('--timeout') ?? 120),
    jobs: Number(val('--jobs') ?? 2),
    memoryMb: val('--memory') ? Number(val('--memory')) : undefined,
    onRound: (round, rs) => {
      const bad = rs.filter((r) => finding(r));
      process.stderr.write(
        `round ${round}: ${rs.length} mutants, ${bad.length} findings${bad.map((r) => `\n  ${finding(r)}: ${r.name} (${r.what}): ${r.outcome} ${r.message.slice(0, 160)}`).join('')}\n`,
      );
    },
  });
  process.stdout.write(realFuzzTable(run) + '\n');
  return run.results.some((r) => finding(r)) ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`fuzz: ${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(2);
    },
  );
}
