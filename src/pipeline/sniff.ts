// What a file is, from its bytes: magic numbers, the entries of a ZIP, the streams of an OLE file,
// markup at the start of text. The name is only used where the bytes cannot tell (.doc vs .wps).
import { hasPdfHeader } from '../../extractors/pdf-document.js';
import type { SourceFormat } from '../../extractors/types.js';
import { listZip, unpackEntry, type ZipEntry } from '../../extractors/zip.js';

export type Sniffed =
  | { format: SourceFormat; what: string }
  /** Not a format nianbao reads: `what` names it for the error line. */
  | { format: null; what: string; corrupt?: boolean };

const IMAGE_MAGIC: Array<[string, number[], number?]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['TIFF image', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF image', [0x4d, 0x4d, 0x00, 0x2a]],
  ['BMP image', [0x42, 0x4d]],
  ['WebP image', [0x57, 0x45, 0x42, 0x50], 8],
];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, k) => bytes[at + k] === b);
const extOf = (name: string | null) => (name ? (/\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '') : '');

/** The format of `bytes` (named `name`, if known). */
export function sniffFormat(bytes: Uint8Array, name: string | null): Sniffed {
  if (hasPdfHeader(bytes)) return { format: 'pdf', what: 'PDF' };
  for (const [what, magic, at] of IMAGE_MAGIC) {
    if (startsWith(bytes, magic, at) && (at === undefined || startsWith(bytes, [0x52, 0x49, 0x46, 0x46])))
      return { format: 'image', what };
  }
  if (startsWith(bytes, ZIP_MAGIC)) return sniffZip(bytes);
  if (startsWith(bytes, OLE_MAGIC)) return sniffOle(bytes, name);
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  if (/^\s*\{\\rtf/.test(head)) return { format: 'rtf', what: 'RTF document' };
  if (looksLikeMht(head)) return { format: 'mht', what: 'web archive (MHT/MHTML)' };
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) {
    // Windows "Unicode" text: NUL bytes are normal here; read the start as characters instead.
    const text = new TextDecoder(utf16).decode(bytes.subarray(2, 4098));
    if (/[\u0000-\u0008]/.test(text)) return { format: null, what: 'a file of unknown type (binary data)' };
    return textFormat(text);
  }
  if (looksBinary(bytes))
    return damagedContainer(bytes, name) ?? { format: null, what: 'a file of unknown type (binary data)' };
  // Markdown marks are ASCII, so the bytes read as Latin-1 show them in any encoding of the text.
  return textFormat(Buffer.from(bytes.subarray(0, MARKDOWN_SNIFF_BYTES)).toString('latin1'));
}

/** How far into a text file Markdown marks are looked for (a converter's front matter can be long). */
const MARKDOWN_SNIFF_BYTES = 65536;

/** HTML, Markdown or plain text, from the start of the text. */
function textFormat(head: string): Sniffed {
  if (looksLikeHtmlDocument(head)) return { format: 'html', what: 'HTML page' };
  if (looksLikeMarkdown(head)) return { format: 'markdown', what: 'Markdown' };
  if (looksLikeHtml(head.slice(0, 4096))) {
    return looksLikeMarkdownWithHtmlTables(head)
      ? { format: 'markdown', what: 'Markdown' }
      : { format: 'html', what: 'HTML page' };
  }
  return { format: 'text', what: 'text' };
}

/**
 * Markdown as converters write it: an ATX heading (「## 一、总体情况」), a pipe table's separator row,
 * or two pipe rows. Checked at line starts only: in GBK text a 「|」 byte can end a character.
 */
export function looksLikeMarkdown(head: string): boolean {
  if (/^#{1,6}[ \t]+\S/m.test(head) || /^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|/m.test(head)) return true;
  if (PANDOC_MARKS.some((re) => re.test(head))) return true;
  return (head.match(/^[ \t]*\|[^\n]*\|/gm) ?? []).length >= 2;
}

/**
 * pandoc's own marks: a simple or multiline table's dashed column rule (「-----  ------」), a grid
 * table's border (「+----+----+」), a fenced div with its class (「::: top」).
 */
const PANDOC_MARKS = [
  /^[ \t]*-{3,}(?:[ \t]+-{3,})+[ \t]*$/m,
  /^[ \t]*\+(?:[-=]{3,}\+){2,}[ \t]*$/m,
  /^:{3,}[ \t]*[\w{.#]/m,
];

/**
 * Markdown whose tables are raw HTML blocks (`pandoc -t commonmark`, `-t markdown_strict`): outside
 * its <table>s the text stands on lines of its own, not in tags, and no <script>/<style> is there.
 */
function looksLikeMarkdownWithHtmlTables(head: string): boolean {
  if (/<(script|style|head|body|html)[\s>]/i.test(head)) return false;
  const outside = head.replace(/<table[\s>][\s\S]*?(?:<\/table>|$)/gi, '\n');
  const lines = outside
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const text = lines.filter((l) => !l.startsWith('<'));
  return text.length >= MARKDOWN_MIN_TEXT_LINES && text.length > lines.length - text.length;
}

/** Lines of text outside tags that make HTML-looking text Markdown (a fragment's text sits in tags). */
const MARKDOWN_MIN_TEXT_LINES = 3;

/**
 * .docx (word/document.xml) or .odt (mimetype …opendocument.text); other ZIPs are refused. The
 * names come from extractors/zip.ts, which passes over a damaged directory by the entries' own headers.
 */
function sniffZip(bytes: Uint8Array): Sniffed {
  const { entries } = listZip(bytes);
  const names = entries.map((e) => e.name);
  if (!names.length)
    return {
      format: null,
      what: 'a damaged ZIP archive (e.g. a truncated .docx): no entry can be found in it',
      corrupt: true,
    };
  if (names.includes('word/document.xml')) return { format: 'docx', what: 'Word document (.docx)' };
  // Word's other parts are there but not word/document.xml (its name damaged, or the entry lost):
  // a damaged Word document, not some other ZIP.
  if (names.some((n) => n.startsWith('word/'))) {
    const near = names.filter((n) => differsBy(n, 'word/document.xml') <= 2).slice(0, 3);
    const why = near.length ? `no word/document.xml entry, only ${near.join(', ')}` : 'no word/document.xml entry';
    return { format: null, what: `a damaged Word document (${why})`, corrupt: true };
  }
  if (
    odfMimetype(
      bytes,
      entries.find((e) => e.name === 'mimetype'),
    ) === 'application/vnd.oasis.opendocument.text'
  ) {
    return { format: 'odt', what: 'ODF text document (.odt)' };
  }
  if (names.some((n) => n.startsWith('xl/')))
    return { format: null, what: 'an Excel workbook (.xlsx), not a report document' };
  if (names.some((n) => n.startsWith('ppt/')))
    return { format: null, what: 'a PowerPoint file (.pptx), not a report document' };
  return { format: null, what: 'a ZIP archive that is not a Word (.docx) or ODF text (.odt) document' };
}

function odfMimetype(bytes: Uint8Array, entry: ZipEntry | undefined): string {
  if (!entry) return '';
  try {
    return new TextDecoder().decode(unpackEntry(bytes, entry, 200)).trim();
  } catch {
    return '';
  }
}

/**
 * A ZIP or OLE file whose first bytes are damaged: the magic number is gone but the structures a
 * reader needs are there (a ZIP's local headers; a Word file's WordDocument stream name). Read as
 * that format, so the reader names the damage, rather than refused as an unknown binary file.
 */
function damagedContainer(bytes: Uint8Array, name: string | null): Sniffed | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.includes('PK\x03\x04', 0, 'latin1') && buf.includes('word/document.xml'))
    return { format: 'docx', what: 'Word document (.docx), its start damaged' };
  if (buf.includes(Buffer.from('WordDocument', 'utf16le'))) return sniffOle(bytes, name);
  return null;
}

/** OLE compound files: Word 97–2003 (.doc) and WPS Writer (.wps) both hold a WordDocument stream. */
function sniffOle(bytes: Uint8Array, name: string | null): Sniffed {
  const utf16 = (s: string) => Buffer.from(s, 'utf16le');
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ext = extOf(name);
  if (ext === 'wps') return { format: 'wps', what: 'WPS Writer document (.wps)' };
  if (buf.includes(utf16('WordDocument'))) return { format: 'doc', what: 'Word 97–2003 document (.doc)' };
  if (buf.includes(utf16('Workbook')) || buf.includes(utf16('Book')))
    return { format: null, what: 'an Excel 97–2003 workbook (.xls), not a report document' };
  // No stream names at all (the directory, often at the end, cut off or damaged): a .doc by its name,
  // so that LibreOffice's failure names the damage rather than the format being refused.
  if (ext === 'doc') return { format: 'doc', what: 'Word 97–2003 document (.doc), its directory not found' };
  return { format: null, what: 'an OLE compound file (Office 97–2003) that is not a Word document' };
}

/** NUL bytes or C0 controls other than tab/newline/form feed/escape mean binary data. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  let control = 0;
  for (const b of sample) if (b < 8) control++;
  if (control === 0) return false;
  // A web page with a few damaged bytes (a bit flipped into a control byte) is still a page, as a
  // browser shows it; binary data has control bytes everywhere.
  const page = looksLikeHtmlDocument(Buffer.from(sample).toString('latin1'));
  return !page || control > DAMAGED_PAGE_MAX_CONTROL_SHARE * sample.length;
}

/** Share of a web page's first 4 KB that may be control bytes (damage) before it is taken for binary data. 0.005: ~20 bytes. */
const DAMAGED_PAGE_MAX_CONTROL_SHARE = 0.005;

/** A document type or an <html> tag at the start. */
function looksLikeHtmlDocument(head: string): boolean {
  const start = head.replace(/^\uFEFF|^\xEF\xBB\xBF/, '').replace(/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  return /^<!doctype\s+html/i.test(start) || /^<html[\s>]/i.test(start);
}

/** A document type, an <html>/<head>/<body> tag, or block markup near the start. */
function looksLikeHtml(head: string): boolean {
  if (looksLikeHtmlDocument(head)) return true;
  return /<(head|body|meta|table|div)[\s>]/i.test(head) && /<\/(p|div|td|table|body)>/i.test(head);
}

/** A MIME message of type multipart/related (a page saved as .mht/.mhtml): its first headers say so. */
function looksLikeMht(head: string): boolean {
  const blank = /\r?\n\r?\n/.exec(head);
  const top = head.slice(0, blank ? blank.index : head.length);
  return (
    /^content-type:\s*multipart\/related/im.test(top) &&
    /^(mime-version|from|subject|date|snapshot-content-location):/im.test(top)
  );
}

/** How many characters two equal-length names differ by (Infinity for different lengths). */
function differsBy(a: string, b: string): number {
  if (a.length !== b.length) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}
