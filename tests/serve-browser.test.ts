// `nianbao serve` in a real browser (the system's Chromium through playwright-core): the list and
// its filters, a report, a cell's box and provenance, a correction that changes the checks and its
// revert, an upload, the chart and the compare view — with screenshots in test-artifacts/. And the
// barriers: a write without the CSRF token is refused, `../` paths are 404, a hostile title is text.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../src/db/store.js';
import { extractReport, type Report } from '../src/index.js';
import { startServer, type RunningServer } from '../src/serve/index.js';
import { seedVariant, tmpDir } from './batch-fixtures.js';
import { artifactsDir, browserSkipReason, launchBrowser } from './browser.js';

const root = path.resolve(__dirname, '..');
const skip = browserSkipReason('serve-browser.test');
if (skip) console.warn(skip);
const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>年报';
const BAISHA = [2019, 2020, 2021, 2022, 2023].map((y) => `samples/compare/baisha-town-${y}.txt`);
const GRANTED = 'applications.results.granted.naturalPerson';

/** A raw GET whose path is sent as written (no client normalises the dots away). */
function rawGet(port: number, p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: p }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe.skipIf(!!skip)('nianbao serve in headless Chromium', () => {
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let town: Report;
  const shots = artifactsDir();
  const dir = tmpDir('nianbao-serve-');
  const problems: string[] = [];

  beforeAll(async () => {
    const db = path.join(dir, 'r.sqlite');
    store = await openStore(db);
    const files = ['samples/town-2021-inconsistent.pdf', 'samples/city-2021-ruled.pdf', ...BAISHA];
    for (const f of files) {
      const r = await extractReport(new Uint8Array(readFileSync(path.join(root, f))), { path: f });
      if (f === files[0]) town = r;
      await store.writeReport({ sha256: r.source.sha256, version: 'v' }, r);
    }
    // An untrusted title: a record is data from a file anyone could have written.
    const seed = await extractReport(new TextEncoder().encode(seedVariant({ year: 2018 })), { path: 'hostile.txt' });
    const hostile = { ...seed, title: XSS, source: { ...seed.source, sha256: 'f'.repeat(64) } };
    await store.writeReport({ sha256: 'f'.repeat(64), version: 'v' }, hostile);
    await store.close();
    server = await startServer({ db, port: 0, baseDir: root, uploadDir: path.join(dir, 'uploads') });
    store = server.store;
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    // CSP violations and script errors (a refused request is the test's own doing: 403, 404).
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rows = () =>
    page.$$eval('#reports tbody tr', (trs) => trs.map((tr) => tr.querySelector('td:nth-child(3)')!.textContent));
  const loaded = async (action: () => Promise<unknown>) => {
    const before = await page.getAttribute('body', 'data-loaded');
    await action();
    await page.waitForFunction((b) => document.body.getAttribute('data-loaded') !== b, before);
  };

  it('lists the reports with their counts, and filters them', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#reports tbody tr');
    expect(await page.textContent('#counts')).toBe('8 reports · 1 flagged · 8 shown by the filters (1 flagged)');
    expect(await rows()).toHaveLength(8);
    await page.screenshot({ path: path.join(shots, 'serve-list.png') });
    await loaded(() => page.check('input[name=flagged]'));
    expect(await rows()).toEqual(['柳塘镇人民政府2022年政府信息公开工作年度报告']);
    await loaded(() => page.uncheck('input[name=flagged]'));
    await loaded(() => page.fill('input[name=agency]', '白沙镇'));
    expect(await page.textContent('#counts')).toBe('8 reports · 1 flagged · 5 shown by the filters (0 flagged)');
    await loaded(() => page.selectOption('select[name=template]', '2019'));
    expect((await rows()).length).toBe(2);
    expect(await page.getAttribute('#dl-csv', 'href')).toBe(
      '/api/export?agency=%E7%99%BD%E6%B2%99%E9%95%87&template=2019&as=csv',
    );
    // The selection downloads as the records of those two reports.
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#dl-json')]);
    const got = JSON.parse(readFileSync((await json.path())!, 'utf8')) as Report[];
    expect(got.map((r) => [r.agency, r.year, r.template])).toEqual([
      ['白沙镇人民政府', 2019, '2019'],
      ['白沙镇人民政府', 2020, '2019'],
    ]);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#dl-xlsx')]);
    expect([
      xlsx.suggestedFilename(),
      readFileSync((await xlsx.path())!)
        .subarray(0, 2)
        .toString(),
    ]).toEqual(['nianbao-selection.xlsx', 'PK']);
  });

  it('shows a hostile title as text, and runs none of it', async () => {
    await page.goto(server.url + '?q=' + encodeURIComponent('<img'));
    await page.waitForSelector('#reports tbody tr');
    expect(await rows()).toEqual([XSS]);
    await page.click('#reports tbody tr a');
    await page.waitForSelector('h1#title');
    expect(await page.textContent('h1#title')).toBe(XSS);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.$$('img[src="x"]')).toEqual([]);
  });

  it('opens a report: a click on a number shows its box on the page image and its provenance', async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.hasAttribute('data-loaded'));
    const link = page.locator(`#reports tbody tr[data-sha256="${town.source.sha256}"] a`);
    expect(await link.textContent()).toBe(town.title);
    await Promise.all([page.waitForNavigation(), link.click()]);
    expect(await page.textContent('h1#title')).toBe(town.title);
    await page.waitForSelector('#pageimg', { state: 'attached' });
    expect(await page.$$eval('.issue.check .zh', (li) => li.map((x) => x.textContent))).toEqual([
      '「（一）予以公开」行：总计印为 3，六类申请人之和为 4',
      '「自然人」列：（七）总计印为 10，各项办理结果之和为 11',
      '「行政复议」：总计印为 2，维持 + 纠正 + 其他 + 尚未审结 = 1',
    ]);
    await page.click(`td.v[data-path="${GRANTED}"]`);
    await page.waitForSelector('#box:not(.hidden)');
    await page.waitForFunction(() => (document.getElementById('pageimg') as HTMLImageElement).naturalWidth > 0);
    const facts = await page.$$eval('#cell dl dd', (dd) => dd.map((x) => x.textContent));
    expect(facts.slice(0, 3)).toEqual(['4', '「4」', '3']);
    expect(await page.textContent('#cell h4')).toBe('（一）予以公开 · 自然人');
    expect(await page.$$eval('#cell .named li', (li) => li.map((x) => x.textContent))).toEqual([
      '「（一）予以公开」行：总计印为 3，六类申请人之和为 4',
      '「自然人」列：（七）总计印为 10，各项办理结果之和为 11',
    ]);
    // The box sits where the provenance says, at the image's scale.
    const bbox = town.provenance[GRANTED].bbox!;
    const placed = await page.evaluate(() => {
      const img = document.getElementById('pageimg') as HTMLImageElement;
      const b = document.getElementById('box')!;
      return { left: b.offsetLeft, k: img.clientWidth / img.naturalWidth };
    });
    expect(Math.abs(placed.left - (bbox[0] * 1.5 * placed.k - 4))).toBeLessThan(1.5);
    await page.screenshot({ path: path.join(shots, 'serve-report-cell.png') });
  });

  it('records a correction (value, note, reviewer), runs the checks again and shows the result; revert takes it back', async () => {
    await page.fill('#cell input[name=value]', '3');
    await page.fill('#cell input[name=note]', '六类之和为 3');
    await page.fill('#cell input[name=author]', '李四');
    await Promise.all([page.waitForNavigation(), page.click('#cell button[type=submit]')]);
    expect(await page.textContent('#flash')).toBe(
      `corrected ${GRANTED} → 3: failed checks 3 → 1; now passing: rowTotal:applications.results.granted, resultsTotal:naturalPerson`,
    );
    expect(await page.textContent(`td.v[data-path="${GRANTED}"]`)).toBe('3');
    expect(await page.getAttribute(`td.v[data-path="${GRANTED}"]`, 'class')).toContain('corrected');
    expect(await page.textContent('#failed-count')).toBe('1 failed check');
    const [stored] = await store.corrections();
    expect([stored.path, stored.value, stored.note, stored.author, typeof stored.time]).toEqual([
      GRANTED,
      3,
      '六类之和为 3',
      '李四',
      'string',
    ]);
    await page.screenshot({ path: path.join(shots, 'serve-report-corrected.png') });
    await Promise.all([page.waitForNavigation(), page.click(`button.revert[data-path="${GRANTED}"]`)]);
    expect(await page.textContent('#flash')).toBe(
      `reverted ${GRANTED}: failed checks 1 → 3; now failing: rowTotal:applications.results.granted, resultsTotal:naturalPerson`,
    );
    expect(await page.textContent(`td.v[data-path="${GRANTED}"]`)).toBe('4');
    expect(await store.corrections()).toEqual([]);
    expect(await store.latestRecord(town.source.sha256)).toEqual(town);
  });

  it('refuses a write without the CSRF token; `../` paths are 404', async () => {
    const url = `${server.url}api/reports/${town.source.sha256}/corrections`;
    const status = await page.evaluate(
      async (u) =>
        (
          await fetch(u, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{"path":"applications.newReceived.total","value":1}',
          })
        ).status,
      url,
    );
    expect(status).toBe(403);
    expect(await store.corrections()).toEqual([]);
    for (const p of [
      '/../package.json',
      '/assets/../../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/report/../../etc/passwd',
      '/api/reports/..%2F..%2Fetc',
    ]) {
      expect([p, await rawGet(server.port, p)]).toEqual([p, 404]);
    }
  });

  it('uploads a dropped file, extracts it with progress, and lists it', async () => {
    await page.goto(server.url);
    await page.waitForSelector('#reports tbody tr');
    const file = { name: 'upload-2024.txt', mimeType: 'text/plain', buffer: Buffer.from(seedVariant({ year: 2024 })) };
    await page.setInputFiles('#fileinput', file);
    await page.waitForFunction(() => document.body.getAttribute('data-upload') === 'done', null, { timeout: 60_000 });
    await page.waitForFunction(() => document.getElementById('counts')!.textContent!.startsWith('9 reports'));
    expect(await page.$$eval('#upfiles li', (li) => li.map((x) => x.className + ' ' + x.textContent))).toEqual([
      'ok upload-2024.txt — ok open',
    ]);
    expect(await page.getAttribute('#upbar', 'value')).toBe('100');
    await page.screenshot({ path: path.join(shots, 'serve-upload.png') });
  });

  it('charts an agency over the years with the template break marked, and compares two years', async () => {
    await page.goto(`${server.url}chart?agency=${encodeURIComponent('白沙镇人民政府')}`);
    const points = await page.$$eval('svg circle.point', (c) =>
      c.map((x) => [Number(x.getAttribute('data-year')), Number(x.getAttribute('data-value'))]),
    );
    expect(points).toEqual([
      [2019, 11],
      [2020, 9],
      [2021, 8],
      [2022, 4],
      [2023, 7],
    ]);
    expect(await page.$$eval('svg g.break text', (t) => t.map((x) => x.textContent))).toEqual(['模板 2019 → 2021']);
    expect(await page.$$('svg line.seg')).toHaveLength(3);
    await page.screenshot({ path: path.join(shots, 'serve-chart.png') });
    await page.goto(`${server.url}compare?agency=${encodeURIComponent('白沙镇人民政府')}&a=2022&b=2023`);
    expect(await page.textContent(`table.cells td[data-path="applications.newReceived.total"]`)).toBe('7');
    await page.screenshot({ path: path.join(shots, 'serve-compare.png'), fullPage: false });
    expect(problems).toEqual([]);
  });
});
