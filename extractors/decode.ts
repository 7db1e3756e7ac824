// Bytes of a web page → its text, as a browser decodes it (WHATWG Encoding, "determine the
// character encoding"): a byte-order mark, else the charset the transport names (an HTTP header,
// an MHT part's Content-Type), else the one a <meta> declares, else a sniff. Bytes that are not
// valid in the encoding become U+FFFD, counted and located for a warning; one bad byte never sends
// the whole page to another charset. Only a charset under which much of the page is invalid (a
// page declared UTF-8 but saved as GBK) is replaced, by one that decodes it, with a warning.
import { parse } from 'parse5';
import { adapter } from 'parse5-htmlparser2-tree-adapter';
import type { ChildNode, Element } from 'domhandler';
import type { ReaderWarning } from './types.js';

/** The text, the encoding it was decoded with, and what went wrong on the way. */
export interface Decoded {
  text: string;
  encoding: string;
  warnings: ReaderWarning[];
}

export interface DecodeOptions {
  /** The charset label the transport gives (HTTP Content-Type, an MHT part's header). */
  transportCharset?: string | null;
  /** A decoding is wrong when more than this share of its non-ASCII characters are U+FFFD (textQuality.charsetMaxInvalidShare). */
  maxInvalidShare: number;
}

/** How far into the page a <meta> charset is looked for (browsers also honour one met later in <head>). */
const PRESCAN_BYTES = 8192;
/** The encodings a Chinese page is sniffed between when nothing names one. */
const SNIFFED = ['utf-8', 'gb18030'] as const;
/** How many places the invalid-bytes warning lists. */
const LISTED_PLACES = 5;

/** WHATWG label → encoding name, or null for an unknown label (GBK and GB2312 decode as GB18030, their superset). */
export function encodingOfLabel(label: string | null | undefined): string | null {
  if (!label) return null;
  let name: string;
  try {
    name = new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
  if (name === 'gbk') return 'gb18030';
  // A <meta> naming UTF-16 is read as UTF-8 (the bytes of an ASCII-compatible page cannot be UTF-16).
  if (name === 'utf-16le' || name === 'utf-16be') return 'utf-8';
  return name;
}

/** The page decoded: BOM, transport charset, <meta> charset, else sniffed (see the file comment). */
export function decodePage(bytes: Uint8Array, opts: DecodeOptions): Decoded {
  const bom = bomOf(bytes);
  if (bom) return withInvalid(bytes.subarray(bom.length), bom.encoding, 'its byte-order mark');
  const transport = encodingOfLabel(opts.transportCharset);
  if (transport) return checked(bytes, transport, 'the transport header', opts);
  const declared = metaCharset(bytes);
  if (declared) return checked(bytes, declared, 'its <meta> charset', opts);
  // Nothing declared: UTF-8 unless much of it is invalid UTF-8 (valid UTF-8 Chinese is rarely GBK by chance).
  const utf8 = withInvalid(bytes, 'utf-8', 'sniffing (no charset declared)');
  if (invalidShare(utf8) <= opts.maxInvalidShare) return utf8;
  return withInvalid(bytes, 'gb18030', 'sniffing (no charset declared)');
}

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Decoded with a declared encoding; replaced by a sniffed one only when that one fits and the declared does not. */
function checked(bytes: Uint8Array, encoding: string, by: string, opts: DecodeOptions): Decoded {
  const first = withInvalid(bytes, encoding, by);
  if (invalidShare(first) <= opts.maxInvalidShare) return first;
  const other = SNIFFED.filter((e) => e !== encoding)
    .map((e) => withInvalid(bytes, e, 'sniffing'))
    .find((d) => invalidShare(d) <= opts.maxInvalidShare);
  if (!other) return first;
  const share = Math.round(100 * invalidShare(first));
  const warning: ReaderWarning = {
    code: 'charset-mismatch',
    message: `the page names ${encoding} (${by}) but ${share}% of its non-ASCII characters are invalid in it; read as ${other.encoding}, under which it decodes`,
  };
  return { ...other, warnings: [warning, ...other.warnings] };
}

/** Decoded (invalid sequences as U+FFFD), with an invalid-bytes warning saying how many and where. */
function withInvalid(bytes: Uint8Array, encoding: string, by: string): Decoded & { nonAscii: number; invalid: number } {
  const text = new TextDecoder(encoding).decode(bytes);
  const at: number[] = [];
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) nonAscii++;
    if (c === 0xfffd) at.push(i);
  }
  // U+FFFD printed on purpose (its own valid bytes) is no damage.
  const invalid = Math.max(0, at.length - literalReplacements(bytes, encoding));
  const warnings = invalid > 0 ? [invalidBytesWarning(text, at, invalid, encoding, by)] : [];
  return { text, encoding, warnings, nonAscii, invalid };
}

const invalidShare = (d: { nonAscii: number; invalid: number }) => (d.nonAscii === 0 ? 0 : d.invalid / d.nonAscii);

/** How often U+FFFD itself is encoded in the bytes. */
function literalReplacements(bytes: Uint8Array, encoding: string): number {
  const pattern = { 'utf-8': [0xef, 0xbf, 0xbd], gb18030: [0x84, 0x31, 0xa4, 0x37] }[encoding];
  if (!pattern) return 0;
  let n = 0;
  for (let i = bytes.indexOf(pattern[0]); i >= 0 && i < bytes.length; i = bytes.indexOf(pattern[0], i + 1)) {
    if (pattern.every((b, k) => bytes[i + k] === b)) n++;
  }
  return n;
}

/** "N invalid byte sequences … at line L (「…」), …": where to look in the page's source. */
function invalidBytesWarning(text: string, at: number[], invalid: number, encoding: string, by: string): ReaderWarning {
  const places = at.slice(0, LISTED_PLACES).map((i) => {
    const line = text.slice(0, i).split('\n').length;
    const near = text.slice(Math.max(0, i - 12), i + 13).replace(/\s+/g, ' ');
    return `line ${line} (「${near}」)`;
  });
  const more = at.length > LISTED_PLACES ? `, and ${at.length - LISTED_PLACES} more` : '';
  return {
    code: 'invalid-bytes',
    message:
      `${invalid} byte sequence${invalid === 1 ? ' is' : 's are'} not valid ${encoding} (chosen by ${by}) ` +
      `and read as U+FFFD (�), as a browser shows them: at ${places.join(', ')}${more}; a value there may be damaged`,
  };
}

/** The charset a <meta charset> or <meta http-equiv content="…; charset=…"> names in the page's first bytes. */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PRESCAN_BYTES)).toString('latin1');
  const doc = parse(head, { treeAdapter: adapter });
  for (const el of metaElements(doc.children as ChildNode[])) {
    const raw = el.attribs.charset ?? /charset\s*=\s*["']?([^\s"';]+)/i.exec(el.attribs.content ?? '')?.[1];
    const enc = encodingOfLabel(raw);
    if (enc) return enc;
  }
  return null;
}

function* metaElements(nodes: ChildNode[]): Generator<Element> {
  for (const n of nodes) {
    if (n.type !== 'tag') continue;
    if (n.name === 'meta') yield n;
    yield* metaElements(n.children);
  }
}
