// Table 二 has no printed arithmetic: a confident misread digit there (5 read as 3) is caught by
// nothing else. Two cheap flags: an OCR number whose reads did not all agree (confidence below
// tables.unverifiedMinConfidence), and a row breaking what its columns' definitions imply
// (PLAUSIBILITY in src/templates). Both are warnings naming the cell or row; nothing is corrected.
import type { Report, Warning } from '../schema/record.js';
import { LOW_CONFIDENCE } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import { disclosureItems, isNationalTemplate, PLAUSIBILITY } from '../templates/index.js';
import { parseCell } from '../text/values.js';
import type { TableSettings } from '../settings.js';

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
  return out;
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
