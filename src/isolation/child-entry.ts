// The extraction process's program, started by startChild in a child process forked by the pool
// (child-main.ts, or child-launch.ts for the bundle): extracts one file per message, replies with the
// record or the error. Errors are serialized by hand (a NianbaoError's class does not survive IPC).
// Whatever goes wrong inside the PDF engine, even outside the job's own promise chain (an
// unhandled rejection in pdf.js), becomes this job's one-line error and the process is replaced.
import module from 'node:module';
import { isNianbaoError } from '../errors.js';
import { loadPdfium } from '../../extractors/pdfium/wasm.js';
import { classifyEngineError, classifyUnexpected } from './classify.js';
import { descendantPids } from './memory.js';
import { flaggedByChecks } from '../pipeline/flagged.js';
import { toYearReport } from '../crossyear/checks.js';
import { startWatchdog } from './watchdog.js';
import type { JobRequest, JobResponse } from './protocol.js';

const send = (m: unknown) => process.send!(m);

/** Exit, first killing every descendant with its process group: soffice must not outlive us. */
function exitWithTree(): void {
  for (const p of descendantPids(process.pid)) {
    for (const target of [-p, p]) {
      try {
        process.kill(target, 'SIGKILL');
      } catch {
        // gone already, or not a group leader
      }
    }
  }
  process.exit(0);
}

let current: JobRequest | null = null;
let replied = false;

function reply(r: JobResponse): void {
  if (replied) return;
  replied = true;
  send(r);
}

/** An error that escaped the job's promise chain (pdf.js's own, e.g. a rejected font load): the job's failure; then start afresh. */
function escaped(e: unknown): void {
  if (current)
    reply({ id: current.id, ok: false, error: { ...classifyEngineError(e), file: current.name ?? current.path } });
  // The engine's state may be broken: exit and let the pool start a new process.
  setTimeout(exitWithTree, 10);
}

type Pipeline = [typeof import('../pipeline/extract.js'), typeof import('../pipeline/read-input.js')];

/** One job: the file's record or its error, sent back once. */
async function run(
  job: JobRequest,
  [{ extractReport }, { readInputFile }]: Pipeline,
  hooks: ChildHooks,
): Promise<void> {
  current = job;
  replied = false;
  let r: JobResponse;
  try {
    const input = job.rawPath ? await readInputFile(Buffer.from(job.rawPath), job.path) : job.path;
    const report = await extractReport(input, {
      path: job.name ?? job.path,
      maxPages: job.options.maxPages,
      ocr: job.options.ocr,
      timeoutMs: job.options.timeoutMs,
      engine: job.options.engine,
      convertedDocx: job.converted,
      ...(job.progress
        ? {
            onProgress: (page: number, pages: number, stage: 'text' | 'ocr') =>
              send({ id: job.id, progress: { page, pages, stage } }),
          }
        : {}),
    });
    // Everything the batch needs of the record is made here, where the work runs in parallel: the
    // batch process writes the text as it is and never parses it.
    const json = JSON.stringify(report);
    r = { id: job.id, ok: true, json, flagged: flaggedByChecks(report), year: toYearReport(report) };
  } catch (e) {
    r = isNianbaoError(e)
      ? { id: job.id, ok: false, error: { code: e.code, message: e.message, file: e.file ?? job.name ?? job.path } }
      : { id: job.id, ok: false, error: { ...classifyUnexpected(e), file: job.name ?? job.path } };
  }
  if (jobsDone++ === 0) hooks.afterFirstJob?.();
  reply(r);
  current = null;
}

/** What the launcher of the process adds (child-launch.ts: the code cache's write). */
export interface ChildHooks {
  /** Once, when the first file's outcome is known, before it is sent. */
  afterFirstJob?: () => void;
}

let jobsDone = 0;

/**
 * Run as the extraction process: take jobs from the pool once PDFium and the pipeline are loaded
 * (the per-file timeout should measure parsing, not start-up). Both at once: the wasm compiles while
 * the modules evaluate. pdf.js (the fallback engine, ~0.2 s to load) loads on the first file that
 * needs it.
 */
export function startChild(hooks: ChildHooks = {}): void {
  if (!process.send) throw new Error('the extraction process must run as a forked child process');
  // Node ≥ 22.1: reuse compiled code across processes (see bin/nianbao.js); absent on Node 20.
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  // If the pool dies (kill -9), a watcher outside this thread ends us and our tree (watchdog.ts).
  startWatchdog();
  // The pool gone (its IPC channel closed): end what we started (a converter), then ourselves.
  process.on('disconnect', () => exitWithTree());
  process.on('unhandledRejection', escaped);
  process.on('uncaughtException', escaped);
  Promise.all([import('../pipeline/extract.js'), import('../pipeline/read-input.js'), loadPdfium()]).then(
    ([extract, readInput]) => {
      process.on('message', (job: JobRequest) => void run(job, [extract, readInput], hooks));
      send({ ready: true });
      // The pool ends its processes with SIGKILL, so Node's exit-time write of the compile cache
      // never happens: write it now, once the modules are compiled (Node ≥ 22.10).
      (module as { flushCompileCache?: () => void }).flushCompileCache?.();
    },
    (e: unknown) => {
      // As an uncaught start-up error would: its stack on stderr (the pool reports its last line), exit 1.
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
