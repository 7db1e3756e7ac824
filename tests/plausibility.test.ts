// Table 二 has no arithmetic: doubtful OCR numbers and rows its column definitions rule out are flagged.
import { describe, expect, it } from 'vitest';
import { fractionalCountWarnings, plausibilityWarnings } from '../src/checks/plausibility.js';
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
