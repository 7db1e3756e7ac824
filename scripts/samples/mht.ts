// A CMS page saved as a web archive (.mht/.mhtml), the way Internet Explorer/Edge ("Web archive,
// single file") and Chrome ("Save as MHTML") write it: a MIME multipart/related message, the page as
// its first part (quoted-printable or base64, the charset in its Content-Type or only in its <meta>),
// the site's images after it (base64), each part with its Content-Location.

/** Quoted-printable (RFC 2045): lines as CRLF hard breaks, at most 76 characters with `=` soft breaks. */
export function quotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = [];
  let line = '';
  const push = (token: string) => {
    if (line.length + token.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += token;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) {
      lines.push(line);
      line = '';
    } else if (b === 0x0d) continue;
    else if ((b >= 0x21 && b <= 0x7e && b !== 0x3d) || (b === 0x20 && bytes[i + 1] !== 0x0a)) push(String.fromCharCode(b));
    else push(`=${b.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  lines.push(line);
  return lines.join('\r\n');
}

const base64Lines = (bytes: Uint8Array) => (Buffer.from(bytes).toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** The smallest real PNG (1×1, grey): the site logo's part. */
const LOGO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg==', 'base64');

export interface MhtOptions {
  /** The page's bytes, in `charset`. */
  page: Uint8Array;
  /** The charset named in the part's Content-Type; null: none (Chrome: the page's <meta> says it). */
  charset: string | null;
  transfer: 'quoted-printable' | 'base64';
  style: 'ie' | 'chrome';
  url: string;
}

/** The web archive of one page and its logo. */
export function mhtFile(o: MhtOptions): Buffer {
  const boundary = o.style === 'ie' ? '----=_NextPart_000_0000_01DA4B7C.5E3A1F20' : '----MultipartBoundary--Jx3kQ9mWv2LrT8pZcYbN0aE5uH7sDfG1----';
  const top =
    o.style === 'ie'
      ? ['From: <Saved by Windows Internet Explorer 11>', 'Subject: =?utf-8?B?5bm05bqm5oql5ZGK?=', 'Date: Mon, 22 Jan 2024 09:12:31 +0800', 'MIME-Version: 1.0',
        `Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"`, 'X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.24158', '',
        'This is a multi-part message in MIME format.']
      : ['From: <Saved by Blink>', `Snapshot-Content-Location: ${o.url}`, 'Subject: =?utf-8?Q?=E5=B9=B4=E5=BA=A6=E6=8A=A5=E5=91=8A?=', 'Date: Mon, 22 Jan 2024 09:12:31 +0800',
        'MIME-Version: 1.0', `Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="${boundary}"`];
  const body = o.transfer === 'base64' ? base64Lines(o.page) : quotedPrintable(o.page);
  const html = [`--${boundary}`, `Content-Type: text/html${o.charset ? `;\r\n\tcharset="${o.charset}"` : ''}`,
    ...(o.style === 'chrome' ? ['Content-ID: <frame-2F1C5B0A9E4D7C3B@mhtml.blink>'] : []),
    `Content-Transfer-Encoding: ${o.transfer}`, `Content-Location: ${o.url}`, '', body];
  const logo = [`--${boundary}`, 'Content-Type: image/png', 'Content-Transfer-Encoding: base64', `Content-Location: ${new URL('/images/logo.png', o.url).href}`, '', base64Lines(LOGO)];
  return Buffer.from([...top, '', ...html, '', ...logo, '', `--${boundary}--`, ''].join('\r\n'), 'latin1');
}
