// `ingest`: extract files into the database, for scheduled jobs. Each report lands in one
// transaction; files that fail are recorded and retried by later runs up to a limit; overlapping
// runs split the work through claims and the database's own locking (SQLite or PostgreSQL).
import path from 'node:path';
import pLimit from 'p-limit';
import { defaultJobs } from '../isolation/memory.js';
import { sha256File } from '../batch/hash.js';
import { missingReason } from '../pipeline/read-input.js';
import { expandInputs } from '../batch/inputs.js';
import { flaggedByChecks } from '../batch/run.js';
import { silentProgress, type ProgressSink } from '../batch/progress.js';
import { isNianbaoError, NianbaoError } from '../errors.js';
import { ExtractionPool, DEFAULT_TIMEOUT_MS, type IsolationOptions } from '../isolation/pool.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { isPostgresUrl, openStore } from './store.js';
import { newOwner, type PutCorrections } from './write.js';
import type { CorrectionInput } from '../corrections/index.js';

export interface IngestOptions {
  /** A SQLite file, or a postgres:// URL. */
  db: string;
  inputs: string[];
  jobs?: number;
  force?: boolean;
  maxAttempts?: number;
  isolation?: IsolationOptions;
  progress?: ProgressSink;
  cwd?: string;
  /** The version rows are keyed by (tests use it to simulate an upgrade). */
  version?: string;
  /**
   * Reviewers' corrections (a corrections file, parsed) to store before extracting: they are applied
   * to every report of their content written now or later, and to those already stored.
   */
  corrections?: readonly CorrectionInput[];
}

export interface IngestSummary {
  files: number;
  /** Extracted and written by this run. */
  ingested: number;
  /** Of those, records with a failed check. */
  flagged: number;
  failed: number;
  /** Already in the database (same content and extractor version). */
  skipped: number;
  /** Being extracted by another, overlapping run. */
  busy: number;
  /** Failed too often before; not retried. */
  gaveUp: number;
  crossYear: { checks: number; failed: number };
  /** With `corrections`: what storing them did, and how many stored reports they changed. */
  corrections?: PutCorrections & { reportsUpdated: number };
  problems: string[];
  elapsedMs: number;
}

export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = Date.now();
  const progress = opts.progress ?? silentProgress;
  const version = opts.version ?? EXTRACTOR_VERSION;
  const jobs = Math.max(1, Math.floor(opts.jobs ?? defaultJobs(opts.isolation?.memoryMb)));
  const maxAttempts = opts.maxAttempts ?? 3;
  const timeoutMs = opts.isolation?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const db = await openStore(opts.db);
  const owner = newOwner();
  const { files, problems } = await expandInputs(opts.inputs, opts.cwd, isPostgresUrl(opts.db) ? [] : [path.resolve(opts.cwd ?? process.cwd(), opts.db)]);
  const s: IngestSummary = { files: files.length, ingested: 0, flagged: 0, failed: 0, skipped: 0, busy: 0, gaveUp: 0, crossYear: { checks: 0, failed: 0 }, problems, elapsedMs: 0 };
  let put: PutCorrections | null = null;
  if (opts.corrections) {
    try {
      put = await db.putCorrections(opts.corrections);
    } catch (e) {
      await db.close();
      throw e;
    }
  }
  progress.start(files.length);
  const pool = new ExtractionPool(jobs, opts.isolation);
  const limit = pLimit(jobs);
  const seen = new Set<string>();
  try {
    await Promise.all(
      files.map((file) =>
        limit(async () => {
          let sha: string;
          try {
            if (file.error) throw new Error(file.error.message);
            sha = await sha256File(file.rawPath ?? file.abs);
          } catch (e) {
            s.failed++;
            const why = file.error?.message ?? (await missingReason(file.rawPath ?? file.abs, e));
            return progress.file(file.path, 'failed', `NOT_FOUND: ${why} (not recorded: it has no content to key by)`);
          }
          if (seen.has(sha)) {
            s.skipped++;
            return progress.file(file.path, 'skipped', 'same content as another input');
          }
          seen.add(sha);
          const key = { sha256: sha, version };
          // The claim lives a little longer than the longest extraction can take.
          const c = await db.claim(key, owner, { ttlMs: timeoutMs + 60_000, maxAttempts, force: !!opts.force });
          if (c.state === 'done') {
            s.skipped++;
            return progress.file(file.path, 'skipped', 'already in the database');
          }
          if (c.state === 'busy') {
            s.busy++;
            s.skipped++;
            return progress.file(file.path, 'skipped', 'being extracted by another run');
          }
          if (c.state === 'gave-up') {
            s.gaveUp++;
            s.failed++;
            return progress.file(file.path, 'failed', `${c.code}: ${c.message} (not retried after ${c.attempts} attempts; --force retries)`);
          }
          try {
            // The absolute path (the workers do not share opts.cwd), labelled as the user wrote it.
            const extracted = await pool.extract(file.abs, { rawPath: file.rawPath });
            const report = { ...extracted, source: { ...extracted.source, path: file.path } };
            // Flagged as stored: a stored correction may have made its checks pass.
            const flagged = flaggedByChecks(await db.writeReport(key, report));
            s.ingested++;
            if (flagged) s.flagged++;
            progress.file(file.path, flagged ? 'flagged' : 'ok');
          } catch (e) {
            const err = isNianbaoError(e) ? e : new NianbaoError('INTERNAL', `internal error: ${e instanceof Error ? e.message : String(e)}`, file.path);
            let attempts: number;
            try {
              attempts = await db.writeFailure(key, { path: file.path, code: err.code, message: err.message });
            } catch (dbErr) {
              await db.releaseClaim(key, owner);
              throw dbErr;
            }
            s.failed++;
            progress.file(file.path, 'failed', `${err.code}: ${err.message} (attempt ${attempts} of ${maxAttempts})`);
          }
        }),
      ),
    );
    progress.end();
    // Reports stored before these corrections (skipped above) get them now; unchanged ones stay as they are.
    if (put) s.corrections = { ...put, reportsUpdated: await db.reapplyCorrections() };
    const cross = await db.refreshCrossYear();
    s.crossYear = { checks: cross.length, failed: cross.filter((c) => !c.passed).length };
  } finally {
    await pool.close();
    await db.close();
  }
  s.elapsedMs = Date.now() - t0;
  return s;
}

export function ingestSummaryText(s: IngestSummary, dbFile: string): string {
  const lines = [
    `${s.files} file${s.files === 1 ? '' : 's'}: ${s.ingested} ingested (${s.flagged} flagged by checks), ${s.failed} failed, ${s.skipped} skipped` +
      (s.busy ? ` (${s.busy} being extracted by another run)` : '') +
      ` in ${(s.elapsedMs / 1000).toFixed(1)} s → ${dbFile}`,
  ];
  if (s.gaveUp) lines.push(`${s.gaveUp} failed file${s.gaveUp === 1 ? ' was' : 's were'} not retried (too many attempts; --force retries)`);
  if (s.corrections) {
    const c = s.corrections;
    lines.push(`corrections: ${c.added} new, ${c.changed} changed, ${c.unchanged} already stored; ${c.reportsUpdated} stored report${c.reportsUpdated === 1 ? '' : 's'} updated`);
  }
  if (s.crossYear.checks) lines.push(`cross-year checks in the database: ${s.crossYear.checks}, ${s.crossYear.failed} failed`);
  for (const p of s.problems) lines.push(`note: ${p}`);
  return lines.join('\n');
}
