// `nianbao compare`: two reports (or every agency's consecutive years) → compare.json + compare.html.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../output/atomic-write.js';
import type { Report } from '../schema/record.js';
import { compareReports } from './compare.js';
import { renderComparePage } from './html.js';
import { COMPARE_SCHEMA_VERSION, CompareFileSchema, type CompareFile } from './schema.js';

export { compareReports, pairConsecutive } from './compare.js';
export { proseReuse, sentenceSpans } from './reuse.js';
export * from './schema.js';

/** Compare the given pairs and write DIR/compare.json and DIR/compare.html (each atomically). */
export async function writeComparison(
  pairs: Array<[Report, Report]>,
  dir: string,
  now = new Date(),
): Promise<CompareFile> {
  const file: CompareFile = CompareFileSchema.parse({
    schemaVersion: COMPARE_SCHEMA_VERSION,
    generated: now.toISOString(),
    pairs: pairs.map(([a, b]) => compareReports(a, b)),
  });
  // Section texts of each current report, for highlighting its reused sentences in the page.
  const texts: Record<string, Record<string, string>> = {};
  for (const [, cur] of pairs) texts[cur.source.sha256] = Object.fromEntries(cur.sections.map((s) => [s.key, s.text]));
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, 'compare.json'), JSON.stringify(file, null, 2) + '\n');
  await writeFileAtomic(path.join(dir, 'compare.html'), renderComparePage(file, texts));
  return file;
}

/** Two reports in year order (older first); `pairConsecutive` for many. */
export function orderPair(a: Report, b: Report): [Report, Report] {
  return (a.year ?? 0) <= (b.year ?? 0) ? [a, b] : [b, a];
}
