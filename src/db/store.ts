// The store behind `--db`: a SQLite file (the embedded default) or a PostgreSQL database
// (`postgres://…`, for many machines). Both keep the same tables and answer the same questions;
// ingest, export, review and the queue talk only to this interface.
import type { CrossYearCheck } from '../crossyear/checks.js';
import type { ErrorCode } from '../errors.js';
import type { Report } from '../schema/record.js';
import type { FailureRow } from './read.js';
import type { ClaimResult, Key, PutCorrections } from './write.js';
import type { CorrectionInput } from '../corrections/index.js';

export type { FailureRow, ClaimResult, Key, PutCorrections };

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
   * Apply the stored corrections to the stored reports of their contents, rewriting those that
   * change (each keeps its ingested_at). Returns how many were rewritten.
   */
  reapplyCorrections(): Promise<number>;
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
