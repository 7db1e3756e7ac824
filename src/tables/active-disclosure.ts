// Table 二 (主动公开政府信息情况): one row per item, matched by its label; columns by template.
import type { Rule } from '../../extractors/types.js';
import type { ActiveDisclosure, Template } from '../schema/record.js';
import type { Line, Token } from '../layout/lines.js';
import { coreLabel, similarity, squash } from '../text/normalize.js';
import { amountUnitFactor } from '../text/values.js';
import { learnCentres, placeValues, splitLine } from './rows.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';

interface ItemSpec {
  key: string;
  label: string;
  columns: string[];
}

const ITEMS: Record<Template, ItemSpec[]> = {
  '2021': [
    { key: 'regulations', label: '规章', columns: ['issued', 'repealed', 'inForce'] },
    { key: 'normativeDocuments', label: '行政规范性文件', columns: ['issued', 'repealed', 'inForce'] },
    { key: 'administrativeLicensing', label: '行政许可', columns: ['decisions'] },
    { key: 'administrativePunishment', label: '行政处罚', columns: ['decisions'] },
    { key: 'administrativeCoercion', label: '行政强制', columns: ['decisions'] },
    { key: 'administrativeFees', label: '行政事业性收费', columns: ['amountTenThousandYuan'] },
  ],
  '2019': [
    { key: 'regulations', label: '规章', columns: ['newlyMade', 'newlyPublished', 'totalPublished'] },
    { key: 'normativeDocuments', label: '规范性文件', columns: ['newlyMade', 'newlyPublished', 'totalPublished'] },
    { key: 'administrativeLicensing', label: '行政许可', columns: ['previousYearItems', 'changeThisYear', 'decisions'] },
    { key: 'otherExternalServices', label: '其他对外管理服务事项', columns: ['previousYearItems', 'changeThisYear', 'decisions'] },
    { key: 'administrativePunishment', label: '行政处罚', columns: ['previousYearItems', 'changeThisYear', 'decisions'] },
    { key: 'administrativeCoercion', label: '行政强制', columns: ['previousYearItems', 'changeThisYear', 'decisions'] },
    { key: 'administrativeFees', label: '行政事业性收费', columns: ['previousYearItems', 'changeThisYear'] },
    { key: 'governmentProcurement', label: '政府集中采购', columns: ['projects', 'totalAmount'] },
  ],
};

const MIN_SIMILARITY = 0.6;
/** Below this, a matched label is reported: the row may be the wrong one. */
const SURE_SIMILARITY = 0.8;

interface ItemRow {
  item: ItemSpec;
  values: Token[];
  line: Line;
  loose: boolean;
}

/** Each printed row with values, labelled by the best-matching template item not yet taken. */
function itemRows(lines: Line[], items: ItemSpec[]): ItemRow[] {
  const taken = new Set<string>();
  const out: ItemRow[] = [];
  let pending: string[] = [];
  for (const line of lines) {
    const { label, values } = splitLine(line);
    const own = coreLabel(label.map((t) => t.text).join(''));
    // A label wrapped over lines: try it alone, then with the one or two label-only lines above.
    const candidates = [own, pending.slice(-1).join('') + own, pending.slice(-2).join('') + own];
    let best: { item: ItemSpec; score: number } | null = null;
    for (const item of items) {
      if (taken.has(item.key)) continue;
      for (const cand of candidates) {
        const score = cand === item.label ? 1.01 : similarity(cand, item.label);
        if (score >= MIN_SIMILARITY && (!best || score > best.score)) best = { item, score };
      }
    }
    // A row printed with every cell blank shows up as its label alone.
    const blankRow = values.length === 0 && best?.score === 1.01;
    if (best && (values.length > 0 || blankRow)) {
      taken.add(best.item.key);
      out.push({ item: best.item, values, line, loose: best.score < SURE_SIMILARITY });
      pending = [];
    } else if (values.length === 0) pending.push(own);
  }
  return out;
}

export function parseActiveDisclosure(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  template: Template,
): TableResult<ActiveDisclosure> {
  const c = new TableCollector();
  const rows = itemRows(lines, ITEMS[template]);
  if (rows.length === 0) {
    c.warn('table-not-read', 'table 二: no row of the table was found under its heading', { path: 'activeDisclosure' });
    return c.result<ActiveDisclosure>(null);
  }
  const data: Record<string, Record<string, number | string | null>> = {};
  for (const row of rows) {
    const { item } = row;
    const n = item.columns.length;
    const peers = rows.filter((r) => r.item.columns.length === n).map((r) => r.values);
    const placed = placeValues(row.values, n, { rules: rulesByPage.get(row.line.page), centres: learnCentres(peers, n) });
    const base = `activeDisclosure.${item.key}`;
    const obj: Record<string, number | string | null> = {};
    item.columns.forEach((col, ci) => {
      obj[col] = c.value(`${base}.${col}`, placed.cells[ci], { page: row.line.page, bbox: placed.boxes[ci] });
    });
    if (item.key === 'governmentProcurement') {
      const token = placed.cells[1];
      obj.totalAmountText = token?.text ?? null;
      if (typeof obj.totalAmount === 'number') obj.totalAmount = toYuan(obj.totalAmount, token!, lines, c, base);
    }
    if (row.loose) {
      c.warn('label-uncertain', `table 二: 「${row.line.text}」 was read as 「${item.label}」 (a loose match)`, {
        page: row.line.page,
        path: base,
      });
    }
    if (row.values.length === 0) {
      c.warn('blank-row', `table 二: row 「${item.label}」 has no values printed; all are null`, { page: row.line.page, path: base });
    }
    reportPlacement(c, '二', item.label, row.values.length, n, placed.how, base, row.line.page);
    data[item.key] = obj;
  }
  for (const item of ITEMS[template]) {
    if (!data[item.key]) c.warn('missing-row', `table 二: row 「${item.label}」 was not found`, { path: `activeDisclosure.${item.key}` });
  }
  return c.result(data as ActiveDisclosure);
}

/** 采购总金额 in yuan: the unit printed in the cell, else the one in the column header. */
function toYuan(amount: number, token: Token, lines: Line[], c: TableCollector, base: string): number {
  const inCell = amountUnitFactor(token.text);
  if (inCell) return Math.round(amount * inCell * 100) / 100;
  const header = lines.map((l) => squash(l.text)).find((t) => t.includes('采购总金额')) ?? '';
  const unit = /亿元/.test(header) ? 1e8 : /万元/.test(header) ? 1e4 : null;
  if (unit) return Math.round(amount * unit * 100) / 100;
  c.warn('amount-unit-assumed', 'table 二: 采购总金额 is printed without a unit; taken as yuan', { path: `${base}.totalAmount` });
  return amount;
}
