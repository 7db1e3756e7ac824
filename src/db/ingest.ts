// `ingest`: extract files into the database, for scheduled jobs. Each report lands in one
// transaction; files that fail are recorded and retried by later runs up to a limit; overlapping
// runs split the work through claims and the database's own locking (SQLite or PostgreSQL).
// Its .doc/.wps/.odt/.rtf files go through one LibreOffice run, as a batch's (ingest-office.ts).
import path from 'node:path';
import pLimit from 'p-limit';
import { defaultJobs } from '../isolation/memory.js';
import { sha256File } from '../batch/hash.js';
import { missingReason } from '../pipeline/input-file.js';
import { expandInputs, type InputFile } from '../batch/inputs.js';
import { flaggedByChecks } from '../pipeline/flagged.js';
import { silentProgress, type ProgressSink } from '../batch/progress.js';
import { asNianbaoError, diskFullError, isNianbaoError, NianbaoError } from '../errors.js';
import { ExtractionPool, DEFAULT_TIMEOUT_MS, type IsolationOptions } from '../isolation/pool.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { isPostgresUrl, openStore, type Key, type Store } from './store.js';
import { newOwner, type PutCorrections } from './write.js';
import { startIngestOffice, type IngestOffice } from './ingest-office.js';
import type { Converted } from '../batch/office.js';
import type { CorrectionInput } from '../corrections/index.js';
import { applyAliases } from '../output/aliases.js';
import type { AliasMap } from '../output/series.js';

export interface IngestOptions {
  /** A SQLite file, or a postgres:// URL. */
  db: string;
  inputs: string[];
  /**
   * Files already listed, taken instead of expanding `inputs` (the watcher's documents: each written
   * to a temp file, labelled by its URL so the record's source.path is the URL).
   */
  files?: InputFile[];
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
  /** Printed agency name → series key (--aliases): reports written now are stored under their alias key. */
  aliases?: AliasMap;
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

/**
 * Files into the database, top to bottom: open the store and expand the inputs, then for each file
 * (`jobs` at a time, in isolated workers) hash it, claim it, extract it and write its report or its
 * failure; finally refresh the cross-year checks. With `corrections`, they are stored first (new
 * reports are written with them) and applied to the reports stored before at the end. Resolves to
 * the counts; rejects when the database does.
 */
export async function ingest(opts: IngestOptions): Promise<IngestSummary> {
  try {
    return await ingestRun(opts);
  } catch (e) {
    throw namingStore(e, opts.db);
  }
}

/**
 * A full disk met anywhere in the SQLite store (opening it, a claim, the cross-year refresh, not only
 * a report's write) is named by the database file, as the user gave it; any other error is unchanged.
 */
function namingStore(e: unknown, db: string): unknown {
  const full = isNianbaoError(e) ? (e.code === 'DISK_FULL' ? e : null) : diskFullError(e);
  // A PostgreSQL server's full disk is its own error, named by the server's message.
  if (!full || full.file || isPostgresUrl(db)) return e;
  return new NianbaoError('DISK_FULL', full.message, db);
}

async function ingestRun(opts: IngestOptions): Promise<IngestSummary> {
  const t0 = Date.now();
  const { run, files } = await openIngest(opts);
  const put = await storeCorrections(run);
  run.progress.start(files.length);
  const jobs = Math.max(1, Math.floor(opts.jobs ?? defaultJobs(opts.isolation?.memoryMb)));
  const pool = new ExtractionPool(jobs, opts.isolation);
  const limit = pLimit(jobs);
  let office: IngestOffice | null = null;
  try {
    office = await startIngestOffice(files, {
      db: run.db,
      version: run.version,
      force: !!opts.force,
      isolation: opts.isolation,
    });
    run.office = office;
    // The files waiting for LibreOffice go last, so the others are extracted while it converts.
    const order = [...files].sort((a, b) => Number(office!.has(a)) - Number(office!.has(b)));
    await Promise.all(order.map((file) => limit(() => ingestFile(run, pool, file))));
    run.progress.end();
    // Reports stored before these corrections (skipped above) get them now; unchanged ones stay as they are.
    if (put) run.summary.corrections = { ...put, reportsUpdated: await run.db.reapplyCorrections() };
    const cross = await run.db.refreshCrossYear();
    run.summary.crossYear = { checks: cross.length, failed: cross.filter((c) => !c.passed).length };
  } finally {
    office?.close();
    await pool.close();
    await run.db.close();
  }
  run.summary.elapsedMs = Date.now() - t0;
  return run.summary;
}

/** What every step of one ingest run shares. */
interface IngestRun {
  opts: IngestOptions;
  progress: ProgressSink;
  db: Store;
  /** This run's claim owner. */
  owner: string;
  version: string;
  maxAttempts: number;
  /** Contents already taken by an earlier input of this run. */
  seen: Set<string>;
  /** Set when the run stops for a reason that is no file's fault (a full disk): files in flight end quietly. */
  stopped: NianbaoError | null;
  /** The .doc/.wps/.odt/.rtf files' one LibreOffice run (none until started). */
  office: Pick<IngestOffice, 'has' | 'converted'>;
  summary: IngestSummary;
}

/** The store opened, the inputs expanded (the SQLite file itself excluded), all counts 0. */
async function openIngest(opts: IngestOptions): Promise<{ run: IngestRun; files: InputFile[] }> {
  const db = await openStore(opts.db);
  const owner = newOwner();
  const { files, problems } = opts.files
    ? { files: opts.files, problems: [] }
    : await expandInputs(
        opts.inputs,
        opts.cwd,
        isPostgresUrl(opts.db) ? [] : [path.resolve(opts.cwd ?? process.cwd(), opts.db)],
      );
  const summary: IngestSummary = {
    files: files.length,
    ingested: 0,
    flagged: 0,
    failed: 0,
    skipped: 0,
    busy: 0,
    gaveUp: 0,
    crossYear: { checks: 0, failed: 0 },
    problems,
    elapsedMs: 0,
  };
  const run: IngestRun = {
    opts,
    progress: opts.progress ?? silentProgress,
    db,
    owner,
    version: opts.version ?? EXTRACTOR_VERSION,
    maxAttempts: opts.maxAttempts ?? 3,
    seen: new Set(),
    stopped: null,
    office: { has: () => false, converted: async () => undefined },
    summary,
  };
  return { run, files };
}

/** Store the run's corrections, if any (the database is closed if that fails). */
async function storeCorrections(run: IngestRun): Promise<PutCorrections | null> {
  if (!run.opts.corrections) return null;
  try {
    return await run.db.putCorrections(run.opts.corrections);
  } catch (e) {
    await run.db.close();
    throw e;
  }
}

/** One file: hashed, taken once per content, claimed, then extracted and written. */
async function ingestFile(run: IngestRun, pool: ExtractionPool, file: InputFile): Promise<void> {
  if (run.stopped) return;
  const sha = await hashOrFail(run, file);
  if (sha === null) return;
  if (run.seen.has(sha)) {
    run.summary.skipped++;
    return run.progress.file(file.path, 'skipped', 'same content as another input');
  }
  run.seen.add(sha);
  const key: Key = { sha256: sha, version: run.version };
  // Its .docx before its claim: the claim's lease covers the extraction, not the wait for LibreOffice.
  const converted = await run.office.converted(file);
  if (!(await claimOrSkip(run, file, key))) return;
  await extractAndWrite(run, pool, file, key, converted);
}

/** The file's content hash, or null when it cannot be read (counted as failed, not recorded: no content to key by). */
async function hashOrFail(run: IngestRun, file: InputFile): Promise<string | null> {
  try {
    if (file.error) throw new Error(file.error.message);
    return await sha256File(file.rawPath ?? file.abs);
  } catch (e) {
    run.summary.failed++;
    const why = file.error?.message ?? (await missingReason(file.rawPath ?? file.abs, e));
    run.progress.file(file.path, 'failed', `NOT_FOUND: ${why} (not recorded: it has no content to key by)`);
    return null;
  }
}

/** Claim the content for this run; false (counted and reported) when it is done, busy elsewhere, or given up on. */
async function claimOrSkip(run: IngestRun, file: InputFile, key: Key): Promise<boolean> {
  const { summary: s, progress } = run;
  const timeoutMs = run.opts.isolation?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The claim lives a little longer than the longest extraction can take.
  const c = await run.db.claim(key, run.owner, {
    ttlMs: timeoutMs + 60_000,
    maxAttempts: run.maxAttempts,
    force: !!run.opts.force,
  });
  if (c.state === 'done') {
    s.skipped++;
    progress.file(file.path, 'skipped', 'already in the database');
    return false;
  }
  if (c.state === 'busy') {
    s.busy++;
    s.skipped++;
    progress.file(file.path, 'skipped', 'being extracted by another run');
    return false;
  }
  if (c.state === 'gave-up') {
    s.gaveUp++;
    s.failed++;
    progress.file(
      file.path,
      'failed',
      `${c.code}: ${c.message} (not retried after ${c.attempts} attempts; --force retries)`,
    );
    return false;
  }
  return true;
}

/**
 * Extract in a worker (from the .docx LibreOffice made of it, if `converted`; its conversion error is
 * its failure) and write the report; on failure write the failure (a database error releases the claim and throws).
 */
async function extractAndWrite(
  run: IngestRun,
  pool: ExtractionPool,
  file: InputFile,
  key: Key,
  converted?: Converted,
): Promise<void> {
  const { summary: s, progress, db } = run;
  try {
    if (converted && 'error' in converted) throw converted.error;
    // The absolute path (the workers do not share opts.cwd), labelled as the user wrote it.
    const extracted = await pool.extract(file.abs, { rawPath: file.rawPath, converted: converted?.docx });
    const report = applyAliases({ ...extracted, source: { ...extracted.source, path: file.path } }, run.opts.aliases);
    // Flagged as stored: a stored correction may have made its checks pass.
    const flagged = flaggedByChecks(await db.writeReport(key, report));
    s.ingested++;
    if (flagged) s.flagged++;
    progress.file(file.path, flagged ? 'flagged' : 'ok');
  } catch (e) {
    const err = asNianbaoError(e, file.path);
    if (err.code === 'DISK_FULL' || run.stopped) {
      // The machine's fault, not the file's: the run stops (exit 14), the claim is released, no attempt
      // counted — for this file and for those in flight, whose extraction the stop interrupts.
      await db.releaseClaim(key, run.owner).catch(() => {});
      if (run.stopped) return;
      run.stopped = new NianbaoError('DISK_FULL', err.message, run.opts.db);
      throw run.stopped;
    }
    let attempts: number;
    try {
      attempts = await db.writeFailure(key, { path: file.path, code: err.code, message: err.message });
    } catch (dbErr) {
      await db.releaseClaim(key, run.owner);
      throw dbErr;
    }
    s.failed++;
    progress.file(file.path, 'failed', `${err.code}: ${err.message} (attempt ${attempts} of ${run.maxAttempts})`);
  }
}

export function ingestSummaryText(s: IngestSummary, dbFile: string): string {
  const lines = [
    `${s.files} file${s.files === 1 ? '' : 's'}: ${s.ingested} ingested (${s.flagged} flagged by checks), ${s.failed} failed, ${s.skipped} skipped` +
      (s.busy ? ` (${s.busy} being extracted by another run)` : '') +
      ` in ${(s.elapsedMs / 1000).toFixed(1)} s → ${dbFile}`,
  ];
  if (s.gaveUp)
    lines.push(
      `${s.gaveUp} failed file${s.gaveUp === 1 ? ' was' : 's were'} not retried (too many attempts; --force retries)`,
    );
  if (s.corrections) {
    const c = s.corrections;
    lines.push(
      `corrections: ${c.added} new, ${c.changed} changed, ${c.unchanged} already stored; ${c.reportsUpdated} stored report${c.reportsUpdated === 1 ? '' : 's'} updated`,
    );
  }
  if (s.crossYear.checks)
    lines.push(`cross-year checks in the database: ${s.crossYear.checks}, ${s.crossYear.failed} failed`);
  for (const p of s.problems) lines.push(`note: ${p}`);
  return lines.join('\n');
}
