// Image frames → a PDF with one page per frame, each page exactly its image (DeviceGray, Flate),
// sized by the image's resolution. Images then take the scanned-PDF path unchanged: the page image at
// its native resolution when that is 280–600 dpi, else re-rendered at 300 dpi, then OCR.
import { deflateSync } from 'node:zlib';

export interface GrayFrame {
  width: number;
  height: number;
  /** One byte per pixel, 0 black … 255 white, row by row. */
  gray: Uint8Array;
  /** Resolution in pixels per inch. */
  dpi: number;
}

/** A minimal, valid PDF (xref with exact offsets) holding the frames as pages. */
export function framesToPdf(frames: GrayFrame[]): Uint8Array {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string) => objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // the page tree, filled in below once page numbers are known
  const kids: number[] = [];
  for (const f of frames) {
    const w = (f.width / f.dpi) * 72;
    const h = (f.height / f.dpi) * 72;
    const data = deflateSync(f.gray);
    const image = objects.length + 1;
    add(
      Buffer.concat([
        Buffer.from(
          `<< /Type /XObject /Subtype /Image /Width ${f.width} /Height ${f.height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
          'latin1',
        ),
        data,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    );
    const content = `q ${w.toFixed(4)} 0 0 ${h.toFixed(4)} 0 0 cm /Im0 Do Q`;
    const contentObj = objects.length + 1;
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(objects.length + 1);
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(4)} ${h.toFixed(4)}] /Resources << /XObject << /Im0 ${image} 0 R >> >> /Contents ${contentObj} 0 R >>`,
    );
  }
  objects[1] = Buffer.from(
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`,
    'latin1',
  );
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, k) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${k + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(obj);
    offset += obj.length;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(
    Buffer.from(
      `${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  );
  return new Uint8Array(Buffer.concat(parts));
}
