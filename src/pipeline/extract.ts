// The pipeline, top to bottom: source → layout → sections → tables → record → checks.
import { createHash } from 'node:crypto';
import { NianbaoError } from '../errors.js';
import { checkApplications, checkReviewLitigation } from '../checks/arithmetic.js';
import { completenessViolations, IncompleteRecordError, TABLE_KEYS } from '../checks/completeness.js';
import { agencyKeyOf } from '../text/agency-key.js';
import { layoutDocument, type Line } from '../layout/lines.js';
import { LOW_CONFIDENCE, ReportSchema, SCHEMA_VERSION, type Report, type Warning } from '../schema/record.js';
import { findSections, findTitle, sectionLines, sectionRecords, signOffAgency, type SectionSpan } from '../sections/sections.js';
import { locateSpan } from '../sections/locate.js';
import { textTableChecks } from '../checks/text-table.js';
import { detectTemplate } from '../sections/template.js';
import { parseActiveDisclosure } from '../tables/active-disclosure.js';
import { parseApplications } from '../tables/applications.js';
import { parseReviewLitigation } from '../tables/review-litigation.js';
import type { TableResult } from '../tables/table-result.js';
import { markupProvenance, withoutPages } from './markup-provenance.js';
import { readInputFile, readSource } from './read-input.js';
import { parseOrRepair } from './repair.js';
import { DEFAULT_SETTINGS, resolveSettings, type Settings, type SettingsInput, type TableSettings } from '../settings.js';
import type { PdfEngine, SourceDocument } from '../../extractors/types.js';

export interface ExtractOptions {
  /** Names the input in the record and in errors (default: the path read, or null for bytes). */
  path?: string;
  /** Time limit for an external converter (LibreOffice for .doc/.odt/.rtf/.wps), in ms. */
  timeoutMs?: number;
  /** Refuse PDFs with more pages than this. */
  maxPages?: number;
  /** false: never OCR (text layer only). */
  ocr?: boolean;
  /** PDF text-layer engine: 'pdfium' (default; pdf.js is its fallback) or 'pdfjs'. */
  engine?: PdfEngine;
  /** Tolerances of the readers (OCR, text layer) and of the layout, section and table steps (validated; unset ones take their defaults). */
  settings?: SettingsInput;
}

export { LOW_CONFIDENCE };

/**
 * One report's record from a file path or its bytes (PDF, HTML, Word, ODT/RTF/WPS, image, text; the
 * format is sniffed from the bytes). Runs in the calling thread: for untrusted files at scale use
 * `ExtractionPool` (time and memory limits in a worker).
 *
 * Resolves to a record valid under `ReportSchema` whose every number is as printed or is named by a
 * failed check or a warning (the completeness invariant; a record that breaks it throws
 * `IncompleteRecordError`, a bug). A report whose numbers do not add up is not an error: its
 * failed checks are in `checks`. Rejects with a `NianbaoError` whose `code` says why the input is
 * not a readable 年报 (NOT_FOUND, EMPTY_FILE, UNSUPPORTED_FORMAT, CORRUPT_PDF, ENCRYPTED_PDF,
 * NOT_A_REPORT, TOO_LARGE, …). `options.settings` overrides tolerances (validated; see src/settings.ts).
 */
export async function extractReport(input: string | Uint8Array, options: ExtractOptions = {}): Promise<Report> {
  const file = options.path ?? (typeof input === 'string' ? input : null);
  const bytes = typeof input === 'string' ? await readInputFile(input) : input;
  const settings = resolveSettings(options.settings);
  const doc = await readSource(bytes, { file, maxPages: options.maxPages, ocr: options.ocr, timeoutMs: options.timeoutMs, engine: options.engine, settings });
  const record = buildRecord(doc, { file, sha256: createHash('sha256').update(bytes).digest('hex') }, settings);
  return ReportSchema.parse({ ...record, source: { ...record.source, format: doc.format } });
}

/**
 * The record of a document already read (`SourceDocument` from an extractor): layout, sections,
 * template, tables, checks, in that order, with `settings` handed to each step. Pure and
 * synchronous. Throws `NianbaoError('NOT_A_REPORT')` when fewer than two section headings are found,
 * and `IncompleteRecordError` when a parser lost a value without a flag. `src.file` names the input
 * in the record; `src.sha256` is the hash of its bytes.
 */
export function buildRecord(doc: SourceDocument, src: { file: string | null; sha256: string }, settings: Settings = DEFAULT_SETTINGS): Report {
  const layout = layoutDocument(doc, settings.layout);
  const { lines, rulesByPage } = layout;
  const spans = findSections(lines, settings.sections);
  const span = (key: SectionSpan['key']) => spans.find((s) => s.key === key);
  const region = (s: SectionSpan | undefined) => (s ? lines.slice(s.start + 1, s.end) : []);
  // A part of a report (a photo or scan of one table, under its heading) is read for that table;
  // everything it lacks is warned below, by path.
  const lonePart = spans.length === 1 && TABLE_SECTIONS.has(spans[0].key);
  if (spans.length < 2 && !lonePart) {
    throw new NianbaoError(
      'NOT_A_REPORT',
      spans.length === 0 && lines.length === 0
        ? noTextMessage(doc)
        : 'not a 政府信息公开工作年度报告: the section headings 一、总体情况 … 六 were not found',
      src.file,
    );
  }
  const warnings: Warning[] = [];
  const titleInfo = findTitle(lines, spans[0].start, settings.sections);
  // No agency in the title block: the closing sign-off (agency above the date) names it.
  titleInfo.agency ??= signOffAgency(lines);
  if (titleInfo.year === null) {
    // Fall back to the first 「20xx年」 of the overview for the year.
    const m = /(20\d{2})\s*年/u.exec(region(span('overview')).map((l) => l.text).join(''));
    if (m) titleInfo.year = Number(m[1]);
  }
  if (!titleInfo.title) warnings.push({ code: 'title-not-found', message: 'the report title was not found before 一、总体情况', path: 'title' });
  else if (doc.ocrPages.includes(lines[0]?.page)) {
    // Text read by OCR carries no check: say so for the fields taken from it.
    for (const path of ['title', 'agency']) {
      warnings.push({ code: 'ocr-text', message: `${path} was read by OCR from page ${lines[0].page}; check the characters`, page: lines[0].page, path });
    }
  }
  for (const key of ['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'problems', 'otherMatters'] as const) {
    // A missing section that holds a table names the table; the others name the section.
    const path = TABLE_SECTIONS.has(key) ? key : `sections.${key}`;
    if (!span(key)) warnings.push({ code: 'missing-section', message: `section ${key} (its heading) was not found`, path });
  }
  if (!titleInfo.agency) warnings.push({ code: 'agency-not-found', message: 'the issuing agency was not found in the title block or the sign-off', path: 'agency' });
  if (titleInfo.year === null) warnings.push({ code: 'year-not-found', message: 'the reporting year was not found in the title or the overview', path: 'year' });
  const text = (s: SectionSpan | undefined) => region(s).map((l) => l.text).join('\n');
  const template = detectTemplate(text(span('activeDisclosure')), text(span('applications')), titleInfo.year);
  if (!template) {
    warnings.push({ code: 'template-unknown', message: 'could not tell the template (2019 or 2021)', path: 'template' });
    if (span('activeDisclosure')) {
      warnings.push({ code: 'table-not-read', message: 'table 二 is not read: its columns depend on the template', path: 'activeDisclosure' });
    }
  }

  const active = template && span('activeDisclosure') ? parseActiveDisclosure(region(span('activeDisclosure')), rulesByPage, template, settings.tables) : null;
  const apps = span('applications') ? parseApplications(region(span('applications')), rulesByPage, template, settings.tables) : null;
  const review = findReviewTable(lines, spans, rulesByPage, settings.tables);
  const tables: Array<TableResult<unknown> | null> = [active, apps, review];

  const provenance: Report['provenance'] = {};
  for (const t of tables) {
    if (!t) continue;
    Object.assign(provenance, t.provenance);
    warnings.push(...t.warnings);
  }
  for (const [path, p] of Object.entries(provenance)) {
    if (p.confidence !== undefined && p.confidence < LOW_CONFIDENCE) {
      warnings.push({ code: 'low-confidence', message: `OCR confidence ${Math.round(p.confidence)} for 「${p.text}」`, page: p.page, path });
    }
  }
  if (span('reviewLitigation') && !review?.data) {
    warnings.push({ code: 'table-not-read', message: 'table 四: its heading was found but no row of values under it', path: 'reviewLitigation' });
  }
  const tableLineSet = new Set(review?.tableLines.map((l) => lines.indexOf(l)) ?? []);
  const key = titleInfo.agency ? agencyKeyOf(titleInfo.agency) : null;
  const record: Report = {
    schemaVersion: SCHEMA_VERSION,
    source: {
      path: src.file,
      sha256: src.sha256,
      pageCount: doc.pageCount,
      textSource: textSourceOf(doc),
      ocrPages: doc.ocrPages,
      ...(doc.engine ? { engine: doc.engine } : {}),
    },
    title: titleInfo.title,
    agency: titleInfo.agency,
    agencyKey: key?.key ?? null,
    agencyKeyFrom: key?.from ?? null,
    year: titleInfo.year,
    template,
    sections: sectionRecords(lines, spans, tableLineSet),
    activeDisclosure: active?.data ?? null,
    applications: apps?.data ?? null,
    reviewLitigation: review?.data ?? null,
    checks: [...checkApplications(apps?.data ?? null), ...checkReviewLitigation(review?.data ?? null)],
    warnings: doc.kind === 'markup' ? withoutPages(warnings) : warnings,
    provenance: doc.regions ? markupProvenance(provenance, doc.regions) : provenance,
  };
  const bodies = sectionLines(lines, spans, tableLineSet);
  const located = textTableChecks(record, (key, start, end) => locateSpan(bodies.get(key as SectionSpan['key']) ?? [], start, end));
  record.checks.push(...located.checks);
  // A record its schema rejects (a damaged file on a path nobody foresaw) becomes a partial one:
  // tables too thin to validate are emptied, anything else is repaired field by field.
  const parsed = parseOrTrim(record, src.file);
  // Nothing may be lost without a flag: a record that breaks the invariant is a parser bug.
  const violations = completenessViolations(parsed);
  if (violations.length > 0) throw new IncompleteRecordError(parsed, violations, src.file);
  return parsed;
}

type TableKey = (typeof TABLE_KEYS)[number];

/**
 * The record, validated. A table read so partially that it does not fit the schema (OCR lost a
 * whole group of rows, e.g. no 「（一）…（七）」 row of table 三 was recognised) is dropped to null
 * with a warning naming it, rather than failing the whole file: a partial record with warnings.
 */
function parseOrTrim(record: Report, file: string | null): Report {
  let r = record;
  for (let attempt = 0; attempt <= TABLE_KEYS.length; attempt++) {
    const res = ReportSchema.safeParse(r);
    if (res.success) return res.data;
    const bad = new Set(res.error.issues.map((i) => i.path[0]).filter((k): k is TableKey => TABLE_KEYS.includes(k as TableKey)));
    if (bad.size === 0) break;
    const warnings = [...r.warnings];
    const trimmed = { ...r } as Report & Record<TableKey, unknown>;
    for (const key of bad) {
      const issue = res.error.issues.find((i) => i.path[0] === key)!;
      warnings.push({ code: 'table-incomplete', message: `${key}: too little of the table was read to make a record (${issue.path.join('.')}: ${issue.message}); it is left empty`, path: key });
      trimmed[key] = null;
    }
    r = { ...trimmed, warnings, checks: r.checks.filter((c) => !c.paths.some((p) => bad.has(p.split('.')[0] as TableKey))) };
  }
  return parseOrRepair(r, file);
}

const TABLE_SECTIONS = new Set<string>(['activeDisclosure', 'applications', 'reviewLitigation']);

/** Table 四 sits under its heading, but flattened text can push it into section 五 or later. */
function findReviewTable(lines: Line[], spans: SectionSpan[], rulesByPage: Parameters<typeof parseReviewLitigation>[1], tol: TableSettings) {
  const at = spans.findIndex((s) => s.key === 'reviewLitigation');
  if (at < 0) return null;
  let blank: ReturnType<typeof parseReviewLitigation> | null = null;
  for (const s of spans.slice(at)) {
    const found = parseReviewLitigation(lines.slice(s.start + 1, s.end), rulesByPage, tol);
    // A header with no values under it may have had them pushed further down (flattened text).
    if (found.data && !found.blank) return found;
    if (found.blank) blank ??= found;
  }
  return blank ?? parseReviewLitigation([], rulesByPage, tol);
}

/** Why there is no text at all: OCR read the pages and found none, OCR was off, or a text file is blank. */
function noTextMessage(doc: SourceDocument): string {
  if (doc.kind === 'text') return 'the text file contains no text (only blanks)';
  if (doc.ocrPages.length > 0) return 'no text found, not even by OCR (blank or unreadable pages)';
  return 'no text found (a scanned PDF? OCR is off: run without --no-ocr)';
}

function textSourceOf(doc: SourceDocument): Report['source']['textSource'] {
  if (doc.kind === 'text' || doc.kind === 'markup') return 'plain-text';
  if (doc.ocrPages.length === 0) return 'pdf-text';
  return doc.ocrPages.length === doc.pageCount ? 'ocr' : 'mixed';
}

