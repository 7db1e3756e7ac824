import { describe, expect, it } from 'vitest';
import { textTableChecks } from '../src/checks/text-table.js';
import { chineseNumber, normaliseProse, originalSpan } from '../src/checks/prose-text.js';
import type { Report } from '../src/schema/record.js';

const row = (total: number | null, naturalPerson: number | null = total) => ({
  naturalPerson,
  commercialEnterprise: 0,
  researchInstitution: 0,
  socialWelfareOrg: 0,
  legalServiceOrg: 0,
  otherOrg: 0,
  total,
});
const group = (total: number | null) => ({ upheld: 0, corrected: 0, other: 0, pending: total, total });

/** A record with the tables the rules read and one overview section holding `prose`. */
function record(
  prose: string,
  opts: { template?: '2021' | '2019'; carriedOver?: number; fees?: string; section?: string } = {},
) {
  const fees = opts.fees ?? '12.35';
  return {
    template: opts.template ?? '2021',
    year: 2023,
    sections: [{ key: opts.section ?? 'overview', heading: '一、总体情况', text: prose, pages: [1] }],
    activeDisclosure:
      opts.template === '2019'
        ? {
            regulations: { newlyMade: 1, newlyPublished: 2, totalPublished: 9 },
            normativeDocuments: { newlyMade: 3, newlyPublished: 4, totalPublished: 20 },
          }
        : {
            regulations: { issued: 1, repealed: 0, inForce: 7 },
            normativeDocuments: { issued: 5, repealed: 2, inForce: 40 },
            administrativeFees: { amountTenThousandYuan: Number(fees) },
          },
    applications: {
      newReceived: row(20),
      carriedOver: row(opts.carriedOver ?? 0),
      results: {
        granted: row(9),
        partiallyGranted: row(3),
        withheld: {
          stateSecret: row(1),
          prohibitedByLaw: row(null),
          securityStability: row(0),
          thirdPartyRights: row(2),
          internalAffairs: row(0),
          processInformation: row(0),
          enforcementFiles: row(0),
          administrativeQuery: row(0),
        },
        unableToProvide: { notHeld: row(4), needsCreation: row(0), unclearAfterCorrection: row(0) },
        notProcessed: {
          complaint: row(1),
          duplicate: row(1),
          publication: row(0),
          excessive: row(0),
          confirmation: row(0),
        },
        total: row(20),
      },
      carriedForward: row(1),
    },
    reviewLitigation: { review: group(2), litigationDirect: group(1), litigationAfterReview: group(1) },
    provenance: {
      'activeDisclosure.administrativeFees.amountTenThousandYuan': { page: 2, bbox: [0, 0, 1, 1], text: fees },
    },
  } as unknown as Report;
}

const run = (prose: string, opts?: Parameters<typeof record>[1]) => textTableChecks(record(prose, opts));
const brief = (prose: string, opts?: Parameters<typeof record>[1]) =>
  run(prose, opts).checks.map((c) => [c.id, c.passed, c.actual, c.expected]);

describe('prose text', () => {
  it('normalises and maps back to the original offsets', () => {
    const text = '共收到政府信息公开申请 2\n件，全部办结。';
    const n = normaliseProse(text);
    expect(n.text).toBe('共收到政府信息公开申请2件,全部办结。');
    const at = n.text.indexOf('2件');
    expect(originalSpan(n, at, at + 2, text)).toEqual({ start: 12, end: 15 });
  });
  it('reads Chinese numerals', () => {
    expect([
      chineseNumber('两'),
      chineseNumber('十二'),
      chineseNumber('一百零五'),
      chineseNumber('三十'),
      chineseNumber('申'),
    ]).toEqual([2, 12, 105, 30, null]);
  });
});

describe('text-vs-table checks', () => {
  it('checks each tied phrase, naming the table path and the prose span', () => {
    const text =
      '2023年，本机关共新收政府信息公开申请20件，上年结转0件；予以公开9件，部分公开3件，不予公开3件，无法提供4件，不予处理2件，结转下年度继续办理1件。';
    const { checks, unchecked } = run(text);
    expect(unchecked).toEqual([]);
    expect(checks.map((c) => [c.id, c.passed, c.actual, c.expected])).toEqual([
      ['textTable:applications.newReceived.total', true, 20, 20],
      ['textTable:applications.carriedOver.total', true, 0, 0],
      ['textTable:applications.results.granted.total', true, 9, 9],
      ['textTable:applications.results.partiallyGranted.total', true, 3, 3],
      ['textTable:applications.results.withheld', true, 3, 3],
      ['textTable:applications.results.unableToProvide', true, 4, 4],
      ['textTable:applications.results.notProcessed', true, 2, 2],
      ['textTable:applications.carriedForward.total', true, 1, 1],
    ]);
    const c = checks[0];
    expect(c.kind).toBe('textTable');
    expect(c.paths).toEqual(['applications.newReceived.total']);
    expect(c.prose).toEqual({ section: 'overview', start: 10, end: 23, text: '新收政府信息公开申请20件' });
    expect(text.slice(c.prose!.start, c.prose!.end)).toBe('新收政府信息公开申请20件');
    // A group's sum: blank 2.其他法律行政法规禁止公开 counted as 0, and said so.
    expect(checks[4].paths).toEqual([
      'applications.results.withheld.stateSecret.total',
      'applications.results.withheld.prohibitedByLaw.total',
      'applications.results.withheld.securityStability.total',
      'applications.results.withheld.thirdPartyRights.total',
      'applications.results.withheld.internalAffairs.total',
      'applications.results.withheld.processInformation.total',
      'applications.results.withheld.enforcementFiles.total',
      'applications.results.withheld.administrativeQuery.total',
    ]);
    expect(checks[4].blanksAsZero).toBe(true);
  });

  it('a disagreement fails, with both sides in the message', () => {
    const [c] = run('本年共新收政府信息公开申请21件。').checks;
    expect([c.passed, c.actual, c.expected]).toEqual([false, 21, 20]);
    expect(c.message).toBe(
      '「新收政府信息公开申请」: the prose says 21 (overview 「新收政府信息公开申请21件」), but the table has 20 (applications.newReceived.total)',
    );
  });

  it('a group whose rows the report lacks is counted, not checked', () => {
    const r = record('不予处理2件。');
    delete (r.applications!.results!.notProcessed as Record<string, unknown>).excessive;
    const out = textTableChecks(r);
    expect(out.checks).toEqual([]);
    expect(out.unchecked.map((u) => u.reason)).toEqual([
      'the report has no applications.results.notProcessed.excessive.total',
    ]);
  });

  it('收到/受理 N件 is checked only when its two readings (with or without 上年结转) agree', () => {
    // No 上年结转 in this table: both readings are 20, so 「两件」 is a disagreement.
    expect(brief('共收到政府信息公开申请两件，全部按时办结。')).toEqual([
      ['textTable:applications.newReceived.total', false, 2, 20],
    ]);
    expect(brief('共收到政府信息公开申请20件，全部按时办结。')).toEqual([
      ['textTable:applications.newReceived.total', true, 20, 20],
    ]);
    const amb = run('共受理政府信息公开申请23件。', { carriedOver: 3 });
    expect(amb.checks).toEqual([]);
    expect(amb.unchecked.map((u) => u.reason)).toEqual(['「受理/收到政府信息公开申请」 may mean 20 or 23']);
  });

  it('qualified numbers, other years and comparisons are counted, not checked', () => {
    for (const text of [
      '其中自然人新收政府信息公开申请15件。',
      '通过网络新收政府信息公开申请12件。',
      '2022年新收政府信息公开申请15件。',
      '同比新收政府信息公开申请增加5件，予以公开3件。',
      '上半年新收政府信息公开申请8件。',
      '累计予以公开300件。',
    ]) {
      const r = run(text);
      expect(r.checks, text).toEqual([]);
      expect(r.unchecked.length, text).toBeGreaterThan(0);
    }
    // Words after the phrase do not matter: 「较上年增加」 follows the number it is not about.
    expect(brief('新收政府信息公开申请20件，较上年增加5件。')).toEqual([
      ['textTable:applications.newReceived.total', true, 20, 20],
    ]);
  });

  it('行政复议/行政诉讼 vs table 四, only when said of 政府信息公开', () => {
    expect(brief('因政府信息公开被申请行政复议2件、提起行政诉讼3件。')).toEqual([
      ['textTable:reviewLitigation.review.total', true, 2, 2],
      ['textTable:reviewLitigation.litigationDirect.total+reviewLitigation.litigationAfterReview.total', false, 3, 2],
    ]);
    expect(brief('发生政府信息公开行政复议、行政诉讼案件共4件。')).toEqual([
      [
        'textTable:reviewLitigation.review.total+reviewLitigation.litigationDirect.total+reviewLitigation.litigationAfterReview.total',
        true,
        4,
        4,
      ],
    ]);
    // A 司法局's own casework: not about disclosure.
    expect(run('全年办理行政复议案件120件。').unchecked.map((u) => u.reason)).toEqual([
      'not said to be about 政府信息公开',
    ]);
    // In section 四 itself the context is given.
    expect(brief('本年度行政复议2件。', { section: 'reviewLitigation' })).toEqual([
      ['textTable:reviewLitigation.review.total', true, 2, 2],
    ]);
  });

  it('规章 and 规范性文件 vs table 二, per template; 规章制度 is not 规章', () => {
    expect(
      brief('全年制发规范性文件5件，废止行政规范性文件3件，现行有效规范性文件40件；制定规章1件，制定规章制度8项。'),
    ).toEqual([
      ['textTable:activeDisclosure.normativeDocuments.issued', true, 5, 5],
      ['textTable:activeDisclosure.normativeDocuments.repealed', false, 3, 2],
      ['textTable:activeDisclosure.normativeDocuments.inForce', true, 40, 40],
      ['textTable:activeDisclosure.regulations.issued', true, 1, 1],
    ]);
    expect(brief('本年新制作规范性文件3件，新公开规范性文件5件。', { template: '2019' })).toEqual([
      ['textTable:activeDisclosure.normativeDocuments.newlyMade', true, 3, 3],
      ['textTable:activeDisclosure.normativeDocuments.newlyPublished', false, 5, 4],
    ]);
  });

  it("行政事业性收费 in 元/万元/千元 vs the table's 万元, each side rounded to what it prints", () => {
    expect(brief('本年行政事业性收费金额12.35万元。')).toEqual([
      ['textTable:activeDisclosure.administrativeFees.amountTenThousandYuan', true, 12.35, 12.35],
    ]);
    expect(brief('行政事业性收费123456元。')).toEqual([
      ['textTable:activeDisclosure.administrativeFees.amountTenThousandYuan', true, 12.3456, 12.35],
    ]);
    expect(brief('行政事业性收费12万元。')).toEqual([
      ['textTable:activeDisclosure.administrativeFees.amountTenThousandYuan', true, 12, 12.35],
    ]);
    expect(brief('行政事业性收费135000元。')).toEqual([
      ['textTable:activeDisclosure.administrativeFees.amountTenThousandYuan', false, 13.5, 12.35],
    ]);
    expect(brief('行政事业性收费123450元。')).toEqual([
      ['textTable:activeDisclosure.administrativeFees.amountTenThousandYuan', true, 12.345, 12.35],
    ]);
    // 「0」万元 printed, 5000元 said: 0.5 rounds to 1, not 0.
    expect(brief('行政事业性收费5000元。', { fees: '0' })).toEqual([
      ['textTable:activeDisclosure.administrativeFees.amountTenThousandYuan', false, 0.5, 0],
    ]);
    expect(brief('行政事业性收费1235千元。', { fees: '123.5' })).toEqual([
      ['textTable:activeDisclosure.administrativeFees.amountTenThousandYuan', true, 123.5, 123.5],
    ]);
    // 信息处理费 is not in the tables: counted only.
    const r = run('本年度收取信息处理费200元。');
    expect([r.checks.length, r.unchecked.map((u) => u.reason)]).toEqual([
      0,
      ['fees charged for disclosure (信息处理费) are not in the tables'],
    ]);
  });

  it('prose spans get the page and box from the locator', () => {
    const [c] = textTableChecks(record('予以公开9件。'), (section, start, end) => ({
      page: 3,
      bbox: [start, 0, end, 10],
    })).checks;
    expect(c.prose).toEqual({
      section: 'overview',
      start: 0,
      end: 6,
      page: 3,
      bbox: [0, 0, 6, 10],
      text: '予以公开9件',
    });
  });
});
