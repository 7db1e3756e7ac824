// The part of better-sqlite3's API nianbao uses (the package ships no types; this avoids a new
// @types dependency).
declare module 'better-sqlite3' {
  namespace Database {
    interface RunResult {
      changes: number;
      lastInsertRowid: number | bigint;
    }
    interface Statement<R = unknown> {
      run(...params: unknown[]): RunResult;
      get(...params: unknown[]): R | undefined;
      all(...params: unknown[]): R[];
      iterate(...params: unknown[]): IterableIterator<R>;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    type Fn = (...args: any[]) => any;
    interface Transaction<F extends Fn> {
      (...args: Parameters<F>): ReturnType<F>;
      deferred(...args: Parameters<F>): ReturnType<F>;
      immediate(...args: Parameters<F>): ReturnType<F>;
      exclusive(...args: Parameters<F>): ReturnType<F>;
    }
    interface Options {
      readonly?: boolean;
      fileMustExist?: boolean;
      /** ms to wait on a locked database (busy timeout). */
      timeout?: number;
    }
    interface Database {
      prepare<R = unknown>(sql: string): Statement<R>;
      exec(sql: string): this;
      pragma(sql: string, options?: { simple?: boolean }): unknown;
      transaction<F extends Fn>(fn: F): Transaction<F>;
      close(): this;
      readonly open: boolean;
      readonly inTransaction: boolean;
      readonly name: string;
    }
  }
  const Database: { new (filename: string, options?: Database.Options): Database.Database };
  export = Database;
}
