// Runs inside a worker thread: extracts one file per message, replies with the record or the error.
// Errors are serialized by hand because a NianbaoError's class and code do not survive cloning.
import { parentPort } from 'node:worker_threads';
import { isNianbaoError } from '../errors.js';
import { extractReport } from '../pipeline/extract.js';
import { readInputFile } from '../pipeline/read-input.js';
import { loadPdfjs } from '../../extractors/pdf-document.js';
import type { JobRequest, JobResponse } from './protocol.js';

if (!parentPort) throw new Error('worker-entry.js must run in a worker thread');
const port = parentPort;

// Load pdf.js before saying ready: the per-file timeout should measure parsing, not start-up.
await loadPdfjs();
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
    });
    reply = { id: job.id, ok: true, report };
  } catch (e) {
    reply = isNianbaoError(e)
      ? { id: job.id, ok: false, error: { code: e.code, message: e.message, file: e.file ?? job.name ?? job.path } }
      : { id: job.id, ok: false, error: { code: 'INTERNAL', message: `internal error: ${e instanceof Error ? e.message : String(e)}`, file: job.name ?? job.path } };
  }
  port.postMessage(reply);
});
