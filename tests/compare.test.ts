// `nianbao compare` over the year-over-year batch (samples/compare/: 5 agencies × 2019–2023): pairing
// by agencyKey, cell changes with blank vs 0 kept apart, cross-year checks, prose reuse; and the page
// in a real browser (headless Chromium), which must show the changed cells and the reused sentences.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareReports,
  CompareFileSchema,
  pairConsecutive,
  writeComparison,
  type CompareFile,
} from '../src/compare/index.js';
import { extractReport, type Report } from '../src/index.js';
import type { Browser, Page } from 'playwright-core';
import { artifactsDir, browserSkipReason, launchBrowser } from './browser.js';

const root = path.resolve(__dirname, '..');
const dir = path.join(root, 'samples/compare');
const skip = browserSkipReason('compare.test (browser part)');
if (skip) console.warn(skip);

describe('nianbao compare', () => {
  let records: Report[];
  let file: CompareFile;
  const out = mkdtempSync(path.join(os.tmpdir(), 'nianbao-compare-'));

  beforeAll(async () => {
    const names = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort();
    records = [];
    for (const n of names) records.push(await extractReport(path.join(dir, n), { ocr: false }));
    file = await writeComparison(pairConsecutive(records), out, new Date('2026-01-01T00:00:00Z'));
  });

  it("pairs every agency's consecutive years by agencyKey (the city prefix printed in odd years only)", () => {
    expect(records).toHaveLength(25);
    expect(file.pairs).toHaveLength(20);
    const market = file.pairs.filter((p) => p.agencyKey === '青山区市场监督管理局');
    expect(market.map((p) => [p.previous.agency, p.previous.year, p.current.agency, p.current.year])).toEqual([
      ['临江市青山区市场监督管理局', 2019, '青山区市场监督管理局', 2020],
      ['青山区市场监督管理局', 2020, '临江市青山区市场监督管理局', 2021],
      ['临江市青山区市场监督管理局', 2021, '青山区市场监督管理局', 2022],
      ['青山区市场监督管理局', 2022, '临江市青山区市场监督管理局', 2023],
    ]);
    expect(CompareFileSchema.parse(JSON.parse(readFileSync(path.join(out, 'compare.json'), 'utf8')))).toEqual(file);
  });

  it('gives each cell both values, the change and the %; a template change leaves cells added/removed', () => {
    const p = file.pairs.find((x) => x.agencyKey === '临江市教育局' && x.current.year === 2023)!;
    const [prev, cur] = [2022, 2023].map((y) => records.find((r) => r.agency === '临江市教育局' && r.year === y)!);
    const c = p.cells.find((x) => x.path === 'applications.newReceived.total')!;
    const a = prev.applications!.newReceived!.total!;
    const b = cur.applications!.newReceived!.total!;
    expect(c).toEqual({
      path: 'applications.newReceived.total',
      table: 'applications',
      previous: { value: a, printed: String(a) },
      current: { value: b, printed: String(b) },
      status: a === b ? 'same' : 'changed',
      change: b - a,
      changePercent: a === 0 ? null : Math.round(((b - a) / a) * 10000) / 100,
    });
    const across = file.pairs.find((x) => x.agencyKey === '临江市教育局' && x.current.year === 2021)!;
    expect(across.cells.some((x) => x.path === 'activeDisclosure.regulations.issued' && x.status === 'added')).toBe(
      true,
    );
    expect(
      across.cells.some((x) => x.path === 'activeDisclosure.governmentProcurement.projects' && x.status === 'removed'),
    ).toBe(true);
  });

  it('keeps a blank and a 0 apart', () => {
    const prev = records[0];
    const cur = structuredClone(prev);
    cur.source.sha256 = 'x';
    cur.year = prev.year! + 1;
    cur.applications!.newReceived!.otherOrg = prev.applications!.newReceived!.otherOrg === 0 ? null : 0;
    prev.applications!.newReceived!.otherOrg = cur.applications!.newReceived!.otherOrg === 0 ? null : 0;
    const c = compareReports(prev, cur).cells.find((x) => x.path === 'applications.newReceived.otherOrg')!;
    expect([c.status, c.change]).toEqual(['blankVsZero', null]);
  });

  it("runs the cross-year checks with both reports' cells", () => {
    const p = file.pairs.find((x) => x.agencyKey === '临江市交通运输局' && x.current.year === 2022)!;
    const c = p.crossYear.find((x) => x.id === 'crossYear.carriedOver:total')!;
    const [prev, cur] = [2021, 2022].map((y) => records.find((r) => r.agency === '临江市交通运输局' && r.year === y)!);
    expect(c).toMatchObject({
      paths: { previous: ['applications.carriedForward.total'], current: ['applications.carriedOver.total'] },
      expected: prev.applications!.carriedForward!.total,
      actual: cur.applications!.carriedOver!.total,
    });
    // 2021 → 2022 are both template 2021: 现行有效 stock checked too.
    expect(p.crossYear.map((x) => x.id)).toContain('crossYear.inForce:normativeDocuments');
  });

  it("measures prose reuse per section, the template's own text left out, and aligns quoted numbers", () => {
    const p = file.pairs.find((x) => x.agencyKey === '白沙镇人民政府' && x.current.year === 2023)!;
    const problems = p.prose.find((s) => s.section === 'problems')!;
    // The generator prints the same 问题 paragraphs every year: all six 一是…二是… sentences repeated.
    expect([problems.sentences, problems.reusedSentences, problems.sentenceReuse, problems.ngramReuse]).toEqual([
      6, 6, 1, 1,
    ]);
    // Table rows are the template's text: section 三's only own sentence is the one stating figures.
    const apps = p.prose.find((s) => s.section === 'applications')!;
    expect(apps.sentences).toBe(1);
    const cur = records.find((r) => r.agency === '白沙镇人民政府' && r.year === 2023)!;
    for (const s of p.prose)
      for (const r of s.reused)
        expect(cur.sections.find((x) => x.key === s.section)!.text.slice(r.start, r.end)).toBe(r.text);
    const q = p.quotedNumbers.find((x) => x.id === 'textTable:applications.newReceived.total')!;
    expect(q.current!.value).toBe(cur.applications!.newReceived!.total);
  });

  describe.skipIf(!!skip)('compare.html in headless Chromium', () => {
    let browser: Browser;
    let page: Page;
    const pairOut = mkdtempSync(path.join(os.tmpdir(), 'nianbao-compare-pair-'));
    let pair: CompareFile;
    beforeAll(async () => {
      const [a, b] = [2022, 2023].map((y) => records.find((r) => r.agency === '临江市交通运输局' && r.year === y)!);
      pair = await writeComparison([[a, b]], pairOut, new Date('2026-01-01T00:00:00Z'));
      browser = await launchBrowser();
      page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      await page.goto(pathToFileURL(path.join(pairOut, 'compare.html')).href);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('shows the changed cells and the reused sentences of the pair', async () => {
      const p = pair.pairs[0];
      const changed = await page.evaluate(
        `[...document.querySelectorAll('td[data-status="changed"]')].filter((td) => getComputedStyle(td).backgroundColor === 'rgb(255, 241, 194)').map((td) => td.dataset.path).sort()`,
      );
      expect(changed).toEqual(
        p.cells
          .filter((c) => c.status === 'changed')
          .map((c) => c.path)
          .sort(),
      );
      expect(changed.length).toBeGreaterThan(20);
      const marks = await page.evaluate(`[...document.querySelectorAll('mark.reused')].map((m) => m.textContent)`);
      expect(marks).toEqual(p.prose.flatMap((s) => s.reused.map((r) => r.text)));
      expect(marks.length).toBeGreaterThan(3);
      writeFileSync(path.join(artifactsDir(), 'compare.png'), await page.screenshot());
    });

    it('lists hundreds of pairs with a filter, details on demand', async () => {
      const many = await browser.newPage();
      await many.goto(pathToFileURL(path.join(out, 'compare.html')).href);
      expect(await many.evaluate(`document.querySelectorAll('#pairs tr').length`)).toBe(20);
      expect(await many.evaluate(`document.querySelectorAll('#details td[data-status]').length`)).toBe(0);
      await many.evaluate(
        `(() => { const q = document.getElementById('q'); q.value = '白沙镇'; q.dispatchEvent(new Event('input')); })()`,
      );
      expect(await many.evaluate(`document.querySelectorAll('#pairs tr').length`)).toBe(4);
      await many.evaluate(`document.querySelector('#pairs tr').click()`);
      expect(await many.evaluate(`document.querySelector('#details h2').textContent`)).toBe(
        '白沙镇人民政府 2019 → 2020',
      );
    });
  });
});
