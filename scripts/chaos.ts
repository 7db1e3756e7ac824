// `npm run chaos`: the faults of a real deployment, each against a real PostgreSQL of its own (a
// private cluster on this machine) with 3 workers over a queue of files, and a table of what came of
// each: files stored, duplicates, failures reported, and how long the work took to resume.
//
//   node dist/scripts/chaos.js [--files N] [--faults a,b,…] [--json]
// Faults: none, db-restart (the server stops for 8 s mid-run), freeze (a worker SIGSTOPped past its
// lease, then woken), kill (a worker SIGKILLed mid-job, started again), partition (a worker in a
// network namespace loses its link to the database for 40 s), disk-full (a batch whose --out fills up,
// then rerun with space freed). Defaults: 500 files, every fault. Exit 1 when a fault broke the rules:
// every good file stored exactly once, every bad file one failure, no duplicates, nothing partial.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startCluster, type Cluster } from './chaos/cluster.js';
import { makeNetns, netnsUnavailable, type Netns } from './chaos/netns.js';

/** The repository root: scripts/ (as .ts under vitest) or dist/scripts/ (compiled). */
const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.basename(path.dirname(HERE)) === 'dist' ? path.resolve(HERE, '../..') : path.resolve(HERE, '..');
const BIN = path.join(ROOT, 'bin/nianbao.js');
const LEASE_S = 20;
const FAULTS = ['none', 'db-restart', 'freeze', 'kill', 'partition', 'disk-full'] as const;
type Fault = (typeof FAULTS)[number];

export interface ChaosRow {
  fault: Fault;
  files: number;
  stored: number;
  duplicates: number;
  failuresReported: number;
  goodFailed: number;
  /** Seconds from the end of the fault to the next stored report (null: none needed / none came). */
  recoveryS: number | null;
  elapsedS: number;
  ok: boolean;
  note: string;
}

const log = (s: string) => process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${s}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Good files (the seed report, re-dated: distinct contents) and bad ones (not a report, corrupt PDF). */
function corpus(dir: string, n: number): { good: string[]; bad: string[] } {
  mkdirSync(dir, { recursive: true });
  const seed = readFileSync(path.join(ROOT, 'samples/seed-2021-flattened.txt'), 'utf8');
  const bad: string[] = [];
  const nBad = Math.max(2, Math.round(n / 50));
  for (let k = 0; k < nBad; k++) {
    const f = path.join(dir, `bad-${k}.${k % 2 ? 'pdf' : 'txt'}`);
    writeFileSync(
      f,
      k % 2 ? `%PDF-1.4\n1 0 obj\n<< /Type /Catalog ${'x'.repeat(k)}\n` : `会议纪要 第${k}号\n今天天气很好。\n`,
    );
    bad.push(f);
  }
  const good = Array.from({ length: n - nBad }, (_, k) => {
    const f = path.join(dir, `r${String(k).padStart(4, '0')}.txt`);
    writeFileSync(f, seed.replace(/2021/g, String(1000 + k)));
    return f;
  });
  return { good, bad };
}

function nianbao(args: string[], prefix: string[] = []): { code: number | null; stderr: string } {
  const argv = [...prefix, process.execPath, BIN, ...args];
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stderr: r.stderr };
}

function worker(url: string, prefix: string[] = []): ChildProcess {
  const argv = [
    ...prefix,
    process.execPath,
    BIN,
    'worker',
    '--db',
    url,
    '-q',
    '--poll',
    '1',
    '--lease-check',
    '2',
    '--timeout',
    '15',
  ];
  return spawn(argv[0], argv.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
}

/** The schema's counts: reports (rows and distinct contents) and failures. */
async function counts(c: pg.Pool, schema: string): Promise<{ rows: number; distinct: number; failures: string[] }> {
  const r = await c.query<{ n: number; d: number }>(
    `SELECT count(*)::int AS n, count(DISTINCT sha256)::int AS d FROM "${schema}".reports`,
  );
  const f = await c.query<{ path: string }>(`SELECT path FROM "${schema}".failures`);
  return { rows: r.rows[0].n, distinct: r.rows[0].d, failures: f.rows.map((x) => x.path) };
}

interface Run {
  /** A pool, not a client: it reconnects after the server restarts under it. */
  c: pg.Pool;
  schema: string;
  files: { good: string[]; bad: string[] };
}

/** Wait until every file has a report or a failure (or the deadline); returns the seconds waited. */
async function settle(run: Run, deadlineS: number): Promise<void> {
  const t0 = Date.now();
  const all = run.files.good.length + run.files.bad.length;
  for (;;) {
    const n = await counts(run.c, run.schema).catch(() => null);
    if (n && n.distinct + n.failures.length >= all) return;
    if ((Date.now() - t0) / 1000 > deadlineS) {
      log(`deadline of ${deadlineS} s passed`);
      return;
    }
    await sleep(500);
  }
}

/** Seconds until the next report is stored after `since` (the fault's end). */
async function recovery(run: Run, before: number, since: number, limitS = 300): Promise<number | null> {
  for (;;) {
    const n = await counts(run.c, run.schema).catch(() => null);
    if (n && n.distinct > before) return (Date.now() - since) / 1000;
    if (n && n.distinct + n.failures.length >= run.files.good.length + run.files.bad.length) return null;
    if ((Date.now() - since) / 1000 > limitS) return null;
    await sleep(200);
  }
}

/** Wait for this many reports stored. */
async function until(run: Run, reports: number): Promise<number> {
  for (;;) {
    const n = await counts(run.c, run.schema).catch(() => null);
    if (n && n.distinct >= reports) return n.distinct;
    await sleep(200);
  }
}

async function runQueueFault(fault: Fault, cluster: Cluster, ns: Netns | null, files: Run['files']): Promise<ChaosRow> {
  const schema = `chaos_${fault.replace('-', '_')}_${process.pid}`;
  const url = `${cluster.url()}?schema=${schema}`;
  const c = new pg.Pool({ connectionString: cluster.url(), max: 2 });
  c.on('error', () => {}); // the server restarting under an idle client
  c.on('connect', (client) => client.on('error', () => {}));
  const run: Run = { c, schema, files };
  const t0 = Date.now();
  const e = nianbao([
    'enqueue',
    '--db',
    url,
    path.dirname(files.good[0]),
    '--lease',
    String(LEASE_S),
    '--retry-delay',
    '1',
    '--max-attempts',
    '2',
  ]);
  if (e.code !== 0) throw new Error(`enqueue failed: ${e.stderr}`);
  const nsUrl = ns ? `${cluster.url(ns.hostAddress)}?schema=${schema}` : url;
  const w = [worker(url), worker(url), fault === 'partition' && ns ? worker(nsUrl, ns.exec) : worker(url)];
  const third = Math.round(files.good.length * 0.3);
  let recoveryS: number | null = null;
  let note = '';
  try {
    if (fault !== 'none') {
      const before = await until(run, third);
      const ended = await inject(fault, { cluster, ns, w, url });
      note = ended.note;
      recoveryS = await recovery(run, before, ended.at);
    }
    await settle(run, 600);
  } finally {
    for (const x of w) x.kill('SIGTERM');
    await Promise.all(
      w.map((x) => new Promise((r) => (x.exitCode !== null || x.signalCode !== null ? r(null) : x.on('close', r)))),
    );
  }
  return verdict(fault, run, await counts(c, schema).finally(() => c.end()), {
    recoveryS,
    elapsedS: (Date.now() - t0) / 1000,
    note,
  });
}

/** Inject one fault into a running queue; resolves when the fault has ended, with that moment. */
async function inject(
  fault: Fault,
  x: { cluster: Cluster; ns: Netns | null; w: ChildProcess[]; url: string },
): Promise<{ at: number; note: string }> {
  if (fault === 'db-restart') {
    x.cluster.stop();
    await sleep(8000);
    x.cluster.start();
    return { at: Date.now(), note: 'server down 8 s' };
  }
  if (fault === 'freeze') {
    x.w[0].kill('SIGSTOP');
    await sleep((LEASE_S + 10) * 1000);
    x.w[0].kill('SIGCONT');
    return { at: Date.now(), note: `worker 1 frozen ${LEASE_S + 10} s (lease ${LEASE_S} s)` };
  }
  if (fault === 'kill') {
    x.w[0].kill('SIGKILL');
    x.w[0] = worker(x.url);
    return { at: Date.now(), note: 'worker 1 SIGKILLed mid-run and started again' };
  }
  if (fault === 'partition' && x.ns) {
    x.ns.cut();
    await sleep(40_000);
    x.ns.restore();
    return { at: Date.now(), note: 'worker 3 cut off 40 s' };
  }
  return { at: Date.now(), note: '' };
}

function verdict(
  fault: Fault,
  run: Run,
  n: Awaited<ReturnType<typeof counts>>,
  m: { recoveryS: number | null; elapsedS: number; note: string },
): ChaosRow {
  const badSet = new Set(run.files.bad);
  const failuresReported = n.failures.filter((p) => badSet.has(p)).length;
  const goodFailed = n.failures.length - failuresReported;
  const row: ChaosRow = {
    fault,
    files: run.files.good.length + run.files.bad.length,
    stored: n.distinct,
    duplicates: n.rows - n.distinct,
    failuresReported,
    goodFailed,
    recoveryS: m.recoveryS === null ? null : Math.round(m.recoveryS * 10) / 10,
    elapsedS: Math.round(m.elapsedS),
    ok: false,
    note: m.note,
  };
  row.ok =
    row.stored === run.files.good.length &&
    row.duplicates === 0 &&
    failuresReported === run.files.bad.length &&
    goodFailed === 0;
  return row;
}

/** A batch whose --out is on a small tmpfs that fills up: exit 14, nothing partial; rerun after freeing space. */
function diskFull(files: Run['files']): ChaosRow {
  const t0 = Date.now();
  const mnt = mkdtempSync(path.join(os.tmpdir(), 'nianbao-chaos-disk-'));
  const row: ChaosRow = {
    fault: 'disk-full',
    files: files.good.length + files.bad.length,
    stored: 0,
    duplicates: 0,
    failuresReported: 0,
    goodFailed: 0,
    recoveryS: null,
    elapsedS: 0,
    ok: false,
    note: '',
  };
  // Room for the run once the filler is gone: each record is ~65 KB, cached once and written once.
  const sizeMb = 16 + Math.ceil((files.good.length * 200) / 1024);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', mnt]).status === 0;
  if (!mounted) return { ...row, note: 'skipped: cannot mount a tmpfs (needs root)' };
  try {
    const filler = path.join(mnt, 'filler');
    writeFileSync(filler, Buffer.alloc((sizeMb - 1) * 1024 * 1024));
    const out = path.join(mnt, 'out');
    const first = nianbao(['batch', '-q', path.dirname(files.good[0]), '--out', out]);
    const partial = spawnSync('find', [out, '-name', '*.tmp'], { encoding: 'utf8' }).stdout.trim();
    rmSync(filler);
    const t1 = Date.now();
    const again = nianbao(['batch', '-q', path.dirname(files.good[0]), '--out', out]);
    const lines = (f: string) => readFileSync(path.join(out, f), 'utf8').split('\n').filter(Boolean);
    const records =
      again.code === 1 || again.code === 0
        ? lines('records.jsonl').map((l) => JSON.parse(l) as { source: { sha256: string } })
        : [];
    const errors = again.code === 1 || again.code === 0 ? lines('errors.jsonl') : [];
    Object.assign(row, {
      stored: new Set(records.map((r) => r.source.sha256)).size,
      duplicates: records.length - new Set(records.map((r) => r.source.sha256)).size,
      failuresReported: errors.length,
      recoveryS: Math.round((Date.now() - t1) / 100) / 10,
      note: `first run exit ${first.code}: ${first.stderr.trim().split('\n').at(-1)}; temp files left: ${partial ? partial.split('\n').length : 0}`,
    });
    row.ok =
      first.code === 14 &&
      !partial &&
      row.stored === files.good.length &&
      row.duplicates === 0 &&
      errors.length === files.bad.length;
  } finally {
    spawnSync('umount', [mnt]);
    rmSync(mnt, { recursive: true, force: true });
    row.elapsedS = Math.round((Date.now() - t0) / 1000);
  }
  return row;
}

function table(rows: ChaosRow[]): string {
  const head =
    '| fault | files | stored | duplicates | failures reported | good files failed | recovery s | total s | ok | note |';
  const sep = '|---|---|---|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.fault} | ${r.files} | ${r.stored} | ${r.duplicates} | ${r.failuresReported} | ${r.goodFailed} | ${r.recoveryS ?? '—'} | ${r.elapsedS} | ${r.ok ? 'yes' : 'NO'} | ${r.note} |`,
  );
  return [head, sep, ...body].join('\n');
}

/** Run the chosen faults; resolves to their rows. */
export async function runChaos(opts: { files: number; faults: Fault[] }): Promise<ChaosRow[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-chaos-'));
  const files = corpus(path.join(dir, 'in'), opts.files);
  const nsWhy = opts.faults.includes('partition') ? netnsUnavailable() : 'not asked';
  const ns = nsWhy === null ? makeNetns(process.pid % 200) : null;
  const cluster = startCluster(ns ? { extraAddress: ns.hostAddress, extraNet: ns.net } : {});
  const rows: ChaosRow[] = [];
  try {
    for (const fault of opts.faults) {
      log(`${fault}: ${opts.files} files`);
      if (fault === 'disk-full') rows.push(diskFull(files));
      else if (fault === 'partition' && !ns) rows.push({ ...emptyRow(fault, opts.files), note: `skipped: ${nsWhy}` });
      else rows.push(await runQueueFault(fault, cluster, ns, files));
      log(table(rows.slice(-1)).split('\n').at(-1)!);
    }
  } finally {
    cluster.stop();
    cluster.destroy();
    ns?.remove();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

const emptyRow = (fault: Fault, files: number): ChaosRow => ({
  fault,
  files,
  stored: 0,
  duplicates: 0,
  failuresReported: 0,
  goodFailed: 0,
  recoveryS: null,
  elapsedS: 0,
  ok: true,
  note: '',
});

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const at = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
  const faults = (at('--faults')?.split(',') ?? [...FAULTS]) as Fault[];
  const bad = faults.filter((f) => !FAULTS.includes(f));
  if (bad.length) {
    process.stderr.write(`chaos: unknown fault ${bad.join(', ')} (${FAULTS.join(', ')})\n`);
    process.exit(2);
  }
  const rows = await runChaos({ files: Number(at('--files') ?? 500), faults });
  process.stdout.write(args.includes('--json') ? `${JSON.stringify(rows, null, 2)}\n` : `${table(rows)}\n`);
  process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
}
