// Fuzzing over seeded mutants of real documents (issue 30): rounds of mutants of the committed
// samples — a WPS and a Word-export PDF, scanned PDFs, agency pages (UTF-8 and GBK), an MHT, DOCX,
// a .doc, a multi-page fax TIFF, a PNG — each round run through the real CLI (`nianbao batch`, its
// isolated pool, its per-file time limit), and every file's outcome tallied per kind: a record
// (ok, warned), refused with each error code, the time limit, exit 70, a hang (batch still running
// long after every file's limit passed: killed). An error that does not name the damage is a finding:
// a damaged DOCX refused as UNSUPPORTED_FORMAT, a page with a few bad bytes refused as NOT_A_REPORT.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareRecord, type Expected } from '../../src/eval/compare.js';
import type { Report } from '../../src/schema/record.js';
import { seededRng } from '../samples/prng.js';
import { mutate } from './mutate.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The repository root, from scripts/fuzz (vitest) or dist/scripts/fuzz (compiled). */
export const ROOT =
  path.basename(path.resolve(HERE, '../..')) === 'dist' ? path.resolve(HERE, '../../..') : path.resolve(HERE, '../..');

/** The real documents mutated, by kind (paths under samples/). */
export const REAL_SOURCES: Array<{ kind: string; file: string }> = [
  { kind: 'pdf', file: 'word/wps-2022-narrow.pdf' },
  { kind: 'pdf', file: 'word/word-2021-merged.pdf' },
  { kind: 'scan-pdf', file: 'scanned/bureau-2021-split.bilevel200.pdf' },
  { kind: 'scan-pdf', file: 'scanned/town-2021-inconsistent.jpeg40.pdf' },
  { kind: 'html', file: 'formats/city-2021-ruled.cms.html' },
  { kind: 'html', file: 'formats/bureau-2021-split.cms-gbk.html' },
  { kind: 'mht', file: 'web/city-2021-ruled.chrome.mht' },
  { kind: 'docx', file: 'formats/city-2021-ruled.docx' },
  { kind: 'docx', file: 'word/wps-2022-narrow.docx' },
  { kind: 'doc', file: 'formats/city-2021-ruled.doc' },
  { kind: 'tiff', file: 'formats/city-2021-ruled.g4.tif' },
  { kind: 'png', file: 'formats/city-2021-ruled.table3.png' },
];

export interface RealFuzzOptions {
  dir: string;
  seed: number;
  /** Stop starting rounds after this many minutes. */
  minutes?: number;
  /** Or: exactly this many rounds. */
  rounds?: number;
  /** Mutants per source per round (default 1). */
  perSource?: number;
  /** Kinds to mutate (default: all). */
  kinds?: string[];
  /** Per-file time limit, seconds (batch --timeout; default 120, the CLI's). */
  timeoutS?: number;
  jobs?: number;
  memoryMb?: number;
  ocr?: boolean;
  onRound?: (round: number, results: MutantResult[]) => void;
}

export interface MutantResult {
  kind: string;
  source: string;
  name: string;
  what: string;
  changed: number;
  /** 'ok' / 'warned' (a record, with warnings), an error code, or 'hang' (the batch was killed). */
  outcome: string;
  message: string;
  /** A record's wrong numbers that no warning or failed check points at (against the source's expected figures). */
  silent?: string[];
  /** Numbers of the original the record lacks with no warning or failed check on their own path. */
  lost?: string[];
}

export interface RealFuzzRun {
  results: MutantResult[];
  rounds: number;
  elapsedMs: number;
  /** Exit codes of the batch runs, and how many were killed as hung. */
  batchExits: number[];
}

/** Writes round `round`'s mutants into `dir`. */
export function makeRound(
  dir: string,
  seed: number,
  round: number,
  opts: Pick<RealFuzzOptions, 'perSource' | 'kinds'>,
): Omit<MutantResult, 'outcome' | 'message'>[] {
  mkdirSync(dir, { recursive: true });
  const rng = seededRng((seed * 1_000_003 + round) >>> 0);
  const out: Omit<MutantResult, 'outcome' | 'message'>[] = [];
  for (const [i, s] of REAL_SOURCES.entries()) {
    if (opts.kinds && !opts.kinds.includes(s.kind)) continue;
    const bytes = readFileSync(path.join(ROOT, 'samples', s.file));
    for (let k = 0; k < (opts.perSource ?? 1); k++) {
      const m = mutate(bytes, s.kind, rng);
      const base = path.basename(s.file);
      const name = `r${round}-${i}-${k}-${base}`;
      writeFileSync(path.join(dir, name), m.data);
      out.push({ kind: s.kind, source: s.file, name, what: m.what, changed: m.changed });
    }
  }
  return out;
}

/** Runs `nianbao batch` on `inDir`; kills it (a hang) once it outlives every file's limit by far. */
function runBatch(
  inDir: string,
  outDir: string,
  files: number,
  o: RealFuzzOptions,
): Promise<{ code: number; hung: boolean }> {
  const timeoutS = o.timeoutS ?? 120;
  const jobs = o.jobs ?? 2;
  const args = [
    path.join(ROOT, 'bin/nianbao.js'),
    'batch',
    inDir,
    '--out',
    outDir,
    '--store',
    path.join(outDir, 'store'),
    '--timeout',
    String(timeoutS),
    '--jobs',
    String(jobs),
    '-q',
  ];
  if (o.memoryMb) args.push('--memory', String(o.memoryMb));
  if (o.ocr === false) args.push('--no-ocr');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  // Every file at its limit, one after another per job, plus start-up and writing: past that, hung.
  const guardMs = (Math.ceil(files / jobs) * timeoutS + 120) * 1000;
  let hung = false;
  const guard = setTimeout(() => {
    hung = true;
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  }, guardMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (code === 70) process.stderr.write(`fuzz: batch exit 70: ${stderr.trim().split('\n').pop()}\n`);
      resolve({ code: code ?? (signal ? 128 : -1), hung });
    });
  });
}

/** Each file's outcome from the batch's records.jsonl and errors.jsonl, by file name. */
type Outcome = { outcome: string; message: string; record?: Report };
function readOutcomes(outDir: string): Map<string, Outcome> {
  const byName = new Map<string, Outcome>();
  const lines = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean) : []);
  for (const l of lines(path.join(outDir, 'records.jsonl'))) {
    const r = JSON.parse(l) as Report;
    const codes = [...new Set(r.warnings.map((w) => w.code))];
    byName.set(path.basename(r.source.path ?? ''), {
      outcome: codes.length ? 'warned' : 'ok',
      message: codes.join(', '),
      record: r,
    });
  }
  for (const l of lines(path.join(outDir, 'errors.jsonl'))) {
    const e = JSON.parse(l) as { path: string; code: string; message: string };
    byName.set(path.basename(e.path), { outcome: e.code, message: e.message });
  }
  // A file with the same bytes as another is reported once, as a duplicate of it.
  for (const l of lines(path.join(outDir, 'duplicates.jsonl'))) {
    const d = JSON.parse(l) as { path: string; duplicateOf: string };
    const first = byName.get(path.basename(d.duplicateOf));
    if (first) byName.set(path.basename(d.path), first);
  }
  return byName;
}

const expectedCache = new Map<string, Expected | null>();

/** The source's expected figures (samples/…/X.expected.json or X.ext.expected.json). */
function expectedOf(source: string): Expected | null {
  if (!expectedCache.has(source)) {
    const full = path.join(ROOT, 'samples', source);
    const file = [`${full}.expected.json`, full.replace(/\.[a-z0-9]+$/i, '.expected.json')].find((f) => existsSync(f));
    expectedCache.set(source, file ? (JSON.parse(readFileSync(file, 'utf8')) as Expected) : null);
  }
  return expectedCache.get(source)!;
}

/** Numbers of a mutant's record unlike the source's that nothing flags: wrong (silent) or absent (lost). */
function unflagged(record: Report, source: string): { silent: string[]; lost: string[] } {
  const expected = expectedOf(source);
  if (!expected) return { silent: [], lost: [] };
  const fields = compareRecord(record, expected).fields.filter((f) => f.numeric && f.silent);
  const show = (f: (typeof fields)[number]) => `${f.path}: ${String(f.expected)} → ${String(f.actual)}`;
  return {
    silent: fields.filter((f) => typeof f.actual === 'number').map(show),
    lost: fields.filter((f) => typeof f.actual !== 'number').map(show),
  };
}

/** Rounds of mutants through `nianbao batch` until `minutes` have passed (or `rounds` are done). */
export async function runRealFuzz(o: RealFuzzOptions): Promise<RealFuzzRun> {
  const t0 = Date.now();
  const results: MutantResult[] = [];
  const batchExits: number[] = [];
  let round = 0;
  const more = () => (o.rounds !== undefined ? round < o.rounds : Date.now() - t0 < (o.minutes ?? 1) * 60_000);
  while (more()) {
    const inDir = path.join(o.dir, `round-${round}`);
    const outDir = path.join(o.dir, `out-${round}`);
    const made = makeRound(inDir, o.seed, round, o);
    const { code, hung } = await runBatch(inDir, outDir, made.length, o);
    batchExits.push(hung ? -1 : code);
    const outcomes = readOutcomes(outDir);
    const these = made.map((m) => {
      const got = outcomes.get(m.name);
      const outcome = got?.outcome ?? (hung ? 'hang' : code === 70 ? 'INTERNAL' : 'missing');
      const { silent, lost } = got?.record ? unflagged(got.record, m.source) : { silent: [], lost: [] };
      return {
        ...m,
        outcome,
        message: got?.message ?? '',
        ...(silent.length ? { silent } : {}),
        ...(lost.length ? { lost } : {}),
      };
    });
    results.push(...these);
    o.onRound?.(round, these);
    // Findings are kept (their bytes become regression samples); clean rounds are removed.
    if (!these.some((r) => finding(r))) rmSync(inDir, { recursive: true, force: true });
    rmSync(outDir, { recursive: true, force: true });
    round++;
  }
  return { results, rounds: round, elapsedMs: Date.now() - t0, batchExits };
}

/** Why an outcome is not acceptable, or null: exit 70, a crash, a hang, the time limit, damage not named. */
export function finding(r: MutantResult): string | null {
  if (r.outcome === 'INTERNAL') return 'exit 70';
  if (r.outcome === 'WORKER_CRASHED') return 'crash';
  if (r.outcome === 'hang' || r.outcome === 'missing') return r.outcome;
  if (r.outcome === 'TIMEOUT') return 'time limit';
  if ((r.kind === 'docx' || r.kind === 'doc') && r.outcome === 'UNSUPPORTED_FORMAT')
    return 'damage not named (unsupported format)';
  const slight = r.changed <= 16 && !r.what.startsWith('cut');
  if ((r.kind === 'html' || r.kind === 'mht') && slight && r.outcome === 'NOT_A_REPORT')
    return 'damage not named (slightly damaged page refused)';
  return null;
}

/** The figures table: per kind, mutants, records (ok / warned), each error code, time limit, exit 70, hangs. */
export function realFuzzTable(run: RealFuzzRun): string {
  const { results } = run;
  const kinds = [...new Set(results.map((r) => r.kind))];
  const fixed = ['ok', 'warned'];
  const tail = ['TIMEOUT', 'INTERNAL', 'hang'];
  const codes = [...new Set(results.map((r) => r.outcome))]
    .filter((c) => !fixed.includes(c) && !tail.includes(c))
    .sort();
  const cols = ['kind', 'mutants', ...fixed, ...codes, 'TIMEOUT', 'INTERNAL(70)', 'hang', 'silent', 'lost'];
  const row = (label: string, rs: MutantResult[]) => [
    label,
    String(rs.length),
    ...[...fixed, ...codes, ...tail].map((c) => String(rs.filter((r) => r.outcome === c).length)),
    String(rs.filter((r) => r.silent).length),
    String(rs.filter((r) => r.lost).length),
  ];
  const rows = [
    ...kinds.map((k) =>
      row(
        k,
        results.filter((r) => r.kind === k),
      ),
    ),
    row('all', results),
  ];
  const w = cols.map((c, i) => Math.max(c.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((v, i) => (i === 0 ? v.padEnd(w[i]) : v.padStart(w[i]))).join('  ');
  const lines = [fmt(cols), ...rows.map(fmt)];
  const hung = run.batchExits.filter((c) => c === -1).length;
  lines.push(
    '',
    `${run.rounds} batch runs in ${(run.elapsedMs / 60_000).toFixed(1)} min; exit codes: ${countBy(run.batchExits.map((c) => (c === -1 ? 'killed (hung)' : String(c))))}; hung: ${hung}`,
  );
  lines.push('', 'messages (per kind and outcome, most frequent first):');
  for (const k of kinds) {
    for (const c of [...new Set(results.filter((r) => r.kind === k && r.outcome !== 'ok').map((r) => r.outcome))]) {
      const msgs = countBy(
        results.filter((r) => r.kind === k && r.outcome === c).map((r) => shape(r.message)),
        3,
      );
      lines.push(`  ${k} ${c}: ${msgs}`);
    }
  }
  lines.push(
    '',
    "records with numbers unlike the original's that nothing flags (silent: a wrong number — or a digit the damaged file itself says; lost: a number absent, no warning on its own path):",
  );
  for (const r of results.filter((x) => x.silent || x.lost)) {
    lines.push(
      `  ${r.name} (${r.what}): ${[...(r.silent ?? []).map((x) => `silent ${x}`), ...(r.lost ?? []).map((x) => `lost ${x}`)].slice(0, 4).join('; ')}`,
    );
  }
  const bad = results.map((r) => [r, finding(r)] as const).filter(([, f]) => f);
  lines.push('', `findings: ${bad.length}`);
  for (const [r, f] of bad) lines.push(`  ${f}: ${r.name} (${r.what}): ${r.outcome} ${r.message.slice(0, 200)}`);
  return lines.join('\n');
}

/** A message with its numbers and file names taken out, so like messages count together. */
const shape = (m: string) =>
  m
    .replace(/\d+/g, 'N')
    .replace(/r\d+-\S+/g, 'FILE')
    .slice(0, 140);

function countBy(xs: string[], top = 50): string {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([x, c]) => `${c}× ${x}`)
    .join(' | ');
}
