// Runs in a child process forked by the pool: extracts one file per message, replies with the
// record or the error. Errors are serialized by hand (a NianbaoError's class does not survive IPC).
// Whatever goes wrong inside the PDF engine, even outside the job's own promise chain (an
// unhandled rejection in pdf.js), becomes this job's one-line error and the process is replaced.
import module from 'node:module';
import { Worker } from 'node:worker_threads';
import { isNianbaoError } from '../errors.js';
import { loadPdfium } from '../../extractors/pdfium/wasm.js';
import { classifyEngineError, classifyUnexpected } from './classify.js';
import { descendantPids } from './memory.js';
import { flaggedByChecks } from '../pipeline/flagged.js';
import type { JobRequest, JobResponse } from './protocol.js';

if (!process.send) throw new Error('child-entry.js must run as a forked child process');
// Node ≥ 22.1: reuse compiled code across processes (see bin/nianbao.js); absent on Node 20.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const send = (m: unknown) => process.send!(m);

// The pool kills us (and what we spawned) on timeout or over the memory cap; if the pool itself dies
// (kill -9), nobody would: a watchdog thread, alive even while this thread is stuck in a synchronous
// parse, ends the process once it is orphaned (the parent pid changes) — first its descendants, each
// with its process group (soffice leads one of its own), so no converter outlives the file.
const parent = process.ppid;
new Worker(
  `const fs = require('fs');
  const tree = (pid, out) => {
    try {
      for (const t of fs.readdirSync('/proc/' + pid + '/task'))
        for (const k of fs.readFileSync('/proc/' + pid + '/task/' + t + '/children', 'utf8').split(' ').filter((x) => x.trim()))
          out.push(+k), tree(+k, out);
    } catch {}
    return out;
  };
  // No /proc (macOS, the BSDs): the same tree from one ps listing.
  const psTree = (pid) => {
    const kids = new Map();
    try {
      for (const l of require('child_process').execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], { encoding: 'utf8' }).split('\\n')) {
        const [p, pp] = l.trim().split(/\\s+/).map(Number);
        if (p) kids.set(pp, [...(kids.get(pp) || []), p]);
      }
    } catch {}
    const out = [], stack = [pid];
    while (stack.length) for (const k of kids.get(stack.pop()) || []) out.push(k), stack.push(k);
    return out;
  };
  const kill = (p) => { try { process.kill(p, 'SIGKILL'); } catch {} };
  setInterval(() => {
    if (process.ppid === ${parent}) return;
    const pids = fs.existsSync('/proc/self/task') ? tree(process.pid, []) : psTree(process.pid);
    for (const p of pids) kill(-p), kill(p);
    kill(process.pid);
  }, 1000);`,
  { eval: true },
).unref();
// The pool gone (its IPC channel closed): end what we started (a converter), then ourselves.
process.on('disconnect', () => exitWithTree());

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
process.on('unhandledRejection', escaped);
process.on('uncaughtException', escaped);

// Load PDFium and the pipeline before saying ready: the per-file timeout should measure parsing,
// not start-up. Both at once: the wasm compiles while the modules evaluate. pdf.js (the fallback
// engine, ~0.2 s to load) loads on the first file that needs it.
const [{ extractReport }, { readInputFile }] = await Promise.all([
  import('../pipeline/extract.js'),
  import('../pipeline/read-input.js'),
  loadPdfium(),
]);
send({ ready: true });
// The pool ends its processes with SIGKILL, so Node's exit-time write of the compile cache never
// happens: write it now, once the modules are compiled (Node ≥ 22.10).
(module as { flushCompileCache?: () => void }).flushCompileCache?.();

process.on('message', async (job: JobRequest) => {
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
    r = { id: job.id, ok: true, json: JSON.stringify(report), flagged: flaggedByChecks(report) };
  } catch (e) {
    r = isNianbaoError(e)
      ? { id: job.id, ok: false, error: { code: e.code, message: e.message, file: e.file ?? job.name ?? job.path } }
      : { id: job.id, ok: false, error: { ...classifyUnexpected(e), file: job.name ?? job.path } };
  }
  reply(r);
  current = null;
});
