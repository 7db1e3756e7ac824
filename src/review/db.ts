// Records for the review page from a database written by `nianbao ingest`: the latest record of
// every content, plus the files that failed and have not succeeded since.
import { openStore } from '../db/store.js';
import { ReportSchema } from '../schema/record.js';
import type { Loaded } from './load.js';

export async function loadDb(file: string): Promise<Loaded> {
  const db = await openStore(file, { readonly: true });
  try {
    const out: Loaded = { records: [], failedFiles: [], skipped: [] };
    const seen = new Set<string>();
    let k = 0;
    for await (const raw of db.latestRecords()) {
      k++;
      const parsed = ReportSchema.safeParse(raw);
      if (parsed.success) {
        out.records.push(parsed.data);
        seen.add(parsed.data.source.sha256);
      } else out.skipped.push({ line: k, reason: `record ${k} in the database does not match the schema` });
    }
    for (const f of await db.failures()) {
      if (seen.has(f.sha256)) continue;
      out.failedFiles.push({
        file: f.path,
        error: `${f.code}: ${f.message} (${f.attempts} attempt${f.attempts === 1 ? '' : 's'})`,
      });
    }
    return out;
  } finally {
    await db.close();
  }
}
