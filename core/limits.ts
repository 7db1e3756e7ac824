// Limits on one input file, shared by the extractors (which enforce them) and the CLI (which sets them).

/** Refuse PDFs with more pages than this by default (a 年报 has a handful; --max-pages changes it). */
export const DEFAULT_MAX_PAGES = 200;

/** Largest input accepted, in bytes (年报 PDFs are a few MB; scans rarely above 50). */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;
