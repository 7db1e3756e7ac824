// Extraction in child processes: a hard timeout, a real-memory (RSS) cap and a page cap per file.
export {
  ExtractionPool,
  extractIsolated,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_MS,
  type ExtractedJson,
  type IsolationOptions,
} from './pool.js';
export { defaultJobs, defaultMemoryMb, descendantPids, killProcessTree, machineMemoryMb, treeRssKb } from './memory.js';
