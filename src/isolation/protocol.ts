// Messages between the batch process and its extraction workers (structured-cloned).
import type { ErrorCode } from '../errors.js';
import type { PdfEngine } from '../../extractors/types.js';
import type { YearReport } from '../crossyear/checks.js';

export interface JobOptions {
  /** Refuse PDFs with more pages than this. */
  maxPages?: number;
  /** false: never OCR. */
  ocr?: boolean;
  /** PDF text-layer engine (default pdfium). */
  engine?: PdfEngine;
  /** Time limit for an external converter (LibreOffice) run inside the job, in ms. */
  timeoutMs?: number;
}

export interface JobRequest {
  id: number;
  path: string;
  /** The name the record and errors give the input (stdin read into a temp file), if not `path`. */
  name?: string;
  /** The path's bytes when it is not valid UTF-8 (then `path` is only its label). */
  rawPath?: Uint8Array;
  options: JobOptions;
  /** Send ProgressMessages while the file is read. */
  progress?: boolean;
  /** A .docx the batch's LibreOffice run made of this file (.doc/.wps/.odt/.rtf). */
  converted?: string;
}

/** Page `page` of `pages` read, at `stage` (sent only when the job asked for progress). */
export interface ProgressMessage {
  id: number;
  progress: { page: number; pages: number; stage: 'text' | 'ocr' };
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  file: string | null;
}

/** Sent once by a new worker when it can take jobs. */
export interface ReadyMessage {
  ready: true;
}

/**
 * A record travels as its JSON text (the batch stores and writes it as it is, without parsing it)
 * with what the batch needs to know of it: whether it is flagged, and the parts the cross-year
 * checks read (`year`).
 */
export type JobResponse =
  | { id: number; ok: true; json: string; flagged: boolean; year: YearReport }
  | { id: number; ok: false; error: SerializedError };
