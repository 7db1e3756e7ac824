// Whether a record needs a person's eye: a check failed, or a table could not be read (it is null
// and a warning names it). Such a file counts as flagged, never as ok.
import type { Report } from '../schema/record.js';

export const flaggedByChecks = (r: Report): boolean =>
  r.checks.some((c) => !c.passed) || r.activeDisclosure === null || r.applications === null || r.reviewLitigation === null;
