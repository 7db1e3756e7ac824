// nianbao watch on a test web of agency CMS sites (tests/watch-web.ts): three runs (first, again,
// after a new and a corrected report), every fault reported with its reason, robots.txt and the
// private-address guard, the store's documents and versions, status; SQLite here (the kill -9 and
// PostgreSQL tests are in watch-kill.test.ts and watch-pg.test.ts).
import { lookup as dnsLookup } from 'node:dns/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../src/db/sqlite.js';
import { DEFAULT_USER_AGENT } from '../src/watch/options.js';
import { watchOnce, watchSummaryText, type WatchSummary } from '../src/watch/run.js';
import { nianbao, tmpDir } from './batch-fixtures.js';
import { startWeb, type Web } from './watch-web.js';

const soffice = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status === 0;
if (!soffice) console.warn('watch.test: soffice not found, the .doc attachment is left out of the test web');

/** Limits small enough for a test: the slow endpoint (1.5 s) is past the 400 ms timeout. */
export const TEST_LIMITS = {
  allowHosts: ['127.0.0.1'],
  hostDelayMs: 5,
  headersTimeoutMs: 400,
  bodyTimeoutMs: 2000,
  retries: 1,
  backoffMs: 50,
  maxBytes: 5 << 20,
};

const counts = (s: WatchSummary, k: number) => {
  const r = s.sources[k]!;
  return {
    new: r.new,
    changed: r.changed,
    unchanged: r.unchanged,
    notModified: r.notModified,
    busy: r.busy,
    failed: r.failures.length,
    error: r.error,
  };
};

/** The documents the test web serves (with the .doc when soffice reads it). */
const KEPT = [
  '/picture/0/2203011.pdf',
  '/module/download/downfile.jsp?classid=0&filename=2&id=2',
  ...(soffice ? ['/picture/0/2003013.doc'] : []),
  '/picture/0/2203011-copy.pdf',
  '/art/2023/3/1/art_100_4.html',
  '/module/download/downfile.jsp?id=6',
  '/picture/0/notice.pdf',
  '/xxgk/ndbg/202203/t20220301_1.html',
  '/module/download/downfile.jsp?id=14',
];

describe('watch on the test web (SQLite)', () => {
  let web: Web;
  let db: string;
  let sources: Array<{ url: string; agency: string; match: null }>;
  const rows = <R>(sql: string, ...p: unknown[]) => {
    const d = openSqlite(db, { readonly: true });
    try {
      return d.prepare<R>(sql).all(...p);
    } finally {
      d.close();
    }
  };
  const n = (sql: string) => rows<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`)[0]!.n;
  const run = () => watchOnce({ db, sources, limits: TEST_LIMITS, jobs: 2 });

  beforeAll(async () => {
    web = await startWeb({ doc: soffice, slowMs: 1500 });
    db = path.join(tmpDir(), 'watch.sqlite');
    sources = [
      { url: `${web.origin}/col/col100/index.html`, agency: '临江市人民政府', match: null },
      { url: `${web.origin}/xxgk/ndbg/index.html`, agency: '市统计局', match: null },
    ];
  });
  afterAll(() => web?.close());

  it('first run: every report kept and ingested once, every fault reported with its reason', async () => {
    const s = await run();
    const newA = soffice ? 6 : 5;
    expect(counts(s, 0)).toEqual({
      new: newA,
      changed: 0,
      unchanged: 1,
      notModified: 0,
      busy: 0,
      failed: 6,
      error: null,
    });
    expect(counts(s, 1)).toEqual({ new: 2, changed: 0, unchanged: 0, notModified: 0, busy: 0, failed: 0, error: null });
    const o = web.origin;
    expect(s.sources[0]!.failures.map((f) => [f.url.slice(o.length), f.code])).toEqual([
      ['/picture/0/missing.pdf', 'FETCH_FAILED'],
      ['/slow/report.pdf', 'FETCH_FAILED'],
      ['/loop/a.pdf', 'FETCH_FAILED'],
      ['/huge/report.pdf', 'TOO_LARGE'],
      ['/go/private.pdf', 'URL_REFUSED'],
      ['/private/art_100_10.html', 'URL_REFUSED'],
    ]);
    const text = watchSummaryText(s);
    expect(text).toContain(`failed ${o}/picture/0/missing.pdf: FETCH_FAILED: HTTP 404`);
    expect(text).toContain(`failed ${o}/slow/report.pdf: FETCH_FAILED: no response within 400 ms (2 attempts)`);
    expect(text).toContain(
      `failed ${o}/loop/a.pdf: FETCH_FAILED: redirect loop (${o}/loop/a.pdf → ${o}/loop/b.pdf → ${o}/loop/a.pdf)`,
    );
    expect(text).toContain(
      `failed ${o}/huge/report.pdf: TOO_LARGE: the response is larger than the cap of 5242880 bytes`,
    );
    // The address the machine gives first: 127.0.0.1, or ::1 where /etc/hosts names it too (Debian's default).
    const [loopback] = await dnsLookup('localhost', { all: true });
    expect(text).toContain(
      `failed ${o}/go/private.pdf: URL_REFUSED: localhost resolves to the internal address ${loopback.address}; --allow-host localhost permits it`,
    );
    expect(text).toContain(`failed ${o}/private/art_100_10.html: URL_REFUSED: disallowed by robots.txt`);
    // The 500 recovered on its retry; the not-a-report PDF is recorded as failed by the ingest path.
    expect(web.hits.filter((h) => h.url === '/module/download/downfile.jsp?id=6').map((h) => h.status)).toEqual([
      500, 200,
    ]);
    expect(s.ingest).toMatchObject({ documents: newA + 2, ingested: newA + 1, flagged: 0, queued: 0, waiting: 0 });
    expect(s.ingest.failed.map((f) => [f.url, f.code])).toEqual([[`${o}/picture/0/notice.pdf`, 'NOT_A_REPORT']]);
    expect(n('reports')).toBe(newA + 1);
    expect(n('watch_documents')).toBe(newA + 2);
    expect(n('watch_versions')).toBe(newA + 3); // the copy of the PDF at a second URL: one document, two versions
    expect(n("watch_documents WHERE ingest_state = 'failed'")).toBe(1);
  });

  it('kept each document with its URL, agency, headers and the name the server gave (never as a path)', () => {
    const o = web.origin;
    const docs = rows<{ first_url: string; file_name: string; extension: string; agency: string }>(
      'SELECT first_url, file_name, extension, agency FROM watch_documents ORDER BY first_url',
    );
    const by = new Map(docs.map((d) => [d.first_url.slice(o.length), d]));
    expect(by.get('/module/download/downfile.jsp?id=14')).toMatchObject({
      file_name: '2020年年报.txt',
      extension: null,
      agency: '市统计局',
    });
    expect(by.get('/module/download/downfile.jsp?classid=0&filename=2&id=2')).toMatchObject({
      file_name: '2020年年报.docx',
      extension: 'docx',
    });
    expect(by.get('/module/download/downfile.jsp?id=6')).toMatchObject({ file_name: '2017年报.txt' });
    expect(by.get('/xxgk/ndbg/202203/t20220301_1.html')).toMatchObject({ extension: 'html', agency: '市统计局' });
    const v = rows<{ headers: string; final_url: string }>(
      "SELECT headers, final_url FROM watch_versions WHERE url LIKE '%2203011.pdf'",
    )[0]!;
    expect(JSON.parse(v.headers)).toMatchObject({
      'content-type': 'application/pdf',
      'last-modified': 'Tue, 01 Mar 2022 08:00:00 GMT',
    });
    // Records name their URL; each report is one of the kept documents.
    const paths = rows<{ path: string }>('SELECT path FROM reports ORDER BY path').map((r) => r.path.slice(o.length));
    expect(paths).toEqual(KEPT.filter((k) => !k.includes('copy') && !k.includes('notice')).sort());
    expect(n('reports r JOIN watch_documents d ON d.sha256 = r.sha256')).toBe(n('reports'));
  });

  it('was polite: its User-Agent, one request at a time, robots.txt and the address guard held', () => {
    expect(new Set(web.hits.map((h) => h.ua))).toEqual(new Set([DEFAULT_USER_AGENT]));
    expect(web.maxInFlight).toBe(1);
    expect(web.hits.filter((h) => h.url.startsWith('/private/'))).toEqual([]);
    expect(web.hits.filter((h) => !h.host.startsWith('127.0.0.1:'))).toEqual([]);
    expect(web.hits.filter((h) => h.url === '/robots.txt')).toHaveLength(1);
  });

  it('second run: nothing fetched again (304 or skipped), nothing ingested', async () => {
    const before = web.hits.length;
    const s = await run();
    expect(counts(s, 0)).toEqual({
      new: 0,
      changed: 0,
      unchanged: 0,
      notModified: soffice ? 7 : 6,
      busy: 0,
      failed: 6,
      error: null,
    });
    expect(counts(s, 1)).toEqual({ new: 0, changed: 0, unchanged: 0, notModified: 2, busy: 0, failed: 0, error: null });
    expect(s.ingest.documents).toBe(0);
    const again = web.hits.slice(before).filter((h) => KEPT.includes(h.url));
    expect(again.filter((h) => h.status !== 304)).toEqual([]);
  });

  it('third run: the new report and the corrected one ingested, the old version kept and linked', async () => {
    web.publish();
    const s = await run();
    expect(counts(s, 0)).toMatchObject({ new: 1, changed: 0, unchanged: 0, failed: 6 });
    expect(counts(s, 1)).toEqual({ new: 0, changed: 1, unchanged: 0, notModified: 1, busy: 0, failed: 0, error: null });
    expect(s.ingest).toMatchObject({ documents: 2, ingested: 2, failed: [] });
    const url = `${web.origin}/module/download/downfile.jsp?id=14`;
    const versions = rows<{ sha256: string; previous_sha256: string | null }>(
      'SELECT sha256, previous_sha256 FROM watch_versions WHERE url = ? ORDER BY fetched_at',
      url,
    );
    expect(versions).toHaveLength(2);
    expect(versions[0]!.previous_sha256).toBeNull();
    expect(versions[1]!.previous_sha256).toBe(versions[0]!.sha256);
    const inForce = rows<{ sha256: string; value: number }>(
      "SELECT sha256, value FROM report_values WHERE path = 'activeDisclosure.regulations.inForce' AND sha256 IN (?, ?) ORDER BY value",
      versions[0]!.sha256,
      versions[1]!.sha256,
    );
    expect(inForce).toEqual([
      { sha256: versions[0]!.sha256, value: 5 },
      { sha256: versions[1]!.sha256, value: 6 },
    ]);
    expect(n('reports')).toBe(soffice ? 9 : 8);
  });

  it('status shows the last run of each source', async () => {
    const r = await nianbao(['status', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${web.origin}/xxgk/ndbg/index.html (市统计局)`);
    expect(r.stdout).toMatch(/\(市统计局\) {2}\S+ {2}0 new, 1 changed, 0 unchanged, 1 not modified, 0 failed/);
    const j = JSON.parse((await nianbao(['status', '--db', db, '--json'])).stdout) as {
      watch: Array<{ source: string; state: string }>;
    };
    expect(j.watch.map((w) => w.state)).toEqual(['ok', 'ok']);
  });
});
