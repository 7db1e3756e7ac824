// The watcher on a generated 500-page site (BENCH_WATCH_PAGES): 25 paginated list pages and 475
// article pages that are HTML reports, served on 127.0.0.1 by this process. One `watchOnce` into a
// fresh SQLite store without the hand-off (the crawl alone: fetch, parse, hash, store), at per-host
// delays of 0 and BENCH_WATCH_DELAY_MS (20): pages/s, the share of the wall time the delay accounts
// for, and the process's RSS sampled every 50 pages (flat memory: the end no higher than the middle).
// Run: node dist/scripts/bench-watch.js (also part of npm run bench; BENCH_WATCH=0 skips it there).
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { watchOnce } from '../src/watch/run.js';

const PAGES = Number(process.env.BENCH_WATCH_PAGES ?? 500);
const DELAY_MS = Number(process.env.BENCH_WATCH_DELAY_MS ?? 20);
const PER_LIST = 19;
const lists = Math.ceil(PAGES / (PER_LIST + 1));
const articles = PAGES - lists;

/** An article page that is itself an HTML report: a title, prose and a table of numbers (~6 KB). */
function articlePage(k: number): string {
  const rows = Array.from(
    { length: 40 },
    (_, r) =>
      `<tr><td>第${r + 1}项</td>${Array.from({ length: 7 }, (_, c) => `<td>${(k * 31 + r * 7 + c) % 97}</td>`).join('')}</tr>`,
  );
  return (
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>第${k}号单位${2000 + (k % 24)}年政府信息公开工作年度报告</title></head>` +
    `<body><div class="TRS_Editor"><p>${'本年度政府信息公开工作总体情况。'.repeat(20)}</p><table>${rows.join('')}</table></div></body></html>`
  );
}

function listPage(p: number): string {
  const first = p * PER_LIST;
  const links = [];
  for (let k = first; k < Math.min(first + PER_LIST, articles); k++)
    links.push(`<li><a href="/art/${k}.html">第${k}号单位${2000 + (k % 24)}年政府信息公开工作年度报告</a></li>`);
  const next = p + 1 < lists ? `<a href="index_${p + 1}.html">下一页</a>` : '';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><ul>${links.join('')}</ul>${next}</body></html>`;
}

const rss = () => Math.round(process.memoryUsage().rss / 1048576);

async function run(origin: string, served: { n: number }, delayMs: number): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-watch-'));
  const samples: number[] = [];
  served.n = 0;
  const sampler = setInterval(() => {
    if (served.n >= (samples.length + 1) * 50) samples.push(rss());
  }, 5);
  const t0 = performance.now();
  try {
    const s = await watchOnce({
      db: path.join(dir, 'w.sqlite'),
      sources: [{ url: `${origin}/col/index.html`, agency: null, match: null }],
      limits: { allowHosts: ['127.0.0.1'], hostDelayMs: delayMs, maxListPages: lists + 5 },
      ingest: false,
    });
    const secs = (performance.now() - t0) / 1000;
    const r = s.sources[0]!;
    if (r.error || r.new !== articles)
      throw new Error(`bench-watch: expected ${articles} new documents, got ${r.new} (${r.error?.message ?? ''})`);
    const delayShare = ((s.requests - 1) * delayMs) / 1000 / secs;
    console.log(
      `delay ${String(delayMs).padStart(3)} ms: ${s.requests} requests (${PAGES} pages + robots.txt) in ${secs.toFixed(1)} s = ` +
        `${(PAGES / secs).toFixed(1)} pages/s; delay ${(delayShare * 100).toFixed(0)}% of the time; our code ${(((secs * (1 - delayShare)) / PAGES) * 1000).toFixed(1)} ms/page`,
    );
    console.log(`  RSS every 50 pages (MB): ${samples.join(' ')}; peak ${Math.max(...samples)}`);
  } finally {
    clearInterval(sampler);
    rmSync(dir, { recursive: true, force: true });
  }
}

const served = { n: 0 };
const server = http.createServer((q, res) => {
  served.n++;
  const u = q.url ?? '/';
  const list = /^\/col\/index(?:_(\d+))?\.html$/.exec(u);
  const art = /^\/art\/(\d+)\.html$/.exec(u);
  if (list) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(listPage(Number(list[1] ?? 0)));
  else if (art) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(Number(art[1])));
  else res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
console.log(
  `\n== bench-watch: ${PAGES} pages (${lists} list pages, ${articles} HTML reports), load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);
try {
  for (const d of [0, DELAY_MS]) await run(origin, served, d);
} finally {
  server.close();
}
