// The SQLite schema. Every row of a report is keyed by (sha256, extractor_version): the same
// content ingested twice, or by two overlapping runs, is one report.
// `report_values` rather than `values`, which is an SQL keyword and would need quoting in every query.
/** The SQLite schema's own version (PRAGMA user_version), not the record's schemaVersion. */
export const DB_SCHEMA_VERSION = 3;

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS reports (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  path              TEXT,
  title             TEXT,
  agency            TEXT,
  year              INTEGER,
  template          TEXT,
  page_count        INTEGER,
  text_source       TEXT,
  checks_failed     INTEGER NOT NULL,
  warnings          INTEGER NOT NULL,
  record            TEXT NOT NULL,   -- the whole record, JSON
  ingested_at       TEXT NOT NULL,
  format            TEXT,            -- source.format: pdf | html | docx | … (NULL in old records)
  flagged           INTEGER NOT NULL DEFAULT 0, -- 1: a check failed or a table was not read
  corrected_cells   INTEGER NOT NULL DEFAULT 0, -- how many cells hold a reviewer's correction
  PRIMARY KEY (sha256, extractor_version)
);
CREATE INDEX IF NOT EXISTS reports_agency_year ON reports (agency, year);
-- The list of 'nianbao serve' from this index alone: the record JSON sits before the list's columns in
-- each row, so reading them from the table would walk every record's overflow pages.
CREATE INDEX IF NOT EXISTS reports_list ON reports (sha256, ingested_at, extractor_version, path, title, agency, year,
  template, format, text_source, checks_failed, warnings, flagged, corrected_cells);

CREATE TABLE IF NOT EXISTS report_values (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  path              TEXT NOT NULL,   -- dotted record path, e.g. applications.newReceived.total
  table_name        TEXT NOT NULL,   -- activeDisclosure | applications | reviewLitigation | legacy
  row_path          TEXT NOT NULL,
  column_name       TEXT NOT NULL,
  value             REAL,            -- NULL: printed blank, 「/」, 「—」 or 「无」
  printed           TEXT,
  page              INTEGER,
  check_status      TEXT,            -- passed | failed | NULL (no check covers the cell)
  corrected         INTEGER NOT NULL DEFAULT 0, -- 1: value is a reviewer's correction (see corrections)
  printed_value     REAL,            -- the value as extracted (= value unless corrected)
  PRIMARY KEY (sha256, extractor_version, path),
  FOREIGN KEY (sha256, extractor_version) REFERENCES reports ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS checks (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  check_id          TEXT NOT NULL,
  passed            INTEGER NOT NULL,
  message           TEXT NOT NULL,
  paths             TEXT NOT NULL,   -- JSON array
  expected          REAL,
  actual            REAL,
  blanks_as_zero    INTEGER,
  PRIMARY KEY (sha256, extractor_version, seq),
  FOREIGN KEY (sha256, extractor_version) REFERENCES reports ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS warnings (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  code              TEXT NOT NULL,
  message           TEXT NOT NULL,
  page              INTEGER,
  path              TEXT,
  PRIMARY KEY (sha256, extractor_version, seq),
  FOREIGN KEY (sha256, extractor_version) REFERENCES reports ON DELETE CASCADE
);

-- Files that could not be extracted; retried by later runs until attempts reaches the limit.
CREATE TABLE IF NOT EXISTS failures (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  path              TEXT NOT NULL,
  code              TEXT NOT NULL,
  message           TEXT NOT NULL,
  attempts          INTEGER NOT NULL,
  first_failed_at   TEXT NOT NULL,
  last_failed_at    TEXT NOT NULL,
  PRIMARY KEY (sha256, extractor_version)
);

-- Which run is extracting a file right now, so overlapping runs do not do the same work twice.
CREATE TABLE IF NOT EXISTS claims (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  owner             TEXT NOT NULL,   -- host:pid:random
  expires_at        INTEGER NOT NULL, -- ms since the epoch
  PRIMARY KEY (sha256, extractor_version)
);

-- Reviewers' corrections ('--corrections FILE'), keyed by content and cell, not by extractor
-- version: every extraction of the content, now or by a later version, gets them applied when it is
-- written (its report_values then hold the corrected value, with corrected = 1 and printed_value).
CREATE TABLE IF NOT EXISTS corrections (
  sha256            TEXT NOT NULL,
  path              TEXT NOT NULL,   -- dotted record path of the cell
  value             REAL,            -- NULL: the cell should be blank
  note              TEXT,
  author            TEXT,
  time              TEXT,            -- ISO 8601, as in the corrections file
  PRIMARY KEY (sha256, path)
);

-- Consecutive years of one agency, recomputed after every ingest over the whole database.
CREATE TABLE IF NOT EXISTS crossyear_checks (
  agency            TEXT NOT NULL,
  check_id          TEXT NOT NULL,
  passed            INTEGER NOT NULL,
  previous_sha256   TEXT NOT NULL,
  previous_year     INTEGER NOT NULL,
  previous_path     TEXT,
  previous_title    TEXT,
  current_sha256    TEXT NOT NULL,
  current_year      INTEGER NOT NULL,
  current_path      TEXT,
  current_title     TEXT,
  expected          REAL NOT NULL,
  actual            REAL NOT NULL,
  blanks_as_zero    INTEGER NOT NULL,
  message           TEXT NOT NULL,
  paths             TEXT NOT NULL,   -- JSON {"previous": [...], "current": [...]}
  PRIMARY KEY (check_id, previous_sha256, current_sha256)
);
`;

/** Schema changes of existing databases, by the version they lead to (run once, in order). */
export const UPGRADES: Record<number, string> = {
  2: `
ALTER TABLE report_values ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_values ADD COLUMN printed_value REAL;
UPDATE report_values SET printed_value = value;
`,
  // The list of 'nianbao serve' filters by these without reading every record's JSON.
  3: `
ALTER TABLE reports ADD COLUMN format TEXT;
ALTER TABLE reports ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN corrected_cells INTEGER NOT NULL DEFAULT 0;
UPDATE reports SET
  format = json_extract(record, '$.source.format'),
  flagged = (checks_failed > 0 OR json_type(record, '$.activeDisclosure') = 'null'
    OR json_type(record, '$.applications') = 'null' OR json_type(record, '$.reviewLitigation') = 'null'),
  corrected_cells = coalesce(json_array_length(record, '$.corrections'), 0);
`,
};
