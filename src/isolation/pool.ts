// A pool of worker threads that run extractReport() one file at a time each.
// Why threads and not an in-process timeout: pdf.js parses synchronously, so a timer in the same
// thread never fires while a hostile page is being parsed. A worker can be terminated mid-parse,
// and resourceLimits turns a runaway heap into that worker's death instead of the whole batch's.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NianbaoError } from '../errors.js';
import type { Report } from '../schema/record.js';
import type { JobOptions, JobRequest, JobResponse, ReadyMessage } from './protocol.js';

export interface IsolationOptions extends JobOptions {
  /** Hard wall-clock limit per file; the worker is killed when it passes. Default 120 s. */
  timeoutMs?: number;
  /** V8 old-generation heap cap per worker, in MB. Default 1024. */
  memoryMb?: number;
  /** A worker is replaced after this many files, so slow leaks cannot add up. Default 50. */
  jobsPerWorker?: number;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_MEMORY_MB = 1024;
/** A worker that has not loaded pdf.js by then is taken as broken. */
const STARTUP_TIMEOUT_MS = 60_000;

/** The compiled worker script. Under vitest the sources run as .ts, so use dist/ (built by pretest). */
export function workerEntry(): URL {
  if (import.meta.url.endsWith('.js')) return new URL('./worker-entry.js', import.meta.url);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  return pathToFileURL(path.join(root, 'dist/src/isolation/worker-entry.js'));
}

interface Pending {
  id: number;
  path: string;
  resolve(r: Report): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/** One worker thread and the job it is running. */
class Slot {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private jobsDone = 0;
  pending: Pending | null = null;

  constructor(private readonly opts: Required<Pick<IsolationOptions, 'timeoutMs' | 'memoryMb' | 'jobsPerWorker'>>) {}

  async run(job: JobRequest): Promise<Report> {
    const shown = job.name ?? job.path;
    const worker = await this.ensureWorker(shown);
    return new Promise<Report>((resolve, reject) => {
      // The clock starts when a ready worker gets the file: start-up is not the file's fault.
      const timer = setTimeout(() => {
        this.fail(new NianbaoError('TIMEOUT', `extraction took longer than ${fmtMs(this.opts.timeoutMs)} and was stopped`, shown));
      }, this.opts.timeoutMs);
      this.pending = { id: job.id, path: shown, resolve, reject, timer };
      worker.postMessage(job);
    });
  }

  private ensureWorker(file: string): Promise<Worker> {
    if (this.worker && this.ready && this.jobsDone < this.opts.jobsPerWorker) return this.ready;
    if (this.worker) void this.kill();
    const worker = new Worker(workerEntry(), {
      resourceLimits: { maxOldGenerationSizeMb: this.opts.memoryMb },
    });
    this.worker = worker;
    this.jobsDone = 0;
    let started: { resolve(w: Worker): void; reject(e: Error): void; timer: NodeJS.Timeout } | null = null;
    const ready = new Promise<Worker>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        reject(new NianbaoError('WORKER_CRASHED', `the extraction worker did not start within ${fmtMs(STARTUP_TIMEOUT_MS)}`, file));
      }, STARTUP_TIMEOUT_MS);
      started = { resolve, reject, timer };
    });
    this.ready = ready;
    const crash = (err: NianbaoError) => {
      if (this.worker !== worker) return;
      if (started) {
        clearTimeout(started.timer);
        this.kill();
        started.reject(err);
        started = null;
      } else this.fail(err);
    };
    worker.on('message', (msg: JobResponse | ReadyMessage) => {
      if ('ready' in msg) {
        if (started) {
          clearTimeout(started.timer);
          started.resolve(worker);
          started = null;
        }
      } else this.onMessage(worker, msg);
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const oom = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      const message = oom
        ? `ran out of memory (over the ${this.opts.memoryMb} MB heap limit) and was stopped`
        : `the extraction worker crashed (${e.message.split('\n')[0]})`;
      crash(new NianbaoError(oom ? 'OUT_OF_MEMORY' : 'WORKER_CRASHED', message, this.pending?.path ?? file));
    });
    worker.on('exit', (code) => {
      crash(new NianbaoError('WORKER_CRASHED', `the extraction worker exited (code ${code})`, this.pending?.path ?? file));
    });
    return ready;
  }

  private onMessage(worker: Worker, msg: JobResponse): void {
    const p = this.pending;
    if (this.worker !== worker || !p || p.id !== msg.id) return;
    clearTimeout(p.timer);
    this.pending = null;
    this.jobsDone++;
    if (msg.ok) p.resolve(msg.report);
    else p.reject(new NianbaoError(msg.error.code, msg.error.message, msg.error.file ?? p.path));
  }

  /** The running job fails with `err`; the worker is discarded (a fresh one starts on the next job). */
  private fail(err: NianbaoError): void {
    this.kill();
    const p = this.pending;
    this.pending = null;
    if (p) {
      clearTimeout(p.timer);
      p.reject(err);
    }
  }

  kill(): Promise<number> | undefined {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    // terminate() interrupts even synchronous JavaScript (V8 TerminateExecution).
    return w?.terminate();
  }
}

/**
 * `size` worker threads that extract files one at a time each. A file that runs past
 * `timeoutMs` or past `memoryMb` of heap has its worker killed (rejecting with TIMEOUT,
 * OUT_OF_MEMORY or WORKER_CRASHED) and replaced; workers are also recycled after `jobsPerWorker` files. Callers may
 * `extract` concurrently: jobs wait for a free worker. `close()` kills every worker.
 */
export class ExtractionPool {
  private readonly slots: Slot[];
  private readonly idle: Slot[];
  private readonly waiting: Array<(s: Slot) => void> = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly options: IsolationOptions = {},
  ) {
    if (!(size >= 1)) throw new RangeError('pool size must be at least 1');
    const slotOpts = {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      memoryMb: options.memoryMb ?? DEFAULT_MEMORY_MB,
      jobsPerWorker: options.jobsPerWorker ?? 50,
    };
    this.slots = Array.from({ length: size }, () => new Slot(slotOpts));
    this.idle = [...this.slots];
  }

  /**
   * Extract one file in a worker; rejects with a NianbaoError (TIMEOUT, WORKER_CRASHED, or the parser's own).
   * `rawPath`: the path's bytes when the name is not valid UTF-8 (`file` then only labels it).
   * `name` replaces the path in the record and in errors (stdin read into a temp file).
   */
  async extract(file: string, opts: { rawPath?: Uint8Array; name?: string } = {}): Promise<Report> {
    if (this.closed) throw new Error('the extraction pool is closed');
    const slot = this.idle.pop() ?? (await new Promise<Slot>((r) => this.waiting.push(r)));
    try {
      const options = { maxPages: this.options.maxPages, ocr: this.options.ocr, engine: this.options.engine, timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
      return await slot.run({ id: this.nextId++, path: file, rawPath: opts.rawPath, ...(opts.name !== undefined ? { name: opts.name } : {}), options });
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.idle.push(slot);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.kill()));
  }
}

/** One file in its own worker (the single-file `extract` path). */
export async function extractIsolated(file: string, options: IsolationOptions = {}): Promise<Report> {
  const pool = new ExtractionPool(1, { ...options, jobsPerWorker: 1 });
  try {
    return await pool.extract(file);
  } finally {
    await pool.close();
  }
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
