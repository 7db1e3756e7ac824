import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';

const seed = path.resolve(__dirname, '../../shared/seed/report-2021-flattened.txt');
const local = path.resolve(__dirname, '../samples/seed-2021-flattened.txt');

describe('the seed report (flattened pdftotext-style text)', async () => {
  const { existsSync } = await import('node:fs');
  const file = existsSync(seed) ? seed : local;
  const r = await extractReport(file);

  it('reads title, agency, year and template', () => {
    expect(r.title).toBe('经开区公安分局2021年政府信息公开工作年度报告');
    expect(r.agency).toBe('经开区公安分局');
    expect(r.year).toBe(2021);
    expect(r.template).toBe('2021');
    expect(r.source.textSource).toBe('plain-text');
    expect(r.sections.map((s) => s.key)).toEqual([
      'overview',
      'activeDisclosure',
      'applications',
      'reviewLitigation',
      'problems',
      'otherMatters',
    ]);
    expect(r.sections.find((s) => s.key === 'otherMatters')?.heading).toBe('六、其他需要报告事项');
  });

  it('reads table 二', () => {
    expect(r.activeDisclosure).toEqual({
      regulations: { issued: 0, repealed: 0, inForce: 0 },
      normativeDocuments: { issued: 0, repealed: 0, inForce: 0 },
      administrativeLicensing: { decisions: 3053 },
      administrativePunishment: { decisions: 105 },
      administrativeCoercion: { decisions: 0 },
      administrativeFees: { amountTenThousandYuan: 0.402 },
    });
  });

  it('reads table 三, including wrapped labels and the broken vertical header', () => {
    const a = r.applications!;
    const zero = {
      naturalPerson: 0,
      commercialEnterprise: 0,
      researchInstitution: 0,
      socialWelfareOrg: 0,
      legalServiceOrg: 0,
      otherOrg: 0,
      total: 0,
    };
    const two = { ...zero, naturalPerson: 2, total: 2 };
    const one = { ...zero, naturalPerson: 1, total: 1 };
    expect(a.newReceived).toEqual(two);
    expect(a.carriedOver).toEqual(zero);
    expect(a.results?.withheld?.stateSecret).toEqual(zero);
    expect(a.results?.withheld?.prohibitedByLaw).toEqual(one);
    expect(a.results?.withheld?.enforcementFiles?.naturalPerson).toBe(1);
    expect(a.results?.withheld?.enforcementFiles).toEqual(one);
    expect(a.results?.partiallyGranted).toEqual(zero);
    expect(a.results?.notProcessed?.confirmation).toEqual(zero);
    expect(Object.keys(a.results?.otherHandling ?? {})).toEqual(['overdueCorrection', 'overdueFee', 'other']);
    expect(a.results?.total).toEqual(two);
    expect(a.carriedForward).toEqual(zero);
    // 25 rows: 2 + 2 + 8 + 3 + 5 + 3 + 1 + 1
    const rows = Object.keys(r.provenance).filter((p) => p.startsWith('applications.') && p.endsWith('.total'));
    expect(rows).toHaveLength(25);
  });

  it('finds table 四 inside section 五 and keeps it out of that section text', () => {
    const z = { upheld: 0, corrected: 0, other: 0, pending: 0, total: 0 };
    expect(r.reviewLitigation).toEqual({ review: z, litigationDirect: z, litigationAfterReview: z });
    const problems = r.sections.find((s) => s.key === 'problems')!;
    expect(problems.text).not.toContain('结果维持');
    expect(problems.text).toContain('一是分局部分单位对政务公开工作不够重视');
  });

  it('passes every check and has no warnings', () => {
    expect(r.checks.filter((c) => !c.passed)).toEqual([]);
    // 25 row totals + 7 results totals + 7 balances + 3 group totals
    expect(r.checks.filter((c) => c.kind === 'arithmetic')).toHaveLength(42);
    // 「共收到政府信息公开申请 2件」: no 上年结转 in the table, so it can only mean 新收 = 2.
    expect(
      r.checks.filter((c) => c.kind === 'textTable').map((c) => [c.id, c.passed, c.actual, c.prose?.text]),
    ).toEqual([['textTable:applications.newReceived.total', true, 2, '收到政府信息公开申请2件']]);
    expect(r.warnings).toEqual([]);
  });

  it('records provenance for every number (line and column in the text)', () => {
    expect(r.provenance['activeDisclosure.administrativeLicensing.decisions']).toMatchObject({ text: '3053', page: 1 });
    expect(r.provenance['activeDisclosure.administrativeFees.amountTenThousandYuan'].text).toBe('0.4020');
    expect(Object.keys(r.provenance)).toHaveLength(10 + 25 * 7 + 15);
  });
});
