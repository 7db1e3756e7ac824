// A small web of agency sites for the watcher's tests, served on 127.0.0.1 (port 0): a Hanweb-like
// column in UTF-8 (dynamic pages, pageNum pagination, download.jsp) and a TRS-like column in GBK
// (static pages with Last-Modified, createPageHTML pagination), with the faults real sites have:
// a 404, a 500 that recovers, a response slower than the timeout, a redirect loop, a response past
// the size cap, an ETag endpoint, robots.txt disallowing a path, a redirect to a private address, a
// document that is not a report, and (phase 2) a new report and a re-published corrected one.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SAMPLES, seedVariant } from './batch-fixtures.js';

/** GBK bytes of `s` (the test needs only CJK, ASCII and full-width punctuation): via a gb18030 decode table. */
let table: Map<string, number[]> | null = null;
export function encodeGbk(s: string): Buffer {
  if (!table) {
    table = new Map();
    const d = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const ch = d.decode(Uint8Array.of(hi, lo));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else out.push(...(table.get(ch) ?? [0x3f]));
  }
  return Buffer.from(out);
}

interface Resource {
  status?: number;
  type?: string;
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** Static file semantics: Last-Modified and If-Modified-Since. */
  lastModified?: string;
  etag?: string;
  handler?: (req: http.IncomingMessage, res: http.ServerResponse) => void;
}

export interface Hit {
  url: string;
  status: number;
  ua: string;
  /** The Host header: a request that reached the server through another name shows it here. */
  host: string;
}

const sample = (p: string) => readFileSync(path.join(SAMPLES, p));
const LM1 = 'Tue, 01 Mar 2022 08:00:00 GMT';
const LM2 = 'Fri, 01 Apr 2022 08:00:00 GMT';

export interface Web {
  origin: string;
  /** Every request answered: path+query, status, User-Agent. */
  hits: Hit[];
  /** Phase 2: a new report on the Hanweb column, the TRS report re-published with a corrected number. */
  publish(): void;
  /** Called with the number of requests answered so far, after each (the kill test stops a watcher with it). */
  onHit: ((n: number) => void) | null;
  /** The largest number of requests in flight at once. */
  maxInFlight: number;
  close(): Promise<void>;
  /** Requests answered 200 for `p` (path + query). */
  ok(p: string): number;
}

export interface WebOptions {
  /** Serve the .doc attachment (soffice reads it). */
  doc: boolean;
  /** How long the slow endpoint waits before its headers, ms. */
  slowMs: number;
  /** List the articles whose attachments fail (404, slow, loop, huge, private, robots); default true. */
  faults?: boolean;
}

const article = (title: string, body: string) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>` +
  `<div class="nav"><a href="/">首页</a> <a href="/module/download/downfile.jsp?id=guide">办事指南下载</a></div>` +
  `<div id="zoom"><h1>${title}</h1><div class="TRS_Editor">${body}</div></div></body></html>`;

const hanwebTitle = (y: number) => `临江市人民政府${y}年政府信息公开工作年度报告`;

/** The Hanweb column: list pages and articles (dynamic: no validators, except the ETag page). */
function hanweb(r: Map<string, Resource>, o: WebOptions, origin: string, phase: () => number): void {
  const items = (): Array<[string, string]> => {
    const first: Array<[string, string]> = [
      ['/art/2022/3/1/art_100_1.html', hanwebTitle(2021)],
      [`${origin}/art/2021/3/1/art_100_2.html`, hanwebTitle(2020)],
      ['../../art/2020/3/1/art_100_3.html', hanwebTitle(2019)],
      ['/art/2023/3/1/art_100_4.html', hanwebTitle(2022)],
      ['/art/2022/1/5/art_100_90.html', '关于做好2022年春节期间值班工作的通知'],
    ];
    if (phase() >= 2) first.unshift(['/art/2024/1/20/art_100_14.html', hanwebTitle(2023)]);
    return first;
  };
  const listPage = (links: Array<[string, string]>, more: string) =>
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul>` +
    links.map(([h, t]) => `<li><a href="${h}" title="${t}">${t}</a><span>2022-03-01</span></li>`).join('') +
    `</ul>${more}</body></html>`;
  r.set('/col/col100/index.html', {
    type: 'text/html; charset=utf-8',
    handler: (_q, res) =>
      send(
        res,
        200,
        'text/html; charset=utf-8',
        listPage(items(), '<a href="?uid=1&pageNum=2">下一页</a> <a href="?uid=1&pageNum=2">2</a>'),
      ),
  });
  const faults = o.faults !== false;
  const page2: Array<[string, string]> = (faults ? [5, 6, 7, 8, 9, 11, 12] : [6, 12]).map((k) => [
    `/art/2019/3/1/art_100_${k}.html`,
    hanwebTitle(2023 - k),
  ]);
  if (faults) page2.push(['/private/art_100_10.html', hanwebTitle(2013)]);
  r.set('/col/col100/index.html?uid=1&pageNum=2', {
    type: 'text/html; charset=utf-8',
    body: listPage(page2, '<a href="/col/col100/index.html">上一页</a> <a href="/col/col100/index.html">1</a>'),
  });
  const att = (href: string, text: string) => `<p>附件：<a href="${href}">${text}</a></p>`;
  const arts: Record<number, string> = {
    1: att('../../../../picture/0/2203011.pdf', '临江市2021年年报.pdf'),
    2: att('/module/download/downfile.jsp?classid=0&filename=2&id=2', '2020年年报（Word版）'),
    3:
      (o.doc ? att(`${origin}/picture/0/2003013.doc`, '2019年年报.doc') : '') +
      att('/picture/0/2203011-copy.pdf', '2019年年报.pdf'),
    5: att('/picture/0/missing.pdf', '附件.pdf'),
    6: att('/module/download/downfile.jsp?id=6', '2017年年报'),
    7: att('/slow/report.pdf', '附件.pdf'),
    8: att('/loop/a.pdf', '附件.pdf'),
    9: att('/huge/report.pdf', '附件.pdf'),
    11: att('/go/private.pdf', '附件.pdf'),
    12: att('/picture/0/notice.pdf', '附件.pdf'),
    14: att('/picture/0/2401201.pdf', '2023年年报.pdf'),
  };
  const paths: Record<number, string> = {
    1: '/art/2022/3/1',
    2: '/art/2021/3/1',
    3: '/art/2020/3/1',
    14: '/art/2024/1/20',
  };
  for (const [k, body] of Object.entries(arts)) {
    const n = Number(k);
    r.set(`${paths[n] ?? '/art/2019/3/1'}/art_100_${n}.html`, {
      type: 'text/html; charset=utf-8',
      body: article(hanwebTitle(n === 14 ? 2023 : 2023 - n), body),
    });
  }
  r.set('/private/art_100_10.html', {
    type: 'text/html; charset=utf-8',
    body: article(hanwebTitle(2013), att('/picture/0/2203011.pdf', 'x.pdf')),
  });
  // The ETag endpoint: the report is the page itself.
  const html4 = sample('formats/city-2021-ruled.cms.html');
  r.set('/art/2023/3/1/art_100_4.html', { type: 'text/html; charset=utf-8', body: html4, etag: '"art4-v1"' });
}

/** The TRS column in GBK: static pages with Last-Modified; the 2020 report re-published in phase 2. */
function trs(r: Map<string, Resource>, phase: () => number): void {
  const list = (links: Array<[string, string]>) =>
    encodeGbk(
      `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>年报</title></head><body>` +
        links.map(([h, t]) => `<a href="${h}">${t}</a>`).join('<br>') +
        `<script>createPageHTML(2, 0, "index", "html");</script></body></html>`,
    );
  r.set('/xxgk/ndbg/index.html', {
    type: 'text/html',
    body: list([['./202203/t20220301_1.html', '市统计局2021年度政府信息公开工作年度报告']]),
    lastModified: LM1,
  });
  r.set('/xxgk/ndbg/index_1.html', {
    type: 'text/html',
    body: list([['./202103/t20210301_2.html', '市统计局2020年度政府信息公开工作年度报告']]),
    lastModified: LM1,
  });
  r.set('/xxgk/ndbg/202203/t20220301_1.html', {
    type: 'text/html',
    body: sample('formats/bureau-2021-split.cms-gbk.html'),
    lastModified: LM1,
  });
  const art2 = (note: string) =>
    encodeGbk(
      `<html><head><meta charset="gbk"></head><body><div class="TRS_Editor"><p>市统计局2020年度报告${note}</p>` +
        `<a href="../../../module/download/downfile.jsp?id=14">附件</a></div></body></html>`,
    );
  r.set('/xxgk/ndbg/202103/t20210301_2.html', {
    handler: (q, res) =>
      staticSend(q, res, 'text/html', phase() >= 2 ? art2('（2022年4月更正）') : art2(''), phase() >= 2 ? LM2 : LM1),
  });
  r.set('/module/download/downfile.jsp?id=14', {
    handler: (_q, res) => {
      const text = seedVariant({ year: 2020, regulations: phase() >= 2 ? [1, 0, 6] : [1, 0, 5] });
      // The name as raw GBK bytes in filename=, as many Chinese CMSs send it.
      res.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-disposition': Buffer.concat([
          Buffer.from('attachment; filename="'),
          encodeGbk('2020年年报.txt'),
          Buffer.from('"'),
        ]).toString('latin1'),
      });
      res.end(text);
    },
  });
}

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: Buffer | string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

function staticSend(
  q: http.IncomingMessage,
  res: http.ServerResponse,
  type: string,
  body: Buffer | string,
  lastModified: string,
): void {
  if (q.headers['if-modified-since'] === lastModified) {
    res.writeHead(304, { 'last-modified': lastModified });
    return void res.end();
  }
  send(res, 200, type, body, { 'last-modified': lastModified });
}

/** Documents and the faults. */
function documents(r: Map<string, Resource>, o: WebOptions, origin: string): void {
  r.set('/robots.txt', { type: 'text/plain', body: 'User-agent: *\nDisallow: /private/\n' });
  r.set('/picture/0/2203011.pdf', { type: 'application/pdf', body: sample('city-2021-ruled.pdf'), lastModified: LM1 });
  r.set('/picture/0/2203011-copy.pdf', {
    type: 'application/pdf',
    body: sample('city-2021-ruled.pdf'),
    lastModified: LM1,
  });
  r.set('/picture/0/2003013.doc', {
    type: 'application/msword',
    body: sample('formats/city-2021-ruled.doc'),
    lastModified: LM1,
  });
  r.set('/picture/0/notice.pdf', { type: 'application/pdf', body: sample('bad/not-a-report.pdf'), lastModified: LM1 });
  r.set('/picture/0/2401201.pdf', {
    type: 'application/pdf',
    body: sample('street-2021-rowsplit.pdf'),
    lastModified: LM2,
  });
  r.set('/module/download/downfile.jsp?classid=0&filename=2&id=2', {
    type: 'application/octet-stream',
    body: sample('formats/district-2019.docx'),
    headers: {
      'content-disposition': `attachment; filename="download.docx"; filename*=UTF-8''${encodeURIComponent('2020年年报.docx')}`,
    },
  });
  let failedOnce = false;
  r.set('/module/download/downfile.jsp?id=6', {
    handler: (_q, res) => {
      if (!failedOnce) {
        failedOnce = true;
        return send(res, 500, 'text/html', '<h1>500 Internal Server Error</h1>');
      }
      send(res, 200, 'text/plain; charset=utf-8', seedVariant({ year: 2017 }), {
        'content-disposition': "attachment; filename*=UTF-8''2017%E5%B9%B4%E6%8A%A5.txt",
      });
    },
  });
  r.set('/slow/report.pdf', {
    handler: (_q, res) =>
      void setTimeout(() => send(res, 200, 'application/pdf', sample('city-2021-ruled.pdf')), o.slowMs).unref(),
  });
  r.set('/loop/a.pdf', { status: 302, headers: { location: '/loop/b.pdf' } });
  r.set('/loop/b.pdf', { status: 302, headers: { location: `${origin}/loop/a.pdf` } });
  r.set('/huge/report.pdf', {
    handler: (_q, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
        if (sent < 64 * 1024 * 1024) res.once('drain', pump);
        else res.end();
      };
      res.on('error', () => {});
      pump();
    },
  });
  // A redirect to a name that resolves to loopback (not allowed: only 127.0.0.1 is).
  r.set('/go/private.pdf', {
    status: 302,
    headers: { location: `${origin.replace('127.0.0.1', 'localhost')}/picture/0/2203011.pdf` },
  });
}

/** Start the web on 127.0.0.1 (port 0). */
export async function startWeb(o: WebOptions): Promise<Web> {
  const r = new Map<string, Resource>();
  let phase = 1;
  let inFlight = 0;
  const web: Web = {
    origin: '',
    hits: [],
    onHit: null,
    maxInFlight: 0,
    publish: () => void (phase = 2),
    close: () => new Promise((resolve) => server.close(() => resolve())),
    ok: (p) => web.hits.filter((h) => h.url === p && h.status === 200).length,
  };
  const server = http.createServer((q, res) => {
    inFlight++;
    web.maxInFlight = Math.max(web.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
      web.hits.push({
        url: q.url!,
        status: res.statusCode,
        ua: String(q.headers['user-agent']),
        host: String(q.headers.host),
      });
      web.onHit?.(web.hits.length);
    });
    const x = r.get(q.url!);
    if (!x) return send(res, 404, 'text/html', '<h1>404</h1>');
    if (x.handler) return x.handler(q, res);
    if (x.etag && q.headers['if-none-match'] === x.etag) {
      res.writeHead(304, { etag: x.etag });
      return void res.end();
    }
    if (x.lastModified) return staticSend(q, res, x.type ?? 'application/octet-stream', x.body ?? '', x.lastModified);
    send(res, x.status ?? 200, x.type ?? 'text/html', x.body ?? '', {
      ...x.headers,
      ...(x.etag ? { etag: x.etag } : {}),
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  web.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hanweb(r, o, web.origin, () => phase);
  trs(r, () => phase);
  documents(r, o, web.origin);
  return web;
}
