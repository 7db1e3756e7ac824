// Table 三 (收到和处理政府信息公开申请情况): rows mapped to record paths by their labels, in order.
import type { Rule } from '../../extractors/types.js';
import { ApplicantColumns, type Applications, type ApplicantRow, type Template } from '../schema/record.js';
import type { Line } from '../layout/lines.js';
import { coreLabel, similarity } from '../text/normalize.js';
import { learnCentres, numberedRows, placeValues, type TableRow } from './rows.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

interface ExpectedRow {
  path: string;
  label: string;
  level: 1 | 2 | 3;
  index: number;
  /** Which templates print the row. */
  templates: Template[];
}

const both: Template[] = ['2021', '2019'];
const sub = (path: string, index: number, label: string, templates = both): ExpectedRow => ({
  path,
  label,
  level: 3,
  index,
  templates,
});

/** The template's rows in printed order (「（六）其他处理」 is one row in 2019, three in 2021). */
export const APPLICATION_ROWS: ExpectedRow[] = [
  { path: 'newReceived', label: '本年新收政府信息公开申请数量', level: 1, index: 1, templates: both },
  { path: 'carriedOver', label: '上年结转政府信息公开申请数量', level: 1, index: 2, templates: both },
  { path: 'results.granted', label: '予以公开', level: 2, index: 1, templates: both },
  { path: 'results.partiallyGranted', label: '部分公开', level: 2, index: 2, templates: both },
  sub('results.withheld.stateSecret', 1, '属于国家秘密'),
  sub('results.withheld.prohibitedByLaw', 2, '其他法律行政法规禁止公开'),
  sub('results.withheld.securityStability', 3, '危及三安全一稳定'),
  sub('results.withheld.thirdPartyRights', 4, '保护第三方合法权益'),
  sub('results.withheld.internalAffairs', 5, '属于三类内部事务信息'),
  sub('results.withheld.processInformation', 6, '属于四类过程性信息'),
  sub('results.withheld.enforcementFiles', 7, '属于行政执法案卷'),
  sub('results.withheld.administrativeQuery', 8, '属于行政查询事项'),
  sub('results.unableToProvide.notHeld', 1, '本机关不掌握相关政府信息'),
  sub('results.unableToProvide.needsCreation', 2, '没有现成信息需要另行制作'),
  sub('results.unableToProvide.unclearAfterCorrection', 3, '补正后申请内容仍不明确'),
  sub('results.notProcessed.complaint', 1, '信访举报投诉类申请'),
  sub('results.notProcessed.duplicate', 2, '重复申请'),
  sub('results.notProcessed.publication', 3, '要求提供公开出版物'),
  sub('results.notProcessed.excessive', 4, '无正当理由大量反复申请'),
  sub('results.notProcessed.confirmation', 5, '要求行政机关确认或重新出具已获取信息'),
  { path: 'results.otherHandling.total', label: '其他处理', level: 2, index: 6, templates: ['2019'] },
  sub('results.otherHandling.overdueCorrection', 1, '申请人无正当理由逾期不补正行政机关不再处理其政府信息公开申请', ['2021']),
  sub('results.otherHandling.overdueFee', 2, '申请人逾期未按收费通知要求缴纳费用行政机关不再处理其政府信息公开申请', ['2021']),
  sub('results.otherHandling.other', 3, '其他', ['2021']),
  { path: 'results.total', label: '总计', level: 2, index: 7, templates: both },
  { path: 'carriedForward', label: '结转下年度继续办理', level: 1, index: 4, templates: both },
];

const MIN_LABEL_SIMILARITY = 0.5;

/** Below this, a matched label is reported: the row may be the wrong one. */
const SURE_LABEL_SIMILARITY = 0.75;

function labelSimilarity(row: TableRow, exp: ExpectedRow): number {
  const core = coreLabel(row.label);
  const want = exp.label;
  // Trailing junk (a wrapped tail, a repeated header) must not hide a good prefix match.
  return Math.max(similarity(core, want), similarity(Array.from(core).slice(0, want.length).join(''), want) - 0.05);
}

/** How well a printed row matches a template row; 0 where it cannot be that row. */
function matchScore(row: TableRow, exp: ExpectedRow): number {
  const sim = labelSimilarity(row, exp);
  if (sim < MIN_LABEL_SIMILARITY) return 0;
  return sim + (row.level === exp.level ? 0.15 : 0) + (row.index === exp.index ? 0.1 : 0);
}

/** Order-preserving best assignment of printed rows to template rows (like a sequence alignment). */
function align(rows: TableRow[], expected: ExpectedRow[]): Array<ExpectedRow | null> {
  const m = rows.length;
  const k = expected.length;
  const best: number[][] = Array.from({ length: m + 1 }, () => Array(k + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = k - 1; j >= 0; j--) {
      const s = matchScore(rows[i], expected[j]);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], s > 0 ? s + best[i + 1][j + 1] : 0);
    }
  }
  const out: Array<ExpectedRow | null> = Array(m).fill(null);
  let i = 0;
  let j = 0;
  while (i < m && j < k) {
    const s = matchScore(rows[i], expected[j]);
    if (s > 0 && best[i][j] === s + best[i + 1][j + 1]) {
      out[i] = expected[j];
      i++;
      j++;
    } else if (best[i][j] === best[i + 1][j]) i++;
    else j++;
  }
  return out;
}

export function parseApplications(lines: Line[], rulesByPage: Map<number, Rule[]>, template: Template | null): TableResult<Applications> {
  const c = new TableCollector();
  const rows = numberedRows(lines);
  if (rows.length === 0) {
    c.warn('table-not-read', 'table 三: no numbered row of the table was found under its heading', { path: 'applications' });
    return c.result<Applications>(null);
  }
  const n = ApplicantColumns.length;
  const matched = align(rows, APPLICATION_ROWS);
  const centres = learnCentres(
    rows.filter((_, k) => matched[k]).map((r) => r.values),
    n,
  );
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  const expectedRows = APPLICATION_ROWS.filter((e) => (template ? e.templates.includes(template) : e.templates.length === 2));
  rows.forEach((row, k) => {
    const exp = matched[k];
    if (!exp) {
      if (row.values.length > 0) {
        c.warn('unmatched-row', `table 三: a row labelled 「${row.label}」 matches no template row; its values are ignored`, {
          page: row.line?.page,
          path: unmatchedPath(matched, k, APPLICATION_ROWS),
        });
      }
      return;
    }
    seen.add(exp.path);
    const base = `applications.${exp.path}`;
    const placed = placeValues(row.values, n, { rules: row.line ? rulesByPage.get(row.line.page) : undefined, centres });
    const obj = {} as ApplicantRow;
    ApplicantColumns.forEach((col, ci) => {
      obj[col] = c.value(`${base}.${col}`, placed.cells[ci], row.line ? { page: row.line.page, bbox: placed.boxes[ci] } : undefined);
    });
    if (labelSimilarity(row, exp) < SURE_LABEL_SIMILARITY) {
      c.warn('label-uncertain', `table 三: 「${row.label}」 was read as 「${exp.label}」 (a loose match)`, {
        page: row.line?.page,
        path: base,
      });
    }
    if (row.values.length === 0) {
      c.warn('blank-row', `table 三: row 「${row.label}」 has no values printed; all are null`, { path: base });
    }
    reportPlacement(c, '三', row.label, row.values.length, n, placed.how, base, row.line?.page);
    setPath(data, exp.path, obj);
  });
  for (const exp of APPLICATION_ROWS) {
    if (seen.has(exp.path)) continue;
    // （六） is printed as one row (total) or as its three sub-rows: the other form is not missing,
    // but a sub-row missing beside its printed siblings is.
    const isOther = (p: string) => p.startsWith('results.otherHandling.');
    const isOne = (p: string) => p === 'results.otherHandling.total';
    const printedElsewise = isOther(exp.path) && [...seen].some((p) => isOther(p) && isOne(p) !== isOne(exp.path));
    if (expectedRows.includes(exp) && !printedElsewise) {
      c.warn('missing-row', `table 三: row 「${exp.label}」 (applications.${exp.path}) was not found`, {
        path: `applications.${exp.path}`,
      });
    }
  }
  return c.result(data as Applications);
}

/**
 * The record path an unmatched row most likely is: the template rows left unmatched between its
 * matched neighbours (one row: its path; several: their common parent), else the whole table.
 */
function unmatchedPath(matched: Array<ExpectedRow | null>, k: number, expected: ExpectedRow[]): string {
  const before = matched.slice(0, k).filter((e): e is ExpectedRow => e !== null).pop();
  const after = matched.slice(k + 1).find((e): e is ExpectedRow => e !== null);
  const from = before ? expected.indexOf(before) + 1 : 0;
  const to = after ? expected.indexOf(after) : expected.length;
  const taken = new Set(matched.filter(Boolean));
  const gap = expected.slice(from, Math.max(from, to)).filter((e) => !taken.has(e)).map((e) => e.path);
  if (gap.length === 0) return 'applications';
  let common = gap[0].split('.');
  for (const p of gap.slice(1)) {
    const parts = p.split('.');
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.length ? `applications.${common.join('.')}` : 'applications';
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = target;
  for (const key of keys.slice(0, -1)) {
    o[key] ??= {};
    o = o[key] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}
