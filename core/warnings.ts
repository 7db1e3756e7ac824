// Every warning code a record can carry, in one typed list beside the error codes (core/errors.ts).
// A new code goes here; then tsc asks for its Chinese message (WARNING_ZH in src/review/messages.ts)
// and tests/warning-codes.test.ts for its line in README.md and docs/record.md.

export const WARNING_CODES = [
  // The title block and the form
  'title-not-found',
  'agency-not-found',
  'year-not-found',
  'ocr-text',
  'missing-section',
  'template-unknown',
  // Tables as a whole
  'table-not-read',
  'table-incomplete',
  'unreadable',
  // Rows
  'missing-row',
  'blank-row',
  'unmatched-row',
  'label-uncertain',
  'row-inferred',
  // Cells
  'column-inferred',
  'column-uncertain',
  'stacked-value',
  'cell-unreadable',
  'low-confidence',
  'amount-unit-assumed',
  'implausible',
  // The input's bytes and form (web pages)
  'invalid-bytes',
  'charset-mismatch',
  'agency-from-page',
  'agency-prefix-dropped',
  'damaged-page',
  'damaged-file',
  // What a reader left out
  'image-ignored',
  // Corrections
  'correction-not-applied',
  // A gap in the completeness invariant (a bug of ours) repaired into a warning (src/checks/invariant.ts)
  'invariant-repaired',
  // Reports for 2008–2018 (template "2008"): figures in prose
  'not-stated',
  'approximate',
  'figure-ambiguous',
] as const;

/** A warning's `code` in a record (JSON: a string, one of WARNING_CODES). */
export type WarningCode = (typeof WARNING_CODES)[number];
