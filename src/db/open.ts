// Opening the database: WAL (readers never block the writer), a busy timeout so overlapping runs
// wait for each other's short write transactions instead of failing, and foreign keys on.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { diskFullError, NianbaoError } from '../errors.js';
import { SCHEMA_SQL, DB_SCHEMA_VERSION, UPGRADES } from './schema.js';
import { openSqlite, type Db } from './sqlite.js';

export type { Db };

export const BUSY_TIMEOUT_MS = 30_000;

export function openDb(file: string, opts: { readonly?: boolean } = {}): Db {
  if (!opts.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = openSqlite(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly, timeout: BUSY_TIMEOUT_MS });
  } catch (e) {
    throw new NianbaoError(
      opts.readonly ? 'NOT_FOUND' : 'INTERNAL',
      `cannot open the database (${(e as Error).message})`,
      file,
    );
  }
  try {
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      // Creating the schema takes the write lock, so two first runs do not race.
      db.transaction(() => {
        const version = db.pragma('user_version', { simple: true }) as number;
        if (version > DB_SCHEMA_VERSION) {
          throw new NianbaoError(
            'USAGE',
            `the database has schema ${version}, newer than this nianbao (${DB_SCHEMA_VERSION})`,
            file,
          );
        }
        // A database made by an older nianbao (version ≥ 1) is upgraded in place; a new one (0) is created.
        if (version > 0) for (let v = version + 1; v <= DB_SCHEMA_VERSION; v++) db.exec(UPGRADES[v]);
        db.exec(SCHEMA_SQL);
        db.pragma(`user_version = ${DB_SCHEMA_VERSION}`);
      }).immediate();
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof NianbaoError) throw e;
    throw (
      diskFullError(e, file) ??
      new NianbaoError('INTERNAL', `not a usable nianbao database (${(e as Error).message})`, file)
    );
  }
}
