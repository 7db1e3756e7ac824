// Connecting to PostgreSQL: the `--db postgres://…` URL, with an optional `?schema=NAME` that puts
// nianbao's tables (and its queue, in NAME_queue) into their own schema — several stores, or
// several test runs, can then share one database.
import pg from 'pg';
import { NianbaoError } from '../../errors.js';

export interface PgTarget {
  /** The URL as node-postgres takes it (without `schema`). */
  connectionString: string;
  /** Where the tables live: `?schema=`, or `public`. */
  schema: string;
  /** Where pg-boss keeps the queue: `<schema>_queue`, or `nianbao_queue` beside `public`. */
  queueSchema: string;
  /** The URL without its password, for messages. */
  display: string;
}

// Lowercase only: PostgreSQL folds unquoted names to lowercase, and pg-boss writes its schema name
// unquoted, so a MixedCase name would be created under one spelling and looked up under another.
const IDENT = /^[a-z_][a-z0-9_]{0,50}$/;

export function parsePgUrl(url: string): PgTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new NianbaoError('USAGE', `not a PostgreSQL URL: 「${url}」 (postgres://user@host:port/database)`);
  }
  const schema = u.searchParams.get('schema');
  if (schema !== null && !IDENT.test(schema)) {
    throw new NianbaoError(
      'USAGE',
      `?schema= takes a plain lowercase name (a–z, digits, _; PostgreSQL folds unquoted names to lowercase), not 「${schema}」`,
    );
  }
  u.searchParams.delete('schema');
  const connectionString = u.toString();
  if (u.password) u.password = '***';
  return {
    connectionString,
    schema: schema ?? 'public',
    queueSchema: schema ? `${schema}_queue` : 'nianbao_queue',
    display: u.toString(),
  };
}

/** Give up connecting after this long: a server that is down refuses at once, a cut link does not. */
export const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Settings for long-lived processes (workers, watchers) that must notice a cut link: TCP keepalive,
 * a connect timeout, and a per-query timeout (a query on a dead link otherwise waits for the OS to
 * give up on the socket, many minutes). Not for exports, whose queries may legitimately be long.
 */
export const RESILIENT: pg.PoolConfig = {
  keepAlive: true,
  keepAliveInitialDelayMillis: 10_000,
  connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  query_timeout: 60_000,
};

/** A connection pool whose sessions look in the target's schema first. */
export function pgPool(t: PgTarget, max = 4, extra: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({
    ...extra,
    connectionString: t.connectionString,
    max,
    application_name: 'nianbao',
    // search_path per session: every query names tables without a schema, as on SQLite.
    options: `-c search_path=${t.schema}`,
  });
  // An idle client whose server went away must not crash the process; the next query reports it.
  pool.on('error', () => {});
  // Nor a client checked out for a transaction (inTransaction): node-postgres fails its queries AND
  // emits 'error' on the client, which has no listener while checked out — a database restart
  // between two statements of a transaction killed the worker with an unhandled 'error' event.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Run `fn` in one transaction on one client; rolled back if it throws. */
export async function inTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const out = await fn(c);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    c.release();
  }
}

/** A transaction-scoped lock on a name, shared by every nianbao process on the database. */
export async function lockName(c: pg.ClientBase, name: string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name]);
}

/** `INSERT … SELECT * FROM unnest(…)`: many rows in one statement, whatever their number. */
export async function insertRows(
  c: pg.ClientBase,
  table: string,
  columns: string,
  types: string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = types.map((_, i) => rows.map((r) => r[i] ?? null));
  const params = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  await c.query(`INSERT INTO ${table} (${columns}) SELECT * FROM unnest(${params})`, arrays);
}

/** A connection failure as a one-line NianbaoError naming the database. */
export function connectError(e: unknown, t: PgTarget): NianbaoError {
  const err = e as Error & { code?: string };
  return new NianbaoError(
    'NOT_FOUND',
    `cannot use the PostgreSQL database (${err.code ? `${err.code}: ` : ''}${err.message.split('\n')[0]})`,
    t.display,
  );
}
