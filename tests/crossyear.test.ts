import { describe, expect, it } from 'vitest';
import { crossYearChecks, toYearReport, type YearReport } from '../src/crossyear/index.js';
import { extractReport } from '../src/index.js';
import { seedVariant } from './batch-fixtures.js';

const extract = (v: Parameters<typeof seedVariant>[0], name: string) =>
  extractReport(new TextEncoder().encode(seedVariant(v)), { path: name });

describe('cross-year checks over real records', async () => {
  // 经开区公安分局 2021 → 2022 (consecutive) and 2024 (a gap: no checks against 2022).
  const y2021 = await extract(
    { year: 2021, regulations: [1, 0, 5], normativeDocuments: [0, 0, 4], carriedForward: [2, 0, 1, 0, 0, 0, 3] },
    'a/2021.txt',
  );
  const y2022 = await extract(
    { year: 2022, regulations: [2, 1, 6], normativeDocuments: [3, 0, 8], carriedOver: [2, 0, 1, 0, 0, 0, 3] },
    'a/2022.txt',
  );
  const y2024 = await extract({ year: 2024, carriedOver: [9, 0, 0, 0, 0, 0, 9] }, 'a/2024.txt');
  const checks = crossYearChecks([y2024, y2022, y2021].map(toYearReport));

  it('the fixtures are what they claim', () => {
    expect([y2021.year, y2022.year, y2024.year]).toEqual([2021, 2022, 2024]);
    expect(y2021.agency).toBe('经开区公安分局');
    expect(y2022.applications?.carriedOver).toEqual({
      naturalPerson: 2,
      commercialEnterprise: 0,
      researchInstitution: 1,
      socialWelfareOrg: 0,
      legalServiceOrg: 0,
      otherOrg: 0,
      total: 3,
    });
  });

  it('checks only consecutive years, naming both reports', () => {
    expect(checks).toHaveLength(9);
    for (const c of checks) {
      expect(c.agency).toBe('经开区公安分局');
      expect(c.previous).toEqual({
        sha256: y2021.source.sha256,
        path: 'a/2021.txt',
        year: 2021,
        title: '经开区公安分局2021年政府信息公开工作年度报告',
      });
      expect(c.current).toEqual({
        sha256: y2022.source.sha256,
        path: 'a/2022.txt',
        year: 2022,
        title: '经开区公安分局2022年政府信息公开工作年度报告',
      });
    }
  });

  it("上年结转 = last year's 结转下年度继续办理, all seven columns", () => {
    const carried = checks.filter((c) => c.id.startsWith('crossYear.carriedOver:'));
    expect(carried.map((c) => [c.id, c.passed, c.expected, c.actual])).toEqual([
      ['crossYear.carriedOver:naturalPerson', true, 2, 2],
      ['crossYear.carriedOver:commercialEnterprise', true, 0, 0],
      ['crossYear.carriedOver:researchInstitution', true, 1, 1],
      ['crossYear.carriedOver:socialWelfareOrg', true, 0, 0],
      ['crossYear.carriedOver:legalServiceOrg', true, 0, 0],
      ['crossYear.carriedOver:otherOrg', true, 0, 0],
      ['crossYear.carriedOver:total', true, 3, 3],
    ]);
    expect(carried[0].paths).toEqual({
      previous: ['applications.carriedForward.naturalPerson'],
      current: ['applications.carriedOver.naturalPerson'],
    });
  });

  it('现行有效 last year + 制发 − 废止 = 现行有效 this year', () => {
    const reg = checks.find((c) => c.id === 'crossYear.inForce:regulations')!;
    expect([reg.passed, reg.expected, reg.actual]).toEqual([true, 6, 6]); // 5 + 2 − 1
    const docs = checks.find((c) => c.id === 'crossYear.inForce:normativeDocuments')!;
    expect([docs.passed, docs.expected, docs.actual]).toEqual([false, 7, 8]); // 4 + 3 − 0 ≠ 8
    expect(docs.message).toBe(
      '行政规范性文件: 2021年现行有效 4 + 2022年制发 3 − 废止 0 = 7, 2022年现行有效 8 (differs)',
    );
    expect(docs.paths).toEqual({
      previous: ['activeDisclosure.normativeDocuments.inForce'],
      current: [
        'activeDisclosure.normativeDocuments.issued',
        'activeDisclosure.normativeDocuments.repealed',
        'activeDisclosure.normativeDocuments.inForce',
      ],
    });
  });

  it('a mismatch in one column fails that column only', async () => {
    const off = await extract({ year: 2022, carriedOver: [2, 0, 0, 0, 0, 0, 2], salt: 1 }, 'a/2022b.txt');
    const c = crossYearChecks([y2021, off].map(toYearReport)).filter(
      (x) => !x.passed && x.id.startsWith('crossYear.carriedOver:'),
    );
    expect(c.map((x) => [x.id, x.expected, x.actual])).toEqual([
      ['crossYear.carriedOver:researchInstitution', 1, 0],
      ['crossYear.carriedOver:total', 3, 2],
    ]);
    expect(c[1].message).toBe('2022年「上年结转」(总计) 2 ≠ 2021年「结转下年度继续办理」 3');
  });
});

describe('cross-year checks on hand-made views', () => {
  const zeros = {
    naturalPerson: 0,
    commercialEnterprise: 0,
    researchInstitution: 0,
    socialWelfareOrg: 0,
    legalServiceOrg: 0,
    otherOrg: 0,
    total: 0,
  };
  const base = (over: Partial<YearReport>): YearReport => ({
    sha256: 'a'.repeat(64),
    path: 'x',
    agency: '某某区人民政府',
    year: 2021,
    title: null,
    template: '2021',
    activeDisclosure: null,
    applications: { carriedOver: zeros, carriedForward: zeros },
    ...over,
  });

  it('counts blank cells as 0 and says so', () => {
    const prev = base({
      applications: { carriedOver: zeros, carriedForward: { ...zeros, naturalPerson: null, total: null } },
    });
    const cur = base({ sha256: 'b'.repeat(64), year: 2022 });
    const cs = crossYearChecks([prev, cur]);
    expect(cs.every((c) => c.passed)).toBe(true);
    expect(cs.filter((c) => c.blanksAsZero).map((c) => c.id)).toEqual([
      'crossYear.carriedOver:naturalPerson',
      'crossYear.carriedOver:total',
    ]);
  });

  it('matches agencies across whitespace, not across different names', () => {
    const prev = base({ agency: '某某区 人民政府' });
    expect(crossYearChecks([prev, base({ sha256: 'b'.repeat(64), year: 2022 })])).toHaveLength(7);
    expect(
      crossYearChecks([prev, base({ sha256: 'b'.repeat(64), year: 2022, agency: '某某区人民政府办公室' })]),
    ).toHaveLength(0);
  });

  it('pairs an agency printed with and without its higher region, or in brackets', () => {
    const prev = base({ agency: '淮安市洪泽区人民政府' });
    expect(
      crossYearChecks([prev, base({ sha256: 'b'.repeat(64), year: 2022, agency: '（洪泽区人民政府）' })]),
    ).toHaveLength(7);
    expect(
      crossYearChecks([prev, base({ sha256: 'b'.repeat(64), year: 2022, agency: '淮安市人民政府' })]),
    ).toHaveLength(0);
  });

  it('skips what a report lacks: a missing row, the 2019 template for 现行有效, an unknown year', () => {
    const prev = base({
      applications: { carriedOver: zeros, carriedForward: null },
      template: '2019',
      activeDisclosure: { regulations: { newlyMade: 1, newlyPublished: 1, totalPublished: 3 } },
    });
    const cur = base({
      sha256: 'b'.repeat(64),
      year: 2022,
      activeDisclosure: { regulations: { issued: 1, repealed: 0, inForce: 4 } },
    });
    expect(crossYearChecks([prev, cur])).toEqual([]);
    expect(crossYearChecks([base({}), base({ sha256: 'b'.repeat(64), year: null })])).toEqual([]);
  });

  it('the same content twice is one report', () => {
    const prev = base({});
    expect(
      crossYearChecks([prev, { ...prev, path: 'copy' }, base({ sha256: 'b'.repeat(64), year: 2022 })]),
    ).toHaveLength(7);
  });
});
