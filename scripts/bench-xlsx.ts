// npm run bench (part): `export -f xlsx` of BENCH_XLSX_REPORTS (1000) records into one workbook, the
// issue's budget being 10 s. The records are real extractions (the text samples under samples/compare,
// both templates, some with failed checks and warnings), copied under distinct hashes, paths and
// years so every row is its own; the time is writeWorkbook's (the workbook writer, its flags and
// comments, the series sheet), as `nianbao export -f xlsx` spends it after reading the database.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { extractReport } from '../src/pipeline/extract.js';
import { writeWorkbook } from '../src/output/xlsx.js';
import type { Report } from '../src/schema/record.js';

const REPORTS = Number(process.env.BENCH_XLSX_REPORTS ?? 1000);
const BUDGET_S = 10;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'samples', 'compare');

const base: Report[] = [];
for (const f of readdirSync(dir)
  .filter((n) => n.endsWith('.txt'))
  .sort())
  base.push(await extractReport(path.join(dir, f)));
const records = Array.from({ length: REPORTS }, (_, k): Report => {
  const r = base[k % base.length];
  const copy = Math.floor(k / base.length);
  return {
    ...r,
    agency: copy ? `${r.agency}${copy}` : r.agency,
    agencyKey: copy ? `${r.agencyKey}${copy}` : r.agencyKey,
    source: {
      ...r.source,
      path: `copy-${copy}/${r.source.path}`,
      sha256: `${k.toString(16).padStart(8, '0')}${r.source.sha256.slice(8)}`,
    },
  };
});
const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-xlsx-'));
try {
  const file = path.join(work, 'records.xlsx');
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await writeWorkbook(records, file);
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cells = records.reduce((n, r) => n + Object.keys(r.provenance).length, 0);
  console.log(
    `\nxlsx: ${REPORTS} records (${cells} cells) → one workbook of ${(statSync(file).size / 1e6).toFixed(1)} MB in ${s.toFixed(2)} s ` +
      `(budget ${BUDGET_S} s: ${s < BUDGET_S ? 'ok' : 'OVER'}; CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s); RSS +${((process.memoryUsage().rss - rss0) / 1e6).toFixed(0)} MB, load ${os.loadavg()[0].toFixed(1)}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
