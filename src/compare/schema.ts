// compare.json: two reports of one agency side by side (the contract of `nianbao compare`). Like the
// record, the zod schemas are the source of truth and `nianbao schema --compare` prints the JSON Schema.
import { z } from 'zod';

export const COMPARE_SCHEMA_VERSION = 1 as const;

export const ReportRefSchema = z.object({
  path: z.string().nullable(),
  sha256: z.string(),
  agency: z.string().nullable(),
  year: z.number().int().nullable(),
  template: z.string().nullable(),
});

/**
 * One side of a cell: its number (null: printed blank/「/」/「—」) and what was printed; `corrected`
 * (true, else absent) when the number is a reviewer's correction (`--corrections`).
 */
const SideSchema = z
  .object({ value: z.number().nullable(), printed: z.string().nullable(), corrected: z.literal(true).optional() })
  .nullable();

export const CellChangeSchema = z.object({
  /** Dotted record path, as in the record's provenance and checks. */
  path: z.string(),
  table: z.enum(['activeDisclosure', 'applications', 'reviewLitigation', 'legacy']),
  /** null: the previous/current report has no such cell (row or table not printed, other template). */
  previous: SideSchema,
  current: SideSchema,
  /**
   * same · changed · blankVsZero (one side printed blank, the other 0: kept apart, never "same") ·
   * blankToNumber · numberToBlank · added · removed.
   */
  status: z.enum(['same', 'changed', 'blankVsZero', 'blankToNumber', 'numberToBlank', 'added', 'removed']),
  /** current − previous, when both are numbers. */
  change: z.number().nullable(),
  /** change / previous × 100, when both are numbers and previous ≠ 0. */
  changePercent: z.number().nullable(),
});

export const CrossYearSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  message: z.string(),
  paths: z.object({ previous: z.array(z.string()), current: z.array(z.string()) }),
  expected: z.number(),
  actual: z.number(),
  blanksAsZero: z.boolean().optional(),
});

export const ReusedSentenceSchema = z.object({
  /** Offsets into the current report's `sections[].text`. */
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
});

export const SectionReuseSchema = z.object({
  section: z.string(),
  /** Sentences of this year's prose (the template's own text left out), and how many repeat last year's. */
  sentences: z.number().int(),
  reusedSentences: z.number().int(),
  /** reusedSentences / sentences (0 when there are none). */
  sentenceReuse: z.number(),
  /** Share of this year's character 8-grams that occur in last year's prose (digits masked). */
  ngramReuse: z.number(),
  reused: z.array(ReusedSentenceSchema),
});

export const QuotedNumberSchema = z.object({
  /** The text-vs-table check id both reports' prose gave (e.g. textTable:applications.newReceived.total). */
  id: z.string(),
  previous: z.object({ value: z.number(), text: z.string(), section: z.string() }).nullable(),
  current: z.object({ value: z.number(), text: z.string(), section: z.string() }).nullable(),
});

export const ComparisonSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  agencyKey: z.string().nullable(),
  previous: ReportRefSchema,
  current: ReportRefSchema,
  cells: z.array(CellChangeSchema),
  crossYear: z.array(CrossYearSchema),
  prose: z.array(SectionReuseSchema),
  quotedNumbers: z.array(QuotedNumberSchema),
});
export type Comparison = z.infer<typeof ComparisonSchema>;
export type CellChange = z.infer<typeof CellChangeSchema>;
export type SectionReuse = z.infer<typeof SectionReuseSchema>;

/** compare.json: every pair compared, in agency and year order. */
export const CompareFileSchema = z.object({
  schemaVersion: z.literal(COMPARE_SCHEMA_VERSION),
  generated: z.string(),
  pairs: z.array(ComparisonSchema),
});
export type CompareFile = z.infer<typeof CompareFileSchema>;
