// A record's own checks computed again from its values (after a reviewer corrected some): the
// arithmetic of tables 三/四 and the prose against the tables, as buildRecord makes them. The
// prose does not change, so each text-vs-table check keeps the page and box its span had.
import type { Check, Report } from '../schema/record.js';
import { checkApplications, checkReviewLitigation } from './arithmetic.js';
import { textTableChecks, type ProseLocator } from './text-table.js';

/** The checks of `record` from its current values, in buildRecord's order (arithmetic, then prose). */
export function recheck(record: Report): Check[] {
  const places = new Map<string, { page: number; bbox: NonNullable<Check['prose']>['bbox'] }>();
  for (const c of record.checks) {
    if (c.prose?.page !== undefined)
      places.set(spanKey(c.prose.section, c.prose.start, c.prose.end), { page: c.prose.page, bbox: c.prose.bbox });
  }
  const locate: ProseLocator = (section, start, end) =>
    places.get(spanKey(section, start, end)) as ReturnType<ProseLocator>;
  return [
    ...checkApplications(record.applications),
    ...checkReviewLitigation(record.reviewLitigation),
    ...textTableChecks(record, locate).checks,
  ];
}

const spanKey = (section: string, start: number, end: number) => `${section}\u0000${start}\u0000${end}`;
