// A report link → the documents it leads to. The link may be the document itself (a PDF, a Word
// file); else it is an article page whose attachments (PDF, DOC/DOCX/WPS…, download.jsp links) are
// the documents, or, when it has none, the page itself is the report (HTML 年报).
import { decodePage } from './charset.js';
import { documentExtension } from './disposition.js';
import type { Fetched } from './fetch.js';
import { pageLinks } from './links.js';

const MAGIC = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP (docx, odt)
  [0xd0, 0xcf, 0x11, 0xe0], // OLE (doc, wps)
  [0x7b, 0x5c, 0x72, 0x74], // {\rt
];

/** Whether an answer is an HTML page (else it is a document to keep as it is). */
export function isHtmlPage(r: Fetched): boolean {
  if (MAGIC.some((m) => m.every((b, k) => r.bytes[k] === b))) return false;
  const type = (r.headers['content-type'] ?? '').toLowerCase();
  if (type) return type.includes('html');
  return /^\s*</.test(r.bytes.subarray(0, 512).toString('latin1'));
}

/** Download endpoints of agency CMSs that serve attachments without a file extension in the URL. */
const DOWNLOAD_PATH = /(download|downfile|getfile|attach|fujian|filedown)[\w-]*(\.(jsp|do|aspx?|php))?$/i;

/** The attachment URLs of an article page (links in its body container when it has one), each once. */
export function attachments(page: Fetched): string[] {
  const links = pageLinks(decodePage(page.bytes, page.headers['content-type']), page.finalUrl);
  const candidates = links.hasBody ? links.links.filter((l) => l.inBody) : links.links;
  const out = new Set<string>();
  for (const l of candidates) {
    const u = new URL(l.url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
    const file = u.pathname.split('/').pop() ?? '';
    if (documentExtension(file) || documentExtension(l.text) || DOWNLOAD_PATH.test(file)) out.add(l.url);
  }
  return [...out];
}
