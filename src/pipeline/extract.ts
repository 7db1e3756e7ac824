// The pipeline, top to bottom: source → layout → sections → tables → record → checks
// (`extractReport` reads the input; `buildRecord`, in build-record.ts, does the rest).
import { createHash } from 'node:crypto';
import { LOW_CONFIDENCE, type Report } from '../schema/record.js';
import { resolveSettings, type SettingsInput } from '../settings.js';
import type { PageProgress, PdfEngine } from '../../extractors/types.js';
import { reportScreen } from './screen.js';
import { buildRecord } from './build-record.js';
import { readInputFile, readSource } from './read-input.js';

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
  /** Told as each page of a PDF or image is read: page n of N, its text layer or its OCR. */
  onProgress?: PageProgress;
  /** A .docx LibreOffice already made of this .doc/.wps/.odt/.rtf input (a batch converts them in one run). */
  convertedDocx?: string;
}

export { LOW_CONFIDENCE, buildRecord };

/**
 * One report's record from a file path or its bytes (PDF, HTML, Word, ODT/RTF/WPS, image, text; the
 * format is sniffed from the bytes). Runs in the calling thread: for untrusted files at scale use
 * `ExtractionPool` (time and memory limits in a worker).
 *
 * Resolves to a record valid under `ReportSchema` whose every number is as printed or is named by a
 * failed check or a warning (the completeness invariant; a gap in it, a bug, is repaired into
 * `invariant-repaired` warnings and logged on stderr — `IncompleteRecordError` under
 * NIANBAO_STRICT_INVARIANT=1). A report whose numbers do not add up is not an error: its
 * failed checks are in `checks`. Rejects with a `NianbaoError` whose `code` says why the input is
 * not a readable 年报 (NOT_FOUND, EMPTY_FILE, UNSUPPORTED_FORMAT, CORRUPT_PDF, ENCRYPTED_PDF,
 * NOT_A_REPORT, TOO_LARGE, …). `options.settings` overrides tolerances (validated; see src/settings.ts).
 */
export async function extractReport(input: string | Uint8Array, options: ExtractOptions = {}): Promise<Report> {
  const file = options.path ?? (typeof input === 'string' ? input : null);
  const bytes = typeof input === 'string' ? await readInputFile(input) : input;
  const settings = resolveSettings(options.settings);
  // The screen stops a document that is no 年报 before any OCR (its text layer says so) or after the
  // first OCR'd pages of a scan.
  const { maxPages, ocr, timeoutMs, engine, onProgress, convertedDocx } = options;
  const doc = await readSource(bytes, {
    file,
    maxPages,
    ocr,
    timeoutMs,
    engine,
    settings,
    onProgress,
    convertedDocx,
    screen: reportScreen(settings),
  });
  // buildRecord validates the record (ReportSchema) and holds it to the completeness invariant.
  return buildRecord(
    doc,
    { file, sha256: createHash('sha256').update(bytes).digest('hex'), format: doc.format },
    settings,
  );
}
