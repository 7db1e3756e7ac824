// Every sub-command of the CLI, in the order --help lists them. A command's module (and what it
// imports: SQLite, the browser, canvas, OCR…) loads only when that command runs, so `nianbao
// extract` starts without the others. tests/cli.test.ts checks the summaries against the modules.
import type { Command } from '../command.js';

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const commands: CommandEntry[] = [
  {
    name: 'extract',
    summary: 'extract report records from PDF, web pages, Word, images, Markdown or text',
    load: async () => (await import('./extract.js')).command,
  },
  {
    name: 'schema',
    summary: "print the record's JSON Schema",
    load: async () => (await import('./schema.js')).command,
  },
  {
    name: 'inspect',
    summary: 'page images showing the grid, cells and numbers read, and failed checks',
    load: async () => (await import('./inspect.js')).command,
  },
  {
    name: 'review',
    summary: 'one offline HTML page to review many records, flagged reports first',
    load: async () => (await import('./review.js')).command,
  },
  {
    name: 'batch',
    summary: 'extract many reports (isolated, resumable) to JSONL, JSON, CSV or xlsx',
    load: async () => (await import('./batch.js')).command,
  },
  {
    name: 'ingest',
    summary: 'extract reports into SQLite or PostgreSQL (resumable, for scheduled jobs)',
    load: async () => (await import('./ingest.js')).command,
  },
  {
    name: 'export',
    summary: 'export a database made by ingest as JSON Lines, CSV or xlsx, or the series across years',
    load: async () => (await import('./export.js')).command,
  },
  {
    name: 'enqueue',
    summary: 'queue files for worker processes on many machines (PostgreSQL)',
    load: async () => (await import('./enqueue.js')).command,
  },
  {
    name: 'worker',
    summary: 'run queued extraction jobs (one per host, many hosts)',
    load: async () => (await import('./worker.js')).command,
  },
  {
    name: 'corrections',
    summary: 'list the corrections stored in a database, or remove (revert) some',
    load: async () => (await import('./corrections.js')).command,
  },
  {
    name: 'serve',
    summary: 'a local web app: review, correct, upload, compare and chart reports in a database',
    load: async () => (await import('./serve.js')).command,
  },
  {
    name: 'watch',
    summary: 'find, fetch and ingest newly posted reports from agency websites (polite, resumable)',
    load: async () => (await import('./watch.js')).command,
  },
  {
    name: 'status',
    summary: 'the job queue and its workers (PostgreSQL), the last watch run per source',
    load: async () => (await import('./status.js')).command,
  },
  {
    name: 'compare',
    summary: 'compare reports year over year (tables, cross-year checks, reused prose) → JSON + HTML',
    load: async () => (await import('./compare.js')).command,
  },
];
