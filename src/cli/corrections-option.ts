// `--corrections FILE`, shared by export, ingest, review, compare and batch.
import { NOT_APPLIED } from '../corrections/codes.js';
import type { CorrectionInput } from '../corrections/index.js';
import type { Report } from '../schema/record.js';

/**
 * The --help lines, their text starting at column `col` (as the command's other options): `what`
 * (one line or more) then the format in short.
 */
export function correctionsHelp(
  col: number,
  what: string | string[] = "apply reviewers' corrections to the records",
): string {
  const flag = '      --corrections FILE';
  const at = Math.max(col, flag.length + 2);
  const pad = ' '.repeat(at);
  const [first, ...more] = typeof what === 'string' ? [what] : what;
  return [
    `${flag}${' '.repeat(at - flag.length)}${first}`,
    ...more.map((l) => pad + l),
    `${pad}(JSON Lines: sha256, path, value, note, author, time; a later line for`,
    `${pad}a cell overrides an earlier one); checks are computed again. Format:`,
    `${pad}'nianbao schema --corrections'`,
  ].join('\n');
}

export const CORRECTIONS_FLAG = { '--corrections': 'corrections' } as const;

/** The corrections file named by --corrections, parsed (a bad line is a one-line usage error); [] without it. */
export async function correctionsOption(opts: Record<string, string | boolean>): Promise<CorrectionInput[]> {
  // The corrections code (zod and the record schema) loads only when a file is given.
  return typeof opts.corrections === 'string'
    ? (await import('../corrections/index.js')).loadCorrections(opts.corrections)
    : [];
}

/** What became of the corrections, for standard error: applied, not applied, or for contents not given. */
export function correctionsSummary(
  records: readonly Report[],
  corrections: readonly CorrectionInput[],
  file: string,
): string[] {
  if (corrections.length === 0) return [];
  const shas = new Set(records.map((r) => r.source.sha256));
  const corrected = records.filter((r) => r.corrections?.length).length;
  const lines = [
    `${file}: ${corrections.length} correction${corrections.length === 1 ? '' : 's'}; ${corrected} report${corrected === 1 ? '' : 's'} corrected`,
  ];
  const elsewhere = corrections.filter((c) => !shas.has(c.sha256)).length;
  if (elsewhere)
    lines.push(
      `${file}: ${elsewhere} correction${elsewhere === 1 ? ' is' : 's are'} for contents not among these records`,
    );
  for (const r of records) for (const w of r.warnings) if (w.code === NOT_APPLIED) lines.push(w.message);
  return lines;
}
