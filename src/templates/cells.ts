// Every numeric cell the forms print (tables 二/三/四 of both templates) as a dotted record path with
// its unit: what a reviewer's correction may name, and what its value must look like.
import { disclosureItems } from './labels.js';
import { APPLICATION_ROW_SPECS } from './applications.js';
import { APPLICANT_COLUMN_SPECS, REVIEW_COLUMN_SPECS } from './columns.js';
import { REVIEW_GROUP_SPECS } from './review-litigation.js';
import { TEMPLATE_IDS, type TemplateId, type Unit } from './types.js';
import { LEGACY_FIELDS, LEGACY_TEMPLATE } from './legacy-fields.js';

/** One numeric cell of a form. */
export interface TemplateCell {
  /** The full dotted record path, e.g. "applications.results.granted.total". */
  path: string;
  unit: Unit;
  /** The forms that print it ("2008": a figure of `legacy`, stated in prose or the old 统计表). */
  templates: readonly (TemplateId | typeof LEGACY_TEMPLATE)[];
}

function build(): TemplateCell[] {
  const byPath = new Map<string, TemplateCell>();
  const add = (path: string, unit: Unit, template: TemplateId) => {
    const had = byPath.get(path);
    if (had) byPath.set(path, { ...had, templates: [...had.templates, template] });
    else byPath.set(path, { path, unit, templates: [template] });
  };
  for (const t of TEMPLATE_IDS) {
    for (const item of disclosureItems(t))
      for (const c of item.columns) add(`activeDisclosure.${item.key}.${c.key}`, c.unit, t);
  }
  for (const r of APPLICATION_ROW_SPECS)
    for (const t of r.templates)
      for (const c of APPLICANT_COLUMN_SPECS) add(`applications.${r.path}.${c.key}`, c.unit, t);
  for (const t of TEMPLATE_IDS)
    for (const g of REVIEW_GROUP_SPECS)
      for (const c of REVIEW_COLUMN_SPECS) add(`reviewLitigation.${g.key}.${c.key}`, c.unit, t);
  for (const f of LEGACY_FIELDS)
    byPath.set(`legacy.${f.path}`, { path: `legacy.${f.path}`, unit: f.unit, templates: [LEGACY_TEMPLATE] });
  return [...byPath.values()];
}

/** Every numeric cell of tables 二/三/四 in either template, in print order (table 二 of 2021 first), then the figures of `legacy`. */
export const TEMPLATE_CELLS: readonly TemplateCell[] = build();

const BY_PATH = new Map(TEMPLATE_CELLS.map((c, i) => [c.path, { ...c, order: i }]));

/** The cell at a dotted record path, if a form prints one there (or `legacy` has a figure there). */
export function templateCell(path: string): (TemplateCell & { order: number }) | undefined {
  return BY_PATH.get(path);
}

/** Why `value` cannot be printed in a cell of this unit, or null when it can. */
export function unitProblem(unit: Unit, value: number): string | null {
  if (!Number.isFinite(value)) return 'not a finite number';
  if (unit === 'count') return Number.isInteger(value) && value >= 0 ? null : 'a count (件/个) is a whole number ≥ 0';
  if (unit === 'signedCount')
    return Number.isInteger(value) ? null : 'a change of a count (本年增/减) is a whole number';
  return value >= 0 ? null : 'an amount is ≥ 0';
}
