// The few SQL calls the watch store makes, on either backend: `$1…` parameters, rows back, and a
// transaction that keeps other processes (and this process's other sources) out while it runs —
// SQLite's write lock (BEGIN IMMEDIATE) plus an in-process queue, or a PostgreSQL advisory lock.
import type pg from 'pg';
import { openDb, type Db } from '../db/open.js';
import { inTransaction, lockName, parsePgUrl, pgPool } from '../db/postgres/connect.js';
import { migrate } from '../db/postgres/migrations.js';
import { isPostgresUrl } from '../db/store.js';
import { NianbaoError } from '../errors.js';

/** A database connection as the watch store uses it (SQLite or a PostgreSQL pool). */
export interface Sql {
  readonly kind: 'sqlite' | 'postgres';
  all<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Rows changed. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /** `fn` in one transaction, serialised with every other holder of `lock` (all processes). */
  tx<T>(lock: string, fn: (q: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** `$n` placeholders → SQLite `?`, with the parameters in the order they appear. */
function toSqlite(sql: string, params: unknown[]): [string, unknown[]] {
  const order: unknown[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(params[Number(n) - 1]);
    return '?';
  });
  return [text, order];
}

class SqliteSql implements Sql {
  readonly kind = 'sqlite' as const;
  private queue: Promise<unknown> = Promise.resolve();
  constructor(readonly db: Db) {}
  async all<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    const [text, p] = toSqlite(sql, params);
    return this.db.prepare<R>(text).all(...p);
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    const [text, p] = toSqlite(sql, params);
    return this.db.prepare(text).run(...p).changes;
  }
  tx<T>(_lock: string, fn: (q: Sql) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const out = await fn(this);
        this.db.exec('COMMIT');
        return out;
      } catch (e) {
        this.db.exec('ROLLBACK');
        throw e;
      }
    });
    this.queue = next.catch(() => {});
    return next;
  }
  async close(): Promise<void> {
    this.db.close();
  }
}

class ClientSql implements Sql {
  readonly kind = 'postgres' as const;
  constructor(private readonly c: pg.ClientBase | pg.Pool) {}
  async all<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.c.query(sql, params)).rows as R[];
  }
  async run(sql: string, params: unknown[] = []): Promise<number> {
    return (await this.c.query(sql, params)).rowCount ?? 0;
  }
  tx<T>(lock: string, fn: (q: Sql) => Promise<T>): Promise<T> {
    return inTransaction(this.c as pg.Pool, async (client) => {
      await lockName(client, `nianbao:watch:${lock}`);
      return fn(new ClientSql(client));
    });
  }
  async close(): Promise<void> {
    await (this.c as pg.Pool).end();
  }
}

/** The database `--db` names, with nianbao's tables made or migrated, and then `ddl` run (idempotent). */
export async function openSql(target: string, ddl: { sqlite: string; postgres: string }): Promise<Sql> {
  if (!isPostgresUrl(target)) {
    const sql = new SqliteSql(openDb(target));
    sql.db.exec(ddl.sqlite);
    return sql;
  }
  const t = parsePgUrl(target);
  const pool = pgPool(t);
  try {
    await migrate(pool, t);
    await inTransaction(pool, async (c) => {
      await lockName(c, `nianbao:watch-ddl:${t.schema}`);
      await c.query(ddl.postgres);
    });
  } catch (e) {
    await pool.end();
    if (e instanceof NianbaoError) throw e;
    throw new NianbaoError(
      'NOT_FOUND',
      `cannot use the PostgreSQL database (${(e as Error).message.split('\n')[0]})`,
      t.display,
    );
  }
  return new ClientSql(pool);
}
