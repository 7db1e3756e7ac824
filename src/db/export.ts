// `export`: the database back out as JSON Lines or CSV (the same files a batch writes).
import { mkdir } from 'node:fs/promises';
import { BatchWriters } from '../batch/writers.js';
import { outputLayout, type Format } from '../batch/layout.js';
import { BOM, csvLine, LONG_HEADER, longRows } from '../output/csv.js';
import type { ErrorCode } from '../errors.js';
import { openStore } from './store.js';

export interface ExportCounts {
  records: number;
  failures: number;
  crossYear: number;
}

/** Write records, failures and cross-year checks to files laid out like a batch's output. */
export async function exportToFiles(db: string, out: string, format: Format): Promise<ExportCounts & { files: string[] }> {
  const store = await openStore(db, { readonly: true });
  try {
    const layout = outputLayout(out, format, '-');
    await mkdir(layout.dir, { recursive: true });
    const w = await BatchWriters.open(layout);
    const counts: ExportCounts = { records: 0, failures: 0, crossYear: 0 };
    try {
      for await (const r of store.latestRecords()) {
        await w.addRecord(r);
        counts.records++;
      }
      for (const f of await store.failures()) {
        await w.errors.add({ path: f.path, sha256: f.sha256, extractorVersion: f.extractor_version, code: f.code as ErrorCode, message: f.message, attempts: f.attempts, failedAt: f.last_failed_at });
        counts.failures++;
      }
      for (const c of await store.crossYearChecks()) {
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
    await store.close();
  }
}

/** Records only, to a stream (standard output): JSON Lines, or the long CSV table. */
export async function exportToStream(db: string, format: 'jsonl' | 'csv', write: (s: string) => Promise<void> | void): Promise<number> {
  const store = await openStore(db, { readonly: true });
  let n = 0;
  try {
    if (format === 'csv') await write(BOM + csvLine(LONG_HEADER));
    for await (const r of store.latestRecords()) {
      if (format === 'jsonl') await write(JSON.stringify(r) + '\n');
      else for (const row of longRows(r)) await write(csvLine(row));
      n++;
    }
  } finally {
    await store.close();
  }
  return n;
}
