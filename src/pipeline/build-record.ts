// A document already read → its record: layout, sections, title block, template, tables, checks,
// each a small step below that takes the previous one's output (after pdfplumber's table.py).
import { NianbaoError } from '../errors.js';
import { checkApplications, checkReviewLitigation } from '../checks/arithmetic.js';
import { TABLE_KEYS } from '../checks/completeness.js';
import { holdInvariant } from '../checks/invariant.js';
import { textTableChecks } from '../checks/text-table.js';
import { layoutDocument, type Line } from '../layout/lines.js';
import {
  LOW_CONFIDENCE,
  ReportSchema,
  SCHEMA_VERSION,
  type Report,
  type Template,
  type Warning,
} from '../schema/record.js';
import { locateSpan } from '../sections/locate.js';
import {
  agencyLine,
  findSections,
  findTitle,
  sectionLines,
  sectionRecords,
  signOffAgency,
  type SectionSpan,
  type TitleInfo,
} from '../sections/sections.js';
import { detectTemplate } from '../sections/template.js';
import { noticeOnReports, reportTitle, TABLE_SECTION_KEYS } from '../sections/evidence.js';
import { fractionalCountWarnings, plausibilityWarnings } from '../checks/plausibility.js';
import { DEFAULT_SETTINGS, type Settings, type TableSettings } from '../settings.js';
import { parseActiveDisclosure } from '../tables/active-disclosure.js';
import { parseApplications } from '../tables/applications.js';
import { parseReviewLitigation } from '../tables/review-litigation.js';
import type { TableResult } from '../tables/table-result.js';
import { agencyKeyOf } from '../text/agency-key.js';
import { isNationalTemplate, LEGACY_TEMPLATE } from '../templates/index.js';
import { hasNationalForm, legacyHead, legacyParts, simplifiedLines } from '../legacy/index.js';
import { UNREAD_CELL, type SourceDocument, type SourceFormat } from '../../extractors/types.js';
import { markupProvenance, withoutPages } from './markup-provenance.js';
import { parseOrRepair } from './repair.js';

type SectionKey = SectionSpan['key'];
type RulesByPage = Parameters<typeof parseReviewLitigation>[1];

/**
 * The record of a document already read (`SourceDocument` from an extractor): layout, sections,
 * template, tables, checks, in that order, with `settings` handed to each step. Pure and
 * synchronous. Throws `NianbaoError('NOT_A_REPORT')` when fewer than two section headings are found.
 * A value a parser lost without a flag (a bug) is repaired into an `invariant-repaired` warning
 * naming it (`IncompleteRecordError` instead under NIANBAO_STRICT_INVARIANT=1: tests, eval). `src.file` names the input
 * in the record; `src.sha256` is the hash of its bytes; `src.format`, when given, is `source.format`.
 */
export function buildRecord(doc: SourceDocument, src: RecordSource, settings: Settings = DEFAULT_SETTINGS): Report {
  const { lines, rulesByPage } = layoutDocument(doc, settings.layout);
  const legacy = legacyRecord(doc, src, lines, settings);
  if (legacy) return validated(legacy, src.file);
  const spans = reportSections(doc, lines, src.file, settings);
  const sections = sectionsOf(lines, spans);
  const head = titleBlock(doc, lines, spans, sections, settings);
  const template = detectTemplate(sections.text('activeDisclosure'), sections.text('applications'), head.year);
  const tables = readTables(lines, spans, sections, rulesByPage, template, settings.tables);
  const provenance = tableProvenance(tables);
  const warnings = [
    // What the reader left out or met (an image in a Markdown file, bytes invalid in a page's charset).
    ...(doc.warnings ?? []),
    ...titleWarnings(doc, lines, head),
    ...missingSectionWarnings(sections),
    ...identityWarnings(head),
    ...templateWarnings(template, sections),
    ...tableWarnings(tables, provenance, sections),
    // Table 二 has no arithmetic: doubtful OCR numbers and rows its definitions rule out are flagged.
    ...plausibilityWarnings({ activeDisclosure: tables.active?.data ?? null, template, provenance }, settings.tables),
    ...fractionalCountWarnings(provenance, template),
  ];
  const record = assembleRecord(doc, src, lines, spans, head, template, tables, provenance, warnings);
  record.checks.push(...textChecks(record, lines, spans, tables));
  return validated(record, src.file);
}

/**
 * The record of a report for 2008–2018 without the national tables (template "2008"), or null when
 * the document is not one. A document printing the national form's phrases is never one (cheap test
 * first, so reports of the national forms pay nothing more).
 */
function legacyRecord(doc: SourceDocument, src: RecordSource, lines: Line[], settings: Settings): Report | null {
  if (hasNationalForm(lines)) return null;
  const simplified = simplifiedLines(lines, settings.sections.pinyinGlossesMin);
  const found = legacyHead(simplified, settings.sections);
  if (!found) return null;
  // As for the national forms: no agency in the report's text, a web page's publisher field names it.
  const fromPage = found.agency ? undefined : doc.publishers?.map(agencyLine).find((a): a is string => !!a);
  const head = fromPage ? { ...found, agency: fromPage, agencyFrom: 'page-field' as const } : found;
  const parts = legacyParts({ doc, lines, simplified, head, settings });
  const record: Report = { ...parts, source: sourceOf(doc, src) };
  if (doc.kind === 'markup') record.warnings = withoutPages(record.warnings);
  return record;
}

/** What the record says about its input besides what the document gives. */
export interface RecordSource {
  file: string | null;
  sha256: string;
  /** The format the input was read as (`source.format`). */
  format?: SourceFormat;
}

/**
 * The section headings found. Throws NOT_A_REPORT unless there are two, or one that holds a table (a
 * part of a report), or the first lines print the report's title (「…2023年…年度报告」): a 年报 whose
 * headings are numbered unusually is read for the headings found under any number, and what it
 * lacks is warned by path, never thrown away.
 */
function reportSections(doc: SourceDocument, lines: Line[], file: string | null, settings: Settings): SectionSpan[] {
  // A notice telling bodies how to write their reports has a report's headings in its outline.
  const notice = noticeOnReports(lines, settings.sections);
  if (notice)
    throw new NianbaoError(
      'NOT_A_REPORT',
      `not a 政府信息公开工作年度报告: a notice on writing them (${notice})`,
      file,
    );
  const spans = findSections(lines, settings.sections);
  // A part of a report (a photo or scan of one table, under its heading) is read for that table;
  // everything it lacks is warned below, by path.
  const lonePart = spans.length === 1 && TABLE_SECTIONS.has(spans[0].key);
  if (spans.length >= 2 || lonePart) return spans;
  if (reportTitle(lines, settings.sections)) {
    const loose = findSections(lines, settings.sections, true);
    return loose.length > spans.length ? loose : spans;
  }
  throw new NianbaoError(
    'NOT_A_REPORT',
    spans.length === 0 && lines.length === 0
      ? noTextMessage(doc)
      : 'not a 政府信息公开工作年度报告: the section headings 一、总体情况 … 六 were not found',
    file,
  );
}

/** Each section by key: its span, the lines under its heading, and their text. */
interface Sections {
  span(key: SectionKey): SectionSpan | undefined;
  region(key: SectionKey): Line[];
  text(key: SectionKey): string;
}

function sectionsOf(lines: Line[], spans: SectionSpan[]): Sections {
  const span = (key: SectionKey) => spans.find((s) => s.key === key);
  const region = (key: SectionKey) => {
    const s = span(key);
    return s ? lines.slice(s.start + 1, s.end) : [];
  };
  return {
    span,
    region,
    text: (key) =>
      region(key)
        .map((l) => l.text)
        .join('\n'),
  };
}

/**
 * Title, agency and year from the title block; the agency else from the sign-off, else (web pages)
 * from the page's publisher fields (`agencyFromPage` set), the year else from the overview.
 */
function titleBlock(
  doc: SourceDocument,
  lines: Line[],
  spans: SectionSpan[],
  sections: Sections,
  settings: Settings,
): TitleInfo & { agencyFromPage?: string } {
  const head: TitleInfo & { agencyFromPage?: string } = findTitle(lines, spans[0]?.start ?? -1, settings.sections);
  // No agency in the title block: the closing sign-off (agency above the date) names it.
  head.agency ??= signOffAgency(lines);
  if (!head.agency) {
    // Outside the report's text: a field of the page's header (发布机构：…) that reads as an agency's name.
    const fromPage = doc.publishers?.map(agencyLine).find((a): a is string => !!a);
    if (fromPage) [head.agency, head.agencyFromPage] = [fromPage, fromPage];
  }
  if (head.year === null) {
    // Fall back to the first 「20xx年」 of the overview for the year.
    const m = /(20\d{2})\s*年/u.exec(
      sections
        .region('overview')
        .map((l) => l.text)
        .join(''),
    );
    if (m) head.year = Number(m[1]);
  }
  return head;
}

/** No title found; or a title read by OCR, whose characters no check confirms (title and agency). */
function titleWarnings(doc: SourceDocument, lines: Line[], head: TitleInfo & { agencyFromPage?: string }): Warning[] {
  if (!head.title) {
    const missing: Warning = {
      code: 'title-not-found',
      message: 'the report title was not found before 一、总体情况',
      path: 'title',
    };
    // The agency then comes from the sign-off: on a scan, read by OCR with no title to confirm it.
    const ocrAgency = head.agency && !head.agencyFromPage && doc.ocrPages.length > 0;
    const agency: Warning = {
      code: 'ocr-text',
      message: 'agency was read by OCR (no title to confirm it); check the characters',
      path: 'agency',
    };
    return ocrAgency ? [missing, agency] : [missing];
  }
  if (!doc.ocrPages.includes(lines[0]?.page)) return [];
  // The two OCR engines read some of the title's characters differently (its words' confidence is
  // held under LOW_CONFIDENCE then): say so, the reading kept may still be wrong.
  const split = head.confidence !== undefined && head.confidence < LOW_CONFIDENCE;
  const why = split
    ? `; some characters were read with low confidence, or differently by the two OCR engines (confidence ${Math.round(head.confidence!)})`
    : '';
  return ['title', 'agency'].map((path): Warning => ({
    code: 'ocr-text',
    message: `${path} was read by OCR from page ${lines[0].page}${why}; check the characters`,
    page: lines[0].page,
    path,
  }));
}

/** A section whose heading is missing: a table's section names the table, the others name the section. */
function missingSectionWarnings(sections: Sections): Warning[] {
  return (['overview', 'activeDisclosure', 'applications', 'reviewLitigation', 'problems', 'otherMatters'] as const)
    .filter((key) => !sections.span(key))
    .map((key): Warning => ({
      code: 'missing-section',
      message: `section ${key} (its heading) was not found`,
      path: TABLE_SECTIONS.has(key) ? key : `sections.${key}`,
    }));
}

/** The agency or the year not found, or the agency taken from the web page's fields; a title or agency holding U+FFFD. */
function identityWarnings(head: TitleInfo & { agencyFromPage?: string }): Warning[] {
  const out: Warning[] = [];
  if (head.agencyFromPage) {
    const message = `the report names no agency in its title or sign-off; 「${head.agencyFromPage}」 is the publisher the web page's header names (发布机构/来源)`;
    out.push({ code: 'agency-from-page', message, path: 'agency' });
  }
  for (const path of ['title', 'agency'] as const) {
    if (head[path]?.includes('\uFFFD')) {
      out.push({
        code: 'invalid-bytes',
        message: `${path} 「${head[path]}」 holds characters the input's bytes did not encode validly (U+FFFD)`,
        path,
      });
    }
  }
  if (!head.agency)
    out.push({
      code: 'agency-not-found',
      message: 'the issuing agency was not found in the title block or the sign-off',
      path: 'agency',
    });
  if (head.year === null)
    out.push({
      code: 'year-not-found',
      message: 'the reporting year was not found in the title or the overview',
      path: 'year',
    });
  return out;
}

/** The template unknown, and then table 二 unread (its columns depend on the template). */
function templateWarnings(template: Template | null, sections: Sections): Warning[] {
  if (template) return [];
  const out: Warning[] = [
    { code: 'template-unknown', message: 'could not tell the template (2019 or 2021)', path: 'template' },
  ];
  if (sections.span('activeDisclosure')) {
    out.push({
      code: 'table-not-read',
      message: 'table 二 is not read: its columns depend on the template',
      path: 'activeDisclosure',
    });
  }
  return out;
}

/** Tables 二, 三 and 四 as parsed (null where the section, or for 二 the template, is missing). */
interface Tables {
  active: ReturnType<typeof parseActiveDisclosure> | null;
  apps: ReturnType<typeof parseApplications> | null;
  review: ReturnType<typeof findReviewTable>;
}

function readTables(
  lines: Line[],
  spans: SectionSpan[],
  sections: Sections,
  rulesByPage: RulesByPage,
  found: Template | null,
  tol: TableSettings,
): Tables {
  // A report for 2008–2018 has none of the national tables: its figures are read by src/legacy.
  if (found === LEGACY_TEMPLATE) return { active: null, apps: null, review: null };
  const template = isNationalTemplate(found) ? found : null;
  const active =
    template && sections.span('activeDisclosure')
      ? parseActiveDisclosure(sections.region('activeDisclosure'), rulesByPage, template, tol)
      : null;
  const apps = sections.span('applications')
    ? parseApplications(sections.region('applications'), rulesByPage, template, tol)
    : null;
  const review = findReviewTable(lines, spans, rulesByPage, tol);
  return { active, apps, review };
}

const tableList = (t: Tables): Array<TableResult<unknown> | null> => [t.active, t.apps, t.review];

/** Every cell's provenance, by record path, from all tables. */
function tableProvenance(tables: Tables): Report['provenance'] {
  const provenance: Report['provenance'] = {};
  for (const t of tableList(tables)) if (t) Object.assign(provenance, t.provenance);
  return provenance;
}

/** The tables' own warnings, then a warning per cell OCR read with low confidence, then table 四 found but unread. */
function tableWarnings(tables: Tables, provenance: Report['provenance'], sections: Sections): Warning[] {
  const out: Warning[] = tableList(tables).flatMap((t) => t?.warnings ?? []);
  for (const [path, p] of Object.entries(provenance)) {
    if (p.text === UNREAD_CELL) {
      // Ink the OCR could not read (broken strokes): a number may be printed there.
      out.push({
        code: 'cell-unreadable',
        message: 'OCR found ink in this cell but could not read it: a number may be printed there, given as null',
        page: p.page,
        path,
      });
    } else if (p.confidence !== undefined && p.confidence < LOW_CONFIDENCE) {
      out.push({
        code: 'low-confidence',
        message: `OCR confidence ${Math.round(p.confidence)} for 「${p.text}」`,
        page: p.page,
        path,
      });
    }
  }
  if (sections.span('reviewLitigation') && !tables.review?.data) {
    out.push({
      code: 'table-not-read',
      message: 'table 四: its heading was found but no row of values under it',
      path: 'reviewLitigation',
    });
  }
  return out;
}

/** Indexes of the lines table 四 occupies (left out of the section texts). */
const reviewLineSet = (lines: Line[], tables: Tables) =>
  new Set(tables.review?.tableLines.map((l) => lines.indexOf(l)) ?? []);

/** The record from its parts, with the arithmetic checks of tables 三 and 四 (markup documents: page numbers and boxes dropped). */
function assembleRecord(
  doc: SourceDocument,
  src: RecordSource,
  lines: Line[],
  spans: SectionSpan[],
  head: TitleInfo,
  template: Template | null,
  tables: Tables,
  provenance: Report['provenance'],
  warnings: Warning[],
): Report {
  const key = head.agency ? agencyKeyOf(head.agency) : null;
  return {
    schemaVersion: SCHEMA_VERSION,
    source: sourceOf(doc, src),
    title: head.title,
    agency: head.agency,
    agencyKey: key?.key ?? null,
    agencyKeyFrom: key?.from ?? null,
    year: head.year,
    template,
    sections: sectionRecords(lines, spans, reviewLineSet(lines, tables)),
    activeDisclosure: tables.active?.data ?? null,
    applications: tables.apps?.data ?? null,
    reviewLitigation: tables.review?.data ?? null,
    checks: [...checkApplications(tables.apps?.data ?? null), ...checkReviewLitigation(tables.review?.data ?? null)],
    warnings: doc.kind === 'markup' ? withoutPages(warnings) : warnings,
    provenance: doc.regions ? markupProvenance(provenance, doc.regions) : provenance,
  };
}

/** `source` of the record. */
function sourceOf(doc: SourceDocument, src: RecordSource): Report['source'] {
  return {
    path: src.file,
    ...(src.format ? { format: src.format } : {}),
    sha256: src.sha256,
    pageCount: doc.pageCount,
    textSource: textSourceOf(doc),
    ocrPages: doc.ocrPages,
    ...(doc.engine ? { engine: doc.engine } : {}),
  };
}

/** The prose-vs-table checks, each located in its section's text. */
function textChecks(record: Report, lines: Line[], spans: SectionSpan[], tables: Tables): Report['checks'] {
  const bodies = sectionLines(lines, spans, reviewLineSet(lines, tables));
  return textTableChecks(record, (key, start, end) => locateSpan(bodies.get(key as SectionKey) ?? [], start, end))
    .checks;
}

/**
 * The record validated (a record its schema rejects — a damaged file on a path nobody foresaw —
 * becomes a partial one: tables too thin to validate emptied, anything else repaired field by
 * field), then held to the completeness invariant: nothing may be lost without a flag; a gap is a
 * parser bug, repaired into warnings or thrown when strict (src/checks/invariant.ts).
 */
function validated(record: Report, file: string | null): Report {
  return holdInvariant(parseOrTrim(record, file), { file });
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
    const bad = new Set(
      res.error.issues.map((i) => i.path[0]).filter((k): k is TableKey => TABLE_KEYS.includes(k as TableKey)),
    );
    if (bad.size === 0) break;
    const warnings = [...r.warnings];
    const trimmed = { ...r } as Report & Record<TableKey, unknown>;
    for (const key of bad) {
      const issue = res.error.issues.find((i) => i.path[0] === key)!;
      warnings.push({
        code: 'table-incomplete',
        message: `${key}: too little of the table was read to make a record (${issue.path.join('.')}: ${issue.message}); it is left empty`,
        path: key,
      });
      trimmed[key] = null;
    }
    r = {
      ...trimmed,
      warnings,
      checks: r.checks.filter((c) => !c.paths.some((p) => bad.has(p.split('.')[0] as TableKey))),
    };
  }
  return parseOrRepair(r, file);
}

const TABLE_SECTIONS = TABLE_SECTION_KEYS;

/** Table 四 sits under its heading, but flattened text can push it into section 五 or later. */
function findReviewTable(lines: Line[], spans: SectionSpan[], rulesByPage: RulesByPage, tol: TableSettings) {
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
