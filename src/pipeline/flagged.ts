// Whether a record needs a person's eye: a check failed, or a table could not be read (it is null
// and a warning names it). Such a file counts as flagged, never as ok. A report for 2008–2018
// (template "2008") has no national tables: its `legacy` figures are what must have been read.
import type { Report } from '../schema/record.js';

export const flaggedByChecks = (r: Report): boolean =>
  r.checks.some((c) => !c.passed) ||
  (r.template === '2008'
    ? r.legacy == null
    : r.activeDisclosure === null || r.applications === null || r.reviewLitigation === null);
