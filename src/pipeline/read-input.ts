// Input bytes → a SourceDocument, or a one-line error saying what the file is instead.
// The format comes from the bytes (see sniff.ts), not from the file name.
import { readFile, stat } from 'node:fs/promises';
import { NianbaoError } from '../errors.js';
import { readPdf } from '../../extractors/pdf.js';
import { readPlainText } from '../../extractors/plain-text.js';
import { readHtml } from '../../extractors/html.js';
import { readDocx } from '../../extractors/docx.js';
import { convertWithSoffice } from '../../extractors/soffice.js';
import { readImage } from '../../extractors/image.js';
import type { SourceDocument, SourceFormat } from '../../extractors/types.js';
import { sniffFormat } from './sniff.js';

export interface ReadOptions {
  file: string | null;
  maxPages?: number;
  ocr?: boolean;
  /** Time limit for an external converter (LibreOffice), in ms. */
  timeoutMs?: number;
}

/** Largest input accepted, in bytes (年报 PDFs are a few MB; scans rarely above 50). */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

export async function readInputFile(path: string): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new NianbaoError('UNSUPPORTED_FORMAT', 'is a directory, not a file', path);
    size = s.size;
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    throw new NianbaoError('NOT_FOUND', 'no such file', path);
  }
  if (size > MAX_INPUT_BYTES) throw new NianbaoError('TOO_LARGE', `file is ${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`, path);
  return new Uint8Array(await readFile(path));
}

/** A SourceDocument and the format it was read as (record field `source.format`). */
export async function readSource(bytes: Uint8Array, opts: ReadOptions): Promise<SourceDocument & { format: SourceFormat }> {
  if (bytes.length === 0) throw new NianbaoError('EMPTY_FILE', 'the file is empty (0 bytes)', opts.file);
  const sniffed = sniffFormat(bytes, opts.file);
  const format = sniffed.format;
  if (format === null) {
    if (opts.file?.toLowerCase().endsWith('.pdf')) throw new NianbaoError('CORRUPT_PDF', 'not a readable PDF (no %PDF header)', opts.file);
    throw new NianbaoError(sniffed.corrupt ? 'CORRUPT_FILE' : 'UNSUPPORTED_FORMAT', `${sniffed.what}; nianbao reads PDF, HTML, Word (.docx/.doc/.wps), ODT, RTF, images and text`, opts.file);
  }
  const doc = await readAs(format, bytes, opts);
  return Object.assign(doc, { format });
}

async function readAs(format: SourceFormat, bytes: Uint8Array, opts: ReadOptions): Promise<SourceDocument> {
  switch (format) {
    case 'pdf':
      return readPdf(bytes, opts);
    case 'html':
      return readHtml(bytes);
    case 'docx':
      return readDocx(bytes, opts.file);
    case 'doc':
    case 'odt':
    case 'rtf':
    case 'wps':
      return readDocx(await convertWithSoffice(bytes, format, opts), opts.file);
    case 'image':
      return readImage(bytes, opts);
    case 'text': {
      const text = decodeText(bytes);
      if (text === null) throw new NianbaoError('UNSUPPORTED_FORMAT', 'a file of unknown type (neither a PDF nor text)', opts.file);
      return readPlainText(text);
    }
  }
}

/** UTF-8 (with or without BOM), else GB18030 (older Chinese text files); null for binary data. */
function decodeText(bytes: Uint8Array): string | null {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      // try the next encoding
    }
  }
  return null;
}
