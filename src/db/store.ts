// The store behind `--db`: a SQLite file (the embedded default) or a PostgreSQL database
// (`postgres://…`, for many machines). Both keep the same tables and answer the same questions;
// ingest, export, review and the queue talk only to this interface.
import type { CrossYearCheck } from '../crossyear/checks.js';
import type { ErrorCode } from '../errors.js';
import type { Report } from '../schema/record.js';
import type { FailureRow } from './read.js';
import type { ClaimResult, Key, PutCorrections } from './write.js';
import type { CorrectionInput } from '../corrections/index.js';
import type { CorrectionKey, RemovedCorrections } from './corrections.js';
import type { ReportSummary } from './list.js';

export type { FailureRow, ClaimResult, Key, PutCorrections, CorrectionKey, RemovedCorrections, ReportSummary };

export interface ClaimOptions {
  ttlMs: number;
  maxAttempts: number;
  force: boolean;
  now?: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** For messages: the file name, or the URL without its password. */
  readonly name: string;
  /**
   * Store a report (replacing one with the same key) with its values, checks and warnings, in one
   * transaction; clears its failure and claim. The corrections stored for its content are applied
   * first (so they survive re-extraction). Resolves to the record as stored.
   */
  writeReport(key: Key, report: Report, now?: Date): Promise<Report>;
  /** Store reviewers' corrections, keyed by sha256 and path (later ones override earlier and stored ones). */
  putCorrections(corrections: readonly CorrectionInput[]): Promise<PutCorrections>;
  /** The stored corrections, ordered by sha256 and path. */
  corrections(): Promise<CorrectionInput[]>;
  /**
   * Apply the stored corrections to the stored reports of their contents (of `only` these sha256s,
   * when given), rewriting those that change (each keeps its ingested_at; checks computed again).
   * Returns how many were rewritten.
   */
  reapplyCorrections(only?: readonly string[]): Promise<number>;
  /**
   * Remove stored corrections (one cell, or every cell of a content when `path` is absent) and
   * revert the stored reports of those contents, in one transaction: the cells get their extracted
   * values back and the checks are computed again. Resolves to what was removed and how many
   * stored reports were rewritten.
   */
  removeCorrections(keys: readonly CorrectionKey[]): Promise<RemovedCorrections>;
  /** Every content's latest report, short (no record JSON), ordered by agency, year and path. */
  reportSummaries(): Promise<ReportSummary[]>;
  /** The latest record of one content (validated), or null when the store has none. */
  latestRecord(sha256: string): Promise<Report | null>;
  /** Record (or count again) a failure and release the claim. Returns the attempts so far. */
  writeFailure(key: Key, f: { path: string; code: ErrorCode; message: string }, now?: Date): Promise<number>;
  /** Decide whether this run extracts the file (see write.ts `claim`). */
  claim(key: Key, owner: string, opts: ClaimOptions): Promise<ClaimResult>;
  releaseClaim(key: Key, owner: string): Promise<void>;
  hasReport(key: Key): Promise<boolean>;
  /** The latest record of every content, ordered by agency, year and path. */
  latestRecords(): AsyncIterable<Report>;
  failures(): Promise<FailureRow[]>;
  /** The stored cross-year checks, ordered by agency, current year and check id. */
  crossYearChecks(): Promise<CrossYearCheck[]>;
  /**
   * Recompute the cross-year checks, in one transaction: of every agency, or only of these
   * agencies (as `agencyKey` spells them) — what a finished queue job touched.
   */
  refreshCrossYear(agencyKeys?: string[]): Promise<CrossYearCheck[]>;
  close(): Promise<void>;
}

/** `postgres://…` and `postgresql://…` name a PostgreSQL database; anything else is a SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Open the store `--db` names; `readonly` opens an existing one for export and review. */
export async function openStore(target: string, opts: { readonly?: boolean } = {}): Promise<Store> {
  if (isPostgresUrl(target)) {
    const { openPgStore } = await import('./postgres/store.js');
    return openPgStore(target, opts);
  }
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(target, opts);
}
