// Extraction in worker threads: a hard timeout, a heap cap and a page cap per file.
export { ExtractionPool, extractIsolated, DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, type IsolationOptions } from './pool.js';
