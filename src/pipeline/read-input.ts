// Input bytes → a SourceDocument, or a one-line error saying what the file is instead.
import { lstat, readFile, stat } from 'node:fs/promises';
import { NianbaoError } from '../errors.js';
import { hasPdfHeader } from '../../extractors/pdf-document.js';
import { readPdf } from '../../extractors/pdf.js';
import { readPlainText } from '../../extractors/plain-text.js';
import type { SourceDocument } from '../../extractors/types.js';

export interface ReadOptions {
  file: string | null;
  maxPages?: number;
  ocr?: boolean;
}

/** Largest input accepted, in bytes (年报 PDFs are a few MB; scans rarely above 50). */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

/** The bytes of a file. `path` may be raw bytes (a name that is not UTF-8); `label` names it in errors. */
export async function readInputFile(path: string | Buffer, label: string = String(path)): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new NianbaoError('UNSUPPORTED_FORMAT', 'is a directory, not a file', label);
    size = s.size;
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    throw new NianbaoError('NOT_FOUND', await missingReason(path, e), label);
  }
  if (size > MAX_INPUT_BYTES) throw new NianbaoError('TOO_LARGE', `file is ${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`, label);
  return new Uint8Array(await readFile(path));
}

/** Why stat failed, in words: no such file, a dangling link, a loop of links, no permission. */
export async function missingReason(path: string | Buffer, e: unknown): Promise<string> {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'ENOENT' && (await lstat(path).then((s) => s.isSymbolicLink(), () => false))) {
    return 'a symbolic link to nothing (its target does not exist)';
  }
  return 'no such file';
}

const IMAGE_MAGIC: Array<[string, number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['TIFF image', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF image', [0x4d, 0x4d, 0x00, 0x2a]],
  ['BMP image', [0x42, 0x4d]],
  ['ZIP archive (e.g. .docx/.xlsx)', [0x50, 0x4b, 0x03, 0x04]],
];

export async function readSource(bytes: Uint8Array, opts: ReadOptions): Promise<SourceDocument> {
  if (bytes.length === 0) throw new NianbaoError('EMPTY_FILE', 'the file is empty (0 bytes)', opts.file);
  if (hasPdfHeader(bytes)) return readPdf(bytes, opts);
  for (const [what, magic] of IMAGE_MAGIC) {
    if (magic.every((b, k) => bytes[k] === b)) {
      throw new NianbaoError('UNSUPPORTED_FORMAT', `this is a ${what}, not a PDF or text report (convert scans to PDF first)`, opts.file);
    }
  }
  const text = decodeText(bytes);
  if (text === null) {
    const named = opts.file?.toLowerCase().endsWith('.pdf');
    throw named
      ? new NianbaoError('CORRUPT_PDF', 'not a readable PDF (no %PDF header)', opts.file)
      : new NianbaoError('UNSUPPORTED_FORMAT', 'neither a PDF nor a text file', opts.file);
  }
  return readPlainText(text);
}

/** UTF-16 by its byte-order mark (Windows Notepad's "Unicode"), UTF-8 (with or without BOM), else GB18030 (older Chinese text files); null for binary data. */
export function decodeText(bytes: Uint8Array): string | null {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    try {
      const text = new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
      // Binary data behind a lucky BOM decodes to control characters.
      return /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096)) ? null : text;
    } catch {
      return null;
    }
  }
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b === 0 || (b < 9 && b !== 0)) control++;
  if (control > 0) return null;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      // try the next encoding
    }
  }
  return null;
}
