// `nianbao serve`'s options, resolved once: where it listens, who may use it, and its limits.
import os from 'node:os';
import path from 'node:path';
import { NianbaoError } from '../errors.js';

/** Loopback only: nothing outside this machine can reach the app unless asked to (--host + --token). */
export const DEFAULT_HOST = '127.0.0.1';
/** A fixed default, so a bookmark keeps working; 0 picks a free port. */
export const DEFAULT_PORT = 8640;
/** One uploaded file at most this big: the reports are PDFs of a few MB; 50 MB covers scans. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
/** Files per upload request: a drag of a folder's worth, not a whole archive (use ingest for that). */
export const DEFAULT_MAX_UPLOAD_FILES = 20;
/** A token must be long enough not to be guessed over the network. */
export const MIN_TOKEN_LENGTH = 16;
/** Rows per list page by default, and at most (the API's `limit`). */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** Pixels per PDF point of the page images (108 dpi: a whole A4 page fits beside the tables). */
export const PAGE_IMAGE_SCALE = 1.5;
/** Page images kept in memory (LRU), so clicking between cells does not render a page again. */
export const PAGE_IMAGE_CACHE = 16;
/** Upload jobs remembered for their progress and outcome (oldest forgotten first). */
export const UPLOAD_JOBS_KEPT = 50;

export interface ServeOptions {
  /** The database: a SQLite file or a postgres:// URL (as --db everywhere). */
  db: string;
  /** @default DEFAULT_HOST */
  host?: string;
  /** @default DEFAULT_PORT */
  port?: number;
  /** Required when `host` is not a loopback address; then every request must carry it. */
  token?: string;
  /** Where relative source paths of records are resolved (for page images). @default process.cwd() */
  baseDir?: string;
  /** Where uploaded files are kept (they are the sources of their records). @default a temp dir */
  uploadDir?: string;
  /** @default DEFAULT_MAX_UPLOAD_BYTES */
  maxUploadBytes?: number;
  /** @default DEFAULT_MAX_UPLOAD_FILES */
  maxUploadFiles?: number;
}

export type ResolvedServeOptions = Required<Omit<ServeOptions, 'token'>> & { token: string | null; loopback: boolean };

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The options with their defaults. Throws a USAGE NianbaoError for a port out of range, a limit that
 * is not a positive number, a token shorter than MIN_TOKEN_LENGTH, or a non-loopback host without a
 * token (the app can change the database: it is not offered to a network without one).
 */
export function resolveServeOptions(o: ServeOptions): ResolvedServeOptions {
  const host = o.host ?? DEFAULT_HOST;
  const port = o.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new NianbaoError('USAGE', `--port takes 0–65535, not 「${port}」`);
  const token = o.token ?? null;
  if (token !== null && token.length < MIN_TOKEN_LENGTH)
    throw new NianbaoError('USAGE', `--token must be at least ${MIN_TOKEN_LENGTH} characters`);
  const loopback = isLoopback(host);
  if (!loopback && token === null) {
    throw new NianbaoError(
      'USAGE',
      `--host ${host} is not a loopback address: give --token T (every request must then carry it)`,
    );
  }
  for (const [name, v] of [
    ['maxUploadBytes', o.maxUploadBytes],
    ['maxUploadFiles', o.maxUploadFiles],
  ] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v > 0))
      throw new NianbaoError('USAGE', `${name} takes a positive whole number, not 「${v}」`);
  }
  return {
    db: o.db,
    host,
    port,
    token,
    loopback,
    baseDir: path.resolve(o.baseDir ?? process.cwd()),
    uploadDir: path.resolve(o.uploadDir ?? path.join(os.tmpdir(), `nianbao-serve-${process.pid}`)),
    maxUploadBytes: o.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    maxUploadFiles: o.maxUploadFiles ?? DEFAULT_MAX_UPLOAD_FILES,
  };
}
