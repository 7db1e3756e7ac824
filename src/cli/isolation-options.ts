// The per-file limits every extracting command takes: flags, their --help lines, their values.
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, type IsolationOptions } from '../isolation/pool.js';
import { intOption } from './args.js';
import { DEFAULT_MAX_PAGES } from '../../core/limits.js';

export { DEFAULT_MAX_PAGES };

export const ISOLATION_VALUE_FLAGS = { '--timeout': 'timeout', '--memory': 'memory', '--max-pages': 'maxPages' } as const;
export const ISOLATION_BOOLEAN_FLAGS = { '--no-ocr': 'noOcr' } as const;

export const ISOLATION_HELP = `      --timeout SECONDS  per-file time limit; the file's worker is killed after it (default ${DEFAULT_TIMEOUT_MS / 1000})
      --memory MB        per-worker heap limit (default ${DEFAULT_MEMORY_MB})
      --max-pages N      refuse PDFs with more pages (default ${DEFAULT_MAX_PAGES})
      --no-ocr           text layer only, never OCR`;

export function isolationOptions(opts: Record<string, string | boolean>): IsolationOptions {
  return {
    timeoutMs: Math.round(intOption(opts.timeout, '--timeout', DEFAULT_TIMEOUT_MS / 1000) * 1000),
    memoryMb: Math.floor(intOption(opts.memory, '--memory', DEFAULT_MEMORY_MB)),
    maxPages: Math.floor(intOption(opts.maxPages, '--max-pages', DEFAULT_MAX_PAGES)),
    ocr: !opts.noOcr,
  };
}
