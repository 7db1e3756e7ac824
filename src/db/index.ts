// Storage for scheduled ingests — SQLite (embedded) or PostgreSQL (many machines): schema, writes, reads, ingest and export.
export { openDb, BUSY_TIMEOUT_MS, type Db } from './open.js';
export { ingest, ingestSummaryText, type IngestOptions, type IngestSummary } from './ingest.js';
export { exportToFiles, exportToStream } from './export.js';
export { latestRecords, failures, yearReports, refreshCrossYear } from './read.js';
export {
  writeReport,
  writeFailure,
  claim,
  releaseClaim,
  newOwner,
  putCorrections,
  storedCorrections,
} from './write.js';
export { reapplyCorrections, removeCorrections, type CorrectionKey, type RemovedCorrections } from './corrections.js';
export { type ReportSummary } from './list.js';
export { SCHEMA_SQL, DB_SCHEMA_VERSION } from './schema.js';
export { openStore, isPostgresUrl, type Store } from './store.js';
