// A batch: expand inputs, hash them, reuse finished results, extract the rest in isolated workers,
// then write every output file atomically from the store.
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import pLimit from 'p-limit';
import { defaultJobs } from '../isolation/memory.js';
import { crossYearChecks, toYearReport, type YearReport } from '../crossyear/checks.js';
import { asNianbaoError, NianbaoError, type ErrorCode } from '../errors.js';
import { ExtractionPool, type IsolationOptions } from '../isolation/pool.js';
import type { Report } from '../schema/record.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { missingReason } from '../pipeline/input-file.js';
import { hashFile } from './hash.js';
import { expandInputs, type InputFile } from './inputs.js';
import { mayBeOffice, OfficeBatch, officeFormatOf, startOfficeBatch, type OfficeInput } from './office.js';
import { outputLayout, type Format, type OutputLayout } from './layout.js';
import { silentProgress, type Outcome, type ProgressSink } from './progress.js';
import { ResultStore, type FailureRecord, type StoredResult } from './store.js';
import { BatchWriters } from './writers.js';
import type { CorrectionInput } from '../corrections/index.js';

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
  /**
   * The extraction pool, when the caller started it early (`prestart()`, overlapping its own start-up);
   * its size should be `jobs`. runBatch closes it. Default: one made from `jobs` and `isolation`.
   */
  pool?: ExtractionPool;
  progress?: ProgressSink;
  cwd?: string;
  /**
   * Reviewers' corrections (a corrections file, parsed), applied to the records as they are written
   * out; the result store keeps the extractions as they were.
   */
  corrections?: readonly CorrectionInput[];
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
  /** The file's first bytes (which tell a LibreOffice format), read with its hash. */
  head?: Buffer;
  duplicateOf?: string;
  hashError?: NianbaoError;
  /**
   * The record's JSON text when this run extracted it (labelled with this unit's path by the
   * worker), kept until the unit's output line is written (usually at once): the line is this text
   * rather than the store's copy read back; `year`, what the cross-year checks read of it.
   */
  json?: string;
  year?: YearReport;
}

/**
 * A folder run, top to bottom: open the output layout and the store, start the workers while the
 * inputs are hashed (duplicates decided in input order), extract what the store lacks, then write every
 * output from the store. Resolves to the counts; rejects only when the outputs cannot be written.
 */
export async function runBatch(opts: BatchOptions): Promise<BatchSummary> {
  const t0 = Date.now();
  const { run, files } = await openRun(opts).catch(async (e: unknown) => {
    await opts.pool?.close();
    throw e;
  });
  run.progress.start(files.length);
  // The extraction processes start while the inputs are hashed (their start-up is most of a short batch).
  const pool = opts.pool ?? new ExtractionPool(run.jobs, opts.isolation);
  if (files.length > 0) pool.prestart();
  // extractMissing closes the pool; until it runs, a throw must close it (the children hold the process).
  const closing = async (e: unknown): Promise<never> => {
    await pool.close();
    throw e;
  };
  const units = await hashInputs(files).then(markDuplicates, closing);
  const out = await OrderedOutputs.open(run, units).catch(closing);
  try {
    await extractMissing(run, pool, units, out, await convertOffice(run, units).catch(closing));
    run.progress.end();
    await out.finish();
  } catch (e) {
    await out.abort();
    throw e;
  }
  run.summary.elapsedMs = Date.now() - t0;
  return run.summary;
}

/** What every step of one run shares. */
interface BatchRun {
  opts: BatchOptions;
  /** Files extracted at once. */
  jobs: number;
  progress: ProgressSink;
  layout: OutputLayout;
  store: ResultStore;
  summary: BatchSummary;
  /** Set when the run stops for a reason that is no file's fault (a full disk): files in flight end quietly. */
  stopped?: NianbaoError;
}

/** The output folder made, the store opened, the inputs expanded (outputs excluded), all counts 0. */
async function openRun(opts: BatchOptions): Promise<{ run: BatchRun; files: InputFile[] }> {
  const layout = outputLayout(opts.out, opts.format, opts.store);
  await mkdir(layout.dir, { recursive: true });
  const store = await ResultStore.open(layout.store);
  const cwd = opts.cwd ?? process.cwd();
  const outputs = [layout.records, layout.errors, layout.crossYear, ...Object.values(layout.wide)].map((p) =>
    path.resolve(cwd, p),
  );
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
  const jobs = Math.max(1, Math.floor(opts.jobs ?? defaultJobs(opts.isolation?.memoryMb)));
  return { run: { opts, jobs, progress: opts.progress ?? silentProgress, layout, store, summary }, files };
}

/** Every input's content hash (four at a time), or the error that kept it from being read. */
function hashInputs(files: InputFile[]): Promise<Unit[]> {
  const hashLimit = pLimit(4);
  return Promise.all(
    files.map((file) =>
      hashLimit(async (): Promise<Unit> => {
        if (file.error)
          return { file, sha256: null, hashError: new NianbaoError(file.error.code, file.error.message, file.path) };
        try {
          return { file, ...(await hashFile(file.rawPath ?? file.abs)) };
        } catch (e) {
          const code: ErrorCode = (e as NodeJS.ErrnoException).code === 'EISDIR' ? 'UNSUPPORTED_FORMAT' : 'NOT_FOUND';
          const message =
            code === 'NOT_FOUND' ? await missingReason(file.rawPath ?? file.abs, e) : 'cannot read the file';
          return { file, sha256: null, hashError: new NianbaoError(code, message, file.path) };
        }
      }),
    ),
  );
}

/** Each content's first input (in input order) is the one extracted; later ones are its duplicates. */
function markDuplicates(units: Unit[]): Unit[] {
  const firstBySha = new Map<string, string>();
  for (const u of units) {
    if (!u.sha256) continue;
    const first = firstBySha.get(u.sha256);
    if (first !== undefined) u.duplicateOf = first;
    else firstBySha.set(u.sha256, u.file.path);
  }
  return units;
}

/** The batch's .doc/.wps/.odt/.rtf files to extract, and their one LibreOffice run (started here). */
interface OfficeRun {
  batch: OfficeBatch | null;
  index: Map<Unit, number>;
}

/**
 * Finds the units that need LibreOffice (told from their bytes; only those the store has no result
 * for) and starts converting them all in one run, while the other files are extracted.
 */
async function convertOffice(run: BatchRun, units: Unit[]): Promise<OfficeRun> {
  const inputs: OfficeInput[] = [];
  const index = new Map<Unit, number>();
  for (const u of units) {
    if (!u.head || !mayBeOffice(u.head) || !(await needsExtraction(run, u))) continue;
    const format = await officeFormatOf(u.head, u.file.rawPath ?? u.file.abs, u.file.path);
    if (format === null) continue;
    index.set(u, inputs.length);
    inputs.push({ file: u.file.rawPath ?? u.file.abs, format, label: u.file.path });
  }
  return { batch: startOfficeBatch(inputs, run.opts.isolation), index };
}

/** Whether extractUnit will extract the unit (not a duplicate, no result in the store, not given up on). */
async function needsExtraction(run: BatchRun, u: Unit): Promise<boolean> {
  if (u.hashError || u.duplicateOf !== undefined) return false;
  if (run.opts.force) return true;
  const prior = await run.store.get(u.sha256!);
  if (prior?.kind === 'report') return false;
  return !(prior?.kind === 'failure' && prior.failure.attempts >= (run.opts.maxAttempts ?? 3));
}

/** The .docx the batch's LibreOffice run made of the unit (undefined if it is no such file); throws its conversion error. */
async function convertedDocx(office: OfficeRun, u: Unit): Promise<string | undefined> {
  const k = office.index.get(u);
  if (k === undefined || !office.batch) return undefined;
  const c = await office.batch.result(k);
  if ('error' in c) throw c.error;
  return c.docx;
}

/**
 * Extract, `jobs` at a time in the pool's isolated workers, every unit the store has no result for
 * (failures into `out.failures`), each unit's output written as it settles. The units waiting for
 * LibreOffice go last, so the other files are extracted while it converts. Closes the pool and LibreOffice.
 */
async function extractMissing(
  run: BatchRun,
  pool: ExtractionPool,
  units: Unit[],
  out: OrderedOutputs,
  office: OfficeRun,
): Promise<void> {
  const limit = pLimit(run.jobs);
  const order = units
    .map((_, k) => k)
    .sort((a, b) => Number(office.index.has(units[a])) - Number(office.index.has(units[b])) || a - b);
  try {
    // A unit's output line is written as soon as it and every unit before it are settled.
    await Promise.all(
      order.map((k) => limit(() => extractUnit(run, pool, units[k], out.failures, office)).then(() => out.settled(k))),
    );
  } finally {
    office.batch?.close();
    await pool.close();
  }
}

/**
 * One unit: a hash error fails it, a duplicate and a stored report skip it, a failure retried too
 * often gives up; otherwise it is extracted and its report (or failure) stored. Counts and reports progress.
 */
async function extractUnit(
  run: BatchRun,
  pool: ExtractionPool,
  u: Unit,
  failures: Map<Unit, FailureRecord>,
  office: OfficeRun,
): Promise<void> {
  const { opts, store, summary } = run;
  if (run.stopped) return;
  if (u.hashError) {
    const f = failureOf(u, u.hashError, 1);
    failures.set(u, f);
    return settle(run, u, 'failed', `${f.code}: ${f.message}`);
  }
  if (u.duplicateOf !== undefined) {
    summary.duplicates++;
    return settle(run, u, 'skipped', `same content as ${u.duplicateOf}`);
  }
  const sha = u.sha256!;
  const maxAttempts = opts.maxAttempts ?? 3;
  const prior = opts.force ? null : await store.get(sha);
  if (prior?.kind === 'report') return settle(run, u, 'skipped', 'done in an earlier run');
  if (prior?.kind === 'failure' && prior.failure.attempts >= maxAttempts) {
    summary.gaveUp++;
    summary.failed++;
    failures.set(u, { ...prior.failure, path: u.file.path });
    run.progress.file(
      u.file.path,
      'failed',
      `${prior.failure.code}: ${prior.failure.message} (not retried after ${prior.failure.attempts} attempts; --force retries)`,
    );
    return;
  }
  const attempts = (prior?.kind === 'failure' ? prior.failure.attempts : 0) + 1;
  try {
    // The absolute path (the workers do not share opts.cwd), the record labelled with the unit's path
    // there. As JSON text: stored and written out as it came, never parsed or serialized again here.
    const converted = await convertedDocx(office, u);
    const { json, flagged, year } = await pool.extractJson(u.file.abs, {
      rawPath: u.file.rawPath,
      converted,
      name: u.file.path,
    });
    await store.putReportJson(sha, json);
    u.json = json;
    u.year = year;
    settle(run, u, (await flaggedAsWritten(opts.corrections ?? [], sha, json, flagged)) ? 'flagged' : 'ok');
  } catch (e) {
    // Stopped with the run (a full disk met by another file): nothing is counted against this file.
    if (run.stopped) return;
    const f = failureOf(u, e, attempts);
    // A full disk is the machine's fault, not the file's: the whole run stops (exit 14), no attempt counted.
    if (f.code === 'DISK_FULL') throw (run.stopped = new NianbaoError('DISK_FULL', f.message));
    await store.putFailure(sha, f);
    failures.set(u, f);
    settle(run, u, 'failed', `${f.code}: ${f.message}`);
  }
}

/**
 * Whether the record as written out is flagged: the extraction's own judgement, or, when corrections
 * for its content are given, that of the corrected record (a correction can clear a failed check or break one).
 */
async function flaggedAsWritten(
  corrections: readonly CorrectionInput[],
  sha: string,
  json: string,
  extracted: boolean,
): Promise<boolean> {
  if (!corrections.some((c) => c.sha256 === sha)) return extracted;
  const { applyCorrections } = await import('../corrections/index.js');
  const { flaggedByChecks } = await import('../pipeline/flagged.js');
  return flaggedByChecks(applyCorrections(JSON.parse(json) as Report, corrections));
}

/** Count a unit's outcome and report it. */
function settle(run: BatchRun, u: Unit, outcome: Outcome, detail?: string): void {
  if (outcome === 'skipped') run.summary.skipped++;
  else run.summary[outcome]++;
  run.progress.file(u.file.path, outcome, detail);
}

/** The failure record of a unit (anything not a NianbaoError is an INTERNAL error). */
function failureOf(u: Unit, e: unknown, attempts: number): FailureRecord {
  const err = asNianbaoError(e, u.file.path);
  return {
    path: u.file.path,
    sha256: u.sha256,
    extractorVersion: EXTRACTOR_VERSION,
    code: err.code,
    message: err.message,
    attempts,
    failedAt: new Date().toISOString(),
  };
}

/**
 * Every output, from the store, in input order: each content once, then cross-year checks;
 * atomically (all or none). A unit's line is written as soon as it and every unit before it are
 * settled — while later files are still being extracted, not in a tail after the last one.
 */
class OrderedOutputs {
  /** Failed units (hash errors, extraction failures, given-up retries) and their failure records. */
  readonly failures = new Map<Unit, FailureRecord>();
  private readonly done: boolean[];
  private next = 0;
  private writing: Promise<void> = Promise.resolve();
  private readonly years: YearReport[] = [];

  private constructor(
    private readonly run: BatchRun,
    private readonly writers: BatchWriters,
    private readonly units: Unit[],
  ) {
    this.done = units.map(() => false);
  }

  static async open(run: BatchRun, units: Unit[]): Promise<OrderedOutputs> {
    return new OrderedOutputs(run, await BatchWriters.open(run.layout), units);
  }

  /** Unit `k` is settled: write it and the settled units after it, in order (one write at a time). */
  settled(k: number): Promise<void> {
    this.done[k] = true;
    this.writing = this.writing.then(() => this.drain());
    return this.writing;
  }

  private async drain(): Promise<void> {
    while (this.next < this.units.length && this.done[this.next]) {
      const u = this.units[this.next++];
      const year = await writeUnit(this.run, this.writers, u, this.failures.get(u));
      if (year) this.years.push(year);
    }
  }

  /** After every unit settled: the cross-year checks, then every file renamed into place. */
  async finish(): Promise<void> {
    await this.writing;
    if (this.next !== this.units.length)
      throw new Error(`batch outputs: ${this.units.length - this.next} units were never settled`);
    for (const c of crossYearChecks(this.years)) {
      await this.writers.crossYear.add(c);
      this.run.summary.crossYear.checks++;
      if (!c.passed) this.run.summary.crossYear.failed++;
    }
    await this.writers.commit();
  }

  /** Drop every output (the writes in flight first). */
  async abort(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.writers.abort();
  }
}

/**
 * One unit's line in the outputs: its failure, its duplicate note, or its record (labelled with its
 * path here; what the cross-year checks read of it is returned).
 */
async function writeUnit(
  run: BatchRun,
  writers: BatchWriters,
  u: Unit,
  failure: FailureRecord | undefined,
): Promise<YearReport | null> {
  if (failure) {
    await writers.errors.add(failure);
    return null;
  }
  if (!u.sha256) return null;
  if (u.duplicateOf !== undefined) {
    await writers.duplicates.add({ path: u.file.path, sha256: u.sha256, duplicateOf: u.duplicateOf });
    return null;
  }
  const fresh = u.json !== undefined ? { json: u.json, year: u.year } : null;
  u.json = u.year = undefined;
  // Extracted in this run, nothing to correct, JSON records: the worker's text is the line as it is.
  if (fresh?.year && !run.opts.corrections?.length && (await writers.addRecordJson(fresh.json))) {
    run.summary.records++;
    return fresh.year;
  }
  // Extracted in this run: the text just stored, without reading it back; else the store's copy.
  const stored: StoredResult | null = fresh
    ? { kind: 'report', report: JSON.parse(fresh.json) as Report }
    : await run.store.get(u.sha256);
  if (stored?.kind !== 'report') {
    // Only possible if the store was changed underneath us: say so rather than drop it silently.
    await writers.errors.add(
      failureOf(u, new NianbaoError('INTERNAL', 'the result vanished from the store', u.file.path), 1),
    );
    run.summary.failed++;
    return null;
  }
  // The record is keyed by content; label it with the path it has in this batch, and correct it.
  const labelled: Report = { ...stored.report, source: { ...stored.report.source, path: u.file.path } };
  const corrections = run.opts.corrections ?? [];
  // The corrections code (and the schema it re-validates with) loads only when there are some.
  const report =
    corrections.length > 0
      ? (await import('../corrections/index.js')).applyCorrections(labelled, corrections)
      : labelled;
  await writers.addRecord(report);
  run.summary.records++;
  return toYearReport(report);
}

export function summaryText(s: BatchSummary): string {
  const lines = [
    `${s.files} file${s.files === 1 ? '' : 's'}: ${s.ok} ok, ${s.flagged} flagged by checks, ${s.failed} failed, ${s.skipped} skipped` +
      (s.duplicates ? ` (${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'})` : '') +
      ` in ${(s.elapsedMs / 1000).toFixed(1)} s`,
  ];
  if (s.gaveUp)
    lines.push(
      `${s.gaveUp} failed file${s.gaveUp === 1 ? ' was' : 's were'} not retried (too many attempts; --force retries)`,
    );
  if (s.crossYear.checks) lines.push(`cross-year checks: ${s.crossYear.checks}, ${s.crossYear.failed} failed`);
  lines.push(`${s.records} record${s.records === 1 ? '' : 's'} → ${s.layout.records}`);
  if (s.failed) lines.push(`errors → ${s.layout.errors}`);
  if (s.duplicates) lines.push(`duplicates (same content as an earlier file) → ${s.layout.duplicates}`);
  for (const p of s.problems) lines.push(`note: ${p}`);
  return lines.join('\n');
}
