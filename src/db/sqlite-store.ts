// The SQLite store behind the async Store interface (the synchronous functions do the work).
import type { CrossYearCheck } from '../crossyear/checks.js';
import type { Report } from '../schema/record.js';
import { failures, LATEST, latestRecords, refreshCrossYear, storedCrossYear } from './read.js';
import { openDb, type Db } from './open.js';
import type { Store } from './store.js';
import { claim, putCorrections, releaseClaim, storedCorrections, writeFailure, writeReport } from './write.js';
import { reapplyCorrections, removeCorrections } from './corrections.js';
import { sortSummaries, summaryFromRow, SUMMARY_SQL, type SummaryRow } from './list.js';
import { ReportSchema } from '../schema/record.js';

export function openSqliteStore(file: string, opts: { readonly?: boolean } = {}): Store {
  return new SqliteStore(openDb(file, opts), file);
}

class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  constructor(
    readonly db: Db,
    readonly name: string,
  ) {}

  async writeReport(...a: Parameters<Store['writeReport']>) {
    return writeReport(this.db, ...a);
  }
  async putCorrections(...a: Parameters<Store['putCorrections']>) {
    return putCorrections(this.db, ...a);
  }
  async corrections() {
    return storedCorrections(this.db);
  }
  async reapplyCorrections(only?: readonly string[]) {
    return reapplyCorrections(this.db, only);
  }
  async removeCorrections(...a: Parameters<Store['removeCorrections']>) {
    return removeCorrections(this.db, ...a);
  }
  async reportSummaries() {
    return sortSummaries(this.db.prepare<SummaryRow>(SUMMARY_SQL).all().map(summaryFromRow));
  }
  async latestRecord(sha256: string) {
    const row = this.db.prepare<{ record: string }>(`SELECT record FROM (${LATEST}) l WHERE sha256 = ?`).get(sha256);
    return row ? ReportSchema.parse(JSON.parse(row.record)) : null;
  }
  async writeFailure(...a: Parameters<Store['writeFailure']>) {
    return writeFailure(this.db, ...a);
  }
  async claim(...a: Parameters<Store['claim']>) {
    return claim(this.db, ...a);
  }
  async releaseClaim(...a: Parameters<Store['releaseClaim']>) {
    releaseClaim(this.db, ...a);
  }
  async hasReport(key: { sha256: string; version: string }) {
    return !!this.db
      .prepare('SELECT 1 FROM reports WHERE sha256 = ? AND extractor_version = ?')
      .get(key.sha256, key.version);
  }
  async *latestRecords(): AsyncGenerator<Report> {
    yield* latestRecords(this.db);
  }
  async failures() {
    return failures(this.db);
  }
  async crossYearChecks(): Promise<CrossYearCheck[]> {
    return storedCrossYear(this.db);
  }
  // SQLite has one writer at a time, so the whole database is recomputed (it is small).
  async refreshCrossYear(): Promise<CrossYearCheck[]> {
    return refreshCrossYear(this.db);
  }
  async close() {
    this.db.close();
  }
}
