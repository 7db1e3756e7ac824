// Table 二 has no arithmetic: doubtful OCR numbers and rows its column definitions rule out are flagged.
import { describe, expect, it } from 'vitest';
import { amountPerCountWarnings, fractionalCountWarnings, plausibilityWarnings } from '../src/checks/plausibility.js';
import { DEFAULT_SETTINGS } from '../src/settings.js';
import { disclosureItems, PLAUSIBILITY } from '../src/templates/index.js';
import type { Report } from '../src/schema/record.js';

type Input = Parameters<typeof plausibilityWarnings>[0];
const tol = DEFAULT_SETTINGS.tables;
const at = (page: number, text: string, confidence?: number) => ({
  page,
  bbox: [0, 0, 1, 1] as [number, number, number, number],
  text,
  ...(confidence !== undefined ? { confidence } : {}),
});

const table2021 = (regulations: Record<string, number | null>) =>
  ({
    regulations,
    normativeDocuments: { issued: 2, repealed: 0, inForce: 40 },
    administrativeLicensing: { decisions: 7 },
    administrativePunishment: { decisions: 1 },
    administrativeCoercion: { decisions: 0 },
    administrativeFees: { amountTenThousandYuan: 0 },
  }) as unknown as Report['activeDisclosure'];

describe('table 二 plausibility', () => {
  it('flags a row whose 现行有效 + 废止 is under 制发 (a document issued this year is in force unless repealed)', () => {
    const bad: Input = {
      template: '2021',
      activeDisclosure: table2021({ issued: 5, repealed: 0, inForce: 3 }),
      provenance: {},
    };
    expect(plausibilityWarnings(bad, tol).map((w) => [w.code, w.path])).toEqual([
      ['implausible', 'activeDisclosure.regulations'],
    ]);
    const ok: Input = {
      template: '2021',
      activeDisclosure: table2021({ issued: 5, repealed: 2, inForce: 3 }),
      provenance: {},
    };
    expect(plausibilityWarnings(ok, tol)).toEqual([]);
    // Blank cells count as 0: a blank 现行有效 under a printed 制发 is flagged too.
    const blank: Input = {
      template: '2021',
      activeDisclosure: table2021({ issued: 1, repealed: null, inForce: null }),
      provenance: {},
    };
    expect(plausibilityWarnings(blank, tol).map((w) => w.path)).toEqual(['activeDisclosure.regulations']);
  });

  it('flags a 2019 item whose count would fall below none, and 对外公开总数量 under 本年新公开', () => {
    const record: Input = {
      template: '2019',
      activeDisclosure: {
        regulations: { newlyMade: 1, newlyPublished: 4, totalPublished: 3 },
        normativeDocuments: { newlyMade: 1, newlyPublished: 1, totalPublished: 30 },
        administrativeLicensing: { previousYearItems: 2, changeThisYear: -3, decisions: 0 },
        otherExternalServices: { previousYearItems: 2, changeThisYear: -2, decisions: 0 },
      } as unknown as Report['activeDisclosure'],
      provenance: {},
    };
    expect(plausibilityWarnings(record, tol).map((w) => w.path)).toEqual([
      'activeDisclosure.regulations',
      'activeDisclosure.administrativeLicensing',
    ]);
  });

  it('flags an OCR number of table 二 whose reads did not all agree, below the named threshold', () => {
    expect(tol.unverifiedMinConfidence).toBe(90);
    const record: Input = {
      template: '2021',
      activeDisclosure: table2021({ issued: 5, repealed: 0, inForce: 550 }),
      provenance: {
        'activeDisclosure.regulations.inForce': at(2, '550', 85),
        'activeDisclosure.regulations.issued': at(2, '5', 96),
        // Below 80 the record already warns for every table (LOW_CONFIDENCE).
        'activeDisclosure.regulations.repealed': at(2, '0', 40),
        'applications.newReceived.total': at(3, '12', 85),
      },
    };
    expect(plausibilityWarnings(record, tol).map((w) => [w.code, w.path])).toEqual([
      ['low-confidence', 'activeDisclosure.regulations.inForce'],
    ]);
  });

  it('names only items and columns the templates print', () => {
    expect(PLAUSIBILITY.map((p) => p.id)).toEqual(['inForce', 'totalPublished', 'items']);
    for (const rule of PLAUSIBILITY) {
      for (const t of rule.templates) {
        for (const key of rule.items) {
          const item = disclosureItems(t).find((i) => i.key === key);
          const cols = item?.columns.map((c) => c.key) ?? [];
          expect([rule.id, key, [...rule.larger, ...rule.smaller].filter((c) => !cols.includes(c))]).toEqual([
            rule.id,
            key,
            [],
          ]);
        }
      }
    }
  });
});

describe('a count with a fraction', () => {
  it('is flagged on its cell in any table; an amount in money is not', () => {
    const provenance = {
      'activeDisclosure.regulations.issued': at(2, '1.2', 95),
      'activeDisclosure.administrativeFees.amountTenThousandYuan': at(2, '443.69', 95),
      'applications.newlyReceived.naturalPerson': at(3, '7.5', 95),
      'applications.newlyReceived.total': at(3, '75', 95),
      'reviewLitigation.review.upheld': at(4, '3.0', 95),
    };
    expect(fractionalCountWarnings(provenance, '2021').map((w) => [w.code, w.path])).toEqual([
      ['implausible', 'activeDisclosure.regulations.issued'],
      ['implausible', 'applications.newlyReceived.naturalPerson'],
    ]);
    // 2019: 采购总金额 is money too.
    expect(
      fractionalCountWarnings({ 'activeDisclosure.governmentProcurement.totalAmount': at(2, '24043.8万元') }, '2019'),
    ).toEqual([]);
  });
});

describe('an amount implausible for the count of its row (a unit misread)', () => {
  const AMOUNT = 'activeDisclosure.governmentProcurement.totalAmount';
  const procurement = (projects: number, totalAmount: number, totalAmountText: string): Input => ({
    template: '2019',
    activeDisclosure: {
      governmentProcurement: { projects, totalAmount, totalAmountText },
    } as unknown as Report['activeDisclosure'],
    provenance: { [AMOUNT]: at(2, totalAmountText, 95) },
  });

  it('flags 元 under the named yuan per project, giving both readings, on the amount, its text and the count', () => {
    expect(tol.amountPerCountMinYuan).toBe(3000);
    // 「24043.8万元」 read without its 万: 261 元 a project for 92 projects.
    expect(plausibilityWarnings(procurement(92, 24043.8, '24043.8元'), tol)).toEqual([
      {
        code: 'implausible',
        message:
          'table 二: 采购总金额 「24043.8元」 read as 24043.8 元 is 261.35 元 for each of 92 (采购项目数量), under 3000 元 each, ' +
          'which is implausible; read in 万元 it is 240438000 元, 2613456.52 元 each: is its unit misprinted or misread?',
        page: 2,
        path: AMOUNT,
        paths: [AMOUNT, `${AMOUNT}Text`, 'activeDisclosure.governmentProcurement.projects'],
      },
    ]);
    // A unitless cell taken as yuan is judged alike.
    expect(amountPerCountWarnings(procurement(10, 29990, '29990'), tol).map((w) => w.path)).toEqual([AMOUNT]);
  });

  it('does not flag 元 at the bound or above, the same figure in 万元, a blank or zero row, or the 2021 form', () => {
    for (const record of [
      procurement(10, 30000, '30000元'),
      procurement(3, 24043.8, '24043.8元'),
      procurement(92, 240438000, '24043.8万元'),
      procurement(0, 0, '0'),
      procurement(5, 0, '0元'),
      { ...procurement(92, 24043.8, '24043.8元'), template: '2021' as const },
    ])
      expect(amountPerCountWarnings(record, tol)).toEqual([]);
  });

  it('flags 万元 over the named yuan per project (a 元 figure under a 万元 header): both readings given', () => {
    expect(tol.amountPerCountMaxYuan).toBe(1e10);
    const [w] = amountPerCountWarnings(procurement(92, 2404380000000, '240438000'), tol);
    expect(w.message).toBe(
      'table 二: 采购总金额 「240438000」 read as 2404380000000 元 is 26134565217.39 元 for each of 92 (采购项目数量), ' +
        'over 10000000000 元 each, which is implausible; read in 元 it is 240438000 元, 2613456.52 元 each: ' +
        'is its unit misprinted or misread?',
    );
    expect(amountPerCountWarnings(procurement(92, 900000000000, '90000000万元'), tol)).toEqual([]);
  });
});
