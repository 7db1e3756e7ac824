// The completeness invariant held at the end of buildRecord (and after corrections). A gap in it is
// a bug of ours, not the file's fault: in production the user still gets the partial record, with
// the gap turned into warnings (`invariant-repaired`, naming each path; a value nothing vouches for
// set to null) and one line on stderr asking for a report. Tests and `npm run eval` keep it strict:
// NIANBAO_STRICT_INVARIANT=1 (set by vitest.config.ts) throws IncompleteRecordError instead, and
// eval counts every `invariant-repaired` path as a silent error.
import type { WarningCode } from '../../core/warnings.js';
import { getPath, setPath } from '../schema/paths.js';
import { ReportSchema, type Report, type Warning } from '../schema/record.js';
import { completenessViolations, IncompleteRecordError, type Violation } from './completeness.js';
import { recheck } from './recheck.js';

/** The warning code of a gap in the completeness invariant repaired into a warning (a bug to report). */
export const INVARIANT_REPAIRED: WarningCode = 'invariant-repaired';

/** Throw on a gap (tests, eval) instead of repairing it: NIANBAO_STRICT_INVARIANT=1. */
export const strictInvariant = (env: NodeJS.ProcessEnv = process.env): boolean => env.NIANBAO_STRICT_INVARIANT === '1';

export interface InvariantOptions {
  /** Names the input in the stderr line and in the error. */
  file: string | null;
  /** Throw IncompleteRecordError rather than repair (default: strictInvariant()). */
  strict?: boolean;
  /** Where the bug is logged (default: stderr). */
  log?: (line: string) => void;
}

/**
 * `record` held to the completeness invariant: returned as it is when it keeps it; when it does not,
 * thrown as IncompleteRecordError (strict) or returned repaired (see repairViolations) after one line
 * on `log` naming the paths.
 */
export function holdInvariant(record: Report, opts: InvariantOptions): Report {
  const violations = completenessViolations(record);
  if (violations.length === 0) return record;
  if (opts.strict ?? strictInvariant()) throw new IncompleteRecordError(record, violations, opts.file);
  const shown =
    violations
      .slice(0, 3)
      .map((v) => v.path)
      .join(', ') + (violations.length > 3 ? ` and ${violations.length - 3} more` : '');
  const log = opts.log ?? ((line: string) => process.stderr.write(line + '\n'));
  log(
    `nianbao: ${opts.file ?? '(input)'}: internal error: the record broke the completeness invariant at ${shown}; ` +
      `those fields are left out, with ${INVARIANT_REPAIRED} warnings (please report this file)`,
  );
  return repairViolations(record, violations, opts.file);
}

/**
 * `record` with each violation turned into an `invariant-repaired` warning naming its path; a value
 * present there (a number without provenance, a non-number) is set to null, and the checks are
 * computed again from the values left. Pure; the result keeps the invariant (else it throws).
 */
export function repairViolations(record: Report, violations: readonly Violation[], file: string | null): Report {
  const out = structuredClone(record);
  let changed = false;
  const warnings: Warning[] = violations.map((v) => {
    const value = getPath(out, v.path);
    if (value !== undefined && value !== null) {
      setPath(out as unknown as Record<string, unknown>, v.path, null);
      changed = true;
    }
    return {
      code: INVARIANT_REPAIRED,
      message: `${v.path}: ${v.reason}; left out as unreliable (an internal error of nianbao: please report it)`,
      path: v.path,
    };
  });
  out.warnings.push(...warnings);
  if (changed) out.checks = recheck(out);
  const parsed = ReportSchema.parse(out);
  const left = completenessViolations(parsed);
  if (left.length > 0) throw new IncompleteRecordError(parsed, left, file);
  return parsed;
}
