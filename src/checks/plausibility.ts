// Table 二 has no printed arithmetic: a confident misread digit there (5 read as 3) is caught by
// nothing else. Two cheap flags: an OCR number whose reads did not all agree (confidence below
// tables.unverifiedMinConfidence), and a row breaking what its columns' definitions imply
// (PLAUSIBILITY in src/templates), or an amount whose unit makes it implausible for the count of
// its row (a 万 lost: amountPerCountWarnings). All are warnings naming the cell or row; nothing is
// corrected.
import type { Report, Warning } from '../schema/record.js';
import { LOW_CONFIDENCE } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import { disclosureItems, isNationalTemplate, PLAUSIBILITY } from '../templates/index.js';
import { parseCell } from '../text/values.js';
import type { TableSettings } from '../settings.js';
import type { ColumnSpec } from '../templates/types.js';

/** Warnings on table 二 of `record` (its data, template and provenance). */
export function plausibilityWarnings(
  record: Pick<Report, 'activeDisclosure' | 'template' | 'provenance'>,
  tol: TableSettings,
): Warning[] {
  const table = record.activeDisclosure;
  if (!table || !record.template) return [];
  const out: Warning[] = [];
  for (const [path, p] of Object.entries(record.provenance)) {
    if (!path.startsWith('activeDisclosure.') || p.confidence === undefined) continue;
    // Below LOW_CONFIDENCE every table is flagged already (buildRecord).
    if (p.confidence >= LOW_CONFIDENCE && p.confidence < tol.unverifiedMinConfidence) {
      out.push({
        code: 'low-confidence',
        message: `OCR confidence ${Math.round(p.confidence)} for 「${p.text}」: its readings did not all agree, and table 二 has no arithmetic to confirm it`,
        page: p.page,
        path,
      });
    }
  }
  for (const rule of PLAUSIBILITY) {
    if (!isNationalTemplate(record.template) || !rule.templates.includes(record.template)) continue;
    for (const item of rule.items) {
      const row = getPath(table, item) as Record<string, unknown> | null | undefined;
      if (!row) continue;
      const sum = (cols: readonly string[]) =>
        cols.reduce((s, c) => s + (typeof row[c] === 'number' ? (row[c] as number) : 0), 0);
      const [larger, smaller] = [sum(rule.larger), sum(rule.smaller)];
      if (larger < smaller) {
        out.push({
          code: 'implausible',
          message: `table 二 ${item}: ${rule.larger.join(' + ')} = ${larger} < ${rule.smaller.join(' + ') || '0'} = ${smaller}, but ${rule.describe}`,
          path: `activeDisclosure.${item}`,
        });
      }
    }
  }
  return [...out, ...amountPerCountWarnings(record, tol)];
}

/**
 * An amount of table 二 spread over a count of its row (`per` in src/templates: 采购总金额 over
 * 采购项目数量) whose unit, as read, makes it implausible: read in 元 and under
 * tables.amountPerCountMinYuan a count, it most likely lost its 万 (a pale band on a scan erases it
 * from 「24043.8万元」, and the 2019 form's column header gives no unit to compare with); read in
 * 万元 or 亿元 and over tables.amountPerCountMaxYuan a count, it has a unit it should not. The
 * warning gives both readings and names the amount, its printed text and the count.
 */
export function amountPerCountWarnings(
  record: Pick<Report, 'activeDisclosure' | 'template' | 'provenance'>,
  tol: TableSettings,
): Warning[] {
  const table = record.activeDisclosure as Record<string, Record<string, unknown> | null> | null;
  if (!table || !isNationalTemplate(record.template)) return [];
  const out: Warning[] = [];
  for (const item of disclosureItems(record.template)) {
    const row = table[item.key];
    for (const col of item.columns) {
      const w =
        row && col.per ? amountPerCount(row, `activeDisclosure.${item.key}`, col, item.columns, record, tol) : null;
      if (w) out.push(w);
    }
  }
  return out;
}

function amountPerCount(
  row: Record<string, unknown>,
  base: string,
  col: ColumnSpec,
  columns: readonly ColumnSpec[],
  record: Pick<Report, 'provenance'>,
  tol: TableSettings,
): Warning | null {
  const [amount, count] = [row[col.key], row[col.per!]];
  if (typeof amount !== 'number' || typeof count !== 'number' || !(amount > 0) || !(count > 0)) return null;
  const kept = col.textKey ? row[col.textKey] : undefined;
  const text = typeof kept === 'string' ? kept : record.provenance[`${base}.${col.key}`]?.text;
  const printed = text === undefined ? null : parseCell(text);
  if (printed?.kind !== 'number' || !(printed.value > 0)) return null;
  // The unit the amount was read in (from its cell or its column header): 1 元, 1e4 万元, 1e8 亿元.
  const factor = 10 ** Math.round(Math.log10(amount / printed.value));
  const each = amount / count;
  const inYuan = factor === 1 && each < tol.amountPerCountMinYuan;
  if (!inYuan && !(factor > 1 && each > tol.amountPerCountMaxYuan)) return null;
  // The other reading: 万元 for one read in 元; 元 for one read in 万元 or 亿元.
  const other = inYuan ? { amount: amount * 1e4, unit: '万元' } : { amount: printed.value, unit: '元' };
  const heading = columns.find((c) => c.key === col.per)?.heading ?? col.per;
  const yuan = (x: number) => `${Math.round(x * 100) / 100} 元`;
  const bound = inYuan ? `under ${yuan(tol.amountPerCountMinYuan)}` : `over ${yuan(tol.amountPerCountMaxYuan)}`;
  const message =
    `table 二: ${col.heading} 「${text}」 read as ${yuan(amount)} is ${yuan(each)} for each of ${count} (${heading}), ` +
    `${bound} each, which is implausible; read in ${other.unit} it is ${yuan(other.amount)}, ` +
    `${yuan(other.amount / count)} each: is its unit misprinted or misread?`;
  const paths = [`${base}.${col.key}`, ...(col.textKey ? [`${base}.${col.textKey}`] : []), `${base}.${col.per}`];
  const page = record.provenance[paths[0]]?.page;
  return { code: 'implausible', message, ...(page !== undefined ? { page } : {}), path: paths[0], paths };
}

/**
 * A count read with a fraction is no count: a speck kept as a decimal point (12 read 1.2), flagged
 * on its cell. Every cell of tables 三 and 四 is a count; of table 二, the columns its template
 * does not give in money.
 */
export function fractionalCountWarnings(provenance: Report['provenance'], template: Report['template']): Warning[] {
  const money = new Set(
    isNationalTemplate(template)
      ? disclosureItems(template).flatMap((i) =>
          i.columns
            .filter((c) => c.unit !== 'count' && c.unit !== 'signedCount')
            .map((c) => `activeDisclosure.${i.key}.${c.key}`),
        )
      : [],
  );
  const out: Warning[] = [];
  for (const [path, p] of Object.entries(provenance)) {
    const cell = money.has(path) ? null : parseCell(p.text);
    if (cell?.kind !== 'number' || Number.isInteger(cell.value)) continue;
    out.push({
      code: 'implausible',
      message: `「${p.text}」 stands in a column of counts, and a count has no fraction (a speck read as a decimal point?)`,
      page: p.page,
      path,
    });
  }
  return out;
}
