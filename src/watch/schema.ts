// The watcher's tables, beside nianbao's own in the same database (created on the first watch).
// Documents are content-addressed: one row and one copy of the bytes per sha256 (bytes in `files`,
// the table queue workers read); every URL a content was fetched from, and every content a URL
// served, is a row of watch_versions, linked to the content it replaced (a corrected re-publication).

/** The tables, with BLOB_TYPE and STORED_AT standing for what differs between SQLite and PostgreSQL. */
const TABLES = `
CREATE TABLE IF NOT EXISTS files (
  sha256            TEXT PRIMARY KEY,
  bytes             BLOB_TYPE NOT NULL,
  size              BIGINT NOT NULL,
  stored_at         STORED_AT
);
-- One row per content fetched. file_name is a label (Content-Disposition or the URL), never a path.
CREATE TABLE IF NOT EXISTS watch_documents (
  sha256            TEXT PRIMARY KEY,
  size              BIGINT NOT NULL,
  media_type        TEXT,
  file_name         TEXT,
  extension         TEXT,            -- pdf | doc | docx | wps | odt | rtf | html | NULL
  first_url         TEXT NOT NULL,
  agency            TEXT,
  first_fetched_at  TEXT NOT NULL,
  ingest_state      TEXT NOT NULL,   -- pending | queued | ingested | failed
  ingest_detail     TEXT,
  ingested_at       TEXT
);
-- Every (URL, content) pair seen; previous_sha256 is the content this one replaced at the URL.
CREATE TABLE IF NOT EXISTS watch_versions (
  url               TEXT NOT NULL,
  sha256            TEXT NOT NULL,
  previous_sha256   TEXT,
  final_url         TEXT NOT NULL,
  fetched_at        TEXT NOT NULL,
  headers           TEXT NOT NULL,   -- the response headers, JSON
  source            TEXT NOT NULL,
  agency            TEXT,
  PRIMARY KEY (url, sha256)
);
-- What the watcher knows of each article and document URL: validators for conditional requests,
-- its current content, the attachments an article listed, and who is fetching it now.
CREATE TABLE IF NOT EXISTS watch_urls (
  url               TEXT PRIMARY KEY,
  kind              TEXT NOT NULL,   -- article | document
  source            TEXT NOT NULL,
  agency            TEXT,
  etag              TEXT,
  last_modified     TEXT,
  sha256            TEXT,
  children          TEXT,            -- article: JSON array of its attachment URLs
  last_status       INTEGER,
  last_fetched_at   TEXT,
  last_error        TEXT,
  claimed_by        TEXT,
  claim_expires     BIGINT
);
-- One row per source per run: the counts and the failures, for the summary and 'nianbao status'.
CREATE TABLE IF NOT EXISTS watch_runs (
  run_id            TEXT NOT NULL,
  source            TEXT NOT NULL,
  agency            TEXT,
  started_at        TEXT NOT NULL,
  finished_at       TEXT,
  state             TEXT NOT NULL,   -- running | ok | failed
  new_documents     INTEGER NOT NULL DEFAULT 0,
  changed           INTEGER NOT NULL DEFAULT 0,
  unchanged         INTEGER NOT NULL DEFAULT 0,
  not_modified      INTEGER NOT NULL DEFAULT 0,
  failed            INTEGER NOT NULL DEFAULT 0,
  error             TEXT,
  failures          TEXT,            -- JSON [{url, code, message}]
  PRIMARY KEY (run_id, source)
);
CREATE INDEX IF NOT EXISTS watch_runs_source ON watch_runs (source, started_at);
CREATE INDEX IF NOT EXISTS watch_documents_pending ON watch_documents (ingest_state);
`;

/** The watch tables' DDL for each backend (idempotent: run at every open). */
export const WATCH_DDL = {
  sqlite: TABLES.replace('BLOB_TYPE', 'BLOB').replace(
    'STORED_AT',
    "TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
  ),
  postgres: TABLES.replace('BLOB_TYPE', 'BYTEA').replace('STORED_AT', 'TIMESTAMPTZ NOT NULL DEFAULT now()'),
};
