// A batch: expand inputs, hash them, reuse finished results, extract the rest in isolated workers,
// then write every output file atomically from the store.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import pLimit from 'p-limit';
import { defaultJobs } from '../isolation/memory.js';
import { crossYearChecks, toYearReport, type YearReport } from '../crossyear/checks.js';
import { isNianbaoError, NianbaoError, type ErrorCode } from '../errors.js';
import { ExtractionPool, type IsolationOptions } from '../isolation/pool.js';
import type { Report } from '../schema/record.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { missingReason } from '../pipeline/read-input.js';
import { sha256File } from './hash.js';
import { expandInputs, type InputFile } from './inputs.js';
import { outputLayout, type Format, type OutputLayout } from './layout.js';
import { silentProgress, type Outcome, type ProgressSink } from './progress.js';
import { ResultStore, type FailureRecord } from './store.js';
import { BatchWriters } from './writers.js';

export interface BatchOptions {
  inputs: string[];
  out: string;
  format?: Format;
  /** Files extracted at once. Default: one per core, as many as fit the machine's memory (defaultJobs). */
  jobs?: number;
  /** Redo files that already have a result. */
  force?: boolean;
  /** Result store directory. Default: .nianbao-cache beside the output. */
  store?: string;
  /** A file that failed this many times is not retried (unless --force). Default 3. */
  maxAttempts?: number;
  isolation?: IsolationOptions;
  progress?: ProgressSink;
  cwd?: string;
}

export interface BatchSummary {
  files: number;
  /** Extracted in this run, all checks passed. */
  ok: number;
  /** Extracted in this run, some check failed (the record is still written). */
  flagged: number;
  /** Failed in this run, or failed before and not retried any more. */
  failed: number;
  /** Not extracted again: done in an earlier run, or the same content as another input. */
  skipped: number;
  duplicates: number;
  /** Failed files that were not retried because they reached maxAttempts. */
  gaveUp: number;
  records: number;
  crossYear: { checks: number; failed: number };
  problems: string[];
  layout: OutputLayout;
  elapsedMs: number;
}

interface Unit {
  file: InputFile;
  sha256: string | null;
  duplicateOf?: string;
  hashError?: NianbaoError;
}

/**
 * A record a person should look at: a check failed, or a table could not be read (it is null and
 * a warning names it). Such a file counts as flagged, never as ok.
 */
export const flaggedByChecks = (r: Report) =>
  r.checks.some((c) => !c.passed) || r.activeDisclosure === null || r.applications === null || r.reviewLitigation === null;

export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const t0 = Date.now();
  const progress = opts.progress ?? silentProgress;
  const jobs = Math.max(1, Math.floor(opts.jobs ?? defaultJobs(opts.isolation?.memoryMb)));
  const maxAttempts = opts.maxAttempts ?? 3;
  const layout = outputLayout(opts.out, opts.format, opts.store);
  await mkdir(layout.dir, { recursive: true });
  const store = await ResultStore.open(layout.store);
  const cwd = opts.cwd ?? process.cwd();
  const outputs = [layout.records, layout.errors, layout.crossYear, ...Object.values(layout.wide)].map((p) => path.resolve(cwd, p));
  const { files, problems } = await expandInputs(opts.inputs, opts.cwd, outputs);

  const summary: BatchSummary = {
    files: files.length,
    ok: 0,
    flagged: 0,
    failed: 0,
    skipped: 0,
    duplicates: 0,
    gaveUp: 0,
    records: 0,
    crossYear: { checks: 0, failed: 0 },
    problems,
    layout,
    elapsedMs: 0,
  };
  progress.start(files.length);

  // The extraction processes start while the inputs are hashed (their start-up is most of a short batch).
  const pool = new ExtractionPool(jobs, opts.isolation);
  if (files.length > 0) pool.prestart();

  // 1. Hash everything first, so duplicates are decided in input order, not by who finishes first.
  const hashLimit = pLimit(4);
  const units: Unit[] = await Promise.all(
    files.map((file) =>
      hashLimit(async (): Promise<Unit> => {
        if (file.error) return { file, sha256: null, hashError: new NianbaoError(file.error.code, file.error.message, file.path) };
        try {
          return { file, sha256: await sha256File(file.rawPath ?? file.abs) };
        } catch (e) {
          const code: ErrorCode = (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'UNSUPPORTED_FORMAT' : 'NOT_FOUND';
          const message = code === 'NOT_FOUND' ? await missingReason(file.rawPath ?? file.abs, e) : 'cannot read the file';
          return { file, sha256: null, hashError: new NianbaoError(code, message, file.path) };
        }
      }),
    ),
  );
  const firstBySha = new Map<string, string>();
  for (const u of units) {
    if (!u.sha256) continue;
    const first = firstBySha.get(u.sha256);
    if (first !== undefined) u.duplicateOf = first;
    else firstBySha.set(u.sha256, u.file.path);
  }

  // 2. Extract what the store does not have yet.
  const failures = new Map<Unit, FailureRecord>();
  const limit = pLimit(jobs);
  const failureOf = (u: Unit, e: unknown, attempts: number): FailureRecord => {
    const err = isNianbaoError(e) ? e : new NianbaoError('INTERNAL', `internal error: ${e instanceof Error ? e.message : String(e)}`, u.file.path);
    return { path: u.file.path, sha256: u.sha256, extractorVersion: EXTRACTOR_VERSION, code: err.code, message: err.message, attempts, failedAt: new Date().toISOString() };
  };
  const settle = (u: Unit, outcome: Outcome, detail?: string) => {
    if (outcome === 'skipped') summary.skipped++;
    else summary[outcome]++;
    progress.file(u.file.path, outcome, detail);
  };
  try {
    await Promise.all(
      units.map((u) =>
        limit(async () => {
          if (u.hashError) {
            const f = failureOf(u, u.hashError, 1);
            failures.set(u, f);
            return settle(u, 'failed', `${f.code}: ${f.message}`);
          }
          if (u.duplicateOf !== undefined) {
            summary.duplicates++;
            return settle(u, 'skipped', `same content as ${u.duplicateOf}`);
          }
          const sha = u.sha256!;
          const prior = opts.force ? null : await store.get(sha);
          if (prior?.kind === 'report') return settle(u, 'skipped', 'done in an earlier run');
          if (prior?.kind === 'failure' && prior.failure.attempts >= maxAttempts) {
            summary.gaveUp++;
            summary.failed++;
            failures.set(u, { ...prior.failure, path: u.file.path });
            progress.file(u.file.path, 'failed', `${prior.failure.code}: ${prior.failure.message} (not retried after ${prior.failure.attempts} attempts; --force retries)`);
            return;
          }
          const attempts = (prior?.kind === 'failure' ? prior.failure.attempts : 0) + 1;
          try {
            // The absolute path: the workers do not share opts.cwd. The record is relabelled when written.
            const report = await pool.extract(u.file.abs, { rawPath: u.file.rawPath });
            await store.putReport(sha, report);
            settle(u, flaggedByChecks(report) ? 'flagged' : 'ok');
          } catch (e) {
            const f = failureOf(u, e, attempts);
            await store.putFailure(sha, f);
            failures.set(u, f);
            settle(u, 'failed', `${f.code}: ${f.message}`);
          }
        }),
      ),
    );
  } finally {
    await pool.close();
  }
  progress.end();

  // 3. Every output, from the store, in input order: each content once, then cross-year checks.
  const writers = await BatchWriters.open(layout);
  try {
    const years: YearReport[] = [];
    for (const u of units) {
      const f = failures.get(u);
      if (f) {
        await writers.errors.add(f);
        continue;
      }
      if (!u.sha256) continue;
      if (u.duplicateOf !== undefined) {
        await writers.duplicates.add({ path: u.file.path, sha256: u.sha256, duplicateOf: u.duplicateOf });
        continue;
      }
      const stored = await store.get(u.sha256);
      if (stored?.kind !== 'report') {
        // Only possible if the store was changed underneath us: say so rather than drop it silently.
        await writers.errors.add(failureOf(u, new NianbaoError('INTERNAL', 'the result vanished from the store', u.file.path), 1));
        summary.failed++;
        continue;
      }
      // The record is keyed by content; label it with the path it has in this batch.
      const report: Report = { ...stored.report, source: { ...stored.report.source, path: u.file.path } };
      await writers.addRecord(report);
      years.push(toYearReport(report));
      summary.records++;
    }
    for (const c of crossYearChecks(years)) {
      await writers.crossYear.add(c);
      summary.crossYear.checks++;
      if (!c.passed) summary.crossYear.failed++;
    }
    await writers.commit();
  } catch (e) {
    await writers.abort();
    throw e;
  }
  summary.elapsedMs = Date.now() - t0;
  return summary;
}

export function summaryText(s: BatchSummary): string {
  const lines = [
    `${s.files} file${s.files === 1 ? '' : 's'}: ${s.ok} ok, ${s.flagged} flagged by checks, ${s.failed} failed, ${s.skipped} skipped` +
      (s.duplicates ? ` (${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'})` : '') +
      ` in ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (s.gaveUp) lines.push(`${s.gaveUp} failed file${s.gaveUp === 1 ? ' was' : 's were'} not retried (too many attempts; --force retries)`);
  if (s.crossYear.checks) lines.push(`cross-year checks: ${s.crossYear.checks}, ${s.crossYear.failed} failed`);
  lines.push(`${s.records} record${s.records === 1 ? '' : 's'} → ${s.layout.records}`);
  if (s.failed) lines.push(`errors → ${s.layout.errors}`);
  if (s.duplicates) lines.push(`duplicates (same content as an earlier file) → ${s.layout.duplicates}`);
  for (const p of s.problems) lines.push(`note: ${p}`);
  return lines.join('\n');
}
