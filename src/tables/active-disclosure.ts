// Table 二 (主动公开政府信息情况): one row per item, matched by its label; items and columns from src/templates.
import type { Rule } from '../../extractors/types.js';
import type { ActiveDisclosure } from '../schema/record.js';
import type { TemplateId as Template } from '../templates/index.js';
import type { Line, Token } from '../layout/lines.js';
import { coreLabel, similarity, squash } from '../text/normalize.js';
import { amountUnitFactor } from '../text/values.js';
import { learnCentres, placeValues, splitLine } from './rows.js';
import { reportPlacement, TableCollector, type TableResult } from './table-result.js';
import { DEFAULT_SETTINGS, type TableSettings } from '../settings.js';
import { disclosureItems, type DisclosureItem } from '../templates/index.js';

type ItemSpec = DisclosureItem;


interface ItemRow {
  item: ItemSpec;
  values: Token[];
  line: Line;
  loose: boolean;
}

/** Each printed row with values, labelled by the best-matching template item not yet taken. */
function itemRows(lines: Line[], items: ItemSpec[], tol: TableSettings): ItemRow[] {
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
      for (const want of [item.label, ...(item.variants ?? [])]) {
        for (const cand of candidates) {
          const score = cand === want ? 1.01 : similarity(cand, want);
          if (score >= tol.labelMinSimilarity && (!best || score > best.score)) best = { item, score };
        }
      }
    }
    // A row printed with every cell blank shows up as its label alone.
    const blankRow = values.length === 0 && best?.score === 1.01;
    if (best && (values.length > 0 || blankRow)) {
      taken.add(best.item.key);
      out.push({ item: best.item, values, line, loose: best.score < tol.labelSureSimilarity });
      pending = [];
    } else if (values.length === 0) pending.push(own);
  }
  return out;
}

export function parseActiveDisclosure(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  template: Template,
  tol: TableSettings = DEFAULT_SETTINGS.tables,
): TableResult<ActiveDisclosure> {
  const c = new TableCollector();
  const items = disclosureItems(template);
  const rows = itemRows(lines, items, tol);
  if (rows.length === 0) {
    c.warn('table-not-read', 'table 二: no row of the table was found under its heading', { path: 'activeDisclosure' });
    return c.result<ActiveDisclosure>(null);
  }
  const data: Record<string, Record<string, number | string | null>> = {};
  for (const row of rows) {
    const { item } = row;
    const n = item.columns.length;
    const peers = rows.filter((r) => r.item.columns.length === n).map((r) => r.values);
    const placed = placeValues(row.values, n, { rules: rulesByPage.get(row.line.page), centres: learnCentres(peers, n), tol });
    const base = `activeDisclosure.${item.key}`;
    const obj: Record<string, number | string | null> = {};
    item.columns.forEach((col, ci) => {
      const token = placed.cells[ci];
      const value = c.value(`${base}.${col.key}`, token, { page: row.line.page, bbox: placed.boxes[ci] });
      // An amount in yuan: converted from the unit printed in the cell or its header.
      obj[col.key] = col.unit === 'yuan' && value !== null ? toYuan(value, token!, col.heading, lines, c, `${base}.${col.key}`) : value;
      if (col.textKey) obj[col.textKey] = token?.text ?? null;
    });
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
  for (const item of items) {
    if (!data[item.key]) c.warn('missing-row', `table 二: row 「${item.label}」 was not found`, { path: `activeDisclosure.${item.key}` });
  }
  return c.result(data as ActiveDisclosure);
}

/** An amount (采购总金额) in yuan: the unit printed in the cell, else the one in the column header. */
function toYuan(amount: number, token: Token, heading: string, lines: Line[], c: TableCollector, path: string): number {
  const inCell = amountUnitFactor(token.text);
  if (inCell) return Math.round(amount * inCell * 100) / 100;
  const header = lines.map((l) => squash(l.text)).find((t) => t.includes(heading)) ?? '';
  const unit = /亿元/.test(header) ? 1e8 : /万元/.test(header) ? 1e4 : null;
  if (unit) return Math.round(amount * unit * 100) / 100;
  c.warn('amount-unit-assumed', `table 二: ${heading} is printed without a unit; taken as yuan`, { path });
  return amount;
}
