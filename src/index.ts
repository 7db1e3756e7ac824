// nianbao as a library: extractReport() plus the record's zod schemas and types.
export { extractReport, buildRecord, LOW_CONFIDENCE, type ExtractOptions } from './pipeline/extract.js';
export * from './schema/record.js';
export { NianbaoError, ErrorCodes, isNianbaoError, type ErrorCode } from './errors.js';
export { EXTRACTOR_VERSION } from './version.js';
export type { SourceDocument, SourcePage, TextRun, Rule, BBox } from '../extractors/types.js';
/** Stop the OCR workers (they also stop by themselves after a short idle time). */
export { closeOcr } from '../extractors/ocr/pool.js';
/** Reviewers' corrections: parse a corrections file, apply it to records (checks computed again). */
export {
  applyCorrections,
  applyCorrectionsToAll,
  parseCorrections,
  loadCorrections,
  CorrectionLineSchema,
  type CorrectionInput,
  type CorrectionLine,
} from './corrections/index.js';
