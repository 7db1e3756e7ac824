// How an extraction process is started (its script, flags and environment), which ones are alive
// (they die with us), and those `nianbao extract` and `nianbao batch` start ahead: bin/nianbao.js
// forks them before the CLI's own modules load, so the Node start-ups overlap on two cores; the
// command's pool then takes them over instead of forking its own (takeEarly), when they were
// started the same way.
// Small on purpose: bin/nianbao.js loads it first.
import { fork, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultJobs, defaultMemoryMb, killProcessTree } from './memory.js';

/** What makes two extraction processes alike: their memory cap (MB) and OCR workers. */
export interface ChildSpec {
  memoryMb: number;
  ocrWorkers: number;
}

/**
 * Memory of a child OCRing a scan, measured on samples/scanned (peak RSS, MB): ~420 without any
 * tesseract worker (node, PDFium, page images, the second engine's model), ~300 more per tesseract
 * worker. A child gets only the OCR workers its cap holds.
 */
const OCR_BASE_MB = 420;
const OCR_WORKER_MB = 300;

/** OCR workers per child of a pool of `size`: the cores left to it, and what its memory cap holds. */
export function ocrWorkersFor(size: number, memoryMb: number): number {
  return Math.max(
    1,
    Math.min(Math.floor(os.availableParallelism() / size), Math.floor((memoryMb - OCR_BASE_MB) / OCR_WORKER_MB), 8),
  );
}

/**
 * The child script: the bundle (dist/bundle/child.cjs, made by `npm run build`; loads in a fraction
 * of the time, with V8's code cache) through its launcher, when the bundle is at least as new as the
 * compiled sources; else the compiled dist/src/isolation/child-main.js (a bare `tsc` leaves the
 * bundle stale: never run stale code). Under vitest the sources run as .ts, so dist/ is used too
 * (built by pretest).
 */
export function childEntry(): string {
  const root = fileURLToPath(new URL(import.meta.url.endsWith('.js') ? '../../../' : '../../', import.meta.url));
  const compiled = path.join(root, 'dist/src/isolation');
  const bundle = path.join(root, 'dist/bundle/child.cjs');
  try {
    if (statSync(bundle).mtimeMs >= statSync(path.join(compiled, 'child-entry.js')).mtimeMs)
      return path.join(compiled, 'child-launch.js');
  } catch {
    // no bundle (or no build): the compiled files
  }
  return path.join(compiled, 'child-main.js');
}

/** A new extraction process, in a process group of its own (killing it kills what it spawned). */
export function forkExtraction(spec: ChildSpec): ChildProcess {
  return fork(childEntry(), [], {
    // The heap cap too, so V8 gives up (exit 12) before the RSS poll has to kill.
    // The parent's own flags (e.g. --import hooks) too, as worker threads inherited them.
    execArgv: [
      ...process.execArgv.filter((a) => !a.startsWith('--max-old-space-size')),
      ...v8Flags(process.execArgv),
      `--max-old-space-size=${spec.memoryMb}`,
    ],
    serialization: 'advanced',
    env: childEnv(spec.ocrWorkers),
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    detached: true,
  });
}

// Children die with us: on exit (also process.exit from a signal handler) every live child is killed.
const live = new Set<ChildProcess>();
let exitHook = false;

/** Kill `child` (with its tree) when this process exits. */
export function track(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const c of live) killTree(c);
  });
}

/** SIGKILL a child, its process group and all it spawned (soffice runs in a group of its own). */
export function killTree(child: ChildProcess): void {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  killProcessTree(child.pid);
}

/** Processes started ahead, until a pool takes them; `ready`: its ready message came meanwhile. */
const early: Array<{ child: ChildProcess; spec: ChildSpec; ready: boolean }> = [];

/**
 * Start `count` extraction processes of a pool of that size with the default memory cap now
 * (bin/nianbao.js: one for `extract`, --jobs for `batch`). They do not keep this process alive
 * until a pool takes them, and die with it.
 */
export function startEarly(memoryMb = defaultMemoryMb(), count = 1): void {
  const spec = { memoryMb, ocrWorkers: ocrWorkersFor(count, memoryMb) };
  for (let k = 0; k < count; k++) {
    const child = forkExtraction(spec);
    const started = { child, spec, ready: false };
    child.once('message', (m: { ready?: boolean }) => (started.ready = m.ready === true));
    child.on('error', () => undefined); // a failed start is seen by the pool that takes it, or not at all
    track(child);
    handles(child, 'unref');
    early.push(started);
  }
}

/**
 * How many extraction processes bin/nianbao.js starts ahead for the command line `args`: one for
 * `extract`, the pool's size for `batch` (--jobs, else the default), none for any other command,
 * for --help, or with --memory (the pool then starts its own: another cap). An unreadable --jobs
 * starts none (the command reports it).
 */
export function earlyCount(args: readonly string[]): number {
  const [command, ...rest] = args;
  if (command !== 'extract' && command !== 'batch') return 0;
  const end = rest.includes('--') ? rest.indexOf('--') : rest.length;
  const flags = rest.slice(0, end);
  if (flags.some((a) => a === '-h' || a === '--help' || a.startsWith('--memory'))) return 0;
  if (command === 'extract') return 1;
  let jobs: string | undefined;
  flags.forEach((a, k) => {
    if (a === '-j' || a === '--jobs') jobs = flags[k + 1];
    else if (a.startsWith('--jobs=')) jobs = a.slice('--jobs='.length);
  });
  if (jobs === undefined) return defaultJobs();
  const n = Math.floor(Number(jobs));
  return Number.isFinite(n) && n >= 1 ? n : 0;
}

/**
 * A process started ahead, if one was started like `spec` and is alive (now kept alive by its
 * handles, as a pool's child is); null otherwise (one started differently is killed).
 */
export function takeEarly(spec: ChildSpec): { child: ChildProcess; ready: boolean } | null {
  for (let e = early.shift(); e; e = early.shift()) {
    const alive = e.child.exitCode === null && e.child.signalCode === null && e.child.connected;
    if (alive && e.spec.memoryMb === spec.memoryMb && e.spec.ocrWorkers === spec.ocrWorkers) {
      handles(e.child, 'ref');
      return { child: e.child, ready: e.ready };
    }
    killTree(e.child);
  }
  return null;
}

/** Kill the processes started ahead that no pool took (more than the pool's size). */
export function dropEarly(): void {
  for (let e = early.shift(); e; e = early.shift()) killTree(e.child);
}

/** Whether the child's process, IPC channel and stderr pipe keep this process alive. */
function handles(child: ChildProcess, how: 'ref' | 'unref'): void {
  child[how]();
  child.channel?.[how]();
  (child.stderr as unknown as { ref(): void; unref(): void } | null)?.[how]();
}

/**
 * The environment of an extraction process: ours, with its OCR worker count, and without
 * NODE_EXTRA_CA_CERTS — Node 20 parses those certificates at start-up (~120 ms for a system bundle),
 * and an extraction process never opens a network connection.
 */
function childEnv(ocrWorkers: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NIANBAO_OCR_WORKERS: String(ocrWorkers) };
  delete env.NODE_EXTRA_CA_CERTS;
  return env;
}

/** TurboFan's interrupt budget of an extraction process on Node 20: 8× V8 11's default (see v8Flags). */
export const NODE20_INTERRUPT_BUDGET = 8 * 67_584;

/**
 * V8 tuning of an extraction process, measured on the bench corpus (2 cores; wall s for 40 / 300
 * files with --jobs 2, then --jobs 1). A child extracts many short files and its first ~20 are
 * dominated by the JIT; its helper threads (parallel GC, optimizing compiles) then compete with the
 * other child for the same cores.
 * - `--single-threaded-gc`: 1.30 / 4.96 → 1.21 / 4.75; --jobs 1 no slower (1.33 / 6.7 → 1.29 / 6.65).
 * - Node 20 (V8 11.x) only, TurboFan's interrupt budget ×8 (a function is optimized after 8× as
 *   much interpreted work): 1.65 / 5.84 → 1.30 / 5.37; ×4 and ×16 gained less. Newer V8 tiers
 *   through Maglev, has no such flag and gained nothing from the like one
 *   (--invocation-count-for-turbofan).
 * - Node 20 only, `--wasm-lazy-validation`: PDFium's wasm (4.6 MB) is compiled lazily, function by
 *   function, but V8 11 still validates every function body when the module is instantiated; with
 *   the flag a body is validated when it is first compiled (the package's own, fixed module: a
 *   bad body would fail its first call, which PDFium's reader turns into a refusal). An extraction
 *   process's CPU from start to ready, cold extracts, 2 × 6 interleaved runs: 128–136 → 111 ms
 *   (every run of one below every run of the other); its first file costs 0–10 ms more (the bodies
 *   it uses are validated then): 10–25 ms of CPU less per process. Newer V8 is not given it unmeasured.
 * A flag the parent was started with (`inherited`, its execArgv) is not overridden; `v8Version`
 * is the V8 the child runs.
 */
export function v8Flags(inherited: readonly string[], v8Version = process.versions.v8): string[] {
  const has = (flag: string) =>
    inherited.some((a) => a === flag || a.startsWith(`${flag}=`) || a === `--no-${flag.slice(2)}`);
  const flags: string[] = [];
  if (!has('--single-threaded-gc') && !has('--single-threaded')) flags.push('--single-threaded-gc');
  if (v8Version.startsWith('11.') && !has('--interrupt-budget'))
    flags.push(`--interrupt-budget=${NODE20_INTERRUPT_BUDGET}`);
  if (v8Version.startsWith('11.') && !has('--wasm-lazy-validation')) flags.push('--wasm-lazy-validation');
  return flags;
}
