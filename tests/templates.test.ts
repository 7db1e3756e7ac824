// src/templates is the one description of the national forms: its labels are written nowhere else
// under src/, and the parsers, checks, review page, CSV, zod schema and sample generator follow it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../extractors/plain-text.js';
import { layoutDocument } from '../src/layout/lines.js';
import { parseApplications } from '../src/tables/applications.js';
import { parseActiveDisclosure } from '../src/tables/active-disclosure.js';
import { checkApplications } from '../src/checks/arithmetic.js';
import { activeTable, applicationsTable, reviewTable } from '../src/review/forms.js';
import { WIDE_TABLES, REPORT_COLUMNS } from '../src/output/csv.js';
import { LEAVES } from '../src/output/cells.js';
import { detectTemplate } from '../src/sections/template.js';
import {
  ActiveDisclosure2019Schema,
  ActiveDisclosure2021Schema,
  ApplicationsSchema,
  ReviewLitigationSchema,
  type Report,
} from '../src/schema/record.js';
import {
  APPLICANT_COLUMN_SPECS,
  APPLICANT_COLUMNS,
  APPLICATION_GROUPS,
  APPLICATION_ROW_SPECS,
  applicationRows,
  applicationsLayout,
  BALANCE_NOTE,
  disclosureBlocks,
  disclosureItems,
  groupHeadLabel,
  numbering,
  printedApplicationRows,
  printedLabel,
  RESULTS_HEAD,
  REVIEW_COLUMN_SPECS,
  REVIEW_GROUP_SPECS,
  rowName,
  columnName,
  TEMPLATE_CELLS,
  templateCell,
  TEMPLATE_IDS,
  TEMPLATES,
  type OtherHandlingMode,
} from '../src/templates/index.js';
import { allApplicationRows, disclosureSections, RESULTS_CELL_LABEL } from '../scripts/samples/template.js';

const root = path.resolve(__dirname, '..');
const linesOf = (text: string) => layoutDocument(readPlainText(text)).lines;
const MODES: OtherHandlingMode[] = ['split', 'single'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Table 三 as plain text: each printed row with seven numbers (row k prints k), group heads alone. */
function table3Text(mode: OtherHandlingMode, label: (path: string, printed: string) => string = (_, l) => l): string {
  const layout = applicationsLayout(mode);
  const line = (p: string, l: string, k: number) => `${label(p, l)}  ${[k, 0, 0, 0, 0, 0, k].join('  ')}`;
  let k = 0;
  const out = layout.top.map((r) => line(r.path, r.label, ++k));
  out.push(layout.resultsHead);
  for (const b of layout.results) {
    if (b.kind === 'single') out.push(line(b.row.path, b.row.label, ++k));
    else out.push(b.label, ...b.rows.map((r) => line(r.path, r.label, ++k)));
  }
  out.push(...layout.bottom.map((r) => line(r.path, r.label, ++k)));
  return out.join('\n');
}

/** The leaves of a zod object schema, depth first, in declaration order. */
function schemaLeaves(schema: z.ZodType, prefix = ''): string[] {
  const def = (schema as unknown as { def: { type: string; innerType?: z.ZodType; shape?: Record<string, z.ZodType> } })
    .def;
  if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) return schemaLeaves(def.innerType, prefix);
  if (def.type === 'object' && def.shape)
    return Object.entries(def.shape).flatMap(([k, v]) => schemaLeaves(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

describe('one place for the forms', () => {
  // Every printed text of table 三; 「其他」「总计」 are left out: they are column headings too.
  const printed = [
    ...APPLICATION_ROW_SPECS.flatMap((r) => [r.label, r.note ?? '']),
    ...Object.values(APPLICATION_GROUPS).map((g) => g.label),
    RESULTS_HEAD.label,
    BALANCE_NOTE,
  ].filter((l, k, all) => l.length >= 3 && all.indexOf(l) === k);
  // The old forms (template "2008": src/templates/legacy*.ts) print their own labels, some sharing words with table 三's.
  const sources = tsFiles(path.join(root, 'src'))
    .filter((f) => !/src\/templates\/legacy[^/]*\.ts$/.test(f))
    .map((f) => ({ file: path.relative(root, f), text: readFileSync(f, 'utf8') }));

  it('writes each printed label of table 三 exactly once under src/, in src/templates/applications.ts', () => {
    expect(printed.length).toBe(30);
    for (const label of printed) {
      // A label inside a longer one (a short label within a sentence) is not a second copy.
      const longer = printed.filter((l) => l !== label && l.includes(label));
      const places = sources.flatMap(({ file, text }) => {
        const own = longer.reduce((t, l) => t.split(l).join(''), text);
        return Array(own.split(label).length - 1).fill(file);
      });
      expect([label, places]).toEqual([label, ['src/templates/applications.ts']]);
    }
  });

  it('prints the forms the national templates set', () => {
    expect(TEMPLATE_IDS).toEqual(['2021', '2019']);
    expect(printedLabel(APPLICATION_ROW_SPECS[3])).toBe('（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    expect(numbering(1, 4)).toBe('四、');
    expect(groupHeadLabel('unableToProvide')).toBe('（四）无法提供');
    expect(applicationRows('2021').map((r) => r.path)).not.toContain('results.otherHandling.total');
    expect(applicationRows('2019').map((r) => r.path)).not.toContain('results.otherHandling.other');
    expect(applicationRows('2021')).toHaveLength(25);
    expect(applicationRows('2019')).toHaveLength(23);
    expect(
      printedApplicationRows('single')
        .map((r) => r.label)
        .slice(-3),
    ).toEqual(['（六）其他处理', '（七）总计', '四、结转下年度继续办理']);
    expect(rowName('applications.results.otherHandling.overdueFee')).toBe(
      '（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用',
    );
    expect(rowName('applications.results.withheld.securityStability')).toBe('（三）不予公开 3.危及“三安全一稳定”');
    expect(rowName('reviewLitigation.litigationAfterReview')).toBe('行政诉讼·复议后起诉');
    expect(rowName('activeDisclosure.normativeDocuments', '2019')).toBe('规范性文件');
    expect(rowName('activeDisclosure.normativeDocuments', '2021')).toBe('行政规范性文件');
    expect(columnName('decisions', '2021')).toBe('本年处理决定数量');
    expect(columnName('decisions', '2019')).toBe('处理决定数量');
    expect(columnName('other')).toBe('其他结果');
    expect(disclosureItems('2019').map((i) => i.key)).toEqual([
      'regulations', 'normativeDocuments', 'administrativeLicensing', 'otherExternalServices',
      'administrativePunishment', 'administrativeCoercion', 'administrativeFees', 'governmentProcurement',
    ]); // prettier-ignore
    for (const id of TEMPLATE_IDS) expect(TEMPLATES[id].applications).toEqual(applicationRows(id));
  });

  it('agrees with the zod schema of the record, field for field and in order', () => {
    expect(schemaLeaves(ApplicationsSchema)).toEqual(
      APPLICATION_ROW_SPECS.flatMap((r) => APPLICANT_COLUMNS.map((c) => `${r.path}.${c}`)),
    );
    expect(schemaLeaves(ActiveDisclosure2021Schema)).toEqual(LEAVES.activeDisclosure2021.map((l) => l.path));
    expect(schemaLeaves(ActiveDisclosure2019Schema)).toEqual(LEAVES.activeDisclosure2019.map((l) => l.path));
    expect(schemaLeaves(ReviewLitigationSchema)).toEqual(LEAVES.reviewLitigation.map((l) => l.path));
    expect(LEAVES.activeDisclosure2019.filter((l) => l.kind === 'string').map((l) => l.path)).toEqual([
      'governmentProcurement.totalAmountText',
    ]);
  });
});

describe('readers and writers follow the templates', () => {
  for (const mode of MODES) {
    it(`the table 三 parser reads every printed row (（六） ${mode})`, () => {
      const r = parseApplications(linesOf(table3Text(mode)), new Map(), '2021');
      const rows = printedApplicationRows(mode);
      rows.forEach((row, k) => {
        const got = row.path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)?.[key], r.data);
        expect([row.path, got]).toEqual([
          row.path,
          { ...Object.fromEntries(APPLICANT_COLUMNS.map((c) => [c, 0])), naturalPerson: k + 1, total: k + 1 },
        ]);
      });
      expect(r.warnings.filter((w) => w.code !== 'missing-row')).toEqual([]);
      // The template's arithmetic holds on it row by row (each row k prints k … k).
      const rowTotals = checkApplications(r.data).filter((c) => c.id.startsWith('rowTotal:'));
      expect(rowTotals.map((c) => [c.id, c.passed])).toEqual(
        rows.map((row) => [`rowTotal:applications.${row.path}`, true]),
      );
    });
  }

  it('reads each known variant and short name of a row as that row, without doubt', () => {
    const cases = APPLICATION_ROW_SPECS.flatMap((row) =>
      [...(row.short ? [row.short] : []), ...(row.variants ?? [])].map((v) => ({ row, v })),
    );
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const { row, v } of cases) {
      const head = row.group ? `${groupHeadLabel(row.group)}\n` : '';
      const r = parseApplications(
        linesOf(`${head}${numbering(row.level, row.index)}${v}  1 0 0 0 0 0 1`),
        new Map(),
        null,
      );
      const got = row.path.split('.').reduce<unknown>((o, key) => (o as Record<string, unknown>)?.[key], r.data);
      expect([
        v,
        (got as { total?: number } | undefined)?.total,
        r.warnings.filter((w) => w.code !== 'missing-row'),
      ]).toEqual([v, 1, []]);
    }
  });

  it('the table 二 parser reads every item of each template', () => {
    for (const id of TEMPLATE_IDS) {
      const text = disclosureItems(id)
        .map(
          (item, k) =>
            `${item.label}  ${item.columns.map((c, ci) => (c.unit === 'yuan' ? `${k}万元` : String(k * 10 + ci))).join('  ')}`,
        )
        .join('\n');
      const r = parseActiveDisclosure(linesOf(text), new Map(), id);
      expect(r.warnings).toEqual([]);
      disclosureItems(id).forEach((item, k) => {
        const got = (r.data as Record<string, Record<string, unknown>>)[item.key];
        item.columns.forEach((c, ci) =>
          expect([item.key, c.key, got[c.key]]).toEqual([item.key, c.key, c.unit === 'yuan' ? k * 1e4 : k * 10 + ci]),
        );
      });
    }
  });

  it('tells the templates apart by their markers', () => {
    for (const id of TEMPLATE_IDS) {
      expect(detectTemplate(TEMPLATES[id].markers.activeDisclosure[0], '', null)).toBe(id);
      expect(
        detectTemplate(
          disclosureBlocks(id)
            .flatMap((b) => b.columns.map((c) => c.heading))
            .join(' '),
          '',
          null,
        ),
      ).toBe(id);
    }
    expect(detectTemplate('', table3Text('split'), null)).toBe('2021');
  });

  it('the review page draws the forms from the templates', () => {
    for (const mode of MODES) {
      const record = parseApplications(linesOf(table3Text(mode)), new Map(), '2021').data;
      const html = applicationsTable({
        record: { applications: record, provenance: {} } as unknown as Report,
        failed: new Set(),
        warned: [],
      });
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      for (const r of printedApplicationRows(mode)) expect(html).toContain(`>${esc(r.label)}</th>`);
      for (const b of applicationsLayout(mode).results)
        if (b.kind === 'group') expect(html).toContain(`>${b.label}</th>`);
      for (const c of APPLICANT_COLUMN_SPECS) expect(html).toContain(`>${c.heading}</th>`);
      expect(html).toContain(BALANCE_NOTE);
    }
    const rl = { review: null, litigationDirect: null, litigationAfterReview: null };
    const t4 = reviewTable({
      record: { reviewLitigation: rl, provenance: {} } as unknown as Report,
      failed: new Set(),
      warned: [],
    });
    for (const s of [...REVIEW_COLUMN_SPECS.map((c) => c.heading), ...REVIEW_GROUP_SPECS.map((g) => g.heading)])
      expect(t4).toContain(`>${s}</th>`);
    for (const id of TEMPLATE_IDS) {
      const t2 = activeTable({
        record: { template: id, activeDisclosure: {}, provenance: {} } as unknown as Report,
        failed: new Set(),
        warned: [],
      });
      for (const b of disclosureBlocks(id)) {
        expect(t2).toContain(b.caption);
        for (const c of b.columns) expect(t2).toContain(`>${c.heading}</th>`);
        for (const i of b.items) expect(t2).toContain(`>${i.label}</th>`);
      }
    }
  });

  it('the CSV tables have one column per template cell, in print order', () => {
    // After the report columns and checksFailed, one per cell; last, the corrected cells' names.
    expect(WIDE_TABLES.map((t) => t.header[t.header.length - 1])).toEqual(WIDE_TABLES.map(() => 'corrected'));
    const wide = Object.fromEntries(WIDE_TABLES.map((t) => [t.name, t.header.slice(REPORT_COLUMNS.length + 1, -1)]));
    expect(wide.applications).toEqual(applicationRows().flatMap((r) => APPLICANT_COLUMNS.map((c) => `${r.path}.${c}`)));
    expect(wide.reviewLitigation).toEqual(
      REVIEW_GROUP_SPECS.flatMap((g) => REVIEW_COLUMN_SPECS.map((c) => `${g.key}.${c.key}`)),
    );
    for (const id of TEMPLATE_IDS) {
      expect(wide[`activeDisclosure-${id}`]).toEqual(
        disclosureItems(id).flatMap((i) =>
          i.columns.flatMap((c) => [`${i.key}.${c.key}`, ...(c.textKey ? [`${i.key}.${c.textKey}`] : [])]),
        ),
      );
    }
  });

  it('a correction may name exactly the numeric cells the CSV and database list (TEMPLATE_CELLS)', () => {
    const leaves = [
      ...[...LEAVES.activeDisclosure2021, ...LEAVES.activeDisclosure2019]
        .filter((l) => l.kind === 'number')
        .map((l) => `activeDisclosure.${l.path}`),
      ...LEAVES.applications.map((l) => `applications.${l.path}`),
      ...LEAVES.reviewLitigation.map((l) => `reviewLitigation.${l.path}`),
      ...LEAVES.legacy.map((l) => `legacy.${l.path}`),
    ];
    expect(TEMPLATE_CELLS.map((c) => c.path)).toEqual([...new Set(leaves)]);
    expect(templateCell('activeDisclosure.administrativeLicensing.decisions')).toMatchObject({
      unit: 'count',
      templates: ['2021', '2019'],
    });
    expect(templateCell('activeDisclosure.administrativeFees.changeThisYear')).toMatchObject({
      unit: 'signedCount',
      templates: ['2019'],
    });
    expect(templateCell('applications.results.otherHandling.total.total')).toMatchObject({
      unit: 'count',
      templates: ['2019'],
    });
    expect(templateCell('activeDisclosure.governmentProcurement.totalAmountText')).toBeUndefined();
    expect(templateCell('legacy.review.total')).toMatchObject({ unit: 'count', templates: ['2008'] });
  });

  it('the sample generator prints the templates’ rows, labels and table 二 blocks', () => {
    for (const mode of MODES) expect(allApplicationRows(mode)).toEqual(printedApplicationRows(mode));
    expect(RESULTS_CELL_LABEL).toBe('三、本年度办理结果');
    for (const id of TEMPLATE_IDS) {
      expect(
        disclosureSections(id).map((s) => [s.caption, s.rows.map((r) => r.label), s.columns.map((c) => c.heading)]),
      ).toEqual(
        disclosureBlocks(id).map((b) => [b.caption, b.items.map((i) => i.label), b.columns.map((c) => c.heading)]),
      );
    }
  });
});
