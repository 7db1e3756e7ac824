// The per-file limits every extracting command takes: flags, their --help lines, their values.
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, type IsolationOptions } from '../isolation/pool.js';
import { NianbaoError } from '../errors.js';
import { PDF_ENGINES, type PdfEngine } from '../../extractors/types.js';
import { intOption } from './args.js';
import { DEFAULT_MAX_PAGES } from '../../core/limits.js';

export { DEFAULT_MAX_PAGES };

export const ISOLATION_VALUE_FLAGS = { '--timeout': 'timeout', '--memory': 'memory', '--max-pages': 'maxPages', '--engine': 'engine' } as const;
export const ISOLATION_BOOLEAN_FLAGS = { '--no-ocr': 'noOcr' } as const;

export const ISOLATION_HELP = `      --timeout SECONDS  per-file time limit; the file's worker is killed after it (default ${DEFAULT_TIMEOUT_MS / 1000})
      --memory MB        per-worker heap limit (default ${DEFAULT_MEMORY_MB})
      --max-pages N      refuse PDFs with more pages (default ${DEFAULT_MAX_PAGES})
      --no-ocr           text layer only, never OCR
      --engine ENGINE    PDF text engine: pdfium (default; falls back to pdfjs for a file it
                         cannot open or a page without text) or pdfjs`;

export function isolationOptions(opts: Record<string, string | boolean>): IsolationOptions {
  return {
    timeoutMs: Math.round(intOption(opts.timeout, '--timeout', DEFAULT_TIMEOUT_MS / 1000) * 1000),
    memoryMb: Math.floor(intOption(opts.memory, '--memory', DEFAULT_MEMORY_MB)),
    maxPages: Math.floor(intOption(opts.maxPages, '--max-pages', DEFAULT_MAX_PAGES)),
    ocr: !opts.noOcr,
    engine: engineOption(opts.engine),
  };
}

function engineOption(value: string | boolean | undefined): PdfEngine | undefined {
  if (value === undefined || value === false) return undefined;
  if (!(PDF_ENGINES as readonly unknown[]).includes(value)) throw new NianbaoError('USAGE', `--engine takes ${PDF_ENGINES.join(' or ')}, not 「${value}」`);
  return value as PdfEngine;
}
