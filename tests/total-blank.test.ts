// A total left blank (record.md "totals left blank"): a generated 2019 report whose table 三 leaves its
// 总计 column blank on every row but the grand total, as a real 2019 report (上海市人民政府办公厅) does.
// Its rowTotal checks fail with `totalBlank`, say 「总计栏未填写」 and never "printed 0", and every view
// and count takes the blank column as one finding.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSample } from '../scripts/make-samples.js';
import { SAMPLES } from '../scripts/samples/specs.js';
import { APPLICANT_COLUMNS } from '../scripts/samples/template.js';
import { extractReport } from '../src/pipeline/extract.js';
import { recheck } from '../src/checks/recheck.js';
import { applyCorrections } from '../src/corrections/index.js';
import { failedFindingCount, failedFindings } from '../src/findings/findings.js';
import { checkMessage, findingMessage } from '../src/review/messages.js';
import { entryOf } from '../src/review/review.js';
import { WIDE_TABLES } from '../src/output/csv.js';
import type { Report } from '../src/schema/record.js';

const TOTAL = APPLICANT_COLUMNS.indexOf('total');
const base = SAMPLES.find((s) => s.name === 'district-2019')!;

/** district-2019 under a new name (new numbers), its 总计 column blank but for （七）总计. */
const spec = {
  ...base,
  name: 'office-2019-total-blank',
  leaveBlank: (n: Parameters<NonNullable<typeof base.leaveBlank>>[0]) => {
    for (const [row, cells] of n.applications) if (row !== 'results.total') cells[TOTAL] = { value: null, text: '' };
  },
};

async function extracted(): Promise<{ record: Report; sample: ReturnType<typeof buildSample> }> {
  const sample = buildSample(spec);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-total-blank-'));
  const file = path.join(dir, `${spec.name}.html`);
  writeFileSync(file, sample.html);
  return { record: await extractReport(file), sample };
}

describe('totals left blank', async () => {
  const { record, sample } = await extracted();
  const apps = record.applications as unknown as Record<string, unknown>;
  const rowsWithParts = [...sample.numbers.applications].filter(
    ([row, cells]) => row !== 'results.total' && cells.some((c, i) => i !== TOTAL && c.value !== null && c.value !== 0),
  );

  it('reads the table as printed: the 总计 column null, the grand total a number', () => {
    expect(record.template).toBe('2019');
    expect(apps).toEqual(sample.expected.applications);
    expect(record.applications!.newReceived.total).toBeNull();
    expect(record.applications!.results.total.total).toBe(
      sample.numbers.applications.get('results.total')![TOTAL].value,
    );
  });

  it('fails each row total left blank with totalBlank, saying it was left blank, not printed 0', () => {
    const blank = record.checks.filter((c) => c.totalBlank);
    expect(rowsWithParts.length).toBeGreaterThan(5);
    expect(blank.map((c) => c.id).sort()).toEqual(rowsWithParts.map(([row]) => `rowTotal:applications.${row}`).sort());
    for (const c of blank) {
      expect(c.passed).toBe(false);
      expect(c.blanksAsZero).toBe(true);
      expect(c.message).toContain('the total was left blank');
      expect(c.message).not.toContain('printed 0');
      const zh = checkMessage(c).zh;
      expect(zh).toContain('总计栏未填写');
      expect(zh).not.toContain('印为');
    }
    // A row whose parts are all blank or 0 and whose total is blank adds up (0 = 0).
    const quiet = record.checks.filter(
      (c) => c.id.startsWith('rowTotal:') && !c.totalBlank && c.paths[0].endsWith('.total'),
    );
    expect(quiet.every((c) => c.passed || c.id === 'rowTotal:applications.results.total')).toBe(true);
  });

  it('makes one finding of the blank column, and the other failed checks one each', () => {
    const findings = failedFindings(record.checks);
    const group = findings.filter((f) => f.kind === 'totalBlank');
    expect(group).toHaveLength(1);
    expect(group[0]).toMatchObject({ id: 'totalBlank:applications.total', table: 'applications', column: 'total' });
    expect(group[0].kind === 'totalBlank' && group[0].rows).toEqual(rowsWithParts.map(([row]) => row));
    const others = record.checks.filter((c) => !c.passed && !c.totalBlank).map((c) => c.id);
    expect(findings.filter((f) => f.kind === 'check').map((f) => f.id)).toEqual(others);
    expect(failedFindingCount(record.checks)).toBe(others.length + 1);
    const msg = findingMessage(group[0]);
    expect(msg.en).toContain(`总计 column left blank on ${rowsWithParts.length} rows`);
    expect(msg.zh).toContain('「总计」栏未填写');
    expect(msg.zh).not.toContain('印为');
    // The prose states the figure the table left blank: said so, not "the table has 0".
    const prose = record.checks.find((c) => c.id === 'textTable:applications.newReceived.total')!;
    expect(prose.passed).toBe(false);
    expect(prose.message).toContain('but the table left it blank');
    expect(checkMessage(prose).zh).toContain('表中未填写');
  });

  it('shows the review page and the wide CSV the same findings', () => {
    const entry = entryOf(record);
    const checkIssues = entry.issues.filter((i) => i.kind === 'check');
    expect(checkIssues.map((i) => i.id)).toEqual(failedFindings(record.checks).map((f) => f.id));
    const wide = WIDE_TABLES.find((t) => t.name === 'applications')!;
    expect(wide.row(record)![wide.header.indexOf('checksFailed')]).toBe(failedFindingCount(record.checks));
  });

  it('recheck (after corrections) agrees: the same checks, and a filled-in total clears its flag', () => {
    expect(recheck(record)).toEqual(record.checks);
    const [row, cells] = rowsWithParts[0];
    const sum = cells.reduce((s, c, i) => s + (i === TOTAL ? 0 : (c.value ?? 0)), 0);
    const corrected = applyCorrections(record, [
      { sha256: record.source.sha256, path: `applications.${row}.total`, value: sum },
    ]);
    const check = corrected.checks.find((c) => c.id === `rowTotal:applications.${row}`)!;
    expect(check.passed).toBe(true);
    expect(check.totalBlank).toBeUndefined();
    expect(corrected.checks.filter((c) => c.totalBlank)).toHaveLength(rowsWithParts.length - 1);
  });
});
