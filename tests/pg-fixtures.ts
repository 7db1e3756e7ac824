// A real PostgreSQL server for the store and queue tests: 127.0.0.1:5432, database test (CI starts
// it; NIANBAO_TEST_PG overrides the URL). Each test file works in schemas of its own, dropped at
// the end, so parallel test files never see each other's rows or queues.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_BASE = process.env.NIANBAO_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL tests cannot run here, or null when the server answers. */
export async function pgUnavailable(): Promise<string | null> {
  const c = new pg.Client({ connectionString: PG_BASE, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (e) {
    return `PostgreSQL at ${PG_BASE} is not reachable (${(e as Error).message}); start it (see .ci/run) to run these tests`;
  } finally {
    await c.end().catch(() => {});
  }
}

export interface TestSchema {
  /** The --db URL for this schema. */
  url: string;
  schema: string;
  /** A query in this schema. */
  query<R extends pg.QueryResultRow = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Drop the schema and its queue schema. */
  drop(): Promise<void>;
}

export function testSchema(prefix: string): TestSchema {
  const schema = `t_${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const pool = new pg.Pool({ connectionString: PG_BASE, max: 2, options: `-c search_path=${schema}` });
  return {
    url: `${PG_BASE}?schema=${schema}`,
    schema,
    async query(sql, params) {
      return (await pool.query(sql, params)).rows;
    },
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; DROP SCHEMA IF EXISTS "${schema}_queue" CASCADE`);
      await pool.end();
    },
  };
}

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];

export interface TestDb {
  /** The --db argument. */
  target: string;
  /** Rows of a query (no parameters; the same SQL on both backends). */
  rows<R = Record<string, unknown>>(sql: string): Promise<R[]>;
  count(from: string): Promise<number>;
  cleanup(): Promise<void>;
}

/** A fresh database of either kind: a SQLite file in `dir`, or a PostgreSQL schema of its own. */
export async function testDb(backend: Backend, dir: string, prefix: string): Promise<TestDb> {
  if (backend === 'sqlite') {
    const { openSqlite } = await import('../src/db/sqlite.js');
    const { default: path } = await import('node:path');
    const target = path.join(dir, `${prefix}.sqlite`);
    const rows = async <R>(sql: string) => {
      const d = openSqlite(target, { readonly: true });
      try {
        return d.prepare<R>(sql).all();
      } finally {
        d.close();
      }
    };
    return {
      target,
      rows,
      count: async (from) => Number((await rows<{ n: number }>(`SELECT count(*) AS n FROM ${from}`))[0].n),
      cleanup: async () => {},
    };
  }
  const s = testSchema(prefix);
  const rows = async <R>(sql: string) => (await s.query(sql)) as R[];
  return {
    target: s.url,
    rows,
    count: async (from) => Number((await rows<{ n: number }>(`SELECT count(*) AS n FROM ${from}`))[0].n),
    cleanup: () => s.drop(),
  };
}
