// The PostgreSQL schema, as versioned migrations: each runs once, in order, in one transaction,
// under a lock, so workers starting together on a fresh database do not race. The tables are
// those of the SQLite store (schema.ts) with PostgreSQL types; 0/1 integers stay integers so the
// same queries work on both. Append new migrations; never edit one that has shipped.
import type pg from 'pg';
import { NianbaoError } from '../../errors.js';
import { inTransaction, lockName, type PgTarget } from './connect.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'store tables',
    sql: `
CREATE TABLE reports (
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
  record            TEXT NOT NULL,   -- the whole record, JSON (TEXT keeps it byte for byte)
  ingested_at       TIMESTAMPTZ NOT NULL,
  agency_key        TEXT,            -- agencyKey(agency): cross-year checks of one agency, by index
  PRIMARY KEY (sha256, extractor_version)
);
CREATE INDEX reports_agency_year ON reports (agency, year);
CREATE INDEX reports_agency_key ON reports (agency_key, year);

CREATE TABLE report_values (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  path              TEXT NOT NULL,
  table_name        TEXT NOT NULL,
  row_path          TEXT NOT NULL,
  column_name       TEXT NOT NULL,
  value             DOUBLE PRECISION,
  printed           TEXT,
  page              INTEGER,
  check_status      TEXT,
  PRIMARY KEY (sha256, extractor_version, path),
  FOREIGN KEY (sha256, extractor_version) REFERENCES reports ON DELETE CASCADE
);

CREATE TABLE checks (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  seq               INTEGER NOT NULL,
  check_id          TEXT NOT NULL,
  passed            INTEGER NOT NULL,
  message           TEXT NOT NULL,
  paths             TEXT NOT NULL,
  expected          DOUBLE PRECISION,
  actual            DOUBLE PRECISION,
  blanks_as_zero    INTEGER,
  PRIMARY KEY (sha256, extractor_version, seq),
  FOREIGN KEY (sha256, extractor_version) REFERENCES reports ON DELETE CASCADE
);

CREATE TABLE warnings (
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

CREATE TABLE failures (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  path              TEXT NOT NULL,
  code              TEXT NOT NULL,
  message           TEXT NOT NULL,
  attempts          INTEGER NOT NULL,
  first_failed_at   TIMESTAMPTZ NOT NULL,
  last_failed_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (sha256, extractor_version)
);

CREATE TABLE claims (
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  owner             TEXT NOT NULL,
  expires_at        BIGINT NOT NULL,  -- ms since the epoch
  PRIMARY KEY (sha256, extractor_version)
);

CREATE TABLE crossyear_checks (
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
  expected          DOUBLE PRECISION NOT NULL,
  actual            DOUBLE PRECISION NOT NULL,
  blanks_as_zero    INTEGER NOT NULL,
  message           TEXT NOT NULL,
  paths             TEXT NOT NULL,
  PRIMARY KEY (check_id, previous_sha256, current_sha256)
);
CREATE INDEX crossyear_checks_agency ON crossyear_checks (agency);
`,
  },
  {
    version: 2,
    name: 'queue bookkeeping',
    sql: `
-- File contents stored by 'enqueue --store-bytes', once per sha256, for workers without shared storage.
CREATE TABLE files (
  sha256            TEXT PRIMARY KEY,
  bytes             BYTEA NOT NULL,
  size              BIGINT NOT NULL,
  stored_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every 'nianbao worker' process, with a heartbeat, for 'nianbao status'.
CREATE TABLE workers (
  worker            TEXT PRIMARY KEY,  -- host:pid:random
  host              TEXT NOT NULL,
  pid               INTEGER NOT NULL,
  jobs              INTEGER NOT NULL,
  started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_seen_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  stopped_at        TIMESTAMPTZ
);

-- One row per attempt at a queue job: who ran it, when, and how it ended (NULL while running).
CREATE TABLE queue_runs (
  id                BIGSERIAL PRIMARY KEY,
  job_id            UUID NOT NULL,
  sha256            TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  path              TEXT NOT NULL,
  worker            TEXT NOT NULL,
  started_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at       TIMESTAMPTZ,
  outcome           TEXT,              -- done | flagged | failed | skipped | released
  detail            TEXT
);
CREATE INDEX queue_runs_finished ON queue_runs (finished_at);
CREATE INDEX queue_runs_job ON queue_runs (job_id);
`,
  },
  {
    version: 3,
    name: 'corrections',
    sql: `
-- Reviewers' corrections ('--corrections FILE'), keyed by content and cell, not by extractor version:
-- every extraction of the content gets them applied when it is written.
CREATE TABLE corrections (
  sha256            TEXT NOT NULL,
  path              TEXT NOT NULL,
  value             DOUBLE PRECISION,
  note              TEXT,
  author            TEXT,
  time              TEXT,            -- ISO 8601 as given (TEXT keeps it byte for byte)
  PRIMARY KEY (sha256, path)
);
-- 1: value is a reviewer's correction; printed_value: the value as extracted (= value unless corrected).
ALTER TABLE report_values ADD COLUMN corrected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE report_values ADD COLUMN printed_value DOUBLE PRECISION;
UPDATE report_values SET printed_value = value;
`,
  },
  {
    version: 4,
    name: 'report list columns',
    sql: `
-- What the list of 'nianbao serve' filters by, without reading every record's JSON.
ALTER TABLE reports ADD COLUMN format TEXT;
ALTER TABLE reports ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reports ADD COLUMN corrected_cells INTEGER NOT NULL DEFAULT 0;
UPDATE reports SET
  format = record::jsonb #>> '{source,format}',
  flagged = CASE WHEN checks_failed > 0 OR record::jsonb -> 'activeDisclosure' = 'null'::jsonb
    OR record::jsonb -> 'applications' = 'null'::jsonb OR record::jsonb -> 'reviewLitigation' = 'null'::jsonb THEN 1 ELSE 0 END,
  corrected_cells = coalesce(jsonb_array_length(record::jsonb -> 'corrections'), 0);
`,
  },
];

export const PG_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** Apply the migrations this database lacks. Returns the versions applied. */
export async function migrate(pool: pg.Pool, t: PgTarget): Promise<number[]> {
  return inTransaction(pool, async (c) => {
    await lockName(c, `nianbao:migrate:${t.schema}`);
    await c.query(`CREATE SCHEMA IF NOT EXISTS "${t.schema}"`);
    await c.query(`CREATE TABLE IF NOT EXISTS "${t.schema}".schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const current = await currentVersion(c, t);
    if (current > PG_SCHEMA_VERSION) throw newerError(current, t);
    const applied: number[] = [];
    for (const m of MIGRATIONS.filter((x) => x.version > current)) {
      await c.query(`SET LOCAL search_path = "${t.schema}"`);
      await c.query(m.sql);
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

/** For readers (export, review): the schema must exist and not be newer than this nianbao. */
export async function checkSchema(pool: pg.Pool, t: PgTarget): Promise<void> {
  const c = await pool.connect();
  try {
    const { rows } = await c.query<{ t: string | null }>(`SELECT to_regclass($1) AS t`, [
      `"${t.schema}".schema_migrations`,
    ]);
    if (!rows[0].t)
      throw new NianbaoError(
        'NOT_FOUND',
        `no nianbao tables in schema ${t.schema} (run 'nianbao ingest' or 'nianbao enqueue' first)`,
        t.display,
      );
    const v = await currentVersion(c, t);
    if (v > PG_SCHEMA_VERSION) throw newerError(v, t);
  } finally {
    c.release();
  }
}

async function currentVersion(c: pg.ClientBase, t: PgTarget): Promise<number> {
  const { rows } = await c.query<{ v: number | null }>(`SELECT max(version) AS v FROM "${t.schema}".schema_migrations`);
  return rows[0].v ?? 0;
}

function newerError(v: number, t: PgTarget): NianbaoError {
  return new NianbaoError(
    'USAGE',
    `the database has schema ${v}, newer than this nianbao (${PG_SCHEMA_VERSION})`,
    t.display,
  );
}
