// The per-file limits every extracting command takes: flags, their --help lines, their values.
import { NianbaoError } from '../errors.js';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, type IsolationOptions } from '../isolation/pool.js';
import { defaultJobs, machineMemoryMb, MEMORY_SHARE } from '../isolation/memory.js';
import { PDF_ENGINES, type PdfEngine } from '../../extractors/types.js';
import { intOption } from './args.js';
import { DEFAULT_MAX_PAGES } from '../../core/limits.js';

export { DEFAULT_MAX_PAGES };
/** Below this an extraction process cannot even load pdf.js (measured ~120 MB with a text report). */
export const MIN_MEMORY_FLAG_MB = 160;

export const ISOLATION_VALUE_FLAGS = {
  '--timeout': 'timeout',
  '--memory': 'memory',
  '--max-pages': 'maxPages',
  '--engine': 'engine',
} as const;
export const ISOLATION_BOOLEAN_FLAGS = { '--no-ocr': 'noOcr' } as const;

export const ISOLATION_HELP = `      --timeout SECONDS  per-file time limit; the file's process is killed after it (default ${DEFAULT_TIMEOUT_MS / 1000})
      --memory MB        per-file memory cap: the real memory (RSS) of the extraction process,
                         decompressed streams, images and OCR included; past it the process is
                         killed and the file fails with exit 12 (default ${DEFAULT_MEMORY_MB} here; OCR of a
                         scanned page needs ~750 with one OCR worker, ~300 more per extra one)
      --max-pages N      refuse PDFs with more pages (default ${DEFAULT_MAX_PAGES})
      --no-ocr           text layer only, never OCR
      --engine ENGINE    PDF text engine: pdfium (default; falls back to pdfjs for a file it
                         cannot open or a page without text) or pdfjs`;

/** The --jobs line of batch and ingest: the default fits jobs × --memory into the machine. */
export const JOBS_HELP = `  -j, --jobs N           files extracted at once, each in its own process (default: one per
                         core, but no more than fit: jobs × --memory ≤ ${Math.round(MEMORY_SHARE * 100)}% of this machine's
                         ${machineMemoryMb()} MB; here ${defaultJobs()})`;

export function isolationOptions(opts: Record<string, string | boolean>): IsolationOptions {
  const memoryMb = Math.floor(intOption(opts.memory, '--memory', DEFAULT_MEMORY_MB));
  if (memoryMb < MIN_MEMORY_FLAG_MB)
    throw new NianbaoError(
      'USAGE',
      `--memory ${memoryMb} is too small: an extraction process needs at least ${MIN_MEMORY_FLAG_MB} MB`,
    );
  return {
    timeoutMs: Math.round(intOption(opts.timeout, '--timeout', DEFAULT_TIMEOUT_MS / 1000) * 1000),
    memoryMb,
    maxPages: Math.floor(intOption(opts.maxPages, '--max-pages', DEFAULT_MAX_PAGES)),
    ocr: !opts.noOcr,
    engine: engineOption(opts.engine),
  };
}

/** --jobs, or as many as fit the machine's memory at the chosen --memory. */
export function jobsOption(opts: Record<string, string | boolean>, iso: IsolationOptions): number {
  return Math.floor(intOption(opts.jobs, '--jobs', defaultJobs(iso.memoryMb)));
}

function engineOption(value: string | boolean | undefined): PdfEngine | undefined {
  if (value === undefined || value === false) return undefined;
  if (!(PDF_ENGINES as readonly unknown[]).includes(value))
    throw new NianbaoError('USAGE', `--engine takes ${PDF_ENGINES.join(' or ')}, not 「${value}」`);
  return value as PdfEngine;
}
