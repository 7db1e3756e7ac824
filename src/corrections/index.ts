// Corrections: a reviewer's fixes of misread or misprinted cells, kept beside the extraction.
export {
  CorrectionLineSchema,
  loadCorrections,
  parseCorrections,
  whereOf,
  type CorrectionInput,
  type CorrectionLine,
} from './file.js';
export { applyCorrections, applyCorrectionsToAll, NOT_APPLIED } from './apply.js';
export { revertCorrections } from './revert.js';
