// The watcher's parts on known answers: Content-Disposition names, charsets, the address guard (a
// literal address, a name resolved at connect time, a redirect), Retry-After, the redirect cap,
// one request at a time per host with its delay, robots.txt, conditional GET, the sources file and
// the list-page rules.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NianbaoError } from '../src/errors.js';
import { decodePage } from '../src/watch/charset.js';
import { discover } from '../src/watch/discover.js';
import { dispositionName } from '../src/watch/disposition.js';
import { Fetcher, retryAfterMs } from '../src/watch/fetch.js';
import { checkUrl, isInternalAddress } from '../src/watch/guard.js';
import { pageLinks } from '../src/watch/links.js';
import { parseDuration, resolveFetchLimits } from '../src/watch/options.js';
import { parseSources } from '../src/watch/sources.js';
import { encodeGbk } from './watch-web.js';

const latin1 = (b: Buffer) => b.toString('latin1');

describe('Content-Disposition file names', () => {
  it('reads RFC 5987, raw GBK and UTF-8 bytes, percent-encoding; never a path', () => {
    expect(dispositionName(`attachment; filename*=UTF-8''${encodeURIComponent('2021年年报.pdf')}`)).toBe(
      '2021年年报.pdf',
    );
    expect(dispositionName(`attachment; filename="x.pdf"; filename*=utf-8''${encodeURIComponent('年报.pdf')}`)).toBe(
      '年报.pdf',
    );
    expect(
      dispositionName(
        latin1(
          Buffer.concat([Buffer.from('attachment; filename="'), encodeGbk('政府信息公开年报.doc'), Buffer.from('"')]),
        ),
      ),
    ).toBe('政府信息公开年报.doc');
    expect(dispositionName(latin1(Buffer.from('attachment; filename="年度报告.wps"', 'utf8')))).toBe('年度报告.wps');
    expect(dispositionName('attachment; filename=%C4%EA%B1%A8.pdf')).toBe('年报.pdf'); // percent-encoded GBK
    expect(dispositionName('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(dispositionName('attachment; filename="..\\..\\.bashrc"')).toBe('bashrc');
    expect(dispositionName('attachment; filename="/"')).toBeNull();
    expect(dispositionName('inline')).toBeNull();
  });
});

describe('charsets', () => {
  const gb = encodeGbk('<html><head><meta charset="gb2312"></head><body>年报</body></html>');
  it('header first, then BOM, then <meta>; GBK as GB18030; an unknown label is skipped', () => {
    expect(decodePage(gb)).toContain('年报');
    expect(decodePage(encodeGbk('年报'), 'text/html; charset=GBK')).toBe('年报');
    expect(decodePage(gb, 'text/html; charset=x-unknown')).toContain('年报');
    expect(decodePage(Buffer.from('\ufeff年报', 'utf8'), 'text/html')).toBe('年报'); // the BOM is not text
    expect(decodePage(Buffer.from('年报', 'utf8'))).toBe('年报');
  });
});

describe('the address guard', () => {
  it('classifies addresses', () => {
    for (const a of [
      '127.0.0.1',
      '10.2.3.4',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '[::1]',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
    ]) {
      expect([a, isInternalAddress(a)]).toEqual([a, true]);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '2001:4860::8888', 'www.gov.cn'])
      expect([a, isInternalAddress(a)]).toEqual([a, false]);
  });
  it('refuses other schemes, credentials and literal internal addresses unless allowed', () => {
    const code = (url: string, allow: string[] = []) => {
      try {
        checkUrl(url, allow);
        return 'ok';
      } catch (e) {
        return `${(e as NianbaoError).code}: ${(e as NianbaoError).message}`;
      }
    };
    expect(code('file:///etc/passwd')).toBe('URL_REFUSED: only http and https are fetched, not file:');
    expect(code('ftp://x.gov.cn/a.pdf')).toMatch(/^URL_REFUSED: only http and https/);
    expect(code('http://user:pw@x.gov.cn/')).toBe('URL_REFUSED: URLs with credentials are not fetched');
    expect(code('http://169.254.169.254/latest/meta-data/')).toBe(
      'URL_REFUSED: 169.254.169.254 is an internal address (loopback, private or link-local); --allow-host 169.254.169.254 permits it',
    );
    expect(code('http://[::1]:8080/')).toMatch(/^URL_REFUSED: \[::1\] is an internal address/);
    expect(code('http://127.0.0.1:8080/', ['127.0.0.1'])).toBe('ok');
  });
});

/** A throwaway server: `handle` answers; every request is logged with its arrival time. */
async function server(handle: (q: http.IncomingMessage, res: http.ServerResponse) => void) {
  const log: Array<{ url: string; at: number; host: string }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const srv = http.createServer((q, res) => {
    log.push({ url: q.url!, at: Date.now(), host: String(q.headers.host) });
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    res.on('close', () => inFlight--);
    handle(q, res);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  closers.push(() => new Promise((r) => srv.close(() => r())));
  return { log, port, origin: `http://127.0.0.1:${port}`, maxInFlight: () => maxInFlight };
}
const closers: Array<() => Promise<void>> = [];
const fetchers: Fetcher[] = [];
afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  await Promise.all(closers.splice(0).map((c) => c()));
});
const fetcher = (o: Parameters<typeof resolveFetchLimits>[0] = {}) => {
  const f = new Fetcher(
    resolveFetchLimits({ allowHosts: ['127.0.0.1'], hostDelayMs: 0, backoffMs: 10, retries: 2, ...o }),
  );
  fetchers.push(f);
  return f;
};
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return `${(e as NianbaoError).code}: ${(e as NianbaoError).message}`;
  }
};

describe('one polite GET', () => {
  it('a name that resolves to loopback is refused at connect time; --allow-host lets it through', async () => {
    const s = await server((_q, res) => res.end('ok'));
    // The address the machine gives first: 127.0.0.1, or ::1 where /etc/hosts names it too (Debian's default).
    const [loopback] = await dnsLookup('localhost', { all: true });
    expect(await failure(fetcher().get(`http://localhost:${s.port}/a`))).toBe(
      `URL_REFUSED: localhost resolves to the internal address ${loopback.address}; --allow-host localhost permits it`,
    );
    expect(s.log).toEqual([]);
    const r = await fetcher({ allowHosts: ['localhost'] }).get(`http://localhost:${s.port}/a`);
    expect([r.status, r.bytes.toString()]).toEqual([200, 'ok']);
  });

  it('a redirect to an internal address is refused before any connection to it', async () => {
    const s = await server((q, res) => {
      if (q.url === '/robots.txt') return res.writeHead(404).end();
      res.writeHead(302, { location: 'http://10.11.12.13/x.pdf' }).end();
    });
    expect(await failure(fetcher().get(`${s.origin}/a`))).toMatch(
      /^URL_REFUSED: 10\.11\.12\.13 is an internal address/,
    );
  });

  it('honours Retry-After, and fails a wait over the limit at once', async () => {
    let n = 0;
    const s = await server((q, res) => {
      if (q.url === '/robots.txt') return res.writeHead(404).end();
      if (q.url === '/long') return res.writeHead(503, { 'retry-after': '3600' }).end();
      if (n++ === 0) return res.writeHead(503, { 'retry-after': '1' }).end();
      res.end('done');
    });
    const r = await fetcher().get(`${s.origin}/x`);
    expect(r.bytes.toString()).toBe('done');
    const xs = s.log.filter((l) => l.url === '/x');
    expect(xs[1]!.at - xs[0]!.at).toBeGreaterThanOrEqual(950);
    expect(await failure(fetcher().get(`${s.origin}/long`))).toBe(
      'FETCH_FAILED: HTTP 503, asked to retry after 3600 s (over the limit)',
    );
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).toBe(60_000);
  });

  it('caps redirects and retries 5xx with backoff until the attempts run out', async () => {
    const s = await server((q, res) => {
      if (q.url === '/robots.txt') return res.writeHead(404).end();
      const m = /^\/r(\d+)$/.exec(q.url!);
      if (m) return res.writeHead(302, { location: `/r${Number(m[1]) + 1}` }).end();
      res.writeHead(502).end();
    });
    expect(await failure(fetcher({ maxRedirects: 5 }).get(`${s.origin}/r0`))).toBe(
      'FETCH_FAILED: more than 5 redirects',
    );
    expect(await failure(fetcher().get(`${s.origin}/bad`))).toBe('FETCH_FAILED: HTTP 502 (3 attempts)');
    expect(s.log.filter((l) => l.url === '/bad')).toHaveLength(3);
  });

  it('one request at a time per host, the delay apart; robots.txt obeyed; conditional GET', async () => {
    const s = await server((q, res) => {
      if (q.url === '/robots.txt')
        return res.end('User-agent: nianbao-watch\nDisallow: /secret\n\nUser-agent: *\nDisallow: /\n');
      if (q.url === '/e' && q.headers['if-none-match'] === '"v1"') return res.writeHead(304).end();
      setTimeout(() => res.writeHead(200, { etag: '"v1"' }).end(q.url), 20);
    });
    const f = fetcher({ hostDelayMs: 100 });
    await Promise.all(['/a', '/b', '/c'].map((p) => f.get(s.origin + p)));
    const at = s.log.filter((l) => l.url !== '/robots.txt').map((l) => l.at);
    expect(s.maxInFlight()).toBe(1);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(115);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(115);
    expect(await failure(f.get(`${s.origin}/secret/x.pdf`))).toBe('URL_REFUSED: disallowed by robots.txt');
    expect((await f.get(`${s.origin}/e`, { etag: '"v1"' })).status).toBe(304);
    expect(s.log.filter((l) => l.url === '/robots.txt')).toHaveLength(1);
  });

  it('decodes a body compressed although identity was asked for', async () => {
    const { gzipSync } = await import('node:zlib');
    const s = await server((q, res) => {
      if (q.url === '/robots.txt') return res.writeHead(404).end();
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.from('年报'.repeat(1000))));
    });
    expect((await fetcher().get(`${s.origin}/z`)).bytes.toString()).toBe('年报'.repeat(1000));
    expect(await failure(fetcher({ maxBytes: 2048 }).get(`${s.origin}/z`))).toBe(
      'TOO_LARGE: the response is larger than the cap of 2048 bytes (decompressed)',
    );
  });

  it('a robots.txt that fails with 5xx stops the site for the run', async () => {
    const s = await server((q, res) => res.writeHead(q.url === '/robots.txt' ? 503 : 200).end('x'));
    expect(await failure(fetcher({ retries: 0 }).get(`${s.origin}/a`))).toBe(
      'URL_REFUSED: not fetched: robots.txt could not be read (HTTP 503)',
    );
    expect(s.log.map((l) => l.url)).toEqual(['/robots.txt']);
  });
});

describe('sources and list pages', () => {
  it('reads YAML or JSON sources and refuses bad ones naming the entry', () => {
    const yaml =
      '- url: https://a.gov.cn/col/col1/index.html\n  agency: 甲局\n- url: http://b.gov.cn/xxgk/\n  match: 年报\n';
    expect(parseSources(yaml, 's.yaml').map((s) => [s.url, s.agency, s.match?.source ?? null])).toEqual([
      ['https://a.gov.cn/col/col1/index.html', '甲局', null],
      ['http://b.gov.cn/xxgk/', null, '年报'],
    ]);
    expect(parseSources('{"sources": [{"url": "https://a.gov.cn/"}]}', 's.json')).toHaveLength(1);
    const err = (t: string) => {
      try {
        parseSources(t, 's.yaml');
      } catch (e) {
        return (e as NianbaoError).toLine();
      }
    };
    expect(err('- url: ftp://a.gov.cn/')).toBe('s.yaml: sources: 0.url: only http and https are fetched, not ftp:');
    expect(err('- url: https://a.gov.cn/\n  match: "("')).toMatch(
      /^s\.yaml: sources: 0\.match: not a regular expression/,
    );
    expect(err('- url: https://a.gov.cn/\n  agnecy: x')).toMatch(/^s\.yaml: sources: 0: Unrecognized key/);
    expect(err('[]')).toBe('s.yaml: the sources file lists no source');
    expect(parseDuration('6h')).toBe(21_600_000);
    expect(() => parseDuration('soon')).toThrow(/--every takes a duration/);
  });

  it('finds report links by title and year, and the pagination of Hanweb and TRS columns', () => {
    const list = 'https://a.gov.cn/xxgk/ndbg/index.html';
    const html =
      '<a href="./202203/t1.html">市统计局2021年度政府信息公开工作年度报告</a><a href="./t2.html">政府信息公开工作年度报告</a>' +
      '<a href="./t3.html">关于2021年春节值班的通知</a><a href="/xxgk/ndbg/index.html?uid=9&pageNum=2">下一页</a>' +
      '<a href="/other/index_3.html">3</a><a href="二〇一九年政府信息公开年度报告.html">二〇一九年政府信息公开年度报告</a>' +
      '<script>createPageHTML(3, 0, "index", "html");</script>';
    const d = discover(pageLinks(html, list), list, null);
    expect(d.reports.map((r) => r.url)).toEqual([
      'https://a.gov.cn/xxgk/ndbg/202203/t1.html',
      `https://a.gov.cn/xxgk/ndbg/${encodeURIComponent('二〇一九年政府信息公开年度报告')}.html`,
    ]);
    expect(d.pages).toEqual([
      'https://a.gov.cn/xxgk/ndbg/index.html?uid=9&pageNum=2',
      'https://a.gov.cn/xxgk/ndbg/index_1.html',
      'https://a.gov.cn/xxgk/ndbg/index_2.html',
    ]);
    expect(discover(pageLinks(html, list), list, /通知/).reports.map((r) => r.url)).toEqual([
      'https://a.gov.cn/xxgk/ndbg/t3.html',
    ]);
  });
});

describe('nianbao watch (the command)', () => {
  it('refuses bad usage (exit 2) and exits 1 when a source fails as a whole, naming it and why', async () => {
    const { nianbao, tmpDir } = await import('./batch-fixtures.js');
    const { writeFileSync } = await import('node:fs');
    const dir = tmpDir();
    const sources = `${dir}/s.yaml`;
    writeFileSync(sources, '- url: http://10.20.30.40/col/col1/index.html\n  agency: 甲局\n');
    const noDb = await nianbao(['watch', sources]);
    expect([noDb.code, noDb.stderr]).toEqual([2, 'nianbao: watch needs --db FILE|postgres://… (see --help)\n']);
    const both = await nianbao(['watch', sources, '--db', `${dir}/w.sqlite`, '--once', '--every', '1h']);
    expect([both.code, both.stderr]).toEqual([2, 'nianbao: --once and --every exclude each other\n']);
    const every = await nianbao(['watch', sources, '--db', `${dir}/w.sqlite`, '--every', 'often']);
    expect(every.code).toBe(2);
    const r = await nianbao(['watch', sources, '--db', `${dir}/w.sqlite`, '--once']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'http://10.20.30.40/col/col1/index.html (甲局): FAILED URL_REFUSED: 10.20.30.40 is an internal address',
    );
    const st = await nianbao(['status', '--db', `${dir}/w.sqlite`]);
    expect(st.stdout).toMatch(
      /^watch \(last run per source\):\n {2}http:\/\/10\.20\.30\.40\/col\/col1\/index\.html \(甲局\) {2}\S+ {2}FAILED URL_REFUSED: 10\.20\.30\.40 is an internal address/,
    );
  });

  it("--every runs again after the pause; SIGTERM during the pause ends it with the last run's exit code", async () => {
    const { BIN, tmpDir } = await import('./batch-fixtures.js');
    const { spawn } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const dir = tmpDir();
    writeFileSync(`${dir}/s.json`, JSON.stringify([{ url: 'http://10.20.30.40/' }]));
    const child = spawn(process.execPath, [BIN, 'watch', `${dir}/s.json`, '--db', `${dir}/w.sqlite`, '--every', '2s'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
      // After the second run's summary: stop it while it sleeps.
      if ((err.match(/FAILED URL_REFUSED/g) ?? []).length === 2) child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(1);
    expect((err.match(/HTTP requests in/g) ?? []).length).toBe(2);
  });
});
