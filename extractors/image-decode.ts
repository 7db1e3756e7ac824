// Image bytes → gray frames with their resolution. TIFF (every page, CCITT G3/G4, LZW, …) through
// utif2; PNG, JPEG, GIF, BMP and WebP through the @napi-rs/canvas copy that pdf.js itself loads.
// Sizes are read from the headers and capped before anything is decoded.
import { createRequire } from 'node:module';
import { NianbaoError } from '../core/errors.js';
import { installCcittGuards, takeCcittDamage } from './ccitt.js';
import type { GrayFrame } from './image-pdf.js';
import { MAX_IMAGE_PIXELS } from './pdf-document.js';

type Utif = typeof import('utif2');
const UTIF = createRequire(import.meta.url)('utif2') as Utif;
// Bounded CCITT G3/G4 decoders: a damaged fax stream fails in milliseconds instead of looping.
installCcittGuards((UTIF as unknown as { decode: Parameters<typeof installCcittGuards>[0] }).decode);

/** Resolution assumed when the file does not say: what a full-page A4 scan of this width would have. */
const A4_WIDTH_INCHES = 8.27;
const MIN_DPI = 72;
const MAX_DPI = 1200;

export interface DecodeOptions {
  file: string | null;
  /** Refuse images with more frames (TIFF pages) than this. */
  maxPages: number;
  /**
   * Told of each TIFF page that cannot be decoded while others can (1-based page, what is wrong):
   * that page becomes a blank frame, so page numbers stay those of the file. Without it, or when no
   * page decodes, the damage is a CORRUPT_FILE error.
   */
  onDamagedPage?: (page: number, why: string) => void;
}

export async function decodeImage(bytes: Uint8Array, opts: DecodeOptions): Promise<GrayFrame[]> {
  const tiff = (bytes[0] === 0x49 && bytes[1] === 0x49) || (bytes[0] === 0x4d && bytes[1] === 0x4d);
  return tiff ? decodeTiff(bytes, opts) : [await decodeWithCanvas(bytes, opts)];
}

const damaged = (what: string, file: string | null, why?: unknown) =>
  new NianbaoError(
    'CORRUPT_FILE',
    `a damaged ${what} (cannot be decoded${why instanceof Error && why.message ? `: ${why.message.split('\n')[0]}` : ''})`,
    file,
  );

function checkSize(width: number, height: number, file: string | null): void {
  if (!(width > 0 && height > 0))
    throw new NianbaoError('CORRUPT_FILE', `a damaged image (its size is ${width}×${height})`, file);
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new NianbaoError(
      'TOO_LARGE',
      `the image is ${width}×${height} pixels, over the ${MAX_IMAGE_PIXELS}-pixel limit`,
      file,
    );
  }
}

/** The given resolution if plausible, else the A4-width guess (clamped to 150–600). */
function resolution(declared: number | null, width: number): number {
  if (declared && declared >= MIN_DPI && declared <= MAX_DPI) return declared;
  return Math.min(600, Math.max(150, width / A4_WIDTH_INCHES));
}

function decodeTiff(bytes: Uint8Array, opts: DecodeOptions): GrayFrame[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let ifds: ReturnType<Utif['decode']>;
  try {
    ifds = UTIF.decode(buf);
  } catch (e) {
    throw damaged('TIFF image', opts.file, e);
  }
  // Reduced-resolution copies (thumbnails, NewSubfileType bit 0) are not pages.
  const pages = ifds.filter((ifd) => !((num(ifd.t254) ?? 0) & 1));
  if (pages.length === 0) throw damaged('TIFF image', opts.file);
  if (pages.length > opts.maxPages)
    throw new NianbaoError(
      'TOO_LARGE',
      `the TIFF has ${pages.length} pages, more than the limit of ${opts.maxPages}`,
      opts.file,
    );
  const frames = pages.map((ifd, i) => decodeTiffPage(buf, ifd, i + 1, opts));
  const readable = frames.filter((f) => !(f instanceof Error) && !f.damage?.unusable);
  const damaged_ = frames.flatMap((f, i) =>
    f instanceof Error ? [{ page: i + 1, why: firstLine(f) }] : f.damage ? [{ page: i + 1, why: f.damage.why }] : [],
  );
  if (damaged_.length === 0) return frames as GrayFrame[];
  if (readable.length === 0 || !opts.onDamagedPage) {
    throw damaged('TIFF image', opts.file, new Error(damaged_.map((b) => `page ${b.page}: ${b.why}`).join('; ')));
  }
  for (const b of damaged_) opts.onDamagedPage(b.page, b.why);
  // A page that would not decode at all stays in its place as a blank frame of its declared size.
  return frames.map((f, i) => (f instanceof Error ? blankFrame(pages[i], (readable[0] as GrayFrame).dpi) : f));
}

/** A decoded page whose CCITT data broke off: what is wrong, and whether too little was read to use. */
interface Damage {
  why: string;
  unusable: boolean;
}

/**
 * A page whose fax data breaks off before this share of its lines is not worth reading on its own:
 * when no page of a file reaches it, the file is refused as damaged instead of OCRing noise.
 */
const MIN_DECODED_SHARE = 0.25;

/**
 * Lines blanked above the point where damage was noticed: on the sample scans a flipped byte decoded
 * as valid codes for at most 5 lines before a check tripped; 16 lines (2 mm at 200 dpi) is margin.
 */
const DAMAGE_MARGIN_LINES = 16;

/**
 * One TIFF page decoded to gray, or the Error saying why it cannot be (its size checked first). A
 * CCITT page damaged part-way keeps its lines above the damage and carries `damage`.
 */
function decodeTiffPage(
  buf: Buffer,
  ifd: ReturnType<Utif['decode']>[number],
  page: number,
  opts: DecodeOptions,
): (GrayFrame & { damage?: Damage }) | Error {
  const width = num(ifd.t256) ?? 0;
  const height = num(ifd.t257) ?? 0;
  checkSize(width, height, opts.file);
  let rgba: Uint8Array;
  takeCcittDamage();
  try {
    UTIF.decodeImage(buf, ifd);
    rgba = UTIF.toRGBA8(ifd);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
  if (rgba.length < width * height * 4)
    return new Error(`page ${page} decodes to fewer pixels than its ${width}×${height}`);
  // ResolutionUnit 3 is centimetres.
  const x = num(ifd.t282);
  const dpi = x ? (num(ifd.t296) === 3 ? x * 2.54 : x) : null;
  const frame = { width, height, gray: grayOf(rgba, width, height), dpi: resolution(dpi, width) };
  const stop = takeCcittDamage()[0];
  if (!stop) return frame;
  // The lines just above where the damage was noticed may already be wrong (a flipped bit can still
  // decode as valid codes for a few lines): they are blanked with the rest.
  const kept = Math.max(0, stop.lines - DAMAGE_MARGIN_LINES);
  frame.gray.fill(255, kept * width);
  const why = `${stop.damage.message}; ${kept} of ${height} lines read`;
  return { ...frame, damage: { why, unusable: kept < height * MIN_DECODED_SHARE } };
}

function blankFrame(ifd: ReturnType<Utif['decode']>[number], dpi: number): GrayFrame {
  const width = num(ifd.t256) ?? 1;
  const height = num(ifd.t257) ?? 1;
  return { width, height, gray: new Uint8Array(width * height).fill(255), dpi };
}

const firstLine = (e: Error) => (e.message || e.name).split('\n')[0];

const num = (v: unknown): number | null => {
  const x = Array.isArray(v) ? v[0] : v;
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
};

type Canvas = typeof import('@napi-rs/canvas');
let canvasModule: Canvas | null = null;
/** @napi-rs/canvas as pdf.js resolves it (one copy in the process: pdf.js renders with it too). */
function loadCanvas(): Canvas {
  if (canvasModule) return canvasModule;
  const fromPdfjs = createRequire(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  canvasModule = fromPdfjs('@napi-rs/canvas') as Canvas;
  return canvasModule;
}

async function decodeWithCanvas(bytes: Uint8Array, opts: DecodeOptions): Promise<GrayFrame> {
  const header = imageHeader(bytes);
  if (!header) throw damaged('image', opts.file);
  checkSize(header.width, header.height, opts.file);
  const { loadImage, createCanvas } = loadCanvas();
  let img: Awaited<ReturnType<Canvas['loadImage']>>;
  try {
    img = await loadImage(Buffer.from(bytes));
  } catch (e) {
    throw damaged(header.kind, opts.file, e);
  }
  const { width, height } = img;
  if (width !== header.width || height !== header.height) checkSize(width, height, opts.file);
  if (!(width > 0 && height > 0)) throw damaged(header.kind, opts.file);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(img, 0, 0);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  return { width, height, gray: grayOf(rgba, width, height), dpi: resolution(header.dpi, width) };
}

/** Luma (Rec. 601) of RGBA pixels, composited over white. */
function grayOf(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let i = 0, j = 0; j < out.length; i += 4, j++) {
    const a = rgba[i + 3] / 255;
    const y = 0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2];
    out[j] = Math.round(y * a + 255 * (1 - a));
  }
  return out;
}

interface Header {
  kind: string;
  width: number;
  height: number;
  dpi: number | null;
}

/** Reads one header: its bytes, a view on them, and `ascii(at, n)` for magic strings. */
interface HeaderBytes {
  b: Uint8Array;
  v: DataView;
  ascii: (at: number, n: number) => string;
}

/** PNG: IHDR's size; pHYs gives pixels per metre when its unit byte is 1. */
function pngHeader({ b, v, ascii }: HeaderBytes): Header | null {
  if (b[0] !== 0x89 || ascii(1, 3) !== 'PNG') return null;
  let dpi: number | null = null;
  for (let at = 8; at + 12 <= b.length;) {
    const len = v.getUint32(at);
    const type = ascii(at + 4, 4);
    if (type === 'pHYs' && b[at + 16] === 1) dpi = v.getUint32(at + 8) * 0.0254;
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + len;
  }
  return { kind: 'PNG image', width: v.getUint32(16), height: v.getUint32(20), dpi };
}

/** A JPEG marker without a length (SOI, RSTn, TEM). */
const jpegStandalone = (marker: number) => marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01;
/** A start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC, which share the range). */
const jpegFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/** JPEG: the frame header's size; JFIF density units 1 = dots per inch, 2 = per cm. */
function jpegHeader({ b, v, ascii }: HeaderBytes): Header | null {
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  let dpi: number | null = null;
  for (let at = 2; at + 9 < b.length;) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (jpegStandalone(marker)) {
      at += 2;
      continue;
    }
    if (marker === 0xe0 && ascii(at + 4, 4) === 'JFIF') {
      const units = b[at + 11];
      const x = v.getUint16(at + 12);
      dpi = units === 1 ? x : units === 2 ? x * 2.54 : null;
    }
    if (jpegFrame(marker)) return { kind: 'JPEG image', width: v.getUint16(at + 7), height: v.getUint16(at + 5), dpi };
    at += 2 + v.getUint16(at + 2);
  }
  return null;
}

function gifHeader({ v, ascii }: HeaderBytes): Header | null {
  if (ascii(0, 4) !== 'GIF8') return null;
  return { kind: 'GIF image', width: v.getUint16(6, true), height: v.getUint16(8, true), dpi: null };
}

/** BMP: the height is negative for a top-down bitmap; resolution in pixels per metre. */
function bmpHeader({ b, v }: HeaderBytes): Header | null {
  if (b[0] !== 0x42 || b[1] !== 0x4d) return null;
  const ppm = v.getInt32(38, true);
  const width = Math.abs(v.getInt32(18, true));
  const height = Math.abs(v.getInt32(22, true));
  return { kind: 'BMP image', width, height, dpi: ppm > 0 ? ppm * 0.0254 : null };
}

/** WebP: lossy (VP8), lossless (VP8L) or extended (VP8X) headers each store the size their own way. */
function webpHeader({ b, v, ascii }: HeaderBytes): Header | null {
  if (ascii(0, 4) !== 'RIFF' || ascii(8, 4) !== 'WEBP') return null;
  const size = (width: number, height: number): Header => ({ kind: 'WebP image', width, height, dpi: null });
  const chunk = ascii(12, 4);
  if (chunk === 'VP8 ') return size(v.getUint16(26, true) & 0x3fff, v.getUint16(28, true) & 0x3fff);
  if (chunk === 'VP8L') {
    const bits = v.getUint32(21, true);
    return size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X') {
    return size((b[24] | (b[25] << 8) | (b[26] << 16)) + 1, (b[27] | (b[28] << 8) | (b[29] << 16)) + 1);
  }
  return null;
}

const headerReaders = [pngHeader, jpegHeader, gifHeader, bmpHeader, webpHeader];

/** Width, height and resolution from the header of a PNG, JPEG, GIF, BMP or WebP; null if unreadable. */
export function imageHeader(b: Uint8Array): Header | null {
  const bytes: HeaderBytes = {
    b,
    v: new DataView(b.buffer, b.byteOffset, b.byteLength),
    ascii: (at, n) => String.fromCharCode(...b.subarray(at, at + n)),
  };
  try {
    for (const read of headerReaders) {
      const header = read(bytes);
      if (header) return header;
    }
  } catch {
    return null; // a header cut short
  }
  return null;
}
