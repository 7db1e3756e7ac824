// Taking corrections back: the cells return to the values that were extracted (each correction in
// the record keeps its `printed` value), the record no longer lists them, and every check is
// computed again — a reverted record has the checks its extraction had. Pure: the record given is
// not changed.
import { completenessViolations, IncompleteRecordError } from '../checks/completeness.js';
import { recheck } from '../checks/recheck.js';
import { setPath } from '../schema/paths.js';
import { ReportSchema, type Report } from '../schema/record.js';
import { NOT_APPLIED } from './codes.js';

/**
 * `record` without its corrections of `paths` (all of them when `paths` is omitted): each cell gets
 * its extracted (`printed`) value back, the `correction-not-applied` warnings of those cells go,
 * and the checks are computed again (`recheck`). Paths the record has no correction for are
 * ignored; with nothing to revert, `record` itself is returned. Throws IncompleteRecordError if the
 * result breaks the completeness invariant (it cannot for a record that held it before).
 */
export function revertCorrections(record: Report, paths?: readonly string[]): Report {
  const wanted = paths ? new Set(paths) : null;
  const listed = record.corrections ?? [];
  const undo = listed.filter((c) => !wanted || wanted.has(c.path));
  const unapplied = record.warnings.filter((w) => w.code === NOT_APPLIED && w.path && (!wanted || wanted.has(w.path)));
  if (undo.length === 0 && unapplied.length === 0) return record;
  const out = structuredClone(record);
  for (const c of undo) setPath(out as unknown as Record<string, unknown>, c.path, c.printed);
  const kept = listed.filter((c) => !undo.includes(c));
  if (kept.length) out.corrections = kept;
  else delete out.corrections;
  out.warnings = out.warnings.filter((w) => !(w.code === NOT_APPLIED && w.path && (!wanted || wanted.has(w.path))));
  out.checks = recheck(out);
  const parsed = ReportSchema.parse(out);
  const violations = completenessViolations(parsed);
  if (violations.length > 0) throw new IncompleteRecordError(parsed, violations, record.source.path);
  return parsed;
}
