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
import { LOW_CONFIDENCE } from '../schema/record.js';

type ItemSpec = DisclosureItem;

interface ItemRow {
  item: ItemSpec;
  values: Token[];
  line: Line;
  loose: boolean;
  /** Its label and its values were printed apart (a torn table) and paired by their order. */
  torn?: boolean;
  /** Its label was not read: the row was placed by the template's row order (see `byOrder`). */
  byOrder?: boolean;
}

/**
 * Each printed row with values, labelled by the best-matching template item not yet taken; and the
 * indices of lines with values whose label names no item (`orphans`: a label OCR lost or garbled).
 */
function itemRows(lines: Line[], items: ItemSpec[], tol: TableSettings): { rows: ItemRow[]; orphans: number[] } {
  const taken = new Set<string>();
  const out: ItemRow[] = [];
  const orphans: number[] = [];
  let pending: string[] = [];
  // Rows read from their label alone since the last row with values (blank, or torn from their values).
  let labelsOnly: ItemRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const { label, values } = splitLine(line);
    const own = coreLabel(label.map((t) => t.text).join(''));
    const best = bestItem([own, pending.slice(-1).join('') + own, pending.slice(-2).join('') + own], items, taken, tol);
    if (!best && !own && values.length > 0 && labelsOnly.length > 1) {
      const run = tornValues(lines, i, labelsOnly.length);
      if (run) {
        run.forEach((l, k) => Object.assign(labelsOnly[k], { values: splitLine(l).values, line: l, torn: true }));
        i += run.length - 1;
        labelsOnly = [];
        continue;
      }
    }
    // A row printed with every cell blank shows up as its label alone.
    const blankRow = values.length === 0 && best?.score === 1.01;
    if (best && (values.length > 0 || blankRow)) {
      taken.add(best.item.key);
      const row = { item: best.item, values, line, loose: best.score < tol.labelSureSimilarity };
      out.push(row);
      labelsOnly = blankRow ? [...labelsOnly, row] : [];
      pending = [];
    } else if (values.length === 0) pending.push(own);
    else orphans.push(i);
  }
  return { rows: out, orphans };
}

/**
 * Lines of values whose label was not read, placed by the template's row order: between two rows
 * found by their labels (or after the last, within `orphanRowMaxLines` lines of it), the orphan
 * lines and the items left free there pair one to one when they are as many and each line prints
 * no more values than its item has columns. Anything else stays unplaced (its row is reported
 * missing). Table 二 has no arithmetic to confirm such a row, so every one is flagged (row-inferred).
 */
function byOrder(lines: Line[], rows: ItemRow[], orphans: number[], items: ItemSpec[], tol: TableSettings): ItemRow[] {
  const found = rows
    .map((r) => ({ row: r, at: lines.indexOf(r.line), item: items.indexOf(r.item) }))
    .sort((a, b) => a.at - b.at);
  const out: ItemRow[] = [];
  for (let g = 0; g < found.length; g++) {
    const prev = found[g];
    const next = found[g + 1];
    // Rows found by label must be in template order, or the order says nothing.
    if (next && next.item < prev.item) return [];
    const inGap = orphans.filter((i) => i > prev.at && (next ? i < next.at : i - prev.at <= tol.orphanRowMaxLines));
    const free = items.slice(prev.item + 1, next ? next.item : items.length);
    if (inGap.length === 0 || inGap.length !== free.length) continue;
    const pairs = inGap.map((i, k) => ({ line: lines[i], item: free[k], values: splitLine(lines[i]).values }));
    if (pairs.some((p) => p.values.length > p.item.columns.length)) continue;
    out.push(...pairs.map((p) => ({ item: p.item, values: p.values, line: p.line, loose: false, byOrder: true })));
  }
  return out;
}

/** The item a label (alone, or with the one or two label-only lines above) names best, among those not taken. */
function bestItem(
  candidates: string[],
  items: ItemSpec[],
  taken: Set<string>,
  tol: TableSettings,
): { item: ItemSpec; score: number } | null {
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
  return best;
}

/**
 * A torn table 二: `count` labels printed alone, then lines of values with no label. The value lines
 * from `i` on, when exactly `count` of them follow one another; else null (their pairing is unknown).
 */
function tornValues(lines: Line[], i: number, count: number): Line[] | null {
  let j = i;
  while (j < lines.length && splitLine(lines[j]).values.length > 0 && splitLine(lines[j]).label.length === 0) j++;
  return j - i === count ? lines.slice(i, j) : null;
}

export function parseActiveDisclosure(
  lines: Line[],
  rulesByPage: Map<number, Rule[]>,
  template: Template,
  tol: TableSettings = DEFAULT_SETTINGS.tables,
): TableResult<ActiveDisclosure> {
  const c = new TableCollector();
  const items = disclosureItems(template);
  const found = itemRows(lines, items, tol);
  const rows = [...found.rows, ...byOrder(lines, found.rows, found.orphans, items, tol)];
  if (rows.length === 0) {
    c.warn('table-not-read', 'table 二: no row of the table was found under its heading', { path: 'activeDisclosure' });
    return c.result<ActiveDisclosure>(null);
  }
  const data: Record<string, Record<string, number | string | null>> = {};
  for (const row of rows) {
    const { values, how } = readItemRow(row, rows, { lines, rulesByPage, c, tol });
    rowWarnings(c, row, tol);
    const { item } = row;
    reportPlacement(
      c,
      '二',
      item.label,
      row.values.length,
      item.columns.length,
      how,
      `activeDisclosure.${item.key}`,
      row.line.page,
    );
    data[item.key] = values;
  }
  for (const item of items) {
    if (!data[item.key])
      c.warn('missing-row', `table 二: row 「${item.label}」 was not found`, { path: `activeDisclosure.${item.key}` });
  }
  return c.result(data as ActiveDisclosure);
}

/** What reading a row of table 二 draws on: the table's lines, the page's rules, the collector. */
interface RowContext {
  lines: Line[];
  rulesByPage: Map<number, Rule[]>;
  c: TableCollector;
  tol: TableSettings;
}

/**
 * One item's values placed in its columns (by the rules, else by the columns its peers — rows with
 * as many columns — print at), each recorded with its box; an amount in yuan converted. `how`: how
 * they were placed (for reportPlacement).
 */
function readItemRow(row: ItemRow, rows: ItemRow[], { lines, rulesByPage, c, tol }: RowContext) {
  const { item } = row;
  const n = item.columns.length;
  const peers = rows.filter((r) => r.item.columns.length === n).map((r) => r.values);
  const placed = placeValues(row.values, n, {
    rules: rulesByPage.get(row.line.page),
    centres: learnCentres(peers, n),
    tol,
  });
  const base = `activeDisclosure.${item.key}`;
  const obj: Record<string, number | string | null> = {};
  item.columns.forEach((col, ci) => {
    const token = placed.cells[ci];
    const value = c.value(`${base}.${col.key}`, token, { page: row.line.page, bbox: placed.boxes[ci] });
    // An amount in yuan: converted from the unit printed in the cell or its header.
    obj[col.key] =
      col.unit === 'yuan' && value !== null
        ? toYuan(value, token!, col.heading, lines, c, [
            `${base}.${col.key}`,
            col.textKey ? `${base}.${col.textKey}` : undefined,
          ])
        : value;
    if (col.textKey) obj[col.textKey] = token?.text ?? null;
  });
  return { values: obj, how: placed.how };
}

/** A row matched loosely, paired by order (torn table, or its label unread), or printed blank is said so. */
function rowWarnings(c: TableCollector, row: ItemRow, tol: TableSettings): void {
  const { item, line } = row;
  const at = { page: line.page, path: `activeDisclosure.${item.key}` };
  for (const t of misreadCells(row, tol)) {
    const message = `table 二: 「${t.text}」 on row 「${item.label}」 was read with low confidence and is no number: a misread cell? its values may sit in the wrong columns`;
    c.warn('cell-unreadable', message, at);
  }
  if (row.loose)
    c.warn('label-uncertain', `table 二: 「${line.text}」 was read as 「${item.label}」 (a loose match)`, at);
  if (row.torn) {
    const message =
      `table 二: the values of 「${item.label}」 were printed apart from it (a torn table) and paired with it by ` +
      'their order; table 二 has no arithmetic to confirm it';
    c.warn('row-inferred', message, at);
  }
  if (row.byOrder) {
    const message =
      `table 二: the label of 「${line.text}」 was not read; the row was taken as 「${item.label}」 by the form's ` +
      'row order, which no arithmetic of table 二 confirms';
    c.warn('row-inferred', message, at);
  }
  if (row.values.length === 0)
    c.warn('blank-row', `table 二: row 「${item.label}」 has no values printed; all are null`, at);
}

/**
 * Short words on a row's line that OCR read with low confidence and that are no number: a cell
 * misread (a photocopied 「4」 read 「小」) that joined the label, so the row has a value fewer and
 * its blank would pass for one printed blank.
 */
function misreadCells(row: ItemRow, tol: TableSettings): Token[] {
  const short = (t: Token) => Array.from(t.text).length <= tol.unreadableMaxChars;
  return splitLine(row.line).label.filter(
    (t) => t.confidence !== undefined && t.confidence < LOW_CONFIDENCE && short(t),
  );
}

/**
 * An amount (采购总金额) in yuan: the unit printed in the cell, else the one in the column header. A
 * cell unit that differs from the header's is flagged: one of them is misprinted or misread (a pale
 * band on a scan erases 万 from 「24043.8万元」), and either reading is 10,000× off the other.
 */
function toYuan(
  amount: number,
  token: Token,
  heading: string,
  lines: Line[],
  c: TableCollector,
  paths: [amount: string, text?: string],
): number {
  const path = paths[0];
  const inCell = amountUnitFactor(token.text);
  const header = lines.map((l) => squash(l.text)).find((t) => t.includes(heading)) ?? '';
  const unit = /亿元/.test(header) ? 1e8 : /万元/.test(header) ? 1e4 : null;
  if (inCell && unit && inCell !== unit)
    c.warn('implausible', `table 二: ${heading}: the cell says 「${token.text}」, its column header another unit`, {
      path,
      paths: paths.filter((p) => p !== undefined),
    });
  if (inCell) return Math.round(amount * inCell * 100) / 100;
  if (unit) return Math.round(amount * unit * 100) / 100;
  c.warn('amount-unit-assumed', `table 二: ${heading} is printed without a unit; taken as yuan`, { path });
  return amount;
}
