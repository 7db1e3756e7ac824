import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SCRIPT } from '../src/review/assets.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { command as reviewCommand } from '../src/cli/commands/review.js';
import { extractReport } from '../src/index.js';
import { checkMessage, warningMessage } from '../src/review/messages.js';
import { loadDb } from '../src/review/db.js';
import { loadInputs, parseRecords } from '../src/review/load.js';
import { openStore } from '../src/db/store.js';
import { BACKENDS, pgUnavailable, testDb } from './pg-fixtures.js';
import { buildReview } from '../src/review/review.js';
import type { Report } from '../src/schema/record.js';

const root = path.resolve(__dirname, '..');
const extract = (name: string) =>
  extractReport(new Uint8Array(readFileSync(path.join(root, 'samples', name))), { path: `samples/${name}` });

/** data-path of every cell with class `cls`, per report section (in page order). */
function cellsByReport(html: string, cls: string): Array<{ file: string; paths: string[] }> {
  return html
    .split('<section ')
    .slice(1)
    .map((s) => ({
      file: /data-file="([^"]*)"/.exec(s)![1],
      paths: [...s.matchAll(/<td class="([^"]*)" data-path="([^"]*)"/g)]
        .filter((m) => m[1].split(' ').includes(cls))
        .map((m) => m[2]),
    }));
}

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
export const INCONSISTENT_FAILED_CELLS = [
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
].filter((p, k, all) => all.indexOf(p) === k);

const pgSkip = await pgUnavailable();

describe('review page', async () => {
  const town = await extract('town-2021-inconsistent.pdf');
  const city = await extract('city-2021-ruled.pdf');
  const seed = await extract('seed-2021-flattened.txt');
  const { html, entries } = await buildReview(
    { records: [city, seed, town], failedFiles: [{ file: 'bad.pdf', error: 'CORRUPT_PDF: not a readable PDF' }] },
    { input: 'test', baseDir: root },
  );

  it('leads with the report whose checks fail, then unreadable files, then clean ones', () => {
    expect(entries.map((e) => [e.status, e.record?.source.path ?? e.failedFile?.file])).toEqual([
      ['failed', 'samples/town-2021-inconsistent.pdf'],
      ['error', 'bad.pdf'],
      ['clean', 'samples/city-2021-ruled.pdf'],
      ['clean', 'samples/seed-2021-flattened.txt'],
    ]);
  });

  it('highlights exactly the cells of the failed checks', () => {
    const byReport = cellsByReport(html, 'fail');
    expect(byReport[0].file).toBe('samples/town-2021-inconsistent.pdf');
    expect(INCONSISTENT_FAILED_CELLS).toHaveLength(33);
    expect(byReport[0].paths.sort()).toEqual([...INCONSISTENT_FAILED_CELLS].sort());
    expect(byReport.slice(1).flatMap((r) => r.paths)).toEqual([]);
    // Every value cell of the three tables is on the page once: 10 + 25×7 + 15.
    expect(cellsByReport(html, 'v')[0].paths).toHaveLength(10 + 25 * 7 + 15);
  });

  it('gives each failed check in Chinese and English, with a crop of its page', () => {
    const issues = entries[0].issues;
    expect(issues.map((i) => i.text.zh)).toEqual([
      '「（一）予以公开」行：总计印为 3，六类申请人之和为 4',
      '「自然人」列：（七）总计印为 10，各项办理结果之和为 11',
      '「行政复议」：总计印为 2，维持 + 纠正 + 其他 + 尚未审结 = 1',
    ]);
    expect(issues[0].text.en).toBe(
      'applications.results.granted: 总计 = sum of the six applicant columns: printed 3, but the parts add up to 4',
    );
    expect(issues.map((i) => i.crops.map((c) => c.page))).toEqual([[3], [3], [4]]);
    for (const c of issues.flatMap((i) => i.crops)) {
      expect(c.src.startsWith('data:image/webp;base64,UklGR')).toBe(true);
      // The crop spans the table's width (594.96pt page, 2 px/pt): labels and values.
      expect(c.width).toBeGreaterThan(900);
      expect(c.width).toBeLessThan(1100);
    }
    // Crops wait in data-src (loaded when scrolled near), never in src.
    expect(html.match(/<img class="crop"[^>]* data-src="data:image\/webp;base64,/g)).toHaveLength(3);
    expect(html).not.toMatch(/<img[^>]* src=/);
  });

  it("gives the page's editor what it needs: each report's sha256, the unit of cells that are not counts", () => {
    expect([town, city, seed].every((r) => html.includes(`data-sha256="${r.source.sha256}"`))).toBe(true);
    expect(html).toMatch(
      /<td class="v[^"]*" data-path="activeDisclosure\.administrativeFees\.amountTenThousandYuan" data-unit="tenThousandYuan"/,
    );
    expect(html).toMatch(/<td class="v[^"]*" data-path="applications\.newReceived\.total"(?! data-unit)[ >]/);
    expect(html).toContain('<button id="download" type="button" disabled>download corrections.jsonl</button>');
  });

  it('is self-contained: no URL outside the file, a CSP that forbids loading any', () => {
    // The one inline script runs by its hash; no 'unsafe-inline' script.
    const hash = createHash('sha256').update(SCRIPT).digest('base64');
    expect(html).toContain(
      `content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${hash}'"`,
    );
    expect(html).toContain(`<script>${SCRIPT}</script>`);
    expect(html).not.toMatch(/(src|href)="(?!data:)[^"#]/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("keeps closed reports' tables out of the DOM until opened", () => {
    const sections = html.split('<section ').slice(1);
    expect(sections[0]).not.toContain('<template class="later">');
    expect(sections[2]).toContain('<template class="later">');
  });
});

describe('review without the source PDF', async () => {
  const town = await extract('town-2021-inconsistent.pdf');
  it('says why there is no crop: file missing, file changed, or plain text', async () => {
    const moved: Report = { ...town, source: { ...town.source, path: 'elsewhere/town.pdf' } };
    const changed: Report = { ...town, source: { ...town.source, sha256: '0'.repeat(64) } };
    const notes = [];
    for (const r of [moved, changed])
      notes.push(
        (await buildReview({ records: [r], failedFiles: [] }, { input: 't', baseDir: root })).entries[0].cropNote,
      );
    expect(notes).toEqual([
      'No page crops: source PDF not found at elsewhere/town.pdf.',
      'No page crops: samples/town-2021-inconsistent.pdf has changed since the record was made (sha256 differs).',
    ]);
  });
});

describe('review escapes what came from the PDF', () => {
  it('shows markup in a title as text', async () => {
    const town = await extract('town-2021-inconsistent.pdf');
    const evil: Report = { ...town, title: '<img src=x onerror=alert(1)>报告', agency: '"><script>alert(2)</script>' };
    const { html } = await buildReview({ records: [evil], failedFiles: [] }, { input: 't', crops: false });
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;报告');
    expect(html).not.toContain('<script>alert(2)');
    expect(html.match(/<script>/g)).toHaveLength(1);
  });
});

describe('messages', () => {
  it('composes Chinese from the check id and its numbers, notes blanks counted as zero', () => {
    const m = checkMessage({
      id: 'balance:otherOrg',
      passed: false,
      message: 'otherOrg: 新收 + 上年结转 = 5, but 办理结果总计 + 结转下年度 = 4',
      paths: [],
      expected: 5,
      actual: 4,
      blanksAsZero: true,
    });
    expect(m).toEqual({
      zh: '「其他」列：新收 + 上年结转 = 5，而办理结果总计 + 结转下年度 = 4（空白格按 0 计）',
      en: 'otherOrg: 新收 + 上年结转 = 5, but 办理结果总计 + 结转下年度 = 4 (blank cells counted as 0)',
    });
    expect(
      warningMessage({ code: 'missing-row', message: 'x', path: 'applications.results.withheld.stateSecret' }).zh,
    ).toBe('「（三）不予公开 1.属于国家秘密」：未找到该行');
    expect(warningMessage({ code: 'something-new', message: 'y' })).toEqual({
      zh: '提示（something-new），见英文',
      en: 'y',
    });
  });
});

describe('loading records', () => {
  it('takes records, keeps failed-file lines, and skips the rest with a reason', async () => {
    const town = await extract('town-2021-inconsistent.pdf');
    const text = [
      JSON.stringify(town),
      '{"file":"x.pdf","error":{"code":"ENCRYPTED_PDF","message":"needs a password"}}',
      '{"hello":1}',
      'not json',
      '',
    ].join('\n');
    const loaded = parseRecords(text);
    expect(loaded.records.map((r) => r.title)).toEqual(['柳塘镇人民政府2022年政府信息公开工作年度报告']);
    expect(loaded.failedFiles).toEqual([{ file: 'x.pdf', error: 'ENCRYPTED_PDF: needs a password' }]);
    expect(loaded.skipped.map((s) => s.line)).toEqual([3, 4]);
    // A JSON array (extract -f json with several files) works too.
    expect(parseRecords(JSON.stringify([town, town], null, 2)).records).toHaveLength(2);
  });
});

describe('review inputs from batch and ingest', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-in-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a batch output directory: records.jsonl and the failed files of errors.jsonl', async () => {
    const batch = path.join(dir, 'batch');
    mkdirSync(batch);
    writeFileSync(
      path.join(batch, 'records.jsonl'),
      JSON.stringify(await extract('town-2021-inconsistent.pdf')) + '\n',
    );
    writeFileSync(
      path.join(batch, 'errors.jsonl'),
      JSON.stringify({
        path: 'samples/bad/encrypted.pdf',
        sha256: 'ab',
        extractorVersion: '0.1.0',
        code: 'ENCRYPTED_PDF',
        message: 'needs a password',
        attempts: 1,
      }) + '\n',
    );
    const loaded = await loadInputs([batch]);
    expect(loaded.records.map((r) => r.source.path)).toEqual(['samples/town-2021-inconsistent.pdf']);
    expect(loaded.failedFiles).toEqual([
      { file: 'samples/bad/encrypted.pdf', error: 'ENCRYPTED_PDF: needs a password' },
    ]);
    const { entries } = await buildReview(loaded, { input: batch, crops: false });
    expect(entries.map((e) => e.status)).toEqual(['failed', 'error']);
  });

  it.each(BACKENDS)('reads the latest records and the failures of an ingest database (%s)', async (backend) => {
    if (backend === 'postgres' && pgSkip) return;
    const t = await testDb(backend, dir, 'review');
    try {
      const db = await openStore(t.target);
      const town = await extract('town-2021-inconsistent.pdf');
      const city = await extract('city-2021-ruled.pdf');
      await db.writeReport({ sha256: town.source.sha256, version: '0.1.0' }, town);
      await db.writeReport({ sha256: city.source.sha256, version: '0.1.0' }, city);
      await db.writeFailure(
        { sha256: 'ff', version: '0.1.0' },
        { path: 'bad.pdf', code: 'CORRUPT_PDF', message: 'not a readable PDF' },
      );
      await db.close();
      const loaded = await loadDb(t.target);
      expect(loaded.records.map((r) => r.source.path).sort()).toEqual([
        'samples/city-2021-ruled.pdf',
        'samples/town-2021-inconsistent.pdf',
      ]);
      expect(loaded.failedFiles).toEqual([{ file: 'bad.pdf', error: 'CORRUPT_PDF: not a readable PDF (1 attempt)' }]);
      const { html } = await buildReview(loaded, { input: t.target, baseDir: root });
      expect(cellsByReport(html, 'fail').map((r) => [r.file, r.paths.length])).toEqual([
        ['samples/town-2021-inconsistent.pdf', 33],
        ['bad.pdf', 0],
        ['samples/city-2021-ruled.pdf', 0],
      ]);
    } finally {
      await t.cleanup();
    }
  });
});

describe('nianbao review (CLI)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the page from a JSONL file', async () => {
    const jsonl = path.join(dir, 'r.jsonl');
    writeFileSync(jsonl, JSON.stringify(await extract('town-2021-inconsistent.pdf')) + '\n');
    const out = path.join(dir, 'review.html');
    expect(await reviewCommand.run([jsonl, '--out', out, '--base', root])).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(cellsByReport(html, 'fail')[0].paths).toHaveLength(33);
    await expect(reviewCommand.run([jsonl])).rejects.toMatchObject({ exitCode: 2 });
  });
});
