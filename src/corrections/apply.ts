// Corrections on top of an extraction: the corrected values go into the tables, the record lists
// each with the value that was printed, and every check is computed again — a correction can make a
// failed check pass (or a passing one fail). Pure: the record given is not changed.
import { holdInvariant } from '../checks/invariant.js';
import { recheck } from '../checks/recheck.js';
import { getPath, setPath } from '../schema/paths.js';
import { ReportSchema, type Correction, type Report, type Warning } from '../schema/record.js';
import { templateCell } from '../templates/index.js';
import { whereOf, type CorrectionInput } from './file.js';
import { NOT_APPLIED } from './codes.js';

/** The code of the warning for a correction whose cell this report does not have. */
export { NOT_APPLIED };

/**
 * `record` with the corrections for its content (`sha256` = `record.source.sha256`) applied; the
 * others are ignored. Later corrections of a cell override earlier ones, and those already in the
 * record (its `corrections`), whose `printed` value is kept: applying the same corrections again
 * gives the same record. A correction of a cell the report does not print (its row or table is
 * absent) is not applied; a `correction-not-applied` warning naming the cell says so. Provenance
 * is kept as extracted (it shows what was printed). With nothing to apply, `record` is returned.
 */
export function applyCorrections(record: Report, corrections: readonly CorrectionInput[]): Report {
  const mine = corrections.filter((c) => c.sha256 === record.source.sha256);
  if (mine.length === 0) return record;
  const out = structuredClone(record);
  const byPath = new Map<string, Correction>((record.corrections ?? []).map((c) => [c.path, c]));
  const warnings: Warning[] = [];
  for (const c of mine) {
    const parent = getPath(out, c.path.slice(0, c.path.lastIndexOf('.')));
    const current = getPath(out, c.path);
    if (parent === null || typeof parent !== 'object' || (current !== null && typeof current !== 'number')) {
      warnings.push({
        code: NOT_APPLIED,
        message: `${whereOf(c)}: the correction of ${c.path} to ${c.value} was not applied: this report does not print that cell (its row or table is absent)`,
        path: c.path,
      });
      continue;
    }
    const printed = byPath.has(c.path) ? byPath.get(c.path)!.printed : current;
    byPath.set(c.path, {
      path: c.path,
      printed,
      value: c.value,
      ...(c.note !== undefined ? { note: c.note } : {}),
      ...(c.author !== undefined ? { author: c.author } : {}),
      ...(c.time !== undefined ? { time: c.time } : {}),
    });
    setPath(out as unknown as Record<string, unknown>, c.path, c.value);
  }
  const known = new Set(out.warnings.map((w) => `${w.code}\u0000${w.path}\u0000${w.message}`));
  out.warnings.push(...warnings.filter((w) => !known.has(`${w.code}\u0000${w.path}\u0000${w.message}`)));
  if (byPath.size) out.corrections = [...byPath.values()].sort((a, b) => orderOf(a.path) - orderOf(b.path));
  out.checks = recheck(out);
  return holdInvariant(ReportSchema.parse(out), { file: record.source.path });
}

const orderOf = (path: string) => templateCell(path)?.order ?? Number.MAX_SAFE_INTEGER;

/** Each record with its corrections applied (see applyCorrections). */
export function applyCorrectionsToAll(records: readonly Report[], corrections: readonly CorrectionInput[]): Report[] {
  if (corrections.length === 0) return [...records];
  return records.map((r) => applyCorrections(r, corrections));
}
