// Table 三 rows whose labels are garbled, shortened or lost: placed by the template's order, the
// placement confirmed by the arithmetic (总计 = sum of the results, the balance) or flagged.
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../extractors/plain-text.js';
import { layoutDocument } from '../src/layout/lines.js';
import { parseApplications } from '../src/tables/applications.js';
import { numberedRows } from '../src/tables/rows.js';
import { coreLabel } from '../src/text/normalize.js';
import { APPLICATION_ROW_SPECS, applicationsLayout } from '../src/templates/index.js';

const linesOf = (text: string) => layoutDocument(readPlainText(text)).lines;

/** A consistent 2021 table 三 (every relation holds): six applicant columns, the total last. */
const VALUES: Record<string, number[]> = {
  newReceived: [5, 1, 0, 0, 0, 1],
  carriedOver: [1, 0, 0, 0, 0, 0],
  'results.granted': [3, 1, 0, 0, 0, 0],
  'results.partiallyGranted': [1, 0, 0, 0, 0, 0],
  'results.withheld.thirdPartyRights': [1, 0, 0, 0, 0, 0],
  'results.withheld.internalAffairs': [0, 0, 0, 0, 0, 1],
  'results.unableToProvide.notHeld': [1, 0, 0, 0, 0, 0],
  'results.total': [6, 1, 0, 0, 0, 1],
};
const row = (path: string) => {
  const v = VALUES[path] ?? [0, 0, 0, 0, 0, 0];
  return {
    naturalPerson: v[0],
    commercialEnterprise: v[1],
    researchInstitution: v[2],
    socialWelfareOrg: v[3],
    legalServiceOrg: v[4],
    otherOrg: v[5],
    total: v.reduce((a, b) => a + b, 0),
  };
};

/** The table as plain text; `label` may garble a row's label, `values` change its numbers. */
function table(
  opts: { label?: (path: string, printed: string) => string | null; values?: Record<string, number[]> } = {},
): string {
  const layout = applicationsLayout('split');
  const line = (path: string, printed: string) => {
    const label = opts.label ? opts.label(path, printed) : printed;
    if (label === null) return [];
    const v = opts.values?.[path] ?? VALUES[path] ?? [0, 0, 0, 0, 0, 0];
    return [`${label}  ${[...v, v.reduce((a, b) => a + b, 0)].join('  ')}`];
  };
  const out = layout.top.flatMap((r) => line(r.path, r.label));
  out.push(layout.resultsHead);
  for (const b of layout.results) {
    if (b.kind === 'single') out.push(...line(b.row.path, b.row.label));
    else out.push(b.label, ...b.rows.flatMap((r) => line(r.path, r.label)));
  }
  out.push(...layout.bottom.flatMap((r) => line(r.path, r.label)));
  return out.join('\n');
}

const warned = (r: ReturnType<typeof parseApplications>) =>
  r.warnings.filter((w) => w.code !== 'missing-row').map((w) => [w.code, w.path]);

describe('distinctive words of the rows (src/templates)', () => {
  it('each row with words is named by them in its own label, and by no other row’s', () => {
    const withWords = APPLICATION_ROW_SPECS.filter((r) => r.keywords?.length);
    expect(withWords.length).toBe(24);
    for (const r of APPLICATION_ROW_SPECS) {
      const core = coreLabel(r.label);
      const hits = withWords.filter((o) => o.keywords!.every((w) => core.includes(w))).map((o) => o.path);
      expect([r.path, hits]).toEqual([r.path, r.keywords?.length ? [r.path] : []]);
    }
  });
});

describe('table 三 rows placed by order and arithmetic', () => {
  it('reads the consistent table without a warning', () => {
    const r = parseApplications(linesOf(table()), new Map(), '2021');
    expect(warned(r)).toEqual([]);
    expect(r.data?.results?.withheld?.thirdPartyRights).toEqual(row('results.withheld.thirdPartyRights'));
  });

  it('places rows whose labels are unreadable between two sure rows, confirmed by 总计 and the balance', () => {
    const garbled: Record<string, string> = {
      'results.withheld.thirdPartyRights': '4.怵扩弟二万台法权孟',
      'results.withheld.internalAffairs': '5.禹士三奕丙韶事务言息',
      carriedOver: '二、上午培转政付倍息公廾甲请数皇',
    };
    const r = parseApplications(linesOf(table({ label: (p, l) => garbled[p] ?? l })), new Map(), '2021');
    for (const p of Object.keys(garbled)) expect(coreLabel(garbled[p]).length).toBeGreaterThan(0);
    expect(r.data?.results?.withheld?.thirdPartyRights).toEqual(row('results.withheld.thirdPartyRights'));
    expect(r.data?.results?.withheld?.internalAffairs).toEqual(row('results.withheld.internalAffairs'));
    expect(r.data?.carriedOver).toEqual(row('carriedOver'));
    // Placed and confirmed, and still named: a loose match or an inferred row is always a warning.
    expect(warned(r)).toEqual([
      ['label-uncertain', 'applications.carriedOver'],
      ['row-inferred', 'applications.results.withheld.thirdPartyRights'],
      ['row-inferred', 'applications.results.withheld.internalAffairs'],
    ]);
    expect(
      r.warnings
        .filter((w) => w.code === 'row-inferred')
        .every((w) => w.message.endsWith('the arithmetic confirms it')),
    ).toBe(true);
  });

  it('flags a placement by order that the arithmetic does not confirm, naming its path', () => {
    const r = parseApplications(
      linesOf(
        table({
          label: (p, l) => (p === 'results.withheld.thirdPartyRights' ? '4.怵扩弟二万台法权孟' : l),
          values: { 'results.withheld.thirdPartyRights': [2, 0, 0, 0, 0, 0] },
        }),
      ),
      new Map(),
      '2021',
    );
    expect(r.data?.results?.withheld?.thirdPartyRights?.naturalPerson).toBe(2);
    expect(warned(r)).toEqual([['row-inferred', 'applications.results.withheld.thirdPartyRights']]);
  });

  it('flags a row that could be either of two free rows: the arithmetic cannot tell them apart', () => {
    // 5.属于三类内部事务信息 is not printed; the garbled 4. could be either row.
    const r = parseApplications(
      linesOf(
        table({
          label: (p, l) =>
            p === 'results.withheld.thirdPartyRights'
              ? '怵扩弟二万台法权孟'
              : p === 'results.withheld.internalAffairs'
                ? null
                : l,
          values: { 'results.withheld.internalAffairs': [0, 0, 0, 0, 0, 0] },
        }),
      ),
      new Map(),
      '2021',
    );
    const codes = warned(r);
    expect(codes).toContainEqual(['row-inferred', 'applications.results.withheld.thirdPartyRights']);
    expect(r.warnings.filter((w) => w.code === 'missing-row').map((w) => w.path)).toEqual([
      'applications.results.withheld.internalAffairs',
    ]);
  });

  it('chooses by the arithmetic between a level-1 row and a result row', () => {
    // 二、上年结转 is not printed and 「（一）予以公开」 is unreadable: the balance rules out 上年结转.
    const r = parseApplications(
      linesOf(
        table({
          label: (p, l) => (p === 'carriedOver' ? null : p === 'results.granted' ? '怵扩弟二万' : l),
          values: { carriedOver: [0, 0, 0, 0, 0, 0], newReceived: [6, 1, 0, 0, 0, 1] },
        }),
      ),
      new Map(),
      '2021',
    );
    expect(r.data?.results?.granted).toEqual(row('results.granted'));
    expect(r.data?.carriedOver).toBeUndefined();
    expect(warned(r)).toEqual([['row-inferred', 'applications.results.granted']]);
    expect(r.warnings.filter((w) => w.code === 'missing-row').map((w) => w.path)).toEqual(['applications.carriedOver']);
  });

  it('places a row whose label was lost altogether (a line of values alone)', () => {
    const text = table({ label: (p, l) => (p === 'results.withheld.thirdPartyRights' ? '' : l) });
    const r = parseApplications(linesOf(text), new Map(), '2021');
    expect(r.data?.results?.withheld?.thirdPartyRights).toEqual(row('results.withheld.thirdPartyRights'));
    expect(warned(r)).toEqual([['row-inferred', 'applications.results.withheld.thirdPartyRights']]);
  });

  it('reads shortened labels by their distinctive words, confirmed by the arithmetic', () => {
    const short: Record<string, string> = {
      'results.otherHandling.overdueCorrection': '1.申请人逾期不补正',
      'results.otherHandling.overdueFee': '2.申请人逾期未缴纳费用',
    };
    // One overdue-fee case: 新收 and 总计 count it too, so every relation holds.
    const values = {
      'results.otherHandling.overdueFee': [1, 0, 0, 0, 0, 0],
      'results.total': [7, 1, 0, 0, 0, 1],
      newReceived: [6, 1, 0, 0, 0, 1],
    };
    const r = parseApplications(linesOf(table({ label: (p, l) => short[p] ?? l, values })), new Map(), '2021');
    expect(r.data?.results?.otherHandling?.overdueFee?.naturalPerson).toBe(1);
    expect(r.data?.results?.otherHandling?.overdueCorrection?.total).toBe(0);
    expect(warned(r)).toEqual([
      ['label-uncertain', 'applications.results.otherHandling.overdueCorrection'],
      ['label-uncertain', 'applications.results.otherHandling.overdueFee'],
    ]);
    expect(
      r.warnings.every(
        (w) => w.code !== 'label-uncertain' || w.message.endsWith('(a loose match, confirmed by the arithmetic)'),
      ),
    ).toBe(true);
    // The same labels where the arithmetic fails are loose matches, flagged.
    const bad = parseApplications(
      linesOf(
        table({ label: (p, l) => short[p] ?? l, values: { 'results.otherHandling.overdueFee': [1, 0, 0, 0, 0, 0] } }),
      ),
      new Map(),
      '2021',
    );
    expect(warned(bad)).toEqual([
      ['label-uncertain', 'applications.results.otherHandling.overdueCorrection'],
      ['label-uncertain', 'applications.results.otherHandling.overdueFee'],
    ]);
  });
});

describe('values stacked under a row in an unruled table', () => {
  it('flags 「0」 printed alone under 「343」 (a number wrapped in a narrow cell) and does not read it as a row', () => {
    const text = [
      '一、本年新收政府信息公开申请数量  343  0  0  0  0  0  343',
      '                                  0',
      '二、上年结转政府信息公开申请数量  0  0  0  0  0  0  0',
    ].join('\n');
    const rows = numberedRows(linesOf(text));
    expect(rows.map((r) => [r.label, r.values.length, r.stacked?.map((t) => t.text)])).toEqual([
      ['一、本年新收政府信息公开申请数量', 7, ['0']],
      ['二、上年结转政府信息公开申请数量', 7, undefined],
    ]);
    const r = parseApplications(linesOf(text), new Map(), '2021');
    expect(r.data?.newReceived?.naturalPerson).toBe(343);
    expect(r.warnings.filter((w) => w.code === 'stacked-value').map((w) => w.path)).toEqual([
      'applications.newReceived.naturalPerson',
    ]);
  });
});
