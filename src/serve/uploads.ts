// Files dropped on the page, extracted through the ingest path (isolated extraction processes,
// claims, failures, corrections and cross-year checks as for `nianbao ingest`), one upload at a
// time, with progress. A file is saved under a name the server makes (the name sent only gives its
// readable part and extension), in a directory of its own per upload.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import type { Outcome, ProgressSink } from '../batch/progress.js';
import { ingest } from '../db/ingest.js';
import { UPLOAD_JOBS_KEPT, type ResolvedServeOptions } from './options.js';

export interface UploadFile {
  name: string;
  sha256: string;
  size: number;
  outcome: Outcome | 'waiting';
  detail?: string;
}

export interface UploadJob {
  id: string;
  state: 'queued' | 'extracting' | 'done' | 'failed';
  total: number;
  done: number;
  files: UploadFile[];
  error?: string;
}

/** A name safe to write: letters (any script), digits, . _ - only; no directory part; kept short. */
export function safeName(name: string, k: number): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const ext = (path.extname(base).match(/^\.[A-Za-z0-9]{1,8}$/) ?? [''])[0].toLowerCase();
  const stem = base
    .slice(0, base.length - path.extname(base).length)
    .replace(/[^\p{L}\p{N}_-]+/gu, '_')
    .slice(0, 80);
  return `${String(k + 1).padStart(2, '0')}-${stem || 'file'}${ext}`;
}

export class Uploads {
  private jobs = new Map<string, UploadJob>();
  private readonly one = pLimit(1);

  constructor(private readonly opts: ResolvedServeOptions) {}

  get(id: string): UploadJob | undefined {
    return this.jobs.get(id);
  }

  /** Save the files and queue their extraction; resolves to the job at once (poll `get` for progress). */
  async start(files: Array<{ name: string; bytes: Uint8Array }>): Promise<UploadJob> {
    const id = randomBytes(8).toString('hex');
    const dir = path.join(this.opts.uploadDir, id);
    await mkdir(dir, { recursive: true });
    const job: UploadJob = { id, state: 'queued', total: files.length, done: 0, files: [] };
    for (const [k, f] of files.entries()) {
      await writeFile(path.join(dir, safeName(f.name, k)), f.bytes);
      job.files.push({
        name: f.name,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
        size: f.bytes.length,
        outcome: 'waiting',
      });
    }
    this.remember(job);
    void this.one(() =>
      this.run(
        job,
        dir,
        files.map((f, k) => safeName(f.name, k)),
      ),
    );
    return job;
  }

  private remember(job: UploadJob): void {
    this.jobs.set(job.id, job);
    while (this.jobs.size > UPLOAD_JOBS_KEPT) this.jobs.delete(this.jobs.keys().next().value!);
  }

  private async run(job: UploadJob, dir: string, saved: string[]): Promise<void> {
    job.state = 'extracting';
    const progress: ProgressSink = {
      start() {},
      end() {},
      file(name, outcome, detail) {
        const k = saved.indexOf(path.basename(name));
        if (k >= 0) Object.assign(job.files[k], { outcome, ...(detail ? { detail } : {}) });
        job.done++;
      },
    };
    try {
      await ingest({ db: this.opts.db, inputs: [dir], jobs: 1, progress });
      job.state = 'done';
    } catch (e) {
      job.state = 'failed';
      job.error = (e as Error).message;
    }
  }
}
