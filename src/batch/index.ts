// Batch runs: many files, isolated, resumable, with atomic outputs.
export { runBatch, summaryText, type BatchOptions, type BatchSummary } from './run.js';
export { outputLayout, FORMATS, type Format, type OutputLayout } from './layout.js';
export { createProgress, silentProgress, type ProgressSink, type Outcome } from './progress.js';
export { expandInputs, type InputFile } from './inputs.js';
export { ResultStore, type FailureRecord } from './store.js';
export { sha256File } from './hash.js';
