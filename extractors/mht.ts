// A web page saved as one file — MHT/MHTML (Internet Explorer/Edge "Web archive", Chrome "Save as
// MHTML"): a MIME multipart/related message whose root part is the page's HTML and whose other
// parts are its images and styles. The root part is decoded (quoted-printable or base64) and read
// by the HTML reader, its Content-Type charset taken as the transport's (ahead of the page's <meta>).
import { NianbaoError } from '../core/errors.js';
import { readHtml, type HtmlOptions } from './html.js';
import type { SourceDocument } from './types.js';

/** One MIME part: its headers (names lower-cased, folded lines joined) and its body bytes. */
interface Part {
  headers: Map<string, string>;
  body: Uint8Array;
}

/** Where the headers end: the first empty line (CRLF or LF). */
function headerEnd(bytes: Uint8Array, from: number): { end: number; bodyStart: number } {
  for (let i = from; i < bytes.length - 1; i++) {
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0a) return { end: i, bodyStart: i + 2 };
    if (bytes[i] === 0x0a && bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return { end: i, bodyStart: i + 3 };
  }
  return { end: bytes.length, bodyStart: bytes.length };
}

/** RFC 822 headers: `Name: value`, continuation lines starting with blanks joined to the previous. */
function parseHeaders(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && last) out.set(last, `${out.get(last)} ${line.trim()}`);
    else {
      const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
      if (!m) continue;
      last = m[1].toLowerCase();
      out.set(last, m[2].trim());
    }
  }
  return out;
}

/** A parameter of a header value (`boundary="…"`, `charset=gb2312`). */
export function headerParam(value: string | undefined, name: string): string | null {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value ?? '');
  return m ? (m[1] ?? m[2]) : null;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** The message's parts, split at its boundary lines. */
function parts(bytes: Uint8Array, boundary: string, from: number): Part[] {
  const text = latin1(bytes);
  const delim = `--${boundary}`;
  const out: Part[] = [];
  let at = text.indexOf(delim, from);
  while (at >= 0) {
    const lineEnd = text.indexOf('\n', at);
    if (text.startsWith(`${delim}--`, at) || lineEnd < 0) break;
    const next = text.indexOf(`\n${delim}`, lineEnd);
    const stop = next < 0 ? text.length : next;
    const { end, bodyStart } = headerEnd(bytes, lineEnd);
    const bodyEnd = stop > bodyStart && text[stop - 1] === '\r' ? stop - 1 : stop;
    out.push({
      headers: parseHeaders(text.slice(lineEnd + 1, end)),
      body: bytes.subarray(Math.min(bodyStart, bodyEnd), bodyEnd),
    });
    at = next < 0 ? -1 : next + 1;
  }
  return out;
}

/** A part's body decoded from its Content-Transfer-Encoding (quoted-printable, base64, or as is). */
export function decodeTransfer(body: Uint8Array, encoding: string | undefined): Uint8Array {
  const enc = (encoding ?? '').toLowerCase();
  if (enc === 'base64') return Buffer.from(latin1(body).replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (enc !== 'quoted-printable') return body;
  const out = Buffer.alloc(body.length);
  let n = 0;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (b !== 0x3d) {
      out[n++] = b;
      continue;
    }
    // =XX is a byte; = at a line's end is a soft break; anything else is kept as written.
    const hex = String.fromCharCode(body[i + 1] ?? 0, body[i + 2] ?? 0);
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) [out[n++], i] = [Number.parseInt(hex, 16), i + 2];
    else if (body[i + 1] === 0x0a) i += 1;
    else if (body[i + 1] === 0x0d && body[i + 2] === 0x0a) i += 2;
    else out[n++] = b;
  }
  return out.subarray(0, n);
}

/**
 * An MHT file → the SourceDocument of its root HTML part: the part the `start` parameter names,
 * else the first text/html part. Its charset (Content-Type) is the transport's. Throws
 * CORRUPT_FILE when the message has no boundary or no HTML part.
 */
export function readMht(bytes: Uint8Array, opts: HtmlOptions = {}, file: string | null = null): SourceDocument {
  const { end, bodyStart } = headerEnd(bytes, 0);
  const top = parseHeaders(latin1(bytes.subarray(0, end)));
  const boundary = headerParam(top.get('content-type'), 'boundary');
  if (!boundary)
    throw new NianbaoError(
      'CORRUPT_FILE',
      'a damaged MHT file: its Content-Type names no boundary between parts',
      file,
    );
  const all = parts(bytes, boundary, bodyStart);
  const start = headerParam(top.get('content-type'), 'start');
  const isHtml = (p: Part) => /^text\/html\b/i.test(p.headers.get('content-type') ?? 'text/html');
  const root = (start && all.find((p) => p.headers.get('content-id') === start)) || all.find(isHtml);
  if (!root)
    throw new NianbaoError('CORRUPT_FILE', `a damaged MHT file: none of its ${all.length} parts is an HTML page`, file);
  const html = decodeTransfer(root.body, root.headers.get('content-transfer-encoding'));
  const charset = headerParam(root.headers.get('content-type'), 'charset');
  return readHtml(html, { ...opts, charset: charset ?? opts.charset });
}
