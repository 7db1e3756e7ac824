// Input bytes → a SourceDocument, or a one-line error saying what the file is instead.
// The format comes from the bytes (see sniff.ts), not from the file name. Each format's reader
// loads when a file needs it (a PDF extract starts without the HTML, Word and image readers).
import { readFile } from 'node:fs/promises';
import { NianbaoError } from '../errors.js';
import { readPdf } from '../../extractors/pdf.js';
import { readPlainText } from '../../extractors/plain-text.js';
import type { ExtractorSettings } from '../../extractors/settings.js';
import type { PageProgress, PageScreen, PdfEngine, SourceDocument, SourceFormat } from '../../extractors/types.js';
import { formatsShort } from './formats.js';
import { sniffFormat } from './sniff.js';

export interface ReadOptions {
  file: string | null;
  maxPages?: number;
  ocr?: boolean;
  engine?: PdfEngine;
  /** Time limit for an external converter (LibreOffice), in ms. */
  timeoutMs?: number;
  /** A .docx LibreOffice already made of this .doc/.wps/.odt/.rtf file (a batch converts its files in one run). */
  convertedDocx?: string;
  /** Tolerances of the PDF/image readers and OCR (default: their defaults). */
  settings?: ExtractorSettings;
  /** Asked before OCR whether the document is a 年报 at all (PDFs and images; see src/pipeline/screen.ts). */
  screen?: PageScreen;
  /** Told as each page is read (PDFs and images). */
  onProgress?: PageProgress;
}

// Reading a file's bytes is its own light module (the batch parent needs it without the readers).
export { MAX_INPUT_BYTES, missingReason, readInputFile } from './input-file.js';

/** A SourceDocument and the format it was read as (record field `source.format`). */
export async function readSource(
  bytes: Uint8Array,
  opts: ReadOptions,
): Promise<SourceDocument & { format: SourceFormat }> {
  if (bytes.length === 0) throw new NianbaoError('EMPTY_FILE', 'the file is empty (0 bytes)', opts.file);
  const sniffed = sniffFormat(bytes, opts.file);
  const format = sniffed.format;
  if (format === null) {
    if (opts.file?.toLowerCase().endsWith('.pdf'))
      throw new NianbaoError('CORRUPT_PDF', 'not a readable PDF (no %PDF header)', opts.file);
    throw new NianbaoError(
      sniffed.corrupt ? 'CORRUPT_FILE' : 'UNSUPPORTED_FORMAT',
      `${sniffed.what}; nianbao reads ${formatsShort()}`,
      opts.file,
    );
  }
  const doc = await readAs(format, bytes, opts);
  return Object.assign(doc, { format });
}

type Reader = (bytes: Uint8Array, opts: ReadOptions) => Promise<SourceDocument>;

/** Through LibreOffice: the document converted to .docx (or the conversion given), then read as one. */
const throughSoffice =
  (format: 'doc' | 'odt' | 'rtf' | 'wps'): Reader =>
  async (bytes, opts) => {
    const { readDocx } = await import('../../extractors/docx.js');
    if (opts.convertedDocx) return readDocx(new Uint8Array(await readFile(opts.convertedDocx)), opts.file);
    const { convertWithSoffice } = await import('../../extractors/soffice.js');
    return readDocx(await convertWithSoffice(bytes, format, opts), opts.file);
  };

/**
 * The reader of each format (the compiler asks for one per SourceFormat, and src/pipeline/formats.ts
 * names each; tests/help.test.ts checks that the commands' --help lists them all).
 */
export const READERS: Record<SourceFormat, Reader> = {
  pdf: (bytes, opts) => readPdf(bytes, opts),
  html: async (bytes, opts) =>
    (await import('../../extractors/html.js')).readHtml(bytes, { settings: opts.settings?.textQuality }),
  mht: async (bytes, opts) =>
    (await import('../../extractors/mht.js')).readMht(bytes, { settings: opts.settings?.textQuality }, opts.file),
  docx: async (bytes, opts) => (await import('../../extractors/docx.js')).readDocx(bytes, opts.file),
  doc: throughSoffice('doc'),
  odt: throughSoffice('odt'),
  rtf: throughSoffice('rtf'),
  wps: throughSoffice('wps'),
  image: async (bytes, opts) => (await import('../../extractors/image.js')).readImage(bytes, opts),
  text: async (bytes, opts) => readPlainText(textOf(bytes, opts.file)),
  markdown: async (bytes, opts) =>
    (await import('../../extractors/markdown.js')).readMarkdown(textOf(bytes, opts.file)),
};

function readAs(format: SourceFormat, bytes: Uint8Array, opts: ReadOptions): Promise<SourceDocument> {
  return READERS[format](bytes, opts);
}

function textOf(bytes: Uint8Array, file: string | null): string {
  const text = decodeText(bytes);
  if (text === null)
    throw new NianbaoError('UNSUPPORTED_FORMAT', 'a file of unknown type (neither a PDF nor text)', file);
  return text;
}

/** UTF-16 by its byte-order mark (Windows Notepad's "Unicode"), UTF-8 (with or without BOM), else GB18030 (older Chinese text files); null for binary data. */
export function decodeText(bytes: Uint8Array): string | null {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
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
