// The review page in a real browser (the system's headless Chromium, driven by playwright-core): it
// opens from disk with no network, leads with the inconsistent sample, and highlights exactly its
// failed cells. Skipped, with a message, where no Chromium is installed (Debian: apt-get install chromium).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, browserSkipReason, launchBrowser } from './browser.js';
import { buildReview } from '../src/review/review.js';
import { applyCorrections, parseCorrections } from '../src/corrections/index.js';
import type { Report } from '../src/index.js';

const root = path.resolve(__dirname, '..');
const skip = browserSkipReason('review-browser.test');
if (skip) console.warn(skip);

const APPLICANTS = [
  'naturalPerson',
  'commercialEnterprise',
  'researchInstitution',
  'socialWelfareOrg',
  'legalServiceOrg',
  'otherOrg',
  'total',
];
/** The cells of the inconsistent sample's three failed checks, from its spec (samples/README.md). */
const EXPECTED_RED = [
  ...APPLICANTS.map((c) => `applications.results.granted.${c}`),
  ...[
    'granted', 'partiallyGranted',
    'withheld.stateSecret', 'withheld.prohibitedByLaw', 'withheld.securityStability', 'withheld.thirdPartyRights',
    'withheld.internalAffairs', 'withheld.processInformation', 'withheld.enforcementFiles', 'withheld.administrativeQuery',
    'unableToProvide.notHeld', 'unableToProvide.needsCreation', 'unableToProvide.unclearAfterCorrection',
    'notProcessed.complaint', 'notProcessed.duplicate', 'notProcessed.publication', 'notProcessed.excessive', 'notProcessed.confirmation',
    'otherHandling.overdueCorrection', 'otherHandling.overdueFee', 'otherHandling.other', 'total',
  ].map((r) => `applications.results.${r}.naturalPerson`), // prettier-ignore
  ...['upheld', 'corrected', 'other', 'pending', 'total'].map((c) => `reviewLitigation.review.${c}`),
]
  .filter((p, k, all) => all.indexOf(p) === k)
  .sort();

const FAIL_BG = 'rgb(255, 217, 217)';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Poll an expression in the page until it is true (through the DevTools protocol: the page's CSP
 * allows no eval, so playwright's waitForFunction cannot take a string here).
 */
async function until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${expression}`);
    await sleep(100);
  }
}

describe.skipIf(!!skip)('review.html in headless Chromium', () => {
  const outDir = artifactsDir();
  const htmlFile = path.join(outDir, 'review.html');
  let browser: Browser;
  let page: Page;
  /** An expression's value in the page. */
  let ev: <T = unknown>(expression: string) => Promise<T>;
  let townFailed: string[];
  let town: Report;

  beforeAll(async () => {
    // A batch of samples, PDFs and text, with the inconsistent one in the middle.
    const names = [
      'agency-2021-variants.pdf',
      'bureau-2021-split.pdf',
      'city-2021-ruled.pdf',
      'town-2021-inconsistent.pdf',
      'district-2019.pdf',
      'district-2019-layout.txt',
      'seed-2021-flattened.txt',
    ];
    const records = [];
    for (const n of names)
      records.push(
        await extractReport(new Uint8Array(readFileSync(path.join(root, 'samples', n))), { path: `samples/${n}` }),
      );
    town = records.find((r) => r.source.path === 'samples/town-2021-inconsistent.pdf')!;
    townFailed = [...new Set(town.checks.filter((c) => !c.passed).flatMap((c) => c.paths))].sort();
    const { html } = await buildReview({ records, failedFiles: [] }, { input: 'samples', baseDir: root });
    mkdirSync(outDir, { recursive: true });
    writeFileSync(htmlFile, html);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    await page.goto(pathToFileURL(htmlFile).href);
    ev = (expression) => page.evaluate(expression);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('leads with the inconsistent sample', async () => {
    const first = await ev<{ file: string; status: string; title: string }>(
      `(() => { const s = document.querySelector('section.report'); return { file: s.dataset.file, status: s.dataset.status, title: s.querySelector('.title').textContent }; })()`,
    );
    expect(first).toEqual({
      file: 'samples/town-2021-inconsistent.pdf',
      status: 'failed',
      title: '柳塘镇人民政府2022年政府信息公开工作年度报告',
    });
  });

  it('shows exactly the cells of its failed checks in red', async () => {
    expect(townFailed).toEqual(EXPECTED_RED);
    // What the browser actually paints, not just the class names.
    const red = await ev<string[]>(
      `[...document.querySelector('section.report').querySelectorAll('td.v')]
         .filter((td) => getComputedStyle(td).backgroundColor === '${FAIL_BG}' && getComputedStyle(td).boxShadow.includes('rgb(224, 0, 0)'))
         .map((td) => td.dataset.path).sort()`,
    );
    expect(red).toEqual(EXPECTED_RED);
    const values = await ev<number>(`document.querySelector('section.report').querySelectorAll('td.v').length`);
    expect(values).toBe(10 + 25 * 7 + 15);
    // The printed numbers are shown: 予以公开 总计 printed 3, （七）总计 自然人 printed 10, 行政复议 总计 printed 2.
    const shown = await ev<string[]>(
      `['applications.results.granted.total', 'applications.results.total.naturalPerson', 'reviewLitigation.review.total']
         .map((p) => document.querySelector('section.report td[data-path="' + p + '"]').textContent)`,
    );
    expect(shown).toEqual(['3', '10', '2']);
  });

  it('shows no red cell in any other report, even when all are expanded', async () => {
    await ev(`document.getElementById('expand').click()`);
    const others = await ev<{ red: number; cells: number }>(
      `(() => { const tds = [...document.querySelectorAll('section.report:not(:first-of-type) td.v')];
         return { red: tds.filter((td) => getComputedStyle(td).backgroundColor === '${FAIL_BG}').length, cells: tds.length }; })()`,
    );
    expect(others.red).toBe(0);
    expect(others.cells).toBeGreaterThan(1000);
    await ev(
      `document.getElementById('collapse').click(); document.querySelector('section.report details').open = true`,
    );
  });

  it('gives the check messages in Chinese and English', async () => {
    const msgs = await ev<string[][]>(
      `[...document.querySelector('section.report').querySelectorAll('.issue.check')].map((li) => [li.querySelector('.zh').textContent, li.querySelector('.en').textContent])`,
    );
    expect(msgs.map((m) => m[0])).toEqual([
      '「（一）予以公开」行：总计印为 3，六类申请人之和为 4',
      '「自然人」列：（七）总计印为 10，各项办理结果之和为 11',
      '「行政复议」：总计印为 2，维持 + 纠正 + 其他 + 尚未审结 = 1',
    ]);
    expect(msgs.map((m) => m[1])).toEqual([
      'applications.results.granted: 总计 = sum of the six applicant columns: printed 3, but the parts add up to 4',
      'naturalPerson: （七）总计 = sum of the results rows: printed 10, but the parts add up to 11',
      'reviewLitigation.review: 总计 = 维持 + 纠正 + 其他 + 尚未审结: printed 2, but the parts add up to 1',
    ]);
  });

  it('loads the page crops lazily, from the file itself', async () => {
    await ev(`document.querySelectorAll('section.report:first-of-type img.crop').forEach((i) => i.scrollIntoView())`);
    await until(
      page,
      `[...document.querySelectorAll('section.report:first-of-type img.crop')].every((i) => i.complete && i.naturalWidth > 0)`,
    );
    const crops = await ev<Array<{ page: string; w: number; src: string }>>(
      `[...document.querySelectorAll('section.report:first-of-type img.crop')].map((i) => ({ page: i.alt, w: i.naturalWidth, src: i.src.slice(0, 23) }))`,
    );
    expect(crops.map((c) => [c.page, c.src])).toEqual([
      ['page 3', 'data:image/webp;base64,'],
      ['page 3', 'data:image/webp;base64,'],
      ['page 4', 'data:image/webp;base64,'],
    ]);
    expect(crops.every((c) => c.w > 900)).toBe(true);
    // Nothing was fetched: every byte came from the HTML file.
    expect(await ev<number>(`performance.getEntriesByType('resource').length`)).toBe(0);
  });

  it('filters by text and by status', async () => {
    const visible = `[...document.querySelectorAll('section.report:not(.hidden)')].map((s) => s.dataset.file)`;
    await ev(
      `(() => { const f = document.getElementById('filter'); f.value = '东湖区'; f.dispatchEvent(new Event('input')); })()`,
    );
    await until(page, `document.getElementById('count').textContent === '2 / 7'`);
    expect((await ev<string[]>(visible)).sort()).toEqual([
      'samples/district-2019-layout.txt',
      'samples/district-2019.pdf',
    ]);
    await ev(`(() => { const f = document.getElementById('filter'); f.value = ''; f.dispatchEvent(new Event('input'));
      const s = document.getElementById('status'); s.value = 'failed'; s.dispatchEvent(new Event('change')); })()`);
    await until(page, `document.getElementById('count').textContent === '1 / 7'`);
    expect(await ev<string[]>(visible)).toEqual(['samples/town-2021-inconsistent.pdf']);
    await ev(
      `(() => { const s = document.getElementById('status'); s.value = 'all'; s.dispatchEvent(new Event('change')); })()`,
    );
    await until(page, `document.getElementById('count').textContent === '7 / 7'`);
  });

  it('saves a screenshot', async () => {
    await ev(`window.scrollTo(0, 0)`);
    await until(
      page,
      `[...document.querySelectorAll('section.report:first-of-type img.crop')].every((i) => i.complete)`,
    );
    const png = await page.screenshot();
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(1280);
    const file = path.join(outDir, 'review-screenshot.png');
    writeFileSync(file, png);
    console.log(`review-browser.test: screenshot at ${file}`);
  });

  it('lets the reviewer correct red cells and download them as corrections.jsonl', async () => {
    // A fixed clock, so the time each correction is stamped with is known.
    await ev(
      `(() => { const D = Date; window.Date = class extends D { constructor(...a) { super(...(a.length ? a : ['2026-11-27T03:00:00.000Z'])); } }; })()`,
    );
    const section = 'section.report:first-of-type';
    const granted = `${section} td[data-path="applications.results.granted.naturalPerson"]`;
    const review = `${section} td[data-path="reviewLitigation.review.total"]`;
    expect(await ev<boolean>(`document.getElementById('download').disabled`)).toBe(true);

    await page.click(granted);
    expect(await ev<string>(`document.activeElement.className + ' ' + document.activeElement.value`)).toBe(
      'cell-edit 4',
    );
    await page.keyboard.insertText('3');
    await page.keyboard.press('Enter');
    const painted = await ev<{ text: string; bg: string; classes: string }>(
      `(() => { const td = document.querySelector('${granted}'); return { text: td.textContent, bg: getComputedStyle(td).backgroundColor, classes: td.className }; })()`,
    );
    expect(painted).toEqual({ text: '3', bg: 'rgb(214, 233, 255)', classes: 'v fail edited' });
    // A note for it, in the list of this report's edits.
    await page.click(`${section} ol.edits li[data-path="applications.results.granted.naturalPerson"] input.note`);
    await page.keyboard.insertText('六类之和为总计 3');
    // A second cell; a value that is not a number, or not a count, is refused until fixed; Escape on a third leaves it alone.
    await page.click(review);
    for (const wrong of ['一', '1.5', '-1']) {
      await ev(`document.querySelector('${review} input').select()`);
      await page.keyboard.insertText(wrong);
      await page.keyboard.press('Enter');
      expect(
        await ev<string>(
          `document.querySelector('${review} input').className + ' ' + document.querySelector('${review} input').value`,
        ),
      ).toBe(`cell-edit bad ${wrong}`);
    }
    await ev(`document.querySelector('${review} input').select()`);
    await page.keyboard.insertText('1');
    await page.keyboard.press('Enter');
    await page.click(`${section} td[data-path="applications.results.total.naturalPerson"]`);
    await page.keyboard.insertText('99');
    await page.keyboard.press('Escape');
    expect(
      await ev<string>(
        `document.querySelector('${section} td[data-path="applications.results.total.naturalPerson"]').textContent`,
      ),
    ).toBe('10');
    expect(
      await ev<string[]>(`[...document.querySelectorAll('${section} ol.edits li .path')].map((s) => s.textContent)`),
    ).toEqual(['applications.results.granted.naturalPerson: 4 → 3', 'reviewLitigation.review.total: 2 → 1']);
    expect(await ev<string>(`document.getElementById('edit-count').textContent`)).toBe('2 corrections 更正');
    await page.click('#author');
    await page.keyboard.insertText('李四');
    await ev(
      `document.querySelector('${section} ol.edits').scrollIntoView({ block: 'start' }); window.scrollBy(0, -150)`,
    );
    writeFileSync(path.join(outDir, 'review-corrections.png'), await page.screenshot());

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    expect(download.suggestedFilename()).toBe('corrections.jsonl');
    const text = readFileSync((await download.path())!, 'utf8');
    const sha = town.source.sha256;
    expect(text).toBe(
      `{"sha256":"${sha}","path":"applications.results.granted.naturalPerson","value":3,"note":"六类之和为总计 3","author":"李四","time":"2026-11-27T03:00:00.000Z"}\n` +
        `{"sha256":"${sha}","path":"reviewLitigation.review.total","value":1,"author":"李四","time":"2026-11-27T03:00:00.000Z"}\n`,
    );
    // The file is a corrections file: applied, it makes the report's three failed checks pass.
    const fixed = applyCorrections(town, parseCorrections(text, 'corrections.jsonl'));
    expect(fixed.checks.filter((c) => !c.passed)).toEqual([]);
    expect(fixed.corrections!.map((c) => [c.path, c.printed, c.value])).toEqual([
      ['applications.results.granted.naturalPerson', 4, 3],
      ['reviewLitigation.review.total', 2, 1],
    ]);
    // Nothing was fetched on the way.
    expect(await ev<number>(`performance.getEntriesByType('resource').length`)).toBe(0);
  });
});
