// SQLite: Node's own node:sqlite where it exists (Node ≥ 22.13), better-sqlite3 12 on Node 20.
// Why two: better-sqlite3 12 statements abort Node ≥ 24.19 when the GC frees them at teardown
// ("Assertion failed: (env) != nullptr" in RemoveEnvironmentCleanupHook), and better-sqlite3 13,
// which fixes that, crashes on Node 20. Both expose the same small API below.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

export interface RunResult {
  changes: number;
}

export interface Statement<R = unknown> {
  run(...params: unknown[]): RunResult;
  get(...params: unknown[]): R | undefined;
  all(...params: unknown[]): R[];
  iterate(...params: unknown[]): IterableIterator<R>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fn = (...args: any[]) => any;
export interface Transaction<F extends Fn> {
  (...args: Parameters<F>): ReturnType<F>;
  deferred(...args: Parameters<F>): ReturnType<F>;
  immediate(...args: Parameters<F>): ReturnType<F>;
  exclusive(...args: Parameters<F>): ReturnType<F>;
}

export interface Db {
  prepare<R = unknown>(sql: string): Statement<R>;
  exec(sql: string): unknown;
  /** `pragma('user_version', { simple: true })` → the value; with `=`, sets it. */
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<F extends Fn>(fn: F): Transaction<F>;
  close(): unknown;
}

export interface OpenOptions {
  readonly?: boolean;
  fileMustExist?: boolean;
  /** Busy timeout, ms: how long to wait for another connection's write lock. */
  timeout?: number;
}

// The part of node:sqlite used here (@types/node 20 does not describe it).
type Row = Record<string, unknown>;
interface StatementSync {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): Row | undefined;
  all(...params: unknown[]): Row[];
  iterate(...params: unknown[]): IterableIterator<Row>;
}
interface DatabaseSync {
  prepare(sql: string): StatementSync;
  exec(sql: string): void;
  close(): void;
}
interface NodeSqlite {
  DatabaseSync: new (file: string, options?: { readOnly?: boolean }) => DatabaseSync;
}
function nodeSqlite(): NodeSqlite | null {
  try {
    return require('node:sqlite') as NodeSqlite;
  } catch {
    return null; // Node 20, or Node 22 before node:sqlite came out from behind its flag
  }
}

export const sqliteDriver: 'node:sqlite' | 'better-sqlite3' = nodeSqlite() ? 'node:sqlite' : 'better-sqlite3';

export function openSqlite(file: string, opts: OpenOptions = {}): Db {
  const sqlite = nodeSqlite();
  if (!sqlite) {
    const Database = require('better-sqlite3') as typeof BetterSqlite3;
    return new Database(file, {
      readonly: !!opts.readonly,
      fileMustExist: !!opts.fileMustExist,
      ...(opts.timeout !== undefined ? { timeout: opts.timeout } : {}),
    });
  }
  if (opts.fileMustExist && !existsSync(file)) throw new Error('unable to open database file: no such file');
  const db = new sqlite.DatabaseSync(file, { readOnly: !!opts.readonly });
  if (opts.timeout !== undefined) db.exec(`PRAGMA busy_timeout = ${Math.floor(opts.timeout)}`);
  return new NodeSqliteDb(db);
}

/** node:sqlite behind better-sqlite3's API (rows as plain objects, transactions as wrappers). */
class NodeSqliteDb implements Db {
  private depth = 0;
  constructor(private readonly db: DatabaseSync) {}

  prepare<R = unknown>(sql: string): Statement<R> {
    const st = this.db.prepare(sql);
    return {
      run: (...p) => ({ changes: Number(st.run(...p).changes) }),
      get: (...p) => {
        const row = st.get(...p);
        return row === undefined ? undefined : ({ ...row } as R);
      },
      all: (...p) => st.all(...p).map((row) => ({ ...row }) as R),
      iterate: function* (...p) {
        for (const row of st.iterate(...p)) yield { ...row } as R;
      },
    };
  }

  exec(sql: string): void {
    this.db.exec(sql);
  }

  pragma(sql: string, options: { simple?: boolean } = {}): unknown {
    const rows = this.prepare<Record<string, unknown>>(`PRAGMA ${sql}`).all();
    return options.simple ? (rows[0] ? Object.values(rows[0])[0] : undefined) : rows;
  }

  transaction<F extends Fn>(fn: F): Transaction<F> {
    const run =
      (begin: string) =>
      (...args: Parameters<F>): ReturnType<F> => {
        // Nested calls become savepoints, as in better-sqlite3.
        const nested = this.depth > 0;
        const name = `nianbao_${this.depth}`;
        this.db.exec(nested ? `SAVEPOINT ${name}` : begin);
        this.depth++;
        try {
          const result = fn(...args);
          this.db.exec(nested ? `RELEASE ${name}` : 'COMMIT');
          return result;
        } catch (e) {
          // SQLite may have rolled the transaction back itself (SQLITE_FULL does): a failing ROLLBACK
          // ("no transaction is active") must not hide the error that caused it.
          try {
            this.db.exec(nested ? `ROLLBACK TO ${name}; RELEASE ${name}` : 'ROLLBACK');
          } catch {
            // already rolled back
          }
          throw e;
        } finally {
          this.depth--;
        }
      };
    return Object.assign(run('BEGIN'), {
      deferred: run('BEGIN DEFERRED'),
      immediate: run('BEGIN IMMEDIATE'),
      exclusive: run('BEGIN EXCLUSIVE'),
    });
  }

  close(): void {
    this.db.close();
  }
}
