// `export`: the database back out as JSON Lines or CSV (the same files a batch writes).
import { mkdir } from 'node:fs/promises';
import { BatchWriters } from '../batch/writers.js';
import { outputLayout, type Format } from '../batch/layout.js';
import { BOM, csvLine, LONG_HEADER, longRows } from '../output/csv.js';
import type { ErrorCode } from '../errors.js';
import type { CrossYearCheck } from '../crossyear/checks.js';
import { openDb } from './open.js';
import { failures, latestRecords } from './read.js';

export interface ExportCounts {
  records: number;
  failures: number;
  crossYear: number;
}

/** Write records, failures and cross-year checks to files laid out like a batch's output. */
export async function exportToFiles(dbFile: string, out: string, format: Format): Promise<ExportCounts & { files: string[] }> {
  const db = openDb(dbFile, { readonly: true });
  try {
    const layout = outputLayout(out, format, '-');
    await mkdir(layout.dir, { recursive: true });
    const w = await BatchWriters.open(layout);
    const counts: ExportCounts = { records: 0, failures: 0, crossYear: 0 };
    try {
      for (const r of latestRecords(db)) {
        await w.addRecord(r);
        counts.records++;
      }
      for (const f of failures(db)) {
        await w.errors.add({ path: f.path, sha256: f.sha256, extractorVersion: f.extractor_version, code: f.code as ErrorCode, message: f.message, attempts: f.attempts, failedAt: f.last_failed_at });
        counts.failures++;
      }
      for (const c of crossYearFromDb(db)) {
        await w.crossYear.add(c);
        counts.crossYear++;
      }
      await w.commit();
    } catch (e) {
      await w.abort();
      throw e;
    }
    return { ...counts, files: [layout.records, ...Object.values(layout.wide), layout.errors, layout.crossYear, layout.duplicates] };
  } finally {
    db.close();
  }
}

/** Records only, to a stream (standard output): JSON Lines, or the long CSV table. */
export async function exportToStream(dbFile: string, format: 'jsonl' | 'csv', write: (s: string) => Promise<void> | void): Promise<number> {
  const db = openDb(dbFile, { readonly: true });
  let n = 0;
  try {
    if (format === 'csv') await write(BOM + csvLine(LONG_HEADER));
    for (const r of latestRecords(db)) {
      if (format === 'jsonl') await write(JSON.stringify(r) + '\n');
      else for (const row of longRows(r)) await write(csvLine(row));
      n++;
    }
  } finally {
    db.close();
  }
  return n;
}

function crossYearFromDb(db: ReturnType<typeof openDb>): CrossYearCheck[] {
  interface Row {
    agency: string;
    check_id: string;
    passed: number;
    previous_sha256: string;
    previous_year: number;
    previous_path: string | null;
    previous_title: string | null;
    current_sha256: string;
    current_year: number;
    current_path: string | null;
    current_title: string | null;
    expected: number;
    actual: number;
    blanks_as_zero: number;
    message: string;
    paths: string;
  }
  return db
    .prepare<Row>('SELECT * FROM crossyear_checks ORDER BY agency, current_year, check_id')
    .all()
    .map((r) => ({
      id: r.check_id,
      passed: !!r.passed,
      message: r.message,
      agency: r.agency,
      previous: { sha256: r.previous_sha256, path: r.previous_path, year: r.previous_year, title: r.previous_title },
      current: { sha256: r.current_sha256, path: r.current_path, year: r.current_year, title: r.current_title },
      paths: JSON.parse(r.paths) as CrossYearCheck['paths'],
      expected: r.expected,
      actual: r.actual,
      ...(r.blanks_as_zero ? { blanksAsZero: true } : {}),
    }));
}
