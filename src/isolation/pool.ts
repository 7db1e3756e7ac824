// A pool of child processes that run extractReport() one file at a time each — the way Apache Tika
// forks a JVM per document. Why processes, not threads or an in-process timeout:
// - pdf.js parses synchronously, so a timer in the same thread never fires while a hostile page is
//   being parsed; a process can be killed mid-parse.
// - Decompressed streams, images and WASM memory live outside the V8 heap that a thread's
//   resourceLimits cap: only the process's real memory (RSS) bounds them. The pool polls the RSS
//   of each child and its descendants and kills a child that passes its cap (exit 12 for that file).
// Children are reused for many files (start-up and JIT warm-up are paid once per child); one that
// grew is replaced between files.
import type { ChildProcess } from 'node:child_process';
import { NianbaoError } from '../errors.js';
import type { Report } from '../schema/record.js';
import type { YearReport } from '../crossyear/checks.js';
import { defaultMemoryMb, ProcTreeRss, treeRssKb } from './memory.js';
import { dropEarly, forkExtraction, killTree, ocrWorkersFor, takeEarly, track, type ChildSpec } from './spawn.js';

export { childEntry, NODE20_INTERRUPT_BUDGET, v8Flags } from './spawn.js';
import { memorySource, uncappedWarning } from './process-table.js';
import { ownLines } from './own-lines.js';
import type { JobOptions, JobRequest, JobResponse, ProgressMessage, ReadyMessage } from './protocol.js';
import type { PageProgress } from '../../extractors/types.js';

export interface IsolationOptions extends JobOptions {
  /** Hard wall-clock limit per file; the child is killed when it passes. Default 120 s. */
  timeoutMs?: number;
  /**
   * Memory cap per child process in MB: its RSS with its descendants (ArrayBuffers, WASM and the V8
   * heap included). Default: 1536, less on a machine with little memory (see defaultMemoryMb).
   */
  memoryMb?: number;
  /**
   * A child is replaced after this many files, a backstop against slow leaks. Default 1000: a child
   * is worth keeping, since its JIT-compiled code makes it ~1.5× faster than a fresh one.
   */
  jobsPerWorker?: number;
  /**
   * A child whose RSS (with its descendants) is above this after a file is replaced before the
   * next one, so a grown child gives its memory back between files instead of being killed at the
   * cap in the middle of one. Default: 3/4 of `memoryMb` (a child that OCR'd a scan keeps ~900
   * MB of models and workers, worth keeping for the next scan).
   */
  recycleMb?: number;
}

/** A child's start-up, until its 'ready' message. */
interface Startup {
  resolve(c: ChildProcess): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * A record as its JSON text, whether a person should look at it (see flaggedByChecks), and the
 * parts of it the cross-year checks read.
 */
export interface ExtractedJson {
  json: string;
  flagged: boolean;
  year: YearReport;
}

export const DEFAULT_TIMEOUT_MS = 120_000;
/** Files one child extracts before it is replaced (see IsolationOptions.jobsPerWorker). */
export const DEFAULT_JOBS_PER_WORKER = 1000;
/** The default memory cap on this machine (MB). */
export const DEFAULT_MEMORY_MB = defaultMemoryMb();
/** A child that has not loaded pdf.js by then is taken as broken. */
const STARTUP_TIMEOUT_MS = 60_000;
/** The file name a child started ahead of its first file reports its start-up failure under. */
const PRESTART = '(start-up)';
/** How often a busy child's RSS is read. At ~1 GB/s of inflation this overshoots by ~50 MB. */
const RSS_POLL_MS = 25;
/** The same where RSS comes from `ps` (no /proc): each read runs a process, a few ms of CPU. */
const PS_RSS_POLL_MS = 250;
/** The last bytes of a child's stderr are kept to tell a V8 heap abort from other deaths. */
const STDERR_TAIL = 8192;

/**
 * Per file: `rawPath` (the path's bytes when not UTF-8), `name` (replaces the path), `onProgress`
 * (pages read), `converted` (a .docx LibreOffice already made of this .doc/.wps/.odt/.rtf file).
 */
export interface ExtractJobOptions {
  rawPath?: Uint8Array;
  name?: string;
  onProgress?: PageProgress;
  converted?: string;
}

interface Pending {
  id: number;
  path: string;
  resolve(r: ExtractedJson): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
  poll: Poll | null;
  onProgress?: PageProgress;
}

/** A running file's memory poll. */
interface Poll {
  /** The tree's RSS now (kB), as the poll reads it; null when the process is gone. */
  read(): number | null;
  stop(): void;
}

type SlotOptions = Required<Pick<IsolationOptions, 'timeoutMs' | 'memoryMb' | 'jobsPerWorker' | 'recycleMb'>>;

/** One child process and the job it is running. */
class Slot {
  private child: ChildProcess | null = null;
  private ready: Promise<ChildProcess> | null = null;
  private jobsDone = 0;
  /** The child grew past recycleMb: replace it before its next file. */
  private worn = false;
  private stderrTail = '';
  /** Why we killed the current child, so its exit is reported as that and not as a crash. */
  private killedFor: NianbaoError | null = null;
  /** Highest RSS (kB) of any child of this slot while it ran a job. */
  peakRssKb = 0;
  /** Child processes this slot has started. */
  started = 0;
  pending: Pending | null = null;

  constructor(
    private readonly opts: SlotOptions,
    private readonly spec: ChildSpec,
  ) {}

  async run(job: JobRequest, onProgress?: PageProgress): Promise<ExtractedJson> {
    const shown = job.name ?? job.path;
    // A child started ahead (prestart) that failed to start fails this file, named as this file.
    const child = await this.ensureChild(shown).catch((e: unknown) => {
      throw e instanceof NianbaoError && e.file === PRESTART ? new NianbaoError(e.code, e.message, shown) : e;
    });
    return new Promise<ExtractedJson>((resolve, reject) => {
      // The clock starts when a ready child gets the file: start-up is not the file's fault.
      const timer = setTimeout(() => {
        this.fail(
          new NianbaoError(
            'TIMEOUT',
            `extraction took longer than ${fmtMs(this.opts.timeoutMs)} and was stopped`,
            shown,
          ),
        );
      }, this.opts.timeoutMs);
      const poll = child.pid ? this.memoryPoll(child.pid, shown) : null;
      this.pending = { id: job.id, path: shown, resolve, reject, timer, poll, onProgress };
      child.send(onProgress ? { ...job, progress: true } : job);
    });
  }

  /**
   * Reads the child's RSS (with its descendants) while it runs a file, failing the file past the cap;
   * null where RSS cannot be read. Stopped (its /proc files closed) when the file settles.
   */
  private memoryPoll(pid: number, shown: string): Poll | null {
    const source = memorySource();
    if (source === 'none') return null;
    const capKb = this.opts.memoryMb * 1024;
    // From /proc, the same files read again through descriptors kept open for the file's run.
    const tree = source === 'proc' ? new ProcTreeRss(pid) : null;
    const read = () => (tree ? tree.read() : treeRssKb(pid, source));
    const timer = setInterval(
      () => {
        const rss = read();
        if (rss === null) return;
        if (rss > this.peakRssKb) this.peakRssKb = rss;
        if (rss > capKb) {
          const message = `needed more than the ${this.opts.memoryMb} MB memory limit and was stopped (--memory)`;
          this.fail(new NianbaoError('OUT_OF_MEMORY', message, shown));
        }
      },
      source === 'ps' ? PS_RSS_POLL_MS : RSS_POLL_MS,
    );
    return {
      read,
      stop: () => {
        clearInterval(timer);
        tree?.close();
      },
    };
  }

  ensureChild(file: string): Promise<ChildProcess> {
    if (this.child && this.ready && !this.worn && this.jobsDone < this.opts.jobsPerWorker) return this.ready;
    if (this.child) this.kill();
    const { child, ready: started } = this.forkChild();
    // Settled by the child's 'ready' message, its death, or the start-up timer, whichever comes first.
    const startup: { current: Startup | null } = { current: null };
    const ready = new Promise<ChildProcess>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.kill();
        const message = `the extraction process did not start within ${fmtMs(STARTUP_TIMEOUT_MS)}`;
        reject(new NianbaoError('WORKER_CRASHED', message, file));
      }, STARTUP_TIMEOUT_MS);
      startup.current = { resolve, reject, timer };
    });
    ready.catch(() => undefined);
    this.ready = ready;
    this.listen(child, file, startup);
    // A process started ahead (spawn.ts) may have said it is ready before we listened.
    if (started) {
      clearTimeout(startup.current!.timer);
      startup.current!.resolve(child);
      startup.current = null;
    }
    return ready;
  }

  /**
   * A fresh child (or the one started ahead for it: `ready` if it said so already), now this pool's
   * child, its stderr kept as a tail to tell deaths apart.
   */
  private forkChild(): { child: ChildProcess; ready: boolean } {
    const early = takeEarly(this.spec);
    const child = early?.child ?? forkExtraction(this.spec);
    track(child);
    this.started++;
    this.child = child;
    this.jobsDone = 0;
    this.worn = false;
    this.stderrTail = '';
    this.killedFor = null;
    // Engine chatter stays out of our stderr (NIANBAO_DEBUG=1 shows it); our own lines go through.
    child.stderr!.setEncoding('utf8');
    const own = ownLines((line) => process.stderr.write(line));
    child.stderr!.on('data', (d: string) => {
      if (process.env.NIANBAO_DEBUG) process.stderr.write(d);
      else own(d);
      this.stderrTail = (this.stderrTail + d).slice(-STDERR_TAIL);
    });
    return { child, ready: early?.ready ?? false };
  }

  /** A child's messages (progress, ready, results) and its end, which settles a start-up still pending. */
  private listen(child: ChildProcess, file: string, startup: { current: Startup | null }): void {
    child.on('message', (msg: JobResponse | ReadyMessage | ProgressMessage) => {
      if ('progress' in msg) {
        const { page, pages, stage } = msg.progress;
        if (this.child === child && this.pending?.id === msg.id) this.pending.onProgress?.(page, pages, stage);
      } else if ('ready' in msg) {
        if (startup.current) {
          clearTimeout(startup.current.timer);
          startup.current.resolve(child);
          startup.current = null;
        }
      } else this.onMessage(child, msg);
    });
    child.on('error', (e) => {
      const message = `the extraction process failed (${e.message.split('\n')[0]})`;
      this.died(child, new NianbaoError('WORKER_CRASHED', message, this.pending?.path ?? file), startup.current);
    });
    // 'close' (not 'exit'): stderr is fully read by then, so a V8 heap abort is recognised.
    child.on('close', (code, signal) => {
      const err = this.killedFor ?? this.deathError(code, signal, this.pending?.path ?? file);
      this.died(child, err, startup.current);
      startup.current = null;
    });
  }

  /** Why a child ended that we did not kill. */
  private deathError(code: number | null, signal: NodeJS.Signals | null, file: string): NianbaoError {
    if (
      /heap out of memory|Fatal JavaScript out of memory|Allocation failed|Reached heap limit/i.test(this.stderrTail)
    ) {
      return new NianbaoError(
        'OUT_OF_MEMORY',
        `ran out of memory (over the ${this.opts.memoryMb} MB heap limit) and was stopped`,
        file,
      );
    }
    if (signal === 'SIGKILL')
      return new NianbaoError(
        'OUT_OF_MEMORY',
        'the extraction process was killed by the system (out of memory?)',
        file,
      );
    const last = this.stderrTail.trim().split('\n').filter(Boolean).pop();
    return new NianbaoError(
      'WORKER_CRASHED',
      `the extraction process exited (${signal ?? `code ${code}`}${last ? `: ${last.slice(0, 160)}` : ''})`,
      file,
    );
  }

  private died(
    child: ChildProcess,
    err: NianbaoError,
    started: { reject(e: Error): void; timer: NodeJS.Timeout } | null,
  ): void {
    // Also for a child we killed while it started (close, recycle): its start-up timer must not
    // keep the process alive.
    if (started) {
      clearTimeout(started.timer);
      started.reject(err);
    }
    if (this.child !== child) return;
    this.child = null;
    this.ready = null;
    this.settle(err);
  }

  private onMessage(child: ChildProcess, msg: JobResponse): void {
    const p = this.pending;
    if (this.child !== child || !p || p.id !== msg.id) return;
    // Read before the poll stops, through its open /proc files.
    const rss = p.poll ? p.poll.read() : child.pid ? treeRssKb(child.pid) : null;
    this.clear(p);
    this.pending = null;
    this.jobsDone++;
    if (rss !== null && rss > this.opts.recycleMb * 1024) this.worn = true;
    if (msg.ok) p.resolve({ json: msg.json, flagged: msg.flagged, year: msg.year });
    else p.reject(new NianbaoError(msg.error.code, msg.error.message, msg.error.file ?? p.path));
  }

  private clear(p: Pending): void {
    clearTimeout(p.timer);
    p.poll?.stop();
  }

  private settle(err: NianbaoError): void {
    const p = this.pending;
    this.pending = null;
    if (p) {
      this.clear(p);
      p.reject(err);
    }
  }

  /** The running job fails with `err`; the child is killed (a fresh one starts on the next job). */
  private fail(err: NianbaoError): void {
    this.killedFor = err;
    this.kill();
    this.settle(err);
  }

  /**
   * The pool is closing: the file in flight (if any) fails as stopped and the child is killed. Without
   * this its result would never come (a killed child's end is not reported) and only its timer would end it.
   */
  close(): Promise<void> {
    const p = this.pending;
    if (p) {
      this.killedFor = new NianbaoError(
        'WORKER_CRASHED',
        'extraction stopped: the run ended before it finished',
        p.path,
      );
      this.settle(this.killedFor);
    }
    return this.kill();
  }

  kill(): Promise<void> {
    const c = this.child;
    this.child = null;
    this.ready = null;
    if (!c) return Promise.resolve();
    const gone =
      c.exitCode !== null || c.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((r) => c.once('exit', () => r()));
    killTree(c);
    return gone;
  }
}

/**
 * `size` child processes that extract files one at a time each. A file that runs past
 * `timeoutMs`, or whose process (with its descendants) passes `memoryMb` of RSS, has its process
 * killed (rejecting with TIMEOUT or OUT_OF_MEMORY; an unexpected death is WORKER_CRASHED) and
 * replaced; processes are also recycled after `jobsPerWorker` files. Callers may `extract`
 * concurrently: jobs wait for a free process. `close()` kills every process.
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
    warnIfUncapped();
    const slotOpts: SlotOptions = {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      memoryMb: options.memoryMb ?? DEFAULT_MEMORY_MB,
      jobsPerWorker: options.jobsPerWorker ?? DEFAULT_JOBS_PER_WORKER,
      recycleMb: options.recycleMb ?? Math.floor(((options.memoryMb ?? DEFAULT_MEMORY_MB) * 3) / 4),
    };
    const spec: ChildSpec = { memoryMb: slotOpts.memoryMb, ocrWorkers: ocrWorkersFor(size, slotOpts.memoryMb) };
    this.slots = Array.from({ length: size }, () => new Slot(slotOpts, spec));
    this.idle = [...this.slots];
  }

  /**
   * Extract one file in a child process; rejects with a NianbaoError (TIMEOUT, OUT_OF_MEMORY,
   * WORKER_CRASHED, or the parser's own). `rawPath`: the path's bytes when the name is not valid
   * UTF-8 (`file` then only labels it). `name` replaces the path in the record and in errors (stdin
   * read into a temp file).
   */
  async extract(file: string, opts: ExtractJobOptions = {}): Promise<Report> {
    return JSON.parse((await this.extractJson(file, opts)).json) as Report;
  }

  /**
   * As `extract`, the record as its JSON text (validated in the worker; what a store writes as it
   * is) and whether it is flagged (a failed check or a table not read).
   */
  async extractJson(file: string, opts: ExtractJobOptions = {}): Promise<ExtractedJson> {
    if (this.closed) throw new Error('the extraction pool is closed');
    const slot = this.idle.pop() ?? (await new Promise<Slot>((r) => this.waiting.push(r)));
    try {
      // Closed while this file waited for a process: it is not started (its slot passes on below).
      if (this.closed)
        throw new NianbaoError('WORKER_CRASHED', 'extraction stopped: the run ended before it started', file);
      const options = {
        maxPages: this.options.maxPages,
        ocr: this.options.ocr,
        engine: this.options.engine,
        timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      };
      const job: JobRequest = {
        id: this.nextId++,
        path: file,
        rawPath: opts.rawPath,
        ...(opts.name !== undefined ? { name: opts.name } : {}),
        options,
      };
      if (opts.converted) job.converted = opts.converted;
      return await slot.run(job, opts.onProgress);
    } finally {
      const next = this.waiting.shift();
      if (next) next(slot);
      else this.idle.push(slot);
    }
  }

  /** Highest RSS (MB) any child reached while extracting (with its descendants). */
  get peakRssMb(): number {
    return Math.round(Math.max(0, ...this.slots.map((s) => s.peakRssKb)) / 1024);
  }

  /**
   * Start every child now rather than on its first file, so their start-up overlaps the caller's
   * own (hashing the inputs). A child that fails to start is reported on its first file.
   */
  prestart(): void {
    if (this.closed) return;
    for (const s of this.slots) s.ensureChild(PRESTART).catch(() => undefined);
    // Processes started ahead beyond this pool's size (bin/nianbao.js read another --jobs) are not needed.
    dropEarly();
  }

  /** Child processes started so far (one per slot, plus each replacement). */
  get childrenStarted(): number {
    return this.slots.reduce((n, s) => n + s.started, 0);
  }

  /** Kill every process; files in flight and waiting fail (WORKER_CRASHED, "stopped") at once. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.close()));
  }
}

let warnedUncapped = false;

/** Once per process: say so when the memory cap cannot be enforced here (no /proc, no ps). */
function warnIfUncapped(): void {
  const warning = uncappedWarning(memorySource());
  if (!warning || warnedUncapped) return;
  warnedUncapped = true;
  process.stderr.write(`${warning}\n`);
}

/** One file in its own child process (the single-file `extract` path). */
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
