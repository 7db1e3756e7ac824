// The file name a server gives in Content-Disposition: RFC 6266/5987 `filename*=UTF-8''…`, a plain
// `filename="…"` (often raw GBK or UTF-8 bytes, or percent-encoded), used only as a label and to
// tell the format. It never becomes a path: documents are stored under their sha256.
const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb = new TextDecoder('gb18030');

/** Percent-decoded bytes of `s` (characters other than %XX kept as their latin1 byte). */
function percentBytes(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s[i] === '%' ? /^[0-9a-f]{2}$/i.exec(s.slice(i + 1, i + 3)) : null;
    if (hex) {
      out.push(parseInt(hex[0], 16));
      i += 2;
    } else out.push(s.charCodeAt(i) & 0xff);
  }
  return Buffer.from(out);
}

/** Bytes as UTF-8 when they are valid UTF-8, else as GBK (gb18030). */
function bytesToText(b: Uint8Array, charset?: string): string {
  if (charset && /^(gbk|gb2312|gb18030)$/i.test(charset)) return gb.decode(b);
  try {
    return utf8.decode(b);
  } catch {
    return gb.decode(b);
  }
}

/** A name with path separators, control characters and leading dots removed; null when nothing is left. */
export function safeLabel(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/^\.+/, '')
    .trim();
  return clean ? clean.slice(0, 200) : null;
}

/**
 * The file name in a Content-Disposition header value, as text (RFC 5987 `filename*` preferred;
 * `filename` bytes read as UTF-8 or else GBK; percent-encoding undone), made safe as a label by
 * `safeLabel`; null when there is none. The header arrives as latin1 characters, one per byte.
 */
export function dispositionName(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([\w-]+)?'[^']*'([^;]+)/i.exec(header);
  if (star) return safeLabel(bytesToText(percentBytes(star[2]!.trim().replace(/^"|"$/g, '')), star[1]));
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  if (!plain) return null;
  const raw = (plain[1] ?? plain[2] ?? '').replace(/\\(.)/g, '$1').trim();
  return safeLabel(bytesToText(/%[0-9a-f]{2}/i.test(raw) ? percentBytes(raw) : Buffer.from(raw, 'latin1')));
}

/** Extensions of the documents the watcher keeps as attachments (lower case, without the dot). */
export const DOCUMENT_EXTENSIONS = ['pdf', 'doc', 'docx', 'wps', 'odt', 'rtf'] as const;

/** The document extension a name or URL path ends with, or null. */
export function documentExtension(name: string | null): string | null {
  const m = /\.([a-z0-9]{2,5})$/i.exec(name ?? '');
  const ext = m ? m[1]!.toLowerCase() : null;
  return ext && (DOCUMENT_EXTENSIONS as readonly string[]).includes(ext) ? ext : null;
}
