// Errors users see: one line naming the file and the problem, and a distinct exit code per kind.
// Shared by extractors/ and src/ (core/ imports neither).

export const ErrorCodes = {
  USAGE: 2,
  NOT_FOUND: 3,
  EMPTY_FILE: 4,
  UNSUPPORTED_FORMAT: 5,
  CORRUPT_PDF: 6,
  ENCRYPTED_PDF: 7,
  NOT_A_REPORT: 8,
  TIMEOUT: 9,
  TOO_LARGE: 10,
  WORKER_CRASHED: 11,
  OUT_OF_MEMORY: 12,
  /** A damaged DOCX/ODT (broken ZIP or XML) or image (undecodable). */
  CORRUPT_FILE: 13,
  /** No space left on the device of an output file, the result store or a temp file (ENOSPC, EDQUOT). */
  DISK_FULL: 14,
  /** The database stayed unreachable for longer than the worker's outage limit. */
  DB_UNAVAILABLE: 15,
  /** watch: a URL could not be fetched (HTTP error, timeout, redirect loop, over the size cap). */
  FETCH_FAILED: 21,
  /** watch: a URL not fetched on purpose (not http/https, a private address, robots.txt). */
  URL_REFUSED: 22,
  INTERNAL: 70,
} as const;
export type ErrorCode = keyof typeof ErrorCodes;

export class NianbaoError extends Error {
  readonly code: ErrorCode;
  readonly file: string | null;
  constructor(code: ErrorCode, message: string, file: string | null = null) {
    super(message);
    this.name = 'NianbaoError';
    this.code = code;
    this.file = file;
  }
  get exitCode(): number {
    return ErrorCodes[this.code];
  }
  /** `file: message` — the one line the CLI prints. */
  toLine(): string {
    return this.file ? `${this.file}: ${this.message}` : this.message;
  }
}

export function isNianbaoError(e: unknown): e is NianbaoError {
  return e instanceof NianbaoError;
}

/** errno codes of a full device or quota: the machine's fault, not the file's nor ours. */
const DISK_FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
/** node:sqlite gives no string code, only SQLite's message for SQLITE_FULL. */
const SQLITE_FULL_MESSAGE = /database or disk is full/;

/**
 * A write that failed because the device is full (ENOSPC) or over quota (EDQUOT), as a DISK_FULL
 * error naming the path written when the system error gives one; null for any other error.
 */
export function diskFullError(e: unknown, file: string | null = null): NianbaoError | null {
  const err = e as { code?: unknown; path?: unknown; message?: unknown } | null;
  if (!err) return null;
  const full = typeof err.code === 'string' && DISK_FULL_ERRNO.has(err.code);
  if (!full && !(typeof err.message === 'string' && SQLITE_FULL_MESSAGE.test(err.message))) return null;
  const where = typeof err.path === 'string' ? ` writing ${err.path}` : '';
  const what = err.code === 'EDQUOT' ? 'disk quota exceeded' : 'no space left on the device';
  return new NianbaoError('DISK_FULL', `${what}${where}; free some space and run again`, file);
}

/**
 * `e` as a NianbaoError: itself; a full disk as DISK_FULL; or else an INTERNAL error with its
 * message (a bug of ours, not the file's fault).
 */
export function asNianbaoError(e: unknown, file: string | null): NianbaoError {
  if (isNianbaoError(e)) return e;
  return (
    diskFullError(e, file) ??
    new NianbaoError('INTERNAL', `internal error: ${e instanceof Error ? e.message : String(e)}`, file)
  );
}
