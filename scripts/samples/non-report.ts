// Long documents that are not 年报, for the early refusal (tests/refusal.test.ts, `npm run bench`):
// a text PDF of English prose (Helvetica, a standard PDF font: nothing embedded) and a scan of the
// same prose (pages drawn in grey with @napi-rs/canvas and made page images by extractors/image-pdf.ts,
// as images are read). Every word is drawn from a seeded generator: the same seed, the same bytes.
import { createCanvas } from '@napi-rs/canvas';
import { framesToPdf, type GrayFrame } from '../../extractors/image-pdf.js';
import { seededRng, type Rng } from './prng.js';

const WORDS = (
  'the of and to in a is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her all she there would their we him been has when who will more no if out so said what up its about ' +
  'into than them can only other new some could time these two may then do first any my now such like our over man ' +
  'me even most made after also did many before must through back years where much your way well down should ' +
  'because each just those people how too little state good very make world still own see men work long get here ' +
  'between both life being under never day same another know while last might us great old year off come since ' +
  'against go came right used take three maintenance engine valve pressure inspection schedule handbook chapter'
).split(' ');

const LINES_PER_PAGE = 44;
const LINE_CHARS = 88;

/** `pages` pages of `perPage` lines of seeded English prose; page 1 starts with a title. */
export function proseLines(pages: number, seed: number, perPage = LINES_PER_PAGE): string[][] {
  const rng = seededRng(seed);
  const out: string[][] = [];
  for (let p = 0; p < pages; p++) {
    const lines = p === 0 ? ['Field Maintenance Handbook for Small Pumping Stations', ''] : [];
    while (lines.length < perPage) lines.push(sentenceLine(rng));
    out.push(lines);
  }
  return out;
}

function sentenceLine(rng: Rng): string {
  let line = '';
  while (line.length < LINE_CHARS - 12) line += (line ? ' ' : '') + WORDS[rng.int(0, WORDS.length - 1)];
  return line.charAt(0).toUpperCase() + line.slice(1) + '.';
}

/** A text PDF (A4, Helvetica 10 pt) of `pages` pages of prose: readable, and no 年报. */
export function nonReportTextPdf(pages: number, seed: number): Uint8Array {
  const text = proseLines(pages, seed);
  const objs: string[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids: number[] = [];
  for (const lines of text) {
    const body = `BT /F1 10 Tf 14 TL 56 790 Td ${lines.map((l) => `(${l}) Tj T*`).join(' ')} ET`;
    objs.push(`<< /Length ${body.length} >>\nstream\n${body}\nendstream`);
    objs.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${objs.length} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
    kids.push(objs.length);
  }
  objs[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  return pdfOf(objs);
}

/**
 * A scan (grey page images at 300 dpi, no text layer) of the same prose: `pages` pages of `perPage`
 * lines each (A4 wide, as tall as the lines need: fewer lines, a shorter page and less OCR time).
 */
export function nonReportScanPdf(pages: number, seed: number, perPage = LINES_PER_PAGE): Uint8Array {
  return framesToPdf(proseLines(pages, seed, perPage).map((lines) => pageImage(lines, 300)));
}

function pageImage(lines: string[], dpi: number): GrayFrame {
  const pt = dpi / 72;
  const width = Math.round(595 * pt);
  const height = Math.round(Math.min(842, 100 + 14 * lines.length) * pt);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#000';
  ctx.font = `${Math.round(10 * pt)}px sans-serif`;
  lines.forEach((l, k) => ctx.fillText(l, 56 * pt, (52 + 14 * k) * pt));
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const gray = new Uint8Array(width * height);
  for (let i = 0; i < gray.length; i++) gray[i] = rgba[4 * i];
  return { width, height, gray, dpi };
}

/** A PDF with an exact xref (object n is objs[n-1]). */
function pdfOf(objs: string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `${xref}trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${out.length}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
