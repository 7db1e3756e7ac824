// Hand-built PDFs for the hostile corpus: a correct xref table around any object bodies, so the
// damage is exactly what the generator put in and not an accident of the builder.
import { deflateRawSync, deflateSync, constants } from 'node:zlib';

/** A PDF with a correct xref table from object bodies (object n is objs[n-1]). */
export function buildPdf(objs: Array<string | Buffer>, trailerExtra = ''): Buffer {
  const parts = [Buffer.from('%PDF-1.4\n', 'latin1')];
  let len = parts[0].length;
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(len);
    const b = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`, 'latin1'),
      typeof o === 'string' ? Buffer.from(o, 'latin1') : o,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(b);
    len += b.length;
  });
  const xref =
    `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${len}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** A stream object body. */
export function stream(dict: string, body: Buffer | string): Buffer {
  const b = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  return Buffer.concat([
    Buffer.from(`<< ${dict} /Length ${b.length} >>\nstream\n`, 'latin1'),
    b,
    Buffer.from('\nendstream', 'latin1'),
  ]);
}

export const flate = (body: Buffer | string) =>
  deflateSync(typeof body === 'string' ? Buffer.from(body, 'latin1') : body, { level: 9 });

export const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
export const CATALOG = '<< /Type /Catalog /Pages 2 0 R >>';
export const ONE_PAGE_TREE = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
/** Page 3 with content 4 and font 5 (the usual first objects of these PDFs). */
export const PAGE = (extraResources = '', fonts = '/F1 5 0 R') =>
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << ${fonts} >> ${extraResources} >> >>`;

/** A one-page PDF whose content stream is `content` (Flate-compressed when `compress`). */
export function onePage(
  content: Buffer | string,
  compress = true,
  extraObjs: Array<string | Buffer> = [],
  extraResources = '',
  fonts?: string,
): Buffer {
  const body = compress ? stream('/Filter /FlateDecode', flate(content)) : stream('', content);
  return buildPdf([CATALOG, ONE_PAGE_TREE, PAGE(extraResources, fonts), body, FONT, ...extraObjs]);
}

/**
 * A zlib stream that inflates to `bytes` zero bytes while staying about 1/1000 of that: one
 * compressed 16 MB block repeated (each block stands alone), then the end and the Adler-32.
 */
export function zeroBomb(bytes: number): Buffer {
  const CHUNK = 16 << 20;
  const block = deflateRawSync(Buffer.alloc(CHUNK), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const n = Math.max(1, Math.round(bytes / CHUNK));
  const end = deflateRawSync(Buffer.alloc(0)); // an empty final block
  // Adler-32 of n·CHUNK zero bytes: a stays 1, b grows by 1 per byte.
  const total = n * CHUNK;
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  return Buffer.concat([Buffer.from([0x78, 0xda]), ...Array<Buffer>(n).fill(block), end, adler]);
}
