// The queue's done-when scenario, on a real PostgreSQL server (not a unit test: it takes minutes).
//   node dist/scripts/queue-scenario.js [postgres://…/db]            3 workers, 200 files, 2 SIGKILLs
//   node dist/scripts/queue-scenario.js [postgres://…/db] --throughput   1 vs 2 workers on scans (OCR)
// Files: seed-report variants (text), text-layer PDFs with a distinct trailing comment, and bad
// files (corrupt, truncated, empty-paged, not a report, hanging), every one a distinct content.
// Checks: each good file exactly one report row, each bad file one failure row, and the PostgreSQL
// export equal to the SQLite export of the same files (JSON Lines, order aside). Works in a schema
// of its own, dropped at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(root, 'bin/nianbao.js');
const args = process.argv.slice(2);
const base = args.find((a) => a.startsWith('postgres')) ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `scenario_${process.pid}`;
const url = `${base}?schema=${schema}`;
const log = (s: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function nianbao(a: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...a], { encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function worker(extra: string[], name: string): ChildProcess {
  const c = spawn(process.execPath, [BIN, 'worker', '--db', url, '-q', '--poll', '1', '--lease-check', '2', ...extra], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  log(`started ${name} (pid ${c.pid})`);
  return c;
}

/** A PDF made distinct by a comment after %%EOF (readers ignore it; the sha256 changes). */
function salted(src: string, dst: string, n: number): void {
  copyFileSync(src, dst);
  appendFileSync(dst, `\n% nianbao scenario copy ${n}\n`);
}

/** The hanging PDF of tests/batch-fixtures.ts: n³ text operations in nested forms. */
function hangingPdf(n: number): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> /XObject << /A 6 0 R >> >> >>',
    stream('', '/A Do\n'.repeat(n)),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream(
      '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> /XObject << /B 7 0 R >> >>',
      '/B Do\n'.repeat(n),
    ),
    stream(
      '/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >>',
      'BT /F1 12 Tf 10 10 Td (x) Tj ET\n'.repeat(n),
    ),
  ];
  const parts = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let len = parts[0].length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(len);
    const b = Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`, 'latin1');
    parts.push(b);
    len += b.length;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${len}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}
function stream(dict: string, body: string): string {
  return `<< ${dict} /Length ${Buffer.byteLength(body, 'latin1')} >>\nstream\n${body}\nendstream`;
}

function corpus(dir: string): { good: string[]; bad: string[] } {
  const good: string[] = [];
  const bad: string[] = [];
  const seed = readFileSync(path.join(root, 'samples/seed-2021-flattened.txt'), 'utf8');
  // 150 text reports: one agency, 30 years × 5 copies (blank lines appended: same record, new sha256).
  for (let y = 2000; y < 2030; y++) {
    for (let k = 0; k < 5; k++) {
      const f = path.join(dir, `seed-${y}-${k}.txt`);
      writeFileSync(f, seed.replace(/2021/g, String(y)) + '\n'.repeat(k));
      good.push(f);
    }
  }
  // 30 text-layer PDFs: the samples, salted.
  const pdfs = [
    'city-2021-ruled.pdf',
    'district-2019.pdf',
    'town-2021-inconsistent.pdf',
    'agency-2021-variants.pdf',
    'bureau-2021-split.pdf',
    'street-2021-rowsplit.pdf',
  ];
  for (let k = 0; k < 5; k++)
    for (const p of pdfs) {
      const f = path.join(dir, `${p.replace('.pdf', '')}-${k}.pdf`);
      salted(path.join(root, 'samples', p), f, k);
      good.push(f);
    }
  // 20 bad files, each a distinct content.
  const city = readFileSync(path.join(root, 'samples/city-2021-ruled.pdf'));
  for (let k = 0; k < 6; k++)
    writeFileSync(path.join(dir, `bad-corrupt-${k}.pdf`), `%PDF-1.4\n1 0 obj\n<< /Type /Catalog ${'x'.repeat(k)}\n`);
  for (let k = 0; k < 6; k++) writeFileSync(path.join(dir, `bad-truncated-${k}.pdf`), city.subarray(0, 2000 + k * 100));
  for (let k = 0; k < 6; k++)
    writeFileSync(path.join(dir, `bad-not-a-report-${k}.txt`), `会议纪要 第${k}号\n今天天气很好。\n`);
  for (let k = 0; k < 2; k++) writeFileSync(path.join(dir, `bad-hanging-${k}.pdf`), hangingPdf(400 + k));
  for (const f of readdirSync(dir)) if (f.startsWith('bad-')) bad.push(path.join(dir, f));
  return { good, bad };
}

async function q<R extends pg.QueryResultRow>(client: pg.Client, sql: string): Promise<R[]> {
  return (await client.query<R>(sql)).rows;
}

async function scenario(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scenario-'));
  const { good, bad } = corpus(dir);
  log(`${good.length} good + ${bad.length} bad files in ${dir}; database ${url}`);
  const c = new pg.Client({ connectionString: base, options: `-c search_path=${schema}` });
  await c.connect();
  const t0 = Date.now();
  try {
    const e = nianbao(['enqueue', '--db', url, dir, '--lease', '90', '--retry-delay', '2', '--max-attempts', '2']);
    log(e.stderr.trim());
    const limits = ['--timeout', '20'];
    const w = [worker(limits, 'worker 1'), worker(limits, 'worker 2'), worker(limits, 'worker 3')];
    const reports = async () => (await q<{ n: number }>(c, 'SELECT count(*)::int AS n FROM reports'))[0].n;
    // SIGKILL worker 1 twice, each time in the middle of a job, and start it again.
    for (const after of [40, 110]) {
      while ((await reports()) < after) await sleep(500);
      for (;;) {
        const busy = await q(
          c,
          `SELECT 1 FROM queue_runs r JOIN workers x USING (worker) WHERE x.pid = ${w[0].pid} AND r.finished_at IS NULL`,
        );
        if (busy.length) break;
        await sleep(50);
      }
      w[0].kill('SIGKILL');
      log(`SIGKILLed worker 1 mid-job (pid ${w[0].pid}) at ${await reports()} reports`);
      w[0] = worker(limits, 'worker 1 again');
    }
    for (;;) {
      const open = await q<{ n: number }>(
        c,
        `SELECT count(*)::int AS n FROM "${schema}_queue".job WHERE state < 'completed'`,
      );
      if (open[0].n === 0) break;
      await sleep(1000);
    }
    const elapsed = (Date.now() - t0) / 1000;
    for (const x of w) x.kill('SIGTERM');
    await Promise.all(w.map((x) => new Promise((r) => (x.exitCode !== null ? r(null) : x.on('close', r)))));
    log(
      `queue drained in ${elapsed.toFixed(0)} s (${(((good.length + bad.length) / elapsed) * 60).toFixed(1)} files/min with 3 workers)`,
    );
    log(nianbao(['status', '--db', url]).stdout.trim());

    // Every good file: exactly one report row; every bad file: one failure row.
    const rep = await q<{ path: string; n: number }>(c, 'SELECT path, count(*)::int AS n FROM reports GROUP BY path');
    const byPath = new Map(rep.map((r) => [r.path, r.n]));
    const missing = good.filter((g) => byPath.get(g) !== 1);
    const fail = await q<{ path: string; code: string; attempts: number }>(
      c,
      'SELECT path, code, attempts FROM failures',
    );
    const failed = new Map(fail.map((f) => [f.path, f]));
    const badMissing = bad.filter((b) => !failed.has(b));
    const strays = fail.filter((f) => !bad.includes(f.path));
    const lost = await q<{ n: number }>(c, `SELECT count(*)::int AS n FROM queue_runs WHERE outcome = 'lost'`);
    log(`reports: ${rep.length} rows for ${good.length} good files, ${missing.length} missing or doubled`);
    log(
      `failures: ${fail.length} rows for ${bad.length} bad files (${[...new Set(fail.map((f) => f.code))].join(', ')}), ${badMissing.length} missing, ${strays.length} for good files`,
    );
    log(`runs lost to the SIGKILLs and retried after their lease: ${lost[0].n}`);

    // The SQLite export of the same files.
    const sqlite = path.join(dir, '.ingest.sqlite');
    const t1 = Date.now();
    const ing = nianbao(['ingest', '--db', sqlite, dir, '-j', '3', '-q', '--timeout', '20']);
    log(
      `SQLite ingest of the same files: ${((Date.now() - t1) / 1000).toFixed(0)} s; ${ing.stderr.trim().split('\n')[0]}`,
    );
    const lines = (s: string) => s.split('\n').filter(Boolean).sort();
    const a = lines(nianbao(['export', '--db', url, '--format', 'jsonl']).stdout);
    const b = lines(nianbao(['export', '--db', sqlite, '--format', 'jsonl']).stdout);
    const same = a.length === b.length && a.every((l, i) => l === b[i]);
    log(`export: PostgreSQL ${a.length} records, SQLite ${b.length}: ${same ? 'the same JSON Lines' : 'DIFFERENT'}`);
    const ok =
      missing.length === 0 &&
      rep.length === good.length &&
      badMissing.length === 0 &&
      strays.length === 0 &&
      fail.length === bad.length &&
      same;
    log(ok ? 'PASS' : 'FAIL');
    process.exitCode = ok ? 0 : 1;
  } finally {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Files per minute through 1 and then 2 worker processes (-j 1 each) over scanned reports. */
async function throughput(): Promise<void> {
  const copies = Number(process.env.SCENARIO_COPIES ?? 2);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-ocr-'));
  const scans = readdirSync(path.join(root, 'samples/scanned')).filter((f) => f.endsWith('.pdf'));
  for (let k = 0; k < copies; k++)
    for (const s of scans) salted(path.join(root, 'samples/scanned', s), path.join(dir, `${k}-${s}`), k);
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  const rates: number[] = [];
  const pin = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  if (!pin) log('taskset not found: workers are not pinned to cores, and share both');
  const retried = async () =>
    Number((await c.query(`SELECT coalesce(sum(retry_count), 0) AS n FROM "${schema}_queue".job`)).rows[0].n);
  try {
    for (const n of [1, 2]) {
      await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
      nianbao(['enqueue', '--db', url, dir, '--lease', String(Number(process.env.SCENARIO_TIMEOUT ?? 120) + 120)]);
      const t0 = Date.now();
      // SCENARIO_TIMEOUT (s): on a loaded machine a scan can pass the default 120 s and be retried.
      const limits = process.env.SCENARIO_TIMEOUT ? ['--timeout', process.env.SCENARIO_TIMEOUT] : [];
      // Each worker stands in for a one-core host: pinned to a core of its own (taskset), it sees
      // one core, so it runs one job with one OCR worker. Unpinned, one worker already fills both
      // cores of this machine and a second could only compete with it.
      const w = Array.from({ length: n }, (_, k) => {
        const argv = [process.execPath, BIN, 'worker', '--db', url, '-q', '--until-empty', '--poll', '1', ...limits];
        return pin
          ? spawn('taskset', ['-c', String(k % os.availableParallelism()), ...argv], { stdio: 'inherit' })
          : spawn(argv[0], argv.slice(1), { stdio: 'inherit' });
      });
      await Promise.all(w.map((x) => new Promise((r) => x.on('close', r))));
      const s = (Date.now() - t0) / 1000;
      const files = scans.length * copies;
      rates.push((files / s) * 60);
      log(
        `${n} worker${n === 1 ? '' : 's'}${pin ? ' (one core each)' : ''}: ${files} scanned files in ${s.toFixed(0)} s = ${rates[rates.length - 1].toFixed(2)} files/min, ${await retried()} attempts retried`,
      );
    }
    log(
      `2 workers / 1 worker = ${(rates[1] / rates[0]).toFixed(2)}× (load average now: ${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}, ${os.availableParallelism()} cores)`,
    );
  } finally {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
    await c.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

await (args.includes('--throughput') ? throughput() : scenario());
