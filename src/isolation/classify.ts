// An error that is not a NianbaoError, seen at the isolation boundary, as a code and one line.
import type { ErrorCode } from '../errors.js';
import { engineError } from '../../extractors/pdf-document.js';

/**
 * An error that escaped the job's promise chain: only the PDF engine runs work outside it (a font
 * or image decoded in the background), so it is the file's fault — CORRUPT_PDF or OUT_OF_MEMORY.
 */
export function classifyEngineError(e: unknown): { code: ErrorCode; message: string } {
  const err = engineError(e, null);
  return { code: err.code, message: err.message };
}

/** An error our own code let through: a bug (INTERNAL), unless an allocation failed (the file's size). */
export function classifyUnexpected(e: unknown): { code: ErrorCode; message: string } {
  const err = engineError(e, null);
  if (err.code === 'OUT_OF_MEMORY') return { code: err.code, message: err.message };
  return {
    code: 'INTERNAL',
    message: `internal error: ${(e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200)}`,
  };
}
