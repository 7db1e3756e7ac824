// Corrections: the JSON Lines file (one-line errors naming file and line), applying it to real records
// (the inconsistent sample's failed checks pass; text-vs-table checks run again too), the CSV's
// `corrected` column, and the same record after re-extraction.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recheck } from '../src/checks/recheck.js';
import { completenessViolations } from '../src/checks/completeness.js';
import {
  applyCorrections,
  CorrectionLineSchema,
  parseCorrections,
  type CorrectionInput,
} from '../src/corrections/index.js';
import { extractReport, ReportSchema, type Report } from '../src/index.js';
import { toCsv, WIDE_TABLES } from '../src/output/csv.js';
import { parseCsv } from './batch-fixtures.js';

const root = path.resolve(__dirname, '..');
const TOWN = path.join(root, 'samples/town-2021-inconsistent.pdf');
const PROSE = path.join(root, 'samples/prose-2023-disagree.pdf');
const failedIds = (r: Report) =>
  r.checks
    .filter((c) => !c.passed)
    .map((c) => c.id)
    .sort();
const line = (o: Record<string, unknown>) => JSON.stringify(o);
const parseError = (text: string) => {
  try {
    parseCorrections(text, 'fix.jsonl');
  } catch (e) {
    return (e as { toLine(): string }).toLine();
  }
  return 'no error';
};

describe('the corrections file', () => {
  const sha = 'a'.repeat(64);

  it('reads one correction per line, blank lines and a BOM aside, each with its file and line', () => {
    const text =
      '\uFEFF' +
      [
        line({
          sha256: sha,
          path: 'applications.newReceived.total',
          value: 12,
          note: '印刷错误',
          author: '张三',
          time: '2026-11-27T03:00:00Z',
        }),
        '',
        line({ sha256: sha, path: 'reviewLitigation.review.pending', value: null }),
      ].join('\n') +
      '\n';
    expect(parseCorrections(text, 'fix.jsonl')).toEqual([
      {
        sha256: sha,
        path: 'applications.newReceived.total',
        value: 12,
        note: '印刷错误',
        author: '张三',
        time: '2026-11-27T03:00:00Z',
        from: { file: 'fix.jsonl', line: 1 },
      },
      { sha256: sha, path: 'reviewLitigation.review.pending', value: null, from: { file: 'fix.jsonl', line: 3 } },
    ]);
    // Every numeric cell of either form may be corrected, table 二 of 2019 too.
    expect(
      parseCorrections(
        line({ sha256: sha, path: 'activeDisclosure.administrativeLicensing.changeThisYear', value: -2 }),
        'f',
      )[0].value,
    ).toBe(-2);
  });

  it('rejects a bad line with one line naming the file and the line', () => {
    const good = line({ sha256: sha, path: 'applications.newReceived.total', value: 1 });
    expect(parseError(`${good}\n${line({ sha256: sha, path: 'applications.newReceived.totl', value: 1 })}`)).toBe(
      'fix.jsonl:2: unknown path 「applications.newReceived.totl」: not a numeric cell of table 二/三/四 in either template (e.g. applications.results.granted.naturalPerson)',
    );
    expect(parseError(line({ sha256: sha, path: 'applications.newReceived', value: 1 }))).toContain(
      'fix.jsonl:1: unknown path 「applications.newReceived」',
    );
    expect(
      parseError(line({ sha256: sha, path: 'activeDisclosure.governmentProcurement.totalAmountText', value: 1 })),
    ).toContain('fix.jsonl:1: unknown path');
    expect(parseError(`${good}\n\n{"sha256": "${sha}", "path": `)).toMatch(/^fix\.jsonl:3: not JSON \(/);
    expect(parseError(line({ path: 'applications.newReceived.total', value: 1 }))).toBe(
      'fix.jsonl:1: sha256 is missing',
    );
    expect(parseError(line({ sha256: 'ABC', path: 'applications.newReceived.total', value: 1 }))).toBe(
      "fix.jsonl:1: sha256: a SHA-256 in lowercase hex (64 characters), as in the record's source.sha256",
    );
    expect(parseError(line({ sha256: sha, path: 'applications.newReceived.total', vaule: 1 }))).toBe(
      'fix.jsonl:1: unknown field vaule (a line has sha256, path, value, note, author, time)',
    );
    expect(parseError(line({ sha256: sha, path: 'applications.newReceived.total', value: '1' }))).toBe(
      'fix.jsonl:1: value: Invalid input: expected number, received string',
    );
    expect(parseError(line({ sha256: sha, path: 'applications.newReceived.total', value: -1 }))).toBe(
      'fix.jsonl:1: applications.newReceived.total: a count (件/个) is a whole number ≥ 0, not -1',
    );
    expect(parseError(line({ sha256: sha, path: 'reviewLitigation.review.total', value: 1.5 }))).toBe(
      'fix.jsonl:1: reviewLitigation.review.total: a count (件/个) is a whole number ≥ 0, not 1.5',
    );
    expect(
      parseError(line({ sha256: sha, path: 'activeDisclosure.administrativeFees.amountTenThousandYuan', value: -0.5 })),
    ).toBe('fix.jsonl:1: activeDisclosure.administrativeFees.amountTenThousandYuan: an amount is ≥ 0, not -0.5');
    expect(
      parseError(line({ sha256: sha, path: 'applications.newReceived.total', value: 1, time: 'yesterday' })),
    ).toMatch(/^fix\.jsonl:1: time: /);
    expect(parseError('[1]')).toBe('fix.jsonl:1: not a correction (Invalid input: expected object, received array)');
  });

  it('has a JSON Schema listing the paths a correction may name', async () => {
    const { z } = await import('zod');
    const schema = z.toJSONSchema(CorrectionLineSchema) as {
      required: string[];
      additionalProperties: boolean;
      properties: { path: { enum: string[] } };
    };
    expect(schema.required).toEqual(['sha256', 'path', 'value']);
    expect(schema.additionalProperties).toBe(false);
    // Table 二: 10 cells in 2021, 22 in 2019, 3 of them the same (处理决定数量); 26 rows × 7 of 三; 3 × 5 of 四;
    // the 45 figures of template 2008's `legacy`.
    expect(schema.properties.path.enum).toHaveLength(10 + 22 - 3 + 26 * 7 + 15 + 45);
    expect(schema.properties.path.enum).toContain('applications.results.otherHandling.total.total');
  });
});

describe('a correction applied to the inconsistent sample', () => {
  let town: Report;
  let fixes: CorrectionInput[];
  let fixed: Report;
  beforeAll(async () => {
    town = await extractReport(TOWN, { path: 'samples/town-2021-inconsistent.pdf' });
    const sha = town.source.sha256;
    // The sample's two misprints (samples/README.md): 予以公开·自然人 printed 1 too high (4 for 3), 行政复议 总计 1 too high (2 for 1).
    fixes = parseCorrections(
      [
        line({
          sha256: sha,
          path: 'applications.results.granted.naturalPerson',
          value: 5,
          note: 'first try',
          author: '李四',
          time: '2026-11-27T02:00:00Z',
        }),
        line({ sha256: 'b'.repeat(64), path: 'applications.results.granted.naturalPerson', value: 0 }),
        line({
          sha256: sha,
          path: 'reviewLitigation.review.total',
          value: 1,
          note: '维持+纠正+其他+尚未审结 = 1',
          author: '李四',
          time: '2026-11-27T02:01:00Z',
        }),
        line({
          sha256: sha,
          path: 'applications.results.granted.naturalPerson',
          value: 3,
          note: '六类之和为总计 3',
          author: '李四',
          time: '2026-11-27T02:02:00Z',
        }),
      ].join('\n'),
      'fixes.jsonl',
    );
    fixed = applyCorrections(town, fixes);
  });

  it('makes its three failed checks pass', () => {
    expect(failedIds(town)).toEqual([
      'groupTotal:reviewLitigation.review',
      'resultsTotal:naturalPerson',
      'rowTotal:applications.results.granted',
    ]);
    expect(failedIds(fixed)).toEqual([]);
    expect(fixed.checks.map((c) => c.id)).toEqual(town.checks.map((c) => c.id));
    const at = (id: string) => fixed.checks.find((c) => c.id === id)!;
    expect([
      at('rowTotal:applications.results.granted').expected,
      at('rowTotal:applications.results.granted').actual,
    ]).toEqual([3, 3]);
    expect([at('resultsTotal:naturalPerson').expected, at('resultsTotal:naturalPerson').actual]).toEqual([10, 10]);
    expect(at('groupTotal:reviewLitigation.review').message).toBe(
      'reviewLitigation.review: 总计 = 维持 + 纠正 + 其他 + 尚未审结: 1 = 1',
    );
  });

  it('puts the corrected value in the table and keeps the printed one beside it (the last line for a cell wins)', () => {
    expect(fixed.applications!.results!.granted!.naturalPerson).toBe(3);
    expect(fixed.reviewLitigation!.review!.total).toBe(1);
    expect(fixed.corrections).toEqual([
      {
        path: 'applications.results.granted.naturalPerson',
        printed: 4,
        value: 3,
        note: '六类之和为总计 3',
        author: '李四',
        time: '2026-11-27T02:02:00Z',
      },
      {
        path: 'reviewLitigation.review.total',
        printed: 2,
        value: 1,
        note: '维持+纠正+其他+尚未审结 = 1',
        author: '李四',
        time: '2026-11-27T02:01:00Z',
      },
    ]);
    // Provenance still says what was printed, and where.
    expect(fixed.provenance['applications.results.granted.naturalPerson']).toEqual(
      town.provenance['applications.results.granted.naturalPerson'],
    );
    expect(fixed.provenance['applications.results.granted.naturalPerson'].text).toBe('4');
    expect(ReportSchema.parse(fixed)).toEqual(fixed);
    expect(completenessViolations(fixed)).toEqual([]);
    // Pure: the extraction is untouched.
    expect(town.applications!.results!.granted!.naturalPerson).toBe(4);
    expect(town.corrections).toBeUndefined();
  });

  it('gives the same record when applied again, and after re-extraction (keyed by sha256 and path)', async () => {
    expect(applyCorrections(fixed, fixes)).toEqual(fixed);
    const again = await extractReport(readFileSync(TOWN), { path: 'samples/town-2021-inconsistent.pdf' });
    expect(again.source.sha256).toBe(town.source.sha256);
    expect(applyCorrections(again, fixes)).toEqual(fixed);
    // A record of other content is left as it is.
    const other = { ...town, source: { ...town.source, sha256: 'c'.repeat(64) } };
    expect(applyCorrections(other, fixes)).toBe(other);
  });

  it('keeps the printed value when a corrected cell is corrected again', () => {
    const sha = town.source.sha256;
    const twice = applyCorrections(
      fixed,
      parseCorrections(
        line({ sha256: sha, path: 'applications.results.granted.naturalPerson', value: 2 }),
        'more.jsonl',
      ),
    );
    expect(twice.corrections![0]).toEqual({ path: 'applications.results.granted.naturalPerson', printed: 4, value: 2 });
    expect(failedIds(twice)).toEqual(['resultsTotal:naturalPerson', 'rowTotal:applications.results.granted']);
  });

  it('does not apply a correction of a cell the report does not print, and says so in a warning', () => {
    const sha = town.source.sha256;
    // This report prints （六）其他处理 as its three sub-rows, not as one row.
    const r = applyCorrections(
      town,
      parseCorrections(
        line({ sha256: sha, path: 'applications.results.otherHandling.total.total', value: 1 }),
        'odd.jsonl',
      ),
    );
    expect(r.applications!.results!.otherHandling!.total).toBeUndefined();
    expect(r.corrections).toBeUndefined();
    expect(r.warnings.filter((w) => w.code === 'correction-not-applied')).toEqual([
      {
        code: 'correction-not-applied',
        message:
          'odd.jsonl:1: the correction of applications.results.otherHandling.total.total to 1 was not applied: this report does not print that cell (its row or table is absent)',
        path: 'applications.results.otherHandling.total.total',
      },
    ]);
    expect(
      applyCorrections(
        r,
        parseCorrections(
          line({ sha256: sha, path: 'applications.results.otherHandling.total.total', value: 1 }),
          'odd.jsonl',
        ),
      ).warnings,
    ).toEqual(r.warnings);
  });

  it('shows in the CSV: corrected=true with the new value beside the printed text', () => {
    const { long, wide } = toCsv([town, fixed]);
    const rows = parseCsv(long.slice(1));
    expect(rows[0].slice(-3)).toEqual(['check', 'page', 'corrected']);
    const body = rows.slice(1);
    const [townRows, fixedRows] = [body.slice(0, body.length / 2), body.slice(body.length / 2)];
    expect(townRows.find((x) => x[8] === 'applications.results.granted.naturalPerson')!.slice(9)).toEqual([
      '4',
      '4',
      'failed',
      '3',
      'false',
    ]);
    expect(fixedRows.find((x) => x[8] === 'applications.results.granted.naturalPerson')!.slice(9)).toEqual([
      '3',
      '4',
      'passed',
      '3',
      'true',
    ]);
    expect(fixedRows.find((x) => x[8] === 'reviewLitigation.review.total')!.slice(9)).toEqual([
      '1',
      '2',
      'passed',
      '4',
      'true',
    ]);
    expect(fixedRows.filter((x) => x[13] === 'true').map((x) => x[8])).toEqual([
      'applications.results.granted.naturalPerson',
      'reviewLitigation.review.total',
    ]);
    expect(townRows.every((x) => x[13] === 'false')).toBe(true);
    // Wide tables: one `corrected` column naming the table's corrected cells.
    const apps = parseCsv(wide.applications.slice(1));
    expect(apps[0][apps[0].length - 1]).toBe('corrected');
    expect(apps.slice(1).map((x) => x[x.length - 1])).toEqual(['', 'results.granted.naturalPerson']);
    expect(
      parseCsv(wide.reviewLitigation.slice(1))
        .slice(1)
        .map((x) => x[x.length - 1]),
    ).toEqual(['', 'review.total']);
    expect(WIDE_TABLES.every((t) => t.header[t.header.length - 1] === 'corrected')).toBe(true);
  });
});

describe('checks computed again', () => {
  it('text-vs-table checks too: a corrected table cell agrees with the prose, and its row total no longer adds up', async () => {
    const prose = await extractReport(PROSE, { path: 'samples/prose-2023-disagree.pdf' });
    const check = prose.checks.find((c) => c.id === 'textTable:applications.newReceived.total')!;
    expect([check.passed, check.expected, check.actual]).toEqual([false, 173, PROSE_NEW_RECEIVED]);
    const r = applyCorrections(
      prose,
      parseCorrections(
        line({ sha256: prose.source.sha256, path: 'applications.newReceived.total', value: PROSE_NEW_RECEIVED }),
        'p.jsonl',
      ),
    );
    const after = r.checks.find((c) => c.id === 'textTable:applications.newReceived.total')!;
    expect([after.passed, after.expected, after.actual]).toEqual([true, PROSE_NEW_RECEIVED, PROSE_NEW_RECEIVED]);
    // The prose span keeps its page and box.
    expect(after.prose).toEqual(check.prose);
    const row = r.checks.find((c) => c.id === 'rowTotal:applications.newReceived')!;
    expect([row.passed, row.expected, row.actual]).toEqual([false, PROSE_NEW_RECEIVED, 173]);
    // So is the balance 新收 + 上年结转 = 办理结果 + 结转下年度 in the 总计 column: the others are as before.
    expect(failedIds(r)).toEqual(
      [
        ...failedIds(prose).filter((id) => id !== 'textTable:applications.newReceived.total'),
        'balance:total',
        'rowTotal:applications.newReceived',
      ].sort(),
    );
    expect(failedIds(prose)).toHaveLength(9);
  });

  it('recheck gives exactly the checks buildRecord made, on every sample', async () => {
    // Text layers and text, and the markup formats (HTML, DOCX) whose prose has no page.
    const dirs = ['samples', 'samples/compare', 'samples/formats'];
    let n = 0;
    for (const d of dirs) {
      for (const f of readdirSync(path.join(root, d))
        .filter((x) => /\.(pdf|txt|html|docx)$/.test(x))
        .sort()) {
        const r = await extractReport(path.join(root, d, f), { ocr: false });
        expect({ file: f, checks: recheck(r) }).toEqual({ file: f, checks: r.checks });
        n++;
      }
    }
    expect(n).toBe(13 + 25 + 4);
  }, 300_000);
});

/** What the prose of prose-2023-disagree.pdf says was newly received (its table: 173). */
const PROSE_NEW_RECEIVED = 176;
