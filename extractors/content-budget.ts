// A per-file budget for drawing instructions, checked before pdf.js sees the file. pdf.js walks
// content streams synchronously, and some shapes cost it far more than their size: a million `q`
// in 2.5 KB (each save nests deeper; time grows with the square of the depth), or hundreds of
// thousands of operators (~50 µs each in getTextContent). Such a file would use the whole timeout,
// on every retry; over budget it fails at once as a corrupt PDF, with the reason.
//
// The scan is a plain byte walk: every `stream … endstream` whose dictionary is not an image, font,
// xref or metadata stream is inflated (if Flate; bounded) and its operators counted. It never
// decides that a file is good; only that its instructions are beyond any annual report.
import { inflateSync } from 'node:zlib';
import { NianbaoError } from '../core/errors.js';

export interface ContentBudget {
  /** Operators in all content streams of the file together. A 年报 page has ~1 000–20 000. */
  maxOperators: number;
  /** Depth of nested `q` (graphics-state saves) within one stream. Real files stay below ~50. */
  maxSaveDepth: number;
  /** A stream is inflated for counting up to this many bytes; larger ones are left to the memory cap. */
  maxScannedBytes: number;
}

export const DEFAULT_CONTENT_BUDGET: ContentBudget = {
  maxOperators: 500_000,
  maxSaveDepth: 1_000,
  maxScannedBytes: 64 << 20,
};

/** Dictionaries of streams that hold no drawing instructions. */
const NOT_CONTENT =
  /\/Subtype\s*\/Image|\/Length[123]\b|\/Type\s*\/(?:XRef|ObjStm|Metadata|EmbeddedFile|XObject\s*\/Subtype\s*\/Image)|\/Subtype\s*\/(?:Type1C|CIDFontType0C|OpenType|XML)|\/Predictor/;

/** Throws CORRUPT_PDF when the file's content streams are over budget. */
export function checkContentBudget(
  bytes: Uint8Array,
  file: string | null,
  budget: ContentBudget = DEFAULT_CONTENT_BUDGET,
): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let operators = 0;
  for (const s of contentStreams(buf, budget.maxScannedBytes)) {
    const { ops, maxDepth } = countOperators(s);
    operators += ops;
    if (maxDepth > budget.maxSaveDepth) {
      throw new NianbaoError(
        'CORRUPT_PDF',
        `not a readable PDF (graphics states nested ${maxDepth} deep, over the limit of ${budget.maxSaveDepth}: a hostile or broken content stream)`,
        file,
      );
    }
    if (operators > budget.maxOperators) {
      throw new NianbaoError(
        'CORRUPT_PDF',
        `not a readable PDF (more than ${budget.maxOperators} drawing operators: a hostile or broken content stream)`,
        file,
      );
    }
  }
}

const STREAM = Buffer.from('stream');
const ENDSTREAM = Buffer.from('endstream');

/** The (decoded) bytes of each stream that may hold drawing instructions. */
function* contentStreams(buf: Buffer, maxBytes: number): Generator<Buffer> {
  let at = 0;
  for (;;) {
    const k = buf.indexOf(STREAM, at);
    if (k < 0) return;
    at = k + STREAM.length;
    if (buf[k - 3] === 0x65 && buf[k - 2] === 0x6e && buf[k - 1] === 0x64) continue; // 'endstream'
    let start = at;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a && buf[start - 1] !== 0x0d) continue; // 'stream' not followed by EOL: not a stream
    start++;
    if (buf[start - 1] !== 0x0a) start--;
    const end = buf.indexOf(ENDSTREAM, start);
    if (end < 0) return;
    at = end + ENDSTREAM.length;
    const dictStart = Math.max(0, buf.lastIndexOf('obj', k), k - 4096);
    const dict = buf.subarray(dictStart, k).toString('latin1');
    if (NOT_CONTENT.test(dict)) continue;
    const data = buf.subarray(start, end);
    const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1];
    if (!filter) yield data;
    else if (/^(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])$/.test(filter)) {
      const inflated = inflate(data, maxBytes);
      if (inflated) yield inflated;
    }
  }
}

function inflate(data: Buffer, maxBytes: number): Buffer | null {
  try {
    return inflateSync(data, { maxOutputLength: maxBytes, finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a cut stream */ });
  } catch {
    return null; // damaged or larger than we scan: pdf.js and the memory cap deal with it
  }
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
const isDelim = (c: number) =>
  c === 0x28 ||
  c === 0x29 ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x2f ||
  c === 0x25;

/** Operators in a content stream, and the deepest nesting of q. */
export function countOperators(b: Buffer): { ops: number; maxDepth: number } {
  let ops = 0;
  let depth = 0;
  let maxDepth = 0;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i];
    if (isSpace(c)) i++;
    else if (c === 0x25) {
      while (i < n && b[i] !== 0x0a && b[i] !== 0x0d) i++; // % comment
    } else if (c === 0x28) {
      // (string): balanced parentheses, backslash escapes
      let level = 0;
      for (; i < n; i++) {
        if (b[i] === 0x5c) i++;
        else if (b[i] === 0x28) level++;
        else if (b[i] === 0x29 && --level === 0) break;
      }
      i++;
    } else if (c === 0x3c) {
      if (b[i + 1] === 0x3c) i += 2;
      else {
        const e = b.indexOf(0x3e, i);
        i = e < 0 ? n : e + 1;
      }
    } else if (c === 0x2f) {
      i++;
      while (i < n && !isSpace(b[i]) && !isDelim(b[i])) i++;
    } else if (isDelim(c)) i++;
    else {
      const s = i;
      while (i < n && !isSpace(b[i]) && !isDelim(b[i])) i++;
      const first = b[s];
      if ((first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e) continue; // a number
      ops++;
      const len = i - s;
      if (len === 1 && first === 0x71) {
        if (++depth > maxDepth) maxDepth = depth;
      } else if (len === 1 && first === 0x51) depth = Math.max(0, depth - 1);
      else if (len === 2 && first === 0x42 && b[s + 1] === 0x49) {
        // BI … ID <binary> EI: skip the image data
        const id = b.indexOf('ID', i);
        if (id < 0) return { ops, maxDepth };
        const ei = findEI(b, id + 3);
        i = ei < 0 ? n : ei + 2;
      }
    }
  }
  return { ops, maxDepth };
}

/** The EI that ends inline image data: whitespace, 'EI', then whitespace or the end. */
function findEI(b: Buffer, from: number): number {
  for (let k = b.indexOf('EI', from); k >= 0; k = b.indexOf('EI', k + 1)) {
    if (isSpace(b[k - 1]) && (k + 2 >= b.length || isSpace(b[k + 2]))) return k;
  }
  return -1;
}
