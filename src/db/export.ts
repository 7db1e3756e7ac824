// `export`: the database back out as JSON Lines or CSV (the same files a batch writes).
import { mkdir } from 'node:fs/promises';
import { BatchWriters } from '../batch/writers.js';
import { outputLayout, type Format } from '../batch/layout.js';
import { BOM, csvLine, LONG_HEADER, longRows } from '../output/csv.js';
import type { ErrorCode } from '../errors.js';
import { openStore } from './store.js';
import { flaggedByChecks } from '../pipeline/flagged.js';
import { crossYearChecks, toYearReport, type YearReport } from '../crossyear/checks.js';
import { applyCorrections, type CorrectionInput } from '../corrections/index.js';
import { applyAliases } from '../output/aliases.js';
import type { AliasMap } from '../output/series.js';

/** What an export applies on top of the stored records. */
export interface ExportOptions {
  /** A corrections file, parsed: applied on top of the corrections stored by ingest. */
  corrections?: readonly CorrectionInput[];
  /** Printed agency name → series key (--aliases): the record's agencyKey becomes the key. */
  aliases?: AliasMap;
}

/** ExportOptions from the older form (a corrections list) or the object. */
const exportOptions = (
  o: readonly CorrectionInput[] | ExportOptions,
): Required<Pick<ExportOptions, 'corrections'>> & ExportOptions =>
  Array.isArray(o) ? { corrections: o as readonly CorrectionInput[] } : { corrections: [], ...(o as ExportOptions) };

export interface ExportCounts {
  records: number;
  /** Records flagged as exported (corrections applied): a failed check or a table not read. */
  flagged: number;
  failures: number;
  crossYear: number;
}

/**
 * Write records, failures and cross-year checks to files laid out like a batch's output. `options`
 * (or a corrections list): corrections applied on top of the stored records (which already carry the
 * corrections stored by ingest), aliases on their agency keys; the database is not changed.
 */
export async function exportToFiles(
  db: string,
  out: string,
  format: Format,
  options: readonly CorrectionInput[] | ExportOptions = [],
): Promise<ExportCounts & { files: string[] }> {
  const { corrections, aliases } = exportOptions(options);
  const store = await openStore(db, { readonly: true });
  try {
    const layout = outputLayout(out, format, '-');
    await mkdir(layout.dir, { recursive: true });
    const w = await BatchWriters.open(layout);
    const counts: ExportCounts = { records: 0, flagged: 0, failures: 0, crossYear: 0 };
    try {
      const years: YearReport[] = [];
      for await (const r of store.latestRecords()) {
        const record = applyAliases(applyCorrections(r, corrections), aliases);
        await w.addRecord(record);
        if (corrections.length || aliases) years.push(toYearReport(record));
        counts.records++;
        if (flaggedByChecks(record)) counts.flagged++;
      }
      for (const f of await store.failures()) {
        await w.errors.add({
          path: f.path,
          sha256: f.sha256,
          extractorVersion: f.extractor_version,
          code: f.code as ErrorCode,
          message: f.message,
          attempts: f.attempts,
          failedAt: f.last_failed_at,
        });
        counts.failures++;
      }
      // Corrections given here may change the cells the cross-year checks read, aliases the pairs: computed again then.
      for (const c of corrections.length || aliases ? crossYearChecks(years) : await store.crossYearChecks()) {
        await w.crossYear.add(c);
        counts.crossYear++;
      }
      await w.commit();
    } catch (e) {
      await w.abort();
      throw e;
    }
    return {
      ...counts,
      files: [layout.records, ...Object.values(layout.wide), layout.errors, layout.crossYear, layout.duplicates],
    };
  } finally {
    await store.close();
  }
}

/** Records only, to a stream (standard output): JSON Lines, or the long CSV table; `options` as in exportToFiles. */
export async function exportToStream(
  db: string,
  format: 'jsonl' | 'csv',
  write: (s: string) => Promise<void> | void,
  options: readonly CorrectionInput[] | ExportOptions = [],
): Promise<number> {
  const { corrections, aliases } = exportOptions(options);
  const store = await openStore(db, { readonly: true });
  let n = 0;
  try {
    if (format === 'csv') await write(BOM + csvLine(LONG_HEADER));
    for await (const stored of store.latestRecords()) {
      const r = applyAliases(applyCorrections(stored, corrections), aliases);
      if (format === 'jsonl') await write(JSON.stringify(r) + '\n');
      else for (const row of longRows(r)) await write(csvLine(row));
      n++;
    }
  } finally {
    await store.close();
  }
  return n;
}
