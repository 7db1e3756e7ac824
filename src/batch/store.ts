// The result store: one file per input content (sha256) and extractor version, each written
// atomically, so a rerun knows exactly what is done and a kill never leaves half a result.
// Layout: <dir>/<version>/<sha256>.json (the record) or <sha256>.failed.json (the last failure).
import { mkdir, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorCode } from '../errors.js';
import { removeStaleTemps, writeFileAtomic } from '../output/atomic-write.js';
import type { Report } from '../schema/record.js';
import { EXTRACTOR_VERSION } from '../version.js';

export interface FailureRecord {
  path: string;
  sha256: string | null;
  extractorVersion: string;
  code: ErrorCode;
  message: string;
  /** How many runs have tried this content with this extractor version. */
  attempts: number;
  failedAt: string;
}

export type StoredResult = { kind: 'report'; report: Report } | { kind: 'failure'; failure: FailureRecord };

export class ResultStore {
  readonly dir: string;
  /** Results this process wrote: read back without validating them again. */
  private readonly written = new Set<string>();

  private constructor(
    root: string,
    readonly version: string,
  ) {
    this.dir = path.join(root, version.replace(/[^\w.+-]/g, '_'));
  }

  static async open(root: string, version = EXTRACTOR_VERSION): Promise<ResultStore> {
    const s = new ResultStore(root, version);
    await mkdir(s.dir, { recursive: true });
    await removeStaleTemps(s.dir);
    return s;
  }

  private file(sha: string, kind: 'report' | 'failure'): string {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`not a sha256: ${sha}`);
    return path.join(this.dir, kind === 'report' ? `${sha}.json` : `${sha}.failed.json`);
  }

  async get(sha: string): Promise<StoredResult | null> {
    const report = await readJson(this.file(sha, 'report'));
    if (report !== undefined) {
      // Our own writes were validated when extracted; anything else (an earlier run, a hand-edited
      // or foreign file) is validated on the way in, so it is not taken as a result unless it is one.
      if (this.written.has(sha)) return { kind: 'report', report: report as Report };
      // The schema loads only when a store from an earlier run is read (it is most of the start-up).
      const { ReportSchema } = await import('../schema/record.js');
      const parsed = ReportSchema.safeParse(report);
      if (parsed.success) return { kind: 'report', report: parsed.data };
    }
    const failure = (await readJson(this.file(sha, 'failure'))) as FailureRecord | undefined;
    return failure ? { kind: 'failure', failure } : null;
  }

  async putReport(sha: string, report: Report): Promise<void> {
    await this.putReportJson(sha, JSON.stringify(report));
  }

  /** A report as JSON text (an extraction worker's reply, already validated there). */
  async putReportJson(sha: string, json: string): Promise<void> {
    await writeFileAtomic(this.file(sha, 'report'), json);
    this.written.add(sha);
    await unlink(this.file(sha, 'failure')).catch(() => {});
  }

  async putFailure(sha: string, failure: FailureRecord): Promise<void> {
    await writeFileAtomic(this.file(sha, 'failure'), JSON.stringify(failure));
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // cannot happen with atomic writes, but never trust a file on disk
  }
}
