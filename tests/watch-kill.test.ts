// kill -9 at any moment, then rerun: every report exactly once. A real `nianbao watch` child is
// SIGKILLed twice while fetching (after a seeded number of requests) and once while ingesting,
// then run to the end; the store must hold each document once, each report once, and no document
// extracted twice.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../src/db/sqlite.js';
import { nianbao, tmpDir, type Run } from './batch-fixtures.js';
import { startWeb, type Web } from './watch-web.js';

/** A seeded generator (mulberry32): the kill points are drawn, and the same on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('watch killed with SIGKILL, then run again', () => {
  let web: Web;
  let dir: string;
  let db: string;
  let args: string[];
  const count = (sql: string) => {
    const d = openSqlite(db, { readonly: true });
    try {
      return d.prepare<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`).get()!.n;
    } finally {
      d.close();
    }
  };

  beforeAll(async () => {
    web = await startWeb({ doc: false, slowMs: 2000, faults: false });
    dir = tmpDir();
    db = path.join(dir, 'w.sqlite');
    const sources = [
      { url: `${web.origin}/col/col100/index.html`, agency: '临江市人民政府' },
      { url: `${web.origin}/xxgk/ndbg/index.html`, agency: '市统计局' },
    ];
    writeFileSync(path.join(dir, 'sources.json'), JSON.stringify(sources));
    args = [
      'watch',
      path.join(dir, 'sources.json'),
      '--db',
      db,
      '--once',
      '--allow-host',
      '127.0.0.1',
      '--delay',
      '0.005',
      '--fetch-timeout',
      '0.2',
      '--retries',
      '1',
      '-j',
      '1',
    ];
  });
  afterAll(() => web?.close());

  /** Run the watcher and SIGKILL it when `when` says so (given the requests answered during this run). */
  const killedRun = (when: (hits: number) => boolean, poll?: () => boolean): Promise<Run> => {
    const base = web.hits.length;
    return nianbao(args, {
      onSpawn: (kill) => {
        web.onHit = (n) => when(n - base) && kill();
        if (poll) {
          const t = setInterval(() => poll() && (clearInterval(t), kill()), 50);
          t.unref();
        }
      },
    });
  };

  it('resumes after kills while fetching and while ingesting; every report exactly once', async () => {
    const rnd = seeded(27);
    const kills = [5 + Math.floor(rnd() * 8), 10 + Math.floor(rnd() * 10)];
    for (const k of kills) {
      const r = await killedRun((n) => n === k);
      expect(r.signal).toBe('SIGKILL');
    }
    web.onHit = null;
    // Third: killed once every document is kept and the ingest has begun (or has just finished).
    const r3 = await killedRun(
      () => false,
      () => count('watch_documents') === 7 && count('reports') >= 1,
    );
    expect(r3.signal).toBe('SIGKILL');
    const atKill = count('reports');
    expect(atKill).toBeLessThan(6); // killed in the middle of the ingest
    const last = await nianbao(args);
    expect(last.code).toBe(0);
    expect(count('watch_documents')).toBe(7);
    expect(count('watch_versions')).toBe(8);
    expect(count('reports')).toBe(6);
    expect(count("watch_documents WHERE ingest_state = 'pending'")).toBe(0);
    expect(count('reports r JOIN watch_documents d ON d.sha256 = r.sha256')).toBe(6);
    // The not-a-report PDF: one failure, counted once (a killed extraction is not an attempt).
    expect(count("failures WHERE code = 'NOT_A_REPORT' AND attempts = 1")).toBe(1);
    expect(count('claims')).toBe(0);
    // And a run after that has nothing to do.
    const again = await nianbao([...args.filter((a) => a !== '-q')]);
    expect(again.stderr).toMatch(/ingest: 0 new documents: 0 ingested/);
  }, 180_000);
});
