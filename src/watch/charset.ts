// Bytes of a fetched page → text. The charset comes from the Content-Type header, else a BOM, else
// a <meta charset> / http-equiv in the first 4 KB, else UTF-8; GBK and GB2312 are decoded as
// gb18030 (their superset: pages labelled GB2312 routinely use GBK characters).
const SUPERSETS: Record<string, string> = {
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'x-gbk': 'gb18030',
  gb_2312: 'gb18030',
  'gb_2312-80': 'gb18030',
};

/** The charset label a Content-Type header names, lower-cased, or null. */
export function headerCharset(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m ? m[1]!.toLowerCase() : null;
}

/** The charset a page declares in a <meta> near its start, or null. */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return m ? m[1]!.toLowerCase() : null;
}

function bomCharset(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** A decoder for `label` (GBK family → gb18030), or null when the label is unknown. */
function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(SUPERSETS[label] ?? label);
  } catch {
    return null;
  }
}

/**
 * The text of `bytes`: decoded by the header's charset, the BOM, the <meta> declaration or UTF-8,
 * the first of those that names a known encoding (an unknown label is skipped, not fatal).
 */
export function decodePage(bytes: Uint8Array, contentType?: string | null): string {
  for (const label of [headerCharset(contentType), bomCharset(bytes), metaCharset(bytes)]) {
    const d = label ? decoderFor(label) : null;
    if (d) return d.decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}
