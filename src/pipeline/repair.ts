// The last step of buildRecord: the record against its own schema. A record the schema rejects is
// a bug in an earlier step (usually a damaged file taking a path nobody foresaw); the file still
// gets a record: each field with a violation is set to null (its whole table, for a table) with a
// warning naming its path and the violation, and checks/provenance under it are dropped; a cell
// whose provenance is broken keeps its value, loses the provenance and gets a warning.
import { NianbaoError } from '../errors.js';
import { ReportSchema, type Report } from '../schema/record.js';

/** Top-level fields that may be null, where a violation below them is contained. */
const NULLABLE = [
  'title',
  'agency',
  'year',
  'template',
  'activeDisclosure',
  'applications',
  'reviewLitigation',
] as const;
type Nullable = (typeof NULLABLE)[number];

/** The record, validated; violations contained as described above. Throws INTERNAL only if that fails. */
export function parseOrRepair(record: Report, file: string | null): Report {
  const first = ReportSchema.safeParse(record);
  if (first.success) return first.data;
  const fixed: Report = { ...record, warnings: [...record.warnings] };
  const nulled = new Set<Nullable>();
  const dropped = new Set<string>();
  for (const issue of first.error.issues) {
    const top = issue.path[0];
    if (top === 'provenance' && typeof issue.path[1] === 'string') {
      // A cell read with a broken position (NaN from a damaged font matrix): its value stays, its
      // position is dropped, and a warning names the cell.
      const cell = issue.path[1];
      if (!dropped.has(cell)) {
        dropped.add(cell);
        fixed.warnings.push({
          code: 'unreadable',
          message: `where ${cell} is printed could not be read (${issue.path.slice(2).join('.')}: ${issue.message})`,
          path: cell,
        });
      }
      continue;
    }
    if (!NULLABLE.includes(top as Nullable)) continue;
    const field = top as Nullable;
    const at = issue.path.join('.');
    if (!nulled.has(field)) {
      nulled.add(field);
      (fixed as Record<Nullable, unknown>)[field] = null;
      fixed.warnings.push({
        code: 'unreadable',
        message: `${field} could not be read (${at}: ${issue.message}); set to null`,
        path: field,
      });
    }
  }
  const under = (p: string) => [...nulled].some((f) => p === f || p.startsWith(`${f}.`));
  fixed.checks = record.checks.filter((c) => !c.paths.some(under));
  fixed.provenance = Object.fromEntries(
    Object.entries(record.provenance).filter(([p]) => !under(p) && !dropped.has(p)),
  );
  const second = ReportSchema.safeParse(fixed);
  if (second.success) return second.data;
  const issue = second.error.issues[0];
  throw new NianbaoError(
    'INTERNAL',
    `internal error: the record fails its schema at ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    file,
  );
}
