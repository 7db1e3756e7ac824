// An ingest run's .doc/.wps/.odt/.rtf files through ONE LibreOffice run (src/batch/office.ts), as a
// batch's: LibreOffice starts once, not once per file in each extraction process (2–3 s each).
// Only the files the database has no report of are converted; each file keeps its own outcome — its
// conversion error becomes its failure, written under its own claim like any extraction error.
import { open } from 'node:fs/promises';
import type { InputFile } from '../batch/inputs.js';
import { sha256File } from '../batch/hash.js';
import { officeFormatOf, startOfficeBatch, type Converted, type OfficeInput } from '../batch/office.js';
import type { IsolationOptions } from '../isolation/pool.js';
import type { Store } from './store.js';

/** Bytes read to tell a possible LibreOffice file (the longest magic number is 8). */
const HEAD_BYTES = 64;

/** The run's LibreOffice conversions: which files have one, and each one's outcome. */
export interface IngestOffice {
  /** Whether the file is among those converted (its extraction waits for its .docx). */
  has(file: InputFile): boolean;
  /** The file's conversion (a .docx, or why not); undefined for a file not among them. */
  converted(file: InputFile): Promise<Converted | undefined>;
  /** Stops LibreOffice and removes the converted files. */
  close(): void;
}

/** What the run decides a conversion on. */
export interface IngestOfficeOptions {
  db: Store;
  version: string;
  force: boolean;
  isolation?: IsolationOptions;
}

/**
 * Finds the files that need LibreOffice (told from their bytes) and that the database has no
 * report of (all of them with `force`), and starts converting them in one run.
 */
export async function startIngestOffice(files: readonly InputFile[], opts: IngestOfficeOptions): Promise<IngestOffice> {
  const inputs: OfficeInput[] = [];
  const index = new Map<InputFile, number>();
  const shas = new Set<string>();
  for (const file of files) {
    const format = file.error ? null : await formatOf(file);
    const sha256 = format === null ? null : await toConvert(file, opts);
    // A content given twice is extracted once (ingest skips the second): converted once.
    if (format === null || sha256 === null || shas.has(sha256)) continue;
    shas.add(sha256);
    index.set(file, inputs.length);
    inputs.push({ file: file.rawPath ?? file.abs, format, label: file.path });
  }
  const batch = startOfficeBatch(inputs, opts.isolation);
  return {
    has: (file) => index.has(file),
    converted: async (file) => {
      const k = index.get(file);
      return k === undefined || !batch ? undefined : batch.result(k);
    },
    close: () => batch?.close(),
  };
}

/** The file's LibreOffice format, or null (also when it cannot be read: its extraction says why). */
async function formatOf(file: InputFile): Promise<Awaited<ReturnType<typeof officeFormatOf>>> {
  const where = file.rawPath ?? file.abs;
  try {
    const fh = await open(where, 'r');
    try {
      const head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await fh.read(head, 0, HEAD_BYTES, 0);
      return await officeFormatOf(head.subarray(0, bytesRead), where, file.path);
    } finally {
      await fh.close();
    }
  } catch {
    return null;
  }
}

/** The file's content hash when the database lacks its report (with `force`, whenever it can be read), else null. */
async function toConvert(file: InputFile, opts: IngestOfficeOptions): Promise<string | null> {
  const sha256 = await sha256File(file.rawPath ?? file.abs).catch(() => null);
  if (sha256 === null || opts.force) return sha256;
  return (await opts.db.hasReport({ sha256, version: opts.version })) ? null : sha256;
}
