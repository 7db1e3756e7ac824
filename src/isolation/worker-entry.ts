// Runs inside a worker thread: extracts one file per message, replies with the record or the error.
// Errors are serialized by hand because a NianbaoError's class and code do not survive cloning.
import { parentPort } from 'node:worker_threads';
import { isNianbaoError } from '../errors.js';
import { loadPdfium } from '../../extractors/pdfium/wasm.js';
import type { JobRequest, JobResponse } from './protocol.js';

if (!parentPort) throw new Error('worker-entry.js must run in a worker thread');
const port = parentPort;

// Load PDFium and the pipeline before saying ready: the per-file timeout should measure parsing,
// not start-up. Both at once: the wasm compiles off this thread while the modules evaluate.
// pdf.js (the fallback engine, ~0.2 s to load) loads on the first file that needs it.
const [{ extractReport }, { readInputFile }] = await Promise.all([import('../pipeline/extract.js'), import('../pipeline/read-input.js'), loadPdfium()]);
port.postMessage({ ready: true });

port.on('message', async (job: JobRequest) => {
  let reply: JobResponse;
  try {
    const input = job.rawPath ? await readInputFile(Buffer.from(job.rawPath), job.path) : job.path;
    const report = await extractReport(input, {
      path: job.name ?? job.path,
      maxPages: job.options.maxPages,
      ocr: job.options.ocr,
      timeoutMs: job.options.timeoutMs,
      engine: job.options.engine,
    });
    reply = { id: job.id, ok: true, report };
  } catch (e) {
    reply = isNianbaoError(e)
      ? { id: job.id, ok: false, error: { code: e.code, message: e.message, file: e.file ?? job.name ?? job.path } }
      : { id: job.id, ok: false, error: { code: 'INTERNAL', message: `internal error: ${e instanceof Error ? e.message : String(e)}`, file: job.name ?? job.path } };
  }
  port.postMessage(reply);
});
