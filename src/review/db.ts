// Records for the review page from a database written by `nianbao ingest` (src/db): the latest
// record of every content, plus the files that failed and never succeeded since.
// The db module is loaded at run time, so review builds and works (on JSONL) without it.
import { NianbaoError } from '../errors.js';
import { ReportSchema, type Report } from '../schema/record.js';
import type { Loaded } from './load.js';

interface DbModule {
  openDb(file: string, opts: { readonly?: boolean }): { close(): void };
  latestRecords(db: unknown): Iterable<unknown>;
  failures(db: unknown): Array<{ sha256: string; path: string; code: string; message: string; attempts: number }>;
}

export async function loadDb(file: string): Promise<Loaded> {
  let mod: DbModule;
  try {
    const url = new URL('../db/index.js', import.meta.url).href;
    mod = (await import(url)) as DbModule;
  } catch (e) {
    throw new NianbaoError('INTERNAL', `--db is not available in this build (${(e as Error).message})`, file);
  }
  const db = mod.openDb(file, { readonly: true });
  try {
    const out: Loaded = { records: [], failedFiles: [], skipped: [] };
    const seen = new Set<string>();
    let k = 0;
    for (const raw of mod.latestRecords(db)) {
      k++;
      const parsed = ReportSchema.safeParse(raw);
      if (parsed.success) {
        out.records.push(parsed.data as Report);
        seen.add(parsed.data.source.sha256);
      } else out.skipped.push({ line: k, reason: `record ${k} in the database does not match the schema` });
    }
    for (const f of mod.failures(db)) {
      if (seen.has(f.sha256)) continue;
      out.failedFiles.push({ file: f.path, error: `${f.code}: ${f.message} (${f.attempts} attempt${f.attempts === 1 ? '' : 's'})` });
    }
    return out;
  } finally {
    db.close();
  }
}
