// Reports typed in Word/WPS and printed by LibreOffice (samples/word, scripts/make-docx-samples.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { completenessViolations } from '../src/checks/completeness.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { extractReport } from '../src/index.js';
import { readPlainText } from '../extractors/plain-text.js';
import { layoutDocument } from '../src/layout/lines.js';
import { agencyLine, findTitle, signOffAgency } from '../src/sections/sections.js';

const dir = path.resolve(__dirname, '../samples/word');
const expectedFiles = readdirSync(dir).filter((f) => f.endsWith('.expected.json'));

describe('Word/WPS samples (DOCX printed by LibreOffice)', () => {
  it('are there, with their DOCX', () => {
    expect(expectedFiles.length).toBeGreaterThanOrEqual(3);
    for (const f of expectedFiles) expect(readdirSync(dir)).toContain(f.replace('.expected.json', '.docx'));
  });

  for (const f of expectedFiles) {
    const name = f.replace('.expected.json', '');
    it(name, async () => {
      const expected = JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Expected;
      const record = await extractReport(path.join(dir, expected.file), { ocr: false });
      expect(completenessViolations(record)).toEqual([]);
      const cmp = compareRecord(record, expected);
      expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
      expect(cmp.failedChecksActual).toEqual(cmp.failedChecksExpected);
    });
  }
});

describe('what the Word/WPS samples exercise', () => {
  it('a number wrapped inside its narrow ruled cell is one number (「33」 over 「2」 → 332)', async () => {
    const r = await extractReport(path.join(dir, 'wps-2022-narrow.pdf'), { ocr: false });
    expect(r.applications?.newReceived?.naturalPerson).toBe(332);
    expect(r.provenance['applications.newReceived.naturalPerson']).toMatchObject({ page: 2, text: '332' });
    // The wrapped sub-label beside the wrapped group label is its row.
    expect(r.applications?.results?.notProcessed?.publication).toEqual({
      naturalPerson: 1,
      commercialEnterprise: 1,
      researchInstitution: 0,
      socialWelfareOrg: 0,
      legalServiceOrg: 0,
      otherOrg: 0,
      total: 2,
    });
    expect(r.agency).toBe('临江市生态环境局');
  });

  it('shortened labels are matched, as a loose match named by a warning', async () => {
    const r = await extractReport(path.join(dir, 'word-2021-merged.pdf'), { ocr: false });
    expect(r.warnings.map((w) => [w.code, w.path])).toEqual([
      ['label-uncertain', 'applications.results.otherHandling.overdueCorrection'],
      ['label-uncertain', 'applications.results.otherHandling.overdueFee'],
    ]);
    expect([r.agency, r.agencyKey, r.agencyKeyFrom]).toEqual([
      '临江市东湖区人民政府',
      '东湖区人民政府',
      '「临江市东湖区人民政府」: higher region 「临江市」 dropped',
    ]);
  });

  it('the 2019 report: agency from the sign-off, section 五 under its 2019 heading, sparse table 四', async () => {
    const r = await extractReport(path.join(dir, 'word-2019-signoff.pdf'), { ocr: false });
    expect([r.title, r.agency]).toEqual(['2020年政府信息公开工作年度报告', '东湖区交通运输局']);
    expect(r.sections.find((s) => s.key === 'problems')?.heading).toBe('五、政府信息公开工作存在的主要问题及改进情况');
    const printed = Object.entries(r.provenance).filter(([p, v]) => p.startsWith('reviewLitigation.') && v.text !== '');
    expect(printed.length).toBeGreaterThan(0);
    expect(printed.length).toBeLessThan(15);
    expect(r.warnings).toEqual([]);
  });
});

const lines = (text: string) => layoutDocument(readPlainText(text)).lines;

describe('agency on its own line, and in the sign-off', () => {
  it('takes the line above or below a title that names no agency, brackets removed', () => {
    const above = findTitle(lines('临江市东湖区人民政府\n2023年政府信息公开工作年度报告\n一、总体情况'), 2);
    expect(above).toEqual({
      title: '临江市东湖区人民政府2023年政府信息公开工作年度报告',
      agency: '临江市东湖区人民政府',
      year: 2023,
    });
    const below = findTitle(lines('2022年政府信息公开工作年度报告\n（临江市生态环境局）\n一、总体情况'), 2);
    expect(below).toEqual({
      title: '临江市生态环境局2022年政府信息公开工作年度报告',
      agency: '临江市生态环境局',
      year: 2022,
    });
    // A title that names its agency keeps it; a date or a sentence is not an agency.
    expect(findTitle(lines('某某局\n东湖区人民政府2021年政府信息公开工作年度报告'), 2).agency).toBe('东湖区人民政府');
    expect(agencyLine('2024年1月20日')).toBeNull();
    expect(agencyLine('现将本年度工作情况报告如下。')).toBeNull();
  });

  it('reads the agency of the closing sign-off, on the line above the date or before it', () => {
    expect(signOffAgency(lines('六、其他需要报告的事项\n无。\n东湖区交通运输局\n2021年1月15日'))).toBe(
      '东湖区交通运输局',
    );
    expect(signOffAgency(lines('无。\n东湖区交通运输局  2021年1月15日'))).toBe('东湖区交通运输局');
    expect(signOffAgency(lines('无。\n本年度未收取费用。'))).toBeNull();
  });
});
