// Printed names derived from the template descriptions: numbering, full row labels, names for messages.
import { LEGACY_FIELDS } from './legacy-fields.js';
import { ACTIVE_DISCLOSURE_2019, ACTIVE_DISCLOSURE_2021 } from './active-disclosure.js';
import { APPLICATION_GROUPS, APPLICATION_ROW_SPECS } from './applications.js';
import { APPLICANT_HEADINGS, REVIEW_HEADINGS } from './columns.js';
import { REVIEW_GROUP_SPECS } from './review-litigation.js';
import {
  TEMPLATE_IDS,
  type ApplicationRowSpec,
  type ColumnSpec,
  type DisclosureBlockSpec,
  type DisclosureItemSpec,
  type TemplateId,
} from './types.js';

const CN_DIGITS = '一二三四五六七八九十';

/** The form's numbering of a row: level 1 「一、」, level 2 「（一）」, level 3 「1.」. */
export function numbering(level: 1 | 2 | 3, index: number): string {
  const cn = index <= 10 ? CN_DIGITS[index - 1] : `十${CN_DIGITS[index - 11]}`;
  if (level === 1) return `${cn}、`;
  if (level === 2) return `（${cn}）`;
  return `${index}.`;
}

/** A table 三 row as the form prints it in its own cell: numbering, label and note (「（二）…（…）」, 「1.…」). */
export function printedLabel(row: ApplicationRowSpec): string {
  return numbering(row.level, row.index) + row.label + (row.note ?? '');
}

/** A group head of table 三 as printed: its 「（X）」 numbering and label. */
export function groupHeadLabel(key: string): string {
  const g = (APPLICATION_GROUPS as Record<string, { label: string; index: number }>)[key];
  return g ? numbering(2, g.index) + g.label : key;
}

/** Table 三's rows in print order: those `template`'s form prints, or (null) every known row. */
export function applicationRows(template: TemplateId | null = null): readonly ApplicationRowSpec[] {
  return template ? APPLICATION_ROW_SPECS.filter((r) => r.templates.includes(template)) : APPLICATION_ROW_SPECS;
}

const ROW_BY_PATH = new Map(APPLICATION_ROW_SPECS.map((r) => [r.path, r]));

/** The table 三 row at `path` (under `applications.`), if the forms print one there. */
export function applicationRow(path: string): ApplicationRowSpec | undefined {
  return ROW_BY_PATH.get(path);
}

/** Table 二 of a template, block by block. */
export function disclosureBlocks(template: TemplateId): readonly DisclosureBlockSpec[] {
  return template === '2021' ? ACTIVE_DISCLOSURE_2021 : ACTIVE_DISCLOSURE_2019;
}

/** A table 二 item with the columns of its block. */
export type DisclosureItem = DisclosureItemSpec & { columns: readonly ColumnSpec[] };

/** Table 二's items of a template in print order, each with its columns. */
export function disclosureItems(template: TemplateId): DisclosureItem[] {
  return disclosureBlocks(template).flatMap((b) => b.items.map((item) => ({ ...item, columns: b.columns })));
}

/**
 * A record row path in Chinese, for messages: a numbered label (「（一）…」); a level-3 row after its
 * group head (「（三）… 1.…」), by its short name where it has one;
 * 'reviewLitigation.litigationDirect' → 「行政诉讼·未经复议直接起诉」. Unknown paths come back as given.
 */
export function rowName(rowPath: string, template: TemplateId | null = null): string {
  const at = rowPath.indexOf('.');
  if (at < 0) return rowPath;
  const table = rowPath.slice(0, at);
  const key = rowPath.slice(at + 1);
  if (table === 'applications') {
    const row = ROW_BY_PATH.get(key);
    if (!row) return key;
    const own = numbering(row.level, row.index) + (row.short ?? row.label);
    return row.group ? `${groupHeadLabel(row.group)} ${own}` : own;
  }
  if (table === 'reviewLitigation') return REVIEW_GROUP_SPECS.find((g) => g.key === key)?.name ?? key;
  if (table === 'legacy') return LEGACY_FIELDS.find((f) => f.path === key)?.name ?? key;
  if (table === 'activeDisclosure') {
    for (const t of template ? [template] : TEMPLATE_IDS) {
      const item = disclosureItems(t).find((i) => i.key === key);
      if (item) return item.label;
    }
    return key;
  }
  return rowPath;
}

/**
 * A column key's printed heading: 'naturalPerson' → 「自然人」, 'upheld' → 「结果维持」,
 * 'issued' → 「本年制发件数」 (table 二's headings per `template`, else the newest that has it).
 * Unknown keys come back as given.
 */
export function columnName(key: string, template: TemplateId | null = null): string {
  const fixed = (APPLICANT_HEADINGS as Record<string, string>)[key] ?? (REVIEW_HEADINGS as Record<string, string>)[key];
  if (fixed) return fixed;
  for (const t of template ? [template] : TEMPLATE_IDS) {
    for (const b of disclosureBlocks(t)) {
      const c = b.columns.find((c) => c.key === key);
      if (c) return c.heading;
    }
  }
  return key;
}
