// The queue against a real PostgreSQL server: worker processes sharing one queue, a worker killed
// mid-job (its job is retried by the other once the lease expires), enqueueing twice, a hanging PDF
// that fails on its own, SIGTERM, and --store-bytes.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobId } from '../src/queue/boss.js';
import { EXTRACTOR_VERSION } from '../src/version.js';
import { BIN, hangingPdf, nianbao, tmpDir, writeSeedVariant } from './batch-fixtures.js';
import { pgUnavailable, testSchema, type TestSchema } from './pg-fixtures.js';

const pgSkip = await pgUnavailable();
if (pgSkip) console.warn(`skipping the queue tests: ${pgSkip}`);

interface Proc {
  child: ChildProcess;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => err, exit };
}

async function until<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Short leases, checks and retry delays, so a killed worker's job comes back within seconds.
// The lease still covers a cold worker's start-up on a loaded machine plus the 8 s time limit.
const FAST = ['--poll', '0.5', '--lease-check', '1', '--timeout', '8'];

describe.skipIf(!!pgSkip)('the queue: two workers, one killed mid-job', { timeout: 240_000 }, () => {
  let s: TestSchema;
  const dir = tmpDir();
  // One agency, 2017–2021: the cross-year checks pair them across jobs run by different workers.
  const good = [2017, 2018, 2019, 2020, 2021].map((y) => writeSeedVariant(dir, `kq-${y}.txt`, { year: y }));
  writeFileSync(path.join(dir, 'hanging.pdf'), hangingPdf());
  writeFileSync(path.join(dir, 'corrupt.pdf'), Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog\n'));
  beforeAll(() => {
    s = testSchema('queue');
  });
  // Dropping the queue schema (pg-boss partitions) can pass the default 10 s hook limit on a loaded machine.
  afterAll(() => s?.drop(), 120_000);
  const enqueueArgs = () => [
    'enqueue',
    '--db',
    s.url,
    dir,
    '--lease',
    '30',
    '--retry-delay',
    '1',
    '--max-attempts',
    '2',
  ];

  it('enqueues each content once, however often it is enqueued', async () => {
    const first = await nianbao(enqueueArgs());
    expect([first.code, first.stderr.split('\n')[0]]).toEqual([
      0,
      expect.stringMatching(/^7 files: 7 queued, 0 already queued, 0 already in the database in /),
    ]);
    const second = await nianbao(enqueueArgs());
    expect(second.stderr).toMatch(/^7 files: 0 queued, 7 already queued, 0 already in the database in /);
    const jobs = await s.query<{ id: string; singleton_key: string; retry_limit: number; expire: number }>(
      `SELECT id, singleton_key, retry_limit, extract(epoch FROM expire_in)::int AS expire FROM "${s.schema}_queue".job ORDER BY singleton_key`,
    );
    expect(jobs).toHaveLength(7);
    for (const j of jobs) {
      const [sha, version] = j.singleton_key.split(':');
      expect([j.id, version, j.retry_limit, j.expire]).toEqual([jobId(sha, version), EXTRACTOR_VERSION, 1, 30]);
    }
  });

  it('a job of a SIGKILLed worker goes to the other worker when its lease expires; each report is stored once', async () => {
    const a = start(['worker', '--db', s.url, ...FAST]);
    const b = start(['worker', '--db', s.url, ...FAST, '--until-empty']);
    // Kill A as soon as it is in the middle of a job.
    const held = await until('worker A to take a job', async () => {
      const rows = await s.query<{ job_id: string; path: string }>(
        `SELECT r.job_id, r.path FROM queue_runs r JOIN workers w USING (worker) WHERE w.pid = ${a.child.pid} AND r.finished_at IS NULL`,
      );
      return rows[0];
    });
    a.child.kill('SIGKILL');
    expect((await a.exit).signal).toBe('SIGKILL');
    const bExit = await b.exit;
    expect([bExit.code, b.stderr()]).toEqual([0, expect.stringContaining('stopped:')]);

    // Every good file: one report; each content stored once.
    expect(await s.query('SELECT count(*)::int AS n, count(DISTINCT sha256)::int AS d FROM reports')).toEqual([
      { n: 5, d: 5 },
    ]);
    expect(
      (await s.query<{ path: string }>('SELECT path FROM reports ORDER BY path')).map((r) => path.basename(r.path)),
    ).toEqual(good.map((g) => path.basename(g)));
    // The killed job: lost by A, then run to the end by B.
    const runs = await s.query<{ outcome: string; pid: number }>(
      `SELECT r.outcome, w.pid FROM queue_runs r JOIN workers w USING (worker) WHERE r.job_id = $1 ORDER BY r.id`,
      [held.job_id],
    );
    expect(runs[0]).toEqual({ outcome: 'lost', pid: a.child.pid });
    expect(runs.slice(1).map((r) => r.pid)).toEqual(runs.slice(1).map(() => b.child.pid));
    expect(['done', 'failed']).toContain(runs[runs.length - 1].outcome);
    // Good files were extracted once each, the killed one aside.
    const extracted = await s.query<{ path: string; n: number }>(
      `SELECT path, count(*)::int AS n FROM queue_runs WHERE outcome IN ('done', 'flagged') GROUP BY path`,
    );
    expect(extracted.map((e) => e.n)).toEqual([1, 1, 1, 1, 1]);

    // The bad files failed on their own, each with one failure row, after both attempts.
    const failures = await s.query<{ path: string; code: string; attempts: number }>(
      'SELECT path, code, attempts FROM failures ORDER BY path',
    );
    // The n³ form-XObject bomb stops at the time limit or at its child's memory cap, whichever comes first.
    const hangCode = failures.find((f) => path.basename(f.path) === 'hanging.pdf')?.code;
    expect(['TIMEOUT', 'OUT_OF_MEMORY']).toContain(hangCode);
    expect(failures.map((f) => [path.basename(f.path), f.code])).toEqual([
      ['corrupt.pdf', 'CORRUPT_PDF'],
      ['hanging.pdf', hangCode],
    ]);
    // Two attempts each (one fewer if A's kill took one of them).
    for (const f of failures) expect(f.attempts).toBe(held.path === f.path ? 1 : 2);
    expect(
      await s.query(
        `SELECT state::text, count(*)::int AS n FROM "${s.schema}_queue".job GROUP BY state ORDER BY state`,
      ),
    ).toEqual([
      { state: 'completed', n: 5 },
      { state: 'failed', n: 2 },
    ]);

    // Cross-year checks, recomputed job by job for the agency, equal a full recomputation.
    const cross = await s.query<{ n: number; failed: number }>(
      'SELECT count(*)::int AS n, count(*) FILTER (WHERE passed = 0)::int AS failed FROM crossyear_checks',
    );
    expect(cross).toEqual([{ n: 4 * 9, failed: 0 }]);
  });

  it('status counts the jobs and the workers; enqueueing the folder again queues nothing', async () => {
    const st = await nianbao(['status', '--db', s.url, '--json']);
    const j = JSON.parse(st.stdout) as {
      queued: number;
      running: number;
      done: number;
      failed: number;
      workers: { state: string; done: number }[];
    };
    expect([j.queued, j.running, j.done, j.failed]).toEqual([0, 0, 5, 2]);
    expect(j.workers).toHaveLength(2);
    expect(j.workers.reduce((n, w) => n + w.done, 0)).toBe(5);
    const again = await nianbao(enqueueArgs());
    expect(again.stderr).toMatch(/^7 files: 0 queued, 2 already queued, 5 already in the database in /);
  });

  it('a SIGTERMed worker finishes its job and exits 0; --store-bytes needs no file on disk', async () => {
    const other = tmpDir();
    const file = writeSeedVariant(other, 'kq-2022.txt', { year: 2022 });
    const q = await nianbao(['enqueue', '--db', s.url, file, '--store-bytes']);
    expect(q.stderr).toMatch(/^1 file: 1 queued/);
    rmSync(other, { recursive: true });
    const w = start(['worker', '--db', s.url, ...FAST]);
    await until(
      'the worker to take the job',
      async () => (await s.query(`SELECT 1 FROM queue_runs WHERE path = $1 AND finished_at IS NULL`, [file]))[0],
    );
    w.child.kill('SIGTERM');
    const exit = await w.exit;
    expect([exit.code, w.stderr()]).toEqual([0, expect.stringContaining('SIGTERM: finishing the running jobs')]);
    expect(w.stderr()).toMatch(/stopped: 1 ok, 0 flagged by checks, 0 failed, 0 skipped, 0 released/);
    const [r] = await s.query<{ path: string; record: string }>(`SELECT path, record FROM reports WHERE year = 2022`);
    expect(r.path).toBe(file);
    expect(JSON.parse(r.record).source.path).toBe(file);
    expect(await s.query(`SELECT count(*)::int AS n FROM crossyear_checks`)).toEqual([{ n: 5 * 9 }]);
  });

  it('a second SIGTERM releases the running job back to the queue, its attempts untouched', async () => {
    const other = tmpDir();
    const file = path.join(other, 'slow.pdf');
    writeFileSync(file, hangingPdf(402));
    expect((await nianbao(['enqueue', '--db', s.url, file])).stderr).toMatch(/^1 file: 1 queued/);
    const w = start(['worker', '--db', s.url, '--poll', '0.5', '--timeout', '60']);
    const run = await until(
      'the worker to take the job',
      async () =>
        (
          await s.query<{ job_id: string }>(`SELECT job_id FROM queue_runs WHERE path = $1 AND finished_at IS NULL`, [
            file,
          ])
        )[0],
    );
    w.child.kill('SIGTERM');
    await until('the first signal to be seen', async () => w.stderr().includes('finishing the running jobs'));
    w.child.kill('SIGTERM');
    const exit = await w.exit;
    expect([exit.code, w.stderr()]).toEqual([0, expect.stringContaining('SIGTERM: releasing the running jobs')]);
    expect(w.stderr()).toMatch(/stopped: 0 ok, 0 flagged by checks, 0 failed, 0 skipped, 1 released/);
    expect(
      await s.query(`SELECT state::text, retry_count FROM "${s.schema}_queue".job WHERE id = $1`, [run.job_id]),
    ).toEqual([{ state: 'created', retry_count: 0 }]);
    expect(await s.query(`SELECT outcome FROM queue_runs WHERE job_id = $1`, [run.job_id])).toEqual([
      { outcome: 'released' },
    ]);
    expect(await s.query(`SELECT 1 FROM failures WHERE path = $1`, [file])).toEqual([]);
  });

  it('--retry-failed gives the failed files one more attempt', async () => {
    const again = await nianbao([...enqueueArgs(), '--retry-failed']);
    expect(again.stderr).toMatch(
      /^7 files: 0 queued, 2 failed before and retried, 0 already queued, 5 already in the database in /,
    );
    expect(
      await s.query(
        `SELECT state::text, retry_limit FROM "${s.schema}_queue".job WHERE state IN ('failed', 'retry') ORDER BY state`,
      ),
    ).toEqual([
      { state: 'retry', retry_limit: 2 },
      { state: 'retry', retry_limit: 2 },
    ]);
  });
});
