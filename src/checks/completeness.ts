// The completeness invariant of the record contract (record.md): nothing is lost without a flag.
// A table that is null carries a warning naming it. In a table that was found, every leaf of the
// report's template is a number with provenance, a null whose provenance shows what was printed
// (blank, 「/」, 「—」), or covered by a warning naming the leaf, its row or its table. The same
// for title, agency, year and template. buildRecord asserts it: a violation is a bug in a parser.
// A cell a reviewer corrected (the record's `corrections` names it) is accounted for by the correction.
import { ApplicantColumns, ReviewColumns, type Report } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import { LEAVES } from '../output/cells.js';
import {
  applicationRows,
  isNationalTemplate,
  LEGACY_PATHS,
  LEGACY_TEMPLATE,
  REVIEW_GROUPS,
} from '../templates/index.js';
import { parseCell } from '../text/values.js';
import { NianbaoError } from '../errors.js';

export interface Violation {
  /** The dotted record path nothing accounts for. */
  path: string;
  reason: string;
}

export const META_FIELDS = ['title', 'agency', 'year', 'template'] as const;
export const TABLE_KEYS = ['activeDisclosure', 'applications', 'reviewLitigation'] as const;

/** Does a warning with `path` cover `target` (the same path or an ancestor of it)? */
export const covers = (path: string, target: string): boolean => target === path || target.startsWith(path + '.');

/** Every violation of the completeness invariant in `record` (empty: the record keeps it). */
export function completenessViolations(record: Report): Violation[] {
  const warned = record.warnings
    .flatMap((w) => [w.path, ...(w.paths ?? [])])
    .filter((p): p is string => typeof p === 'string');
  const corrected = new Set(record.corrections?.map((c) => c.path));
  const isCovered = (path: string) => corrected.has(path) || warned.some((w) => covers(w, path));
  const out: Violation[] = [];
  for (const key of META_FIELDS) {
    if (record[key] == null && !isCovered(key))
      out.push({ path: key, reason: `${key} is null and no warning names it` });
  }
  if (record.template === LEGACY_TEMPLATE) return [...out, ...legacyViolations(record, isCovered)];
  for (const table of TABLE_KEYS) {
    const data = record[table];
    if (data == null) {
      if (!isCovered(table)) out.push({ path: table, reason: 'the table is null and no warning names it' });
      continue;
    }
    for (const path of templateLeaves(record, table)) {
      if (isCovered(path)) continue;
      const v = leafViolation(record, path);
      if (v) out.push(v);
    }
  }
  return out;
}

/** A leaf not accounted for by a number with provenance or a null whose provenance shows a blank. */
function leafViolation(record: Report, path: string): Violation | null {
  const value = getPath(record, path);
  const prov = record.provenance[path];
  if (value === undefined) return { path, reason: 'missing and no warning names it, its row or its table' };
  if (typeof value === 'number') return prov ? null : { path, reason: `${value} has no provenance` };
  if (value !== null) return { path, reason: `not a number: ${JSON.stringify(value)}` };
  if (!prov) return { path, reason: 'null without provenance (what was printed is unknown)' };
  if (prov.text !== '' && parseCell(prov.text)?.kind !== 'blank')
    return { path, reason: `null but printed 「${prov.text}」` };
  return null;
}

/**
 * Template "2008": the national tables do not exist (null without a warning); `legacy` is present
 * or named by a warning, and each of its leaves (record.md) is a figure with provenance or named by
 * a warning (`not-stated`, `approximate`, …), as is any leaf it holds beyond them.
 */
function legacyViolations(record: Report, isCovered: (path: string) => boolean): Violation[] {
  if (record.legacy == null) {
    return isCovered('legacy') ? [] : [{ path: 'legacy', reason: 'legacy is absent and no warning names it' }];
  }
  const present: string[] = [];
  collectLeaves(record.legacy, '', present);
  const leaves = new Set([...LEGACY_PATHS, ...present].map((p) => `legacy.${p}`));
  return [...leaves]
    .filter((p) => !isCovered(p))
    .map((p) => leafViolation(record, p))
    .filter((v): v is Violation => v !== null);
}

/**
 * The numeric leaves `record` must account for in `table`: those of its template (both templates'
 * common rows when the template is unknown), plus any leaf the record holds beyond them.
 */
export function templateLeaves(record: Report, table: (typeof TABLE_KEYS)[number]): string[] {
  const data = record[table] as unknown;
  const has = (p: string) => getPath(data, p) !== undefined;
  let leaves: string[];
  if (table === 'reviewLitigation') {
    leaves = REVIEW_GROUPS.flatMap((g) => ReviewColumns.map((c) => `${g}.${c}`));
  } else if (table === 'activeDisclosure') {
    const schemaLeaves =
      record.template === '2019'
        ? LEAVES.activeDisclosure2019
        : record.template === '2021'
          ? LEAVES.activeDisclosure2021
          : [];
    leaves = schemaLeaves.filter((l) => l.kind === 'number').map((l) => l.path);
  } else {
    // Other handling (「（六）」) is printed either as one row (total) or as its three sub-rows: whichever
    // form the report printed is the one to account for.
    const otherAsOne = has('results.otherHandling.total');
    const otherAsThree = ['overdueCorrection', 'overdueFee', 'other'].some((k) => has(`results.otherHandling.${k}`));
    const t = record.template;
    const rows = applicationRows()
      .filter((r) => (isNationalTemplate(t) ? r.templates.includes(t) : r.templates.length === 2))
      .map((r) => r.path)
      .filter(
        (p) =>
          !(otherAsOne && /^results\.otherHandling\.(?!total$)/.test(p)) &&
          !(otherAsThree && p === 'results.otherHandling.total'),
      );
    for (const p of [
      ...(otherAsOne ? ['results.otherHandling.total'] : []),
      ...(otherAsThree
        ? ['results.otherHandling.overdueCorrection', 'results.otherHandling.overdueFee', 'results.otherHandling.other']
        : []),
    ]) {
      if (!rows.includes(p)) rows.push(p);
    }
    leaves = rows.flatMap((r) => ApplicantColumns.map((c) => `${r}.${c}`));
  }
  const present: string[] = [];
  collectLeaves(data, '', present);
  const all = new Set([...leaves, ...present.filter((p) => !p.endsWith('.totalAmountText'))]);
  return [...all].map((p) => `${table}.${p}`);
}

function collectLeaves(o: unknown, prefix: string, out: string[]): void {
  if (o !== null && typeof o === 'object' && !Array.isArray(o)) {
    for (const [k, v] of Object.entries(o)) collectLeaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.push(prefix);
}

/** Thrown by buildRecord when a record breaks the invariant: a parser lost something without a flag. */
export class IncompleteRecordError extends NianbaoError {
  readonly violations: Violation[];
  /** The record as built (for `npm run eval`, which counts each violation as a silent error). */
  readonly record: Report;
  constructor(record: Report, violations: Violation[], file: string | null) {
    const shown = violations
      .slice(0, 5)
      .map((v) => `${v.path} (${v.reason})`)
      .join('; ');
    super(
      'INTERNAL',
      `internal error: the record breaks the completeness invariant at ${shown}${violations.length > 5 ? ` and ${violations.length - 5} more` : ''}`,
      file,
    );
    this.violations = violations;
    this.record = record;
  }
}
