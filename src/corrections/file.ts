// The corrections file: JSON Lines, one reviewer's correction per line,
//   {"sha256":"…","path":"applications.results.granted.naturalPerson","value":3,"note":"…","author":"…","time":"…"}
// keyed by the source file's content hash and a cell's record path, so it applies to any extraction
// of that content (a new extractor version, a re-run). Later lines for the same sha256 and path
// override earlier ones. Like the record, the zod schema is the source of truth; `nianbao schema
// --corrections` prints it as JSON Schema.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { NianbaoError } from '../errors.js';
import { TEMPLATE_CELLS, templateCell, unitProblem } from '../templates/index.js';

/** One line of a corrections file. */
export const CorrectionLineSchema = z.strictObject({
  /** The source file's SHA-256 (hex), as the record's `source.sha256` holds it. */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "a SHA-256 in lowercase hex (64 characters), as in the record's source.sha256"),
  /** A numeric cell of table 二/三/四, as a dotted record path. */
  path: z.enum(TEMPLATE_CELLS.map((c) => c.path) as [string, ...string[]]),
  /** The right value; null for a cell that should be blank. */
  value: z.number().nullable(),
  /** Why (e.g. 「印刷错误：各项之和为 3」). */
  note: z.string().optional(),
  /** Who made the correction. */
  author: z.string().optional(),
  /** When (ISO 8601 with a time zone, e.g. 2026-11-27T03:00:00Z). */
  time: z.iso.datetime({ offset: true }).optional(),
});
export type CorrectionLine = z.infer<typeof CorrectionLineSchema>;

/** A correction, and where it was read (for messages). */
export type CorrectionInput = CorrectionLine & { from?: { file: string; line: number } };

/** `file:line`, or the sha256 and path when the correction came from elsewhere (a database). */
export const whereOf = (c: CorrectionInput): string =>
  c.from ? `${c.from.file}:${c.from.line}` : `correction ${c.sha256.slice(0, 12)}… ${c.path}`;

/**
 * The corrections in a file's text, in file order. Throws a one-line `NianbaoError` (USAGE) naming
 * `file:line` for a line that is not JSON, has a field missing, misspelt or of the wrong type, names a
 * path that is no numeric cell of either form, or gives a value its cell cannot hold.
 */
export function parseCorrections(text: string, file: string): CorrectionInput[] {
  const out: CorrectionInput[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, k) => {
      const line = raw.trim();
      if (!line) return;
      const at = `${file}:${k + 1}`;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new NianbaoError('USAGE', `not JSON (${(e as Error).message})`, at);
      }
      const parsed = CorrectionLineSchema.safeParse(value);
      if (!parsed.success) {
        // A misspelt field also leaves the right one missing: name the misspelling.
        const issues = parsed.error.issues;
        throw new NianbaoError(
          'USAGE',
          describeIssue(issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0], value),
          at,
        );
      }
      const c = parsed.data;
      const cell = templateCell(c.path)!;
      const bad = c.value === null ? null : unitProblem(cell.unit, c.value);
      if (bad) throw new NianbaoError('USAGE', `${c.path}: ${bad}, not ${c.value}`, at);
      out.push({ ...c, from: { file, line: k + 1 } });
    });
  return out;
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const field = issue.path.join('.');
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (a line has sha256, path, value, note, author, time)`;
  if (field === 'path' && issue.code === 'invalid_value') {
    const path = (value as { path?: unknown }).path;
    return `unknown path 「${String(path)}」: not a numeric cell of table 二/三/四 in either template (e.g. applications.results.granted.naturalPerson)`;
  }
  if (!field) return `not a correction (${issue.message})`;
  if (
    issue.path.length === 1 &&
    value !== null &&
    typeof value === 'object' &&
    (value as Record<string, unknown>)[field] === undefined
  )
    return `${field} is missing`;
  return `${field}: ${issue.message}`;
}

/** Read and parse a corrections file (see parseCorrections). */
export async function loadCorrections(file: string): Promise<CorrectionInput[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new NianbaoError('NOT_FOUND', 'no such corrections file', file);
  }
  return parseCorrections(text, file);
}
