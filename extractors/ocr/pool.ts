// A pool of tesseract.js workers: sized to the machine, fully offline (language data read from the
// @tesseract.js-data/chi_sim package, nothing cached to disk), recycled after a number of pages
// because wasm heap only grows in long runs, and shut down when idle so the process can exit.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { createWorker, OEM, type RecognizeResult, type Worker } from 'tesseract.js';
import { NianbaoError } from '../../core/errors.js';
import { closePaddle } from './paddle.js';

const require = createRequire(import.meta.url);

/**
 * Which chi_sim model: '4.0.0' (tessdata, 20 MB gzipped) or '4.0.0_best_int' (1.7 MB). Measured on
 * the samples: best_int misreads characters at line ends (年度报告 → 年度报千, as native tessdata_fast
 * does) and is not faster per line once loaded; 4.0.0 costs ~2 s more to start a worker.
 */
export type ChiSimModel = '4.0.0' | '4.0.0_best_int';
export const DEFAULT_MODEL: ChiSimModel = (process.env.NIANBAO_OCR_MODEL as ChiSimModel | undefined) ?? '4.0.0';

export function chiSimLangPath(model: ChiSimModel = DEFAULT_MODEL): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), model);
}

export interface OcrPoolOptions {
  /** Workers to run; default: available cores (at most 8). */
  size?: number;
  /** Replace a worker after it has worked on this many pages. */
  recycleAfterPages?: number;
  /** Terminate all workers after this long without work (ms); 0 = never. */
  idleMs?: number;
}

export type OcrParams = Record<string, string>;
export type OcrOutput = { text?: boolean; blocks?: boolean };

interface Slot {
  worker: Promise<Worker>;
  pages: Set<number>;
  busy: boolean;
}

export class OcrPool {
  readonly size: number;
  private readonly recycleAfter: number;
  private readonly idleMs: number;
  private slots: Slot[] = [];
  private queue: Array<() => void> = [];
  private idleTimer: NodeJS.Timeout | null = null;
  private active = 0;
  /** Workers started over the pool's life (recycling included). */
  workersStarted = 0;

  constructor(opts: OcrPoolOptions = {}) {
    // NIANBAO_OCR_WORKERS: set by the extraction pool for its child processes (their memory cap).
    this.size = Math.max(
      1,
      opts.size ?? (Number(process.env.NIANBAO_OCR_WORKERS) || Math.min(os.availableParallelism(), 8)),
    );
    this.recycleAfter = opts.recycleAfterPages ?? 20;
    this.idleMs = opts.idleMs ?? 1500;
  }

  /** Recognise one encoded image (PGM/PNG) with per-call tesseract parameters. */
  async recognize(image: Uint8Array, params: OcrParams, output: OcrOutput, page: number): Promise<RecognizeResult> {
    const slot = await this.acquire(page);
    try {
      slot.pages.add(page);
      const worker = await slot.worker;
      // debug_file: tesseract's own chatter ("Image too small to scale!!") would go to our stderr.
      return await worker.recognize(
        Buffer.from(image.buffer, image.byteOffset, image.byteLength),
        { debug_file: '/dev/null', ...params } as OcrParams,
        {
          text: output.text ?? true,
          blocks: output.blocks ?? false,
          hocr: false,
          tsv: false,
        },
      );
    } catch (e) {
      // A failed job may leave the wasm instance broken: never hand this worker out again.
      this.slots = this.slots.filter((s) => s !== slot);
      void slot.worker.then((w) => w.terminate()).catch(() => undefined);
      throw new NianbaoError(
        'WORKER_CRASHED',
        `OCR failed on page ${page}: ${String((e as Error)?.message ?? e).split('\n')[0]}`,
      );
    } finally {
      this.release(slot);
    }
  }

  async terminate(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((s) => s.worker.then((w) => w.terminate()).catch(() => undefined)));
  }

  private startWorker(): Slot {
    this.workersStarted++;
    const worker = createWorker('chi_sim', OEM.LSTM_ONLY, {
      langPath: chiSimLangPath(),
      cacheMethod: 'none',
      gzip: true,
      logger: () => undefined,
      errorHandler: () => undefined,
    });
    // Don't leave an unhandled rejection if the worker fails before anyone awaits it.
    worker.catch(() => undefined);
    return { worker, pages: new Set(), busy: false };
  }

  private acquire(page: number): Promise<Slot> {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.active++;
    const take = (): Slot | null => {
      let slot = this.slots.find((s) => !s.busy);
      if (slot && slot.pages.size >= this.recycleAfter && !slot.pages.has(page)) {
        // It has done its share of pages: retire it and start a fresh one in its place.
        const old = slot;
        void old.worker.then((w) => w.terminate()).catch(() => undefined);
        slot = this.startWorker();
        this.slots[this.slots.indexOf(old)] = slot;
      }
      if (!slot && this.slots.length < this.size) {
        slot = this.startWorker();
        this.slots.push(slot);
      }
      if (slot) slot.busy = true;
      return slot ?? null;
    };
    const slot = take();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => {
      this.queue.push(() => resolve(take()!));
    });
  }

  private release(slot: Slot): void {
    this.active--;
    slot.busy = false;
    const next = this.queue.shift();
    if (next) next();
    else if (this.active === 0 && this.idleMs > 0) {
      this.idleTimer = setTimeout(() => void this.terminate(), this.idleMs);
      this.idleTimer.unref();
    }
  }
}

let shared: OcrPool | null = null;

/** The process-wide pool (created on first use). */
export function sharedOcrPool(): OcrPool {
  shared ??= new OcrPool();
  return shared;
}

/** Stop the shared pool's workers now (e.g. at the end of a CLI run). */
export async function closeOcr(): Promise<void> {
  const pool = shared;
  shared = null;
  await Promise.all([pool?.terminate(), closePaddle()]);
}
