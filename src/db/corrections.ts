// Corrections in the SQLite store beyond storing them (write.ts): applying the stored ones to some
// contents only, and removing corrections — the reports of those contents are reverted and their
// checks computed again.
import { revertCorrections } from '../corrections/revert.js';
import { ReportSchema } from '../schema/record.js';
import type { CorrectionInput } from '../corrections/index.js';
import type { Db } from './open.js';
import {
  CORRECTION_COLUMNS,
  correctionFromRow,
  recorrected,
  storedCorrections,
  writeReport,
  type CorrectionRow,
} from './write.js';

/** Cells whose corrections to remove: one cell, or every cell of a content when `path` is absent. */
export interface CorrectionKey {
  sha256: string;
  path?: string;
}

/** What removing corrections did. */
export interface RemovedCorrections {
  /** The corrections removed, as they were stored (ordered by sha256 and path). */
  removed: CorrectionInput[];
  /** Stored reports rewritten (every extractor version of the contents). */
  reports: number;
}

interface StoredRow {
  sha256: string;
  extractor_version: string;
  record: string;
  ingested_at: string;
}

/**
 * Apply the stored corrections to the stored reports of their contents (of `only` these contents,
 * when given), rewriting the ones that change; each keeps its ingested_at. Returns how many were
 * rewritten.
 */
export function reapplyCorrections(db: Db, only?: readonly string[]): number {
  const shas =
    only ??
    db
      .prepare<{ sha256: string }>('SELECT DISTINCT sha256 FROM corrections ORDER BY sha256')
      .all()
      .map((r) => r.sha256);
  let n = 0;
  for (const sha of shas) {
    const mine = storedCorrections(db, sha);
    if (mine.length === 0) continue;
    for (const row of reportsOf(db, sha)) {
      const next = recorrected(row.record, mine);
      if (!next) continue;
      writeReport(db, { sha256: row.sha256, version: row.extractor_version }, next, new Date(row.ingested_at));
      n++;
    }
  }
  return n;
}

/**
 * Remove the stored corrections of `keys` and revert the stored reports of those contents (every
 * extractor version): the cells get their extracted values back and the checks are computed again
 * (`revertCorrections`); each report keeps its ingested_at. One transaction. Keys that match no
 * stored correction remove nothing.
 */
export function removeCorrections(db: Db, keys: readonly CorrectionKey[]): RemovedCorrections {
  return db
    .transaction((): RemovedCorrections => {
      const removed: CorrectionInput[] = [];
      const one = db.prepare<CorrectionRow>(
        `SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE sha256 = ? AND path = ?`,
      );
      const all = db.prepare<CorrectionRow>(
        `SELECT ${CORRECTION_COLUMNS} FROM corrections WHERE sha256 = ? ORDER BY path`,
      );
      const del = db.prepare('DELETE FROM corrections WHERE sha256 = ? AND path = ?');
      for (const k of keys) {
        const rows =
          k.path === undefined ? all.all(k.sha256) : [one.get(k.sha256, k.path)].filter((r): r is CorrectionRow => !!r);
        for (const r of rows) {
          del.run(r.sha256, r.path);
          removed.push(correctionFromRow(r));
        }
      }
      let reports = 0;
      for (const [sha, paths] of pathsBySha(removed)) {
        for (const row of reportsOf(db, sha)) {
          const parsed = ReportSchema.safeParse(JSON.parse(row.record));
          if (!parsed.success) continue;
          const next = revertCorrections(parsed.data, paths);
          if (next === parsed.data) continue;
          writeReport(db, { sha256: row.sha256, version: row.extractor_version }, next, new Date(row.ingested_at));
          reports++;
        }
      }
      return { removed: sortCorrections(removed), reports };
    })
    .immediate();
}

function reportsOf(db: Db, sha256: string): StoredRow[] {
  return db
    .prepare<StoredRow>(
      'SELECT sha256, extractor_version, record, ingested_at FROM reports WHERE sha256 = ? ORDER BY extractor_version',
    )
    .all(sha256);
}

/** The removed corrections' paths, per content. */
export function pathsBySha(removed: readonly CorrectionInput[]): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const c of removed) m.set(c.sha256, [...(m.get(c.sha256) ?? []), c.path]);
  return m;
}

/** Corrections by sha256, then path (byte order): the order both stores list them in. */
export const sortCorrections = (cs: CorrectionInput[]): CorrectionInput[] =>
  cs.sort((a, b) =>
    a.sha256 === b.sha256 ? (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) : a.sha256 < b.sha256 ? -1 : 1,
  );
