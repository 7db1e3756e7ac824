// npm run bench (part): `nianbao serve` over BENCH_SERVE_REPORTS (10,000) reports — the list of
// reports (GET /api/reports, counts and the first 100 rows) within 200 ms, a report page (GET
// /report/SHA256: its tables, checks, page list) within 300 ms, and memory flat over many requests.
// The reports are real extractions (samples/compare's text reports and the inconsistent PDF) copied
// under distinct hashes, agencies and years, written straight into the reports table (the rows the
// list and the page read), so the 10,000 rows take seconds to make.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDb } from '../src/db/open.js';
import { reportRows, REPORT_COLUMNS } from '../src/db/write.js';
import { extractReport } from '../src/pipeline/extract.js';
import type { Report } from '../src/schema/record.js';
import { startServer } from '../src/serve/server.js';

const REPORTS = Number(process.env.BENCH_SERVE_REPORTS ?? 10_000);
const RUNS = Number(process.env.BENCH_SERVE_RUNS ?? 30);
const BUDGET_LIST_MS = 200;
const BUDGET_PAGE_MS = 300;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-serve-'));

const compare = path.join(root, 'samples', 'compare');
const base: Report[] = [await extractReport(path.join(root, 'samples', 'town-2021-inconsistent.pdf'))];
for (const f of readdirSync(compare)
  .filter((n) => n.endsWith('.txt'))
  .sort())
  base.push(await extractReport(path.join(compare, f)));

/** The k-th copy: its own hash, agency (every 5 years one agency) and path. */
function copyOf(k: number): Report {
  const r = base[k % base.length];
  const copy = Math.floor(k / base.length);
  const sha = `${k.toString(16).padStart(8, '0')}${r.source.sha256.slice(8)}`;
  return {
    ...r,
    agency: `${r.agency}${copy || ''}`,
    source: { ...r.source, path: `copy-${copy}/${r.source.path}`, sha256: sha },
  };
}

const t0 = performance.now();
const file = path.join(work, 'serve.sqlite');
const db = openDb(file);
const insert = db.prepare(`INSERT INTO reports (${REPORT_COLUMNS}) VALUES (${Array(16).fill('?').join(',')})`);
const now = new Date();
// Each sample's row made once; a copy changes its hash, path, agency and record JSON only.
const rows = base.map((r) => reportRows({ sha256: r.source.sha256, version: 'bench' }, r, now).report);
db.transaction(() => {
  for (let k = 0; k < REPORTS; k++) {
    const r = copyOf(k);
    const row = [...rows[k % base.length]];
    [row[0], row[2], row[4], row[11]] = [r.source.sha256, r.source.path, r.agency, JSON.stringify(r)];
    insert.run(...row);
  }
})();
db.close();
process.stderr.write(`bench-serve: ${REPORTS} reports written in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);

const server = await startServer({ db: file, port: 0, baseDir: root });
const time = async (url: string): Promise<number> => {
  const s = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return performance.now() - s;
};
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: s[Math.floor(s.length / 2)],
    p95: s[Math.min(s.length - 1, Math.floor(s.length * 0.95))],
    max: s[s.length - 1],
  };
};
const rss = () => process.memoryUsage().rss / 1024 / 1024;

try {
  await time(`${server.url}api/reports`);
  const list = [];
  for (let i = 0; i < RUNS; i++) list.push(await time(`${server.url}api/reports`));
  const filtered = [];
  for (let i = 0; i < RUNS; i++)
    filtered.push(await time(`${server.url}api/reports?flagged=1&template=2021&q=${encodeURIComponent('人民政府')}`));
  const pages = [];
  for (let i = 0; i < RUNS; i++)
    pages.push(await time(`${server.url}report/${copyOf((i * 337) % REPORTS).source.sha256}`));
  // Memory: RSS after a warm-up, then along 10 rounds of list + page requests.
  const samples: number[] = [];
  for (let round = 0; round < 10; round++) {
    for (let i = 0; i < 20; i++) {
      await time(`${server.url}api/reports?offset=${i * 100}`);
      await time(`${server.url}report/${copyOf(((round * 20 + i) * 41) % REPORTS).source.sha256}`);
    }
    samples.push(rss());
  }
  const l = stats(list);
  const f = stats(filtered);
  const p = stats(pages);
  const fmt = (s: { median: number; p95: number; max: number }) =>
    `median ${s.median.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, max ${s.max.toFixed(0)} ms`;
  console.log(`\nserve over ${REPORTS} reports (${RUNS} requests each; load ${os.loadavg()[0].toFixed(1)}):`);
  console.log(
    `  GET /api/reports (counts + 100 rows)          ${fmt(l)}  (budget ${BUDGET_LIST_MS} ms: ${l.p95 < BUDGET_LIST_MS ? 'ok' : 'OVER'})`,
  );
  console.log(`  GET /api/reports (flagged, template, text)    ${fmt(f)}`);
  console.log(
    `  GET /report/SHA256 (the report page)          ${fmt(p)}  (budget ${BUDGET_PAGE_MS} ms: ${p.p95 < BUDGET_PAGE_MS ? 'ok' : 'OVER'})`,
  );
  console.log(
    `  RSS over 400 more requests (MB): ${samples.map((x) => x.toFixed(0)).join(' ')} (first → last ${(samples[samples.length - 1] - samples[0]).toFixed(0)} MB)`,
  );
} finally {
  await server.close();
  if (!process.env.BENCH_SERVE_KEEP) rmSync(work, { recursive: true, force: true });
  else console.log(file);
}
