// Two watchers on one PostgreSQL database at once: each document fetched once, stored once and
// queued once (one pg-boss job per content, for the workers); a later run queues nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchOnce } from '../src/watch/run.js';
import { pgUnavailable, testSchema, type TestSchema } from './pg-fixtures.js';
import { startWeb, type Web } from './watch-web.js';

const TEST_LIMITS = {
  allowHosts: ['127.0.0.1'],
  hostDelayMs: 5,
  headersTimeoutMs: 400,
  bodyTimeoutMs: 2000,
  retries: 1,
  backoffMs: 50,
  maxBytes: 5 << 20,
};
const why = await pgUnavailable();
if (why) console.warn(`watch-pg.test skipped: ${why}`);

const DOCUMENTS = [
  '/picture/0/2203011.pdf',
  '/module/download/downfile.jsp?classid=0&filename=2&id=2',
  '/picture/0/2003013.doc',
  '/picture/0/2203011-copy.pdf',
  '/art/2023/3/1/art_100_4.html',
  '/module/download/downfile.jsp?id=6',
  '/picture/0/notice.pdf',
  '/xxgk/ndbg/202203/t20220301_1.html',
  '/module/download/downfile.jsp?id=14',
];

describe.skipIf(!!why)('two watchers on one PostgreSQL database', () => {
  let web: Web;
  let s: TestSchema;
  let sources: Array<{ url: string; agency: string; match: null }>;

  beforeAll(async () => {
    web = await startWeb({ doc: true, slowMs: 1500 });
    s = testSchema('watch');
    sources = [
      { url: `${web.origin}/col/col100/index.html`, agency: '临江市人民政府', match: null },
      { url: `${web.origin}/xxgk/ndbg/index.html`, agency: '市统计局', match: null },
    ];
  });
  afterAll(async () => {
    await web?.close();
    await s?.drop();
  });

  it('fetch, keep and queue each document once between them', async () => {
    const run = () => watchOnce({ db: s.url, sources, limits: TEST_LIMITS });
    const [a, b] = await Promise.all([run(), run()]);
    const total = (k: 'new' | 'unchanged') => [a, b].flatMap((x) => x.sources).reduce((n, r) => n + r[k], 0);
    expect(total('new')).toBe(8);
    for (const d of DOCUMENTS) expect([d, web.ok(d)]).toEqual([d, 1]);
    const n = async (sql: string) => Number((await s.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`))[0]!.n);
    expect(await n('watch_documents')).toBe(8);
    expect(await n('files')).toBe(8);
    expect(await n('watch_versions')).toBe(9);
    expect(a.ingest.queued + b.ingest.queued).toBe(8);
    const jobs = await s.query<{ path: string }>(
      `SELECT data->>'path' AS path FROM "${s.schema}_queue".job ORDER BY 1`,
    );
    expect(jobs.map((j) => j.path.slice(web.origin.length)).sort()).toEqual(
      DOCUMENTS.filter((d) => !d.includes('copy')).sort(),
    );
    expect(await n("watch_documents WHERE ingest_state = 'queued'")).toBe(8);
    expect(await n('watch_urls WHERE claimed_by IS NOT NULL')).toBe(0);

    const c = await run();
    expect(c.ingest.documents).toBe(0);
    expect(c.sources.reduce((k, r) => k + r.new + r.changed, 0)).toBe(0);
    expect(await n(`"${s.schema}_queue".job`)).toBe(8);
  }, 120_000);
});
