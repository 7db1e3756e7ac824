// The report record: the public contract (docs/record.md). Types derive from these schemas.
// Field names of tables 二/三 are tested to agree with src/templates (tests/templates.test.ts).
import { PDF_ENGINES, SOURCE_FORMATS } from '../../extractors/types.js';
import { z } from 'zod';
import { WARNING_CODES } from '../../core/warnings.js';
import { APPLICANT_COLUMNS, LEGACY_TEMPLATE, REVIEW_COLUMNS, SECTION_KEYS, TEMPLATE_IDS } from '../templates/index.js';
import { LegacySchema } from './legacy.js';

/**
 * The record's schema version (record.md): 2 adds agencyKey/agencyKeyFrom and warnings[].path
 * everywhere; 3 adds template "2008" with its `legacy` object, prose spans in provenance and
 * warnings[].paths.
 */
export const SCHEMA_VERSION = 3 as const;

/** OCR'd numbers below this confidence (0–100) carry a low-confidence warning (part of the contract). */
export const LOW_CONFIDENCE = 80;

/** A number as printed; null where the cell is blank or printed as 「/」「—」「-」「无」. */
const num = z.number().nullable();

/** Table 三's seven columns in print order (from the template description). */
export const ApplicantColumns = APPLICANT_COLUMNS;
export type ApplicantColumn = (typeof ApplicantColumns)[number];

/** A zod object with one nullable number per key. */
const numbers = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, num])) as { [P in K]: typeof num });

export const ApplicantRowSchema = numbers(APPLICANT_COLUMNS);
export type ApplicantRow = z.infer<typeof ApplicantRowSchema>;

const row = ApplicantRowSchema.nullable().optional();

export const ApplicationsSchema = z.object({
  newReceived: row,
  carriedOver: row,
  results: z
    .object({
      granted: row,
      partiallyGranted: row,
      withheld: z
        .object({
          stateSecret: row,
          prohibitedByLaw: row,
          securityStability: row,
          thirdPartyRights: row,
          internalAffairs: row,
          processInformation: row,
          enforcementFiles: row,
          administrativeQuery: row,
        })
        .partial(),
      unableToProvide: z.object({ notHeld: row, needsCreation: row, unclearAfterCorrection: row }).partial(),
      notProcessed: z
        .object({ complaint: row, duplicate: row, publication: row, excessive: row, confirmation: row })
        .partial(),
      otherHandling: z.object({ overdueCorrection: row, overdueFee: row, other: row, total: row }).partial(),
      total: row,
    })
    .partial(),
  carriedForward: row,
});
export type Applications = z.infer<typeof ApplicationsSchema>;

/** Table 四's five columns, in each of its three groups (from the template description). */
export const ReviewColumns = REVIEW_COLUMNS;
export type ReviewColumn = (typeof ReviewColumns)[number];
export const ReviewGroupSchema = numbers(REVIEW_COLUMNS);
export const ReviewLitigationSchema = z.object({
  review: ReviewGroupSchema.nullable(),
  litigationDirect: ReviewGroupSchema.nullable(),
  litigationAfterReview: ReviewGroupSchema.nullable(),
});
export type ReviewLitigation = z.infer<typeof ReviewLitigationSchema>;

const docs2021 = z.object({ issued: num, repealed: num, inForce: num });
const decisions2021 = z.object({ decisions: num });
const docs2019 = z.object({ newlyMade: num, newlyPublished: num, totalPublished: num });
const items2019 = z.object({ previousYearItems: num, changeThisYear: num, decisions: num });

/** Table 二, template 2021. */
export const ActiveDisclosure2021Schema = z.object({
  regulations: docs2021.nullable().optional(),
  normativeDocuments: docs2021.nullable().optional(),
  administrativeLicensing: decisions2021.nullable().optional(),
  administrativePunishment: decisions2021.nullable().optional(),
  administrativeCoercion: decisions2021.nullable().optional(),
  administrativeFees: z.object({ amountTenThousandYuan: num }).nullable().optional(),
});
/** Table 二, template 2019. */
export const ActiveDisclosure2019Schema = z.object({
  regulations: docs2019.nullable().optional(),
  normativeDocuments: docs2019.nullable().optional(),
  administrativeLicensing: items2019.nullable().optional(),
  otherExternalServices: items2019.nullable().optional(),
  administrativePunishment: items2019.nullable().optional(),
  administrativeCoercion: items2019.nullable().optional(),
  administrativeFees: z.object({ previousYearItems: num, changeThisYear: num }).nullable().optional(),
  governmentProcurement: z
    .object({ projects: num, totalAmount: num, totalAmountText: z.string().nullable() })
    .nullable()
    .optional(),
});
export const ActiveDisclosureSchema = z.union([ActiveDisclosure2021Schema, ActiveDisclosure2019Schema]);
export type ActiveDisclosure2021 = z.infer<typeof ActiveDisclosure2021Schema>;
export type ActiveDisclosure2019 = z.infer<typeof ActiveDisclosure2019Schema>;
export type ActiveDisclosure = ActiveDisclosure2021 | ActiveDisclosure2019;

export const SectionKeys = SECTION_KEYS;
export type SectionKey = (typeof SectionKeys)[number];

export const SectionSchema = z.object({
  key: z.enum(SectionKeys),
  heading: z.string(),
  text: z.string(),
  pages: z.array(z.number().int()),
});
export type Section = z.infer<typeof SectionSchema>;

export const CheckKinds = ['arithmetic', 'textTable', 'crossYear'] as const;
export type CheckKind = (typeof CheckKinds)[number];

/** Where in a section's text a text-vs-table check read its number (offsets into `sections[].text`). */
export const ProseSpanSchema = z.object({
  section: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  page: z.number().int().optional(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
  text: z.string(),
});

export const CheckSchema = z.object({
  id: z.string(),
  /** arithmetic: the tables' own 勾稽关系; textTable: prose against a table; crossYear: two reports. */
  kind: z.enum(CheckKinds),
  passed: z.boolean(),
  message: z.string(),
  paths: z.array(z.string()),
  expected: z.number().optional(),
  actual: z.number().optional(),
  blanksAsZero: z.boolean().optional(),
  /**
   * Arithmetic checks: the total cell was printed blank while its parts are not all blank or 0 — the
   * report left its total unfilled (record.md "totals left blank"). The check still fails.
   */
  totalBlank: z.boolean().optional(),
  /** textTable checks: the prose side. */
  prose: ProseSpanSchema.optional(),
});
export type Check = z.infer<typeof CheckSchema>;

export const WarningSchema = z.object({
  /** One of WARNING_CODES (core/warnings.ts); README and docs/record.md say what each means. */
  code: z.enum(WARNING_CODES),
  message: z.string(),
  page: z.number().int().optional(),
  path: z.string().optional(),
  /** More paths the warning covers (schemaVersion 3: one `not-stated` warning lists every figure never stated). */
  paths: z.array(z.string()).optional(),
});
export type Warning = z.infer<typeof WarningSchema>;

export const BBoxSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
/**
 * Where a value came from. PDFs and images: `page` and `bbox`. HTML: `table`, `row`, `col` and a
 * CSS-like `selector`; DOCX/ODT/DOC/RTF/WPS: `table`, `row`, `cell` (0-based, in the table's grid).
 * Text outside tables: `selector` (HTML) or `paragraph` (DOCX). Markdown: `line` and `column` (1-based),
 * and for a pipe table's cell also `table`, `row`, `cell`. A figure read from prose (template "2008"):
 * `section`, `start`, `end` (offsets into that section's `text`), with `page`/`bbox` where the input
 * has them. `text` is always what was printed.
 */
export const ProvenanceSchema = z.object({
  page: z.number().int().optional(),
  bbox: BBoxSchema.optional(),
  table: z.number().int().optional(),
  row: z.number().int().optional(),
  col: z.number().int().optional(),
  cell: z.number().int().optional(),
  selector: z.string().optional(),
  paragraph: z.number().int().optional(),
  /** Markdown: 1-based line and column of the value in the file. */
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  section: z.string().optional(),
  start: z.number().int().optional(),
  end: z.number().int().optional(),
  text: z.string(),
  confidence: z.number().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const TextSources = ['pdf-text', 'ocr', 'mixed', 'plain-text'] as const;
export const SourceFormats = SOURCE_FORMATS;
export const SourceSchema = z.object({
  path: z.string().nullable(),
  /** The input's format, sniffed from its bytes (absent in records made before formats were told apart). */
  format: z.enum(SourceFormats).optional(),
  sha256: z.string(),
  pageCount: z.number().int(),
  textSource: z.enum(TextSources),
  ocrPages: z.array(z.number().int()),
  /** PDFs only: the engine that read the text layer. */
  engine: z.enum(PDF_ENGINES).optional(),
});

/**
 * A reviewer's correction of one cell (record.md, schemaVersion 2): the table holds `value`, the
 * report printed `printed` (what the extraction read; its provenance keeps the printed text).
 */
export const CorrectionSchema = z.object({
  /** The dotted record path of the cell, e.g. "applications.results.granted.naturalPerson". */
  path: z.string(),
  /** The value as extracted (null: printed blank, 「/」, 「—」). */
  printed: num,
  /** The corrected value, now in the table. */
  value: num,
  note: z.string().optional(),
  author: z.string().optional(),
  /** When the correction was made (ISO 8601). */
  time: z.string().optional(),
});
export type Correction = z.infer<typeof CorrectionSchema>;

/** The record's templates: the two national forms, and "2008" for reports for 2008–2018 without them. */
export const Templates = [...TEMPLATE_IDS, LEGACY_TEMPLATE] as const;
export type Template = (typeof Templates)[number];

/**
 * The report record (contract: record.md). Types derive from it (`Report`); `nianbao schema` prints
 * it as JSON Schema. Table fields are null when the table was not found (a warning names it); a row
 * the report does not print is absent; a cell printed blank or as 「/」「—」「-」「无」 is null.
 */
export const ReportSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  source: SourceSchema,
  title: z.string().nullable(),
  agency: z.string().nullable(),
  /** The agency normalised for pairing years (higher region dropped, brackets and spaces removed). */
  agencyKey: z.string().nullable(),
  /** How agencyKey was formed from the printed agency name. */
  agencyKeyFrom: z.string().nullable(),
  year: z.number().int().nullable(),
  template: z.enum(Templates).nullable(),
  sections: z.array(SectionSchema),
  activeDisclosure: ActiveDisclosureSchema.nullable(),
  applications: ApplicationsSchema.nullable(),
  reviewLitigation: ReviewLitigationSchema.nullable(),
  /**
   * Template "2008" only: the figures a report for 2008–2018 states in prose or its old 统计表
   * (null when none of them could be read; a warning names it). Absent for the other templates.
   */
  legacy: LegacySchema.nullable().optional(),
  checks: z.array(CheckSchema),
  warnings: z.array(WarningSchema),
  provenance: z.record(z.string(), ProvenanceSchema),
  /**
   * Corrections applied on top of the extraction (`--corrections FILE`), in print order; absent when
   * there are none. The checks were computed again with the corrected values.
   */
  corrections: z.array(CorrectionSchema).optional(),
});
export type Report = z.infer<typeof ReportSchema>;
