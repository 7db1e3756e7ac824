// Page images for OCR: pdfjs renders the page through its own canvasFactory (the @napi-rs/canvas
// copy pdfjs loads itself — a second copy breaks with "parameter 1 is not of type 'Path2D'"), or,
// for a page that is just one scanned image, the image is taken at its native resolution.
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { loadPdfjs } from '../pdf-document.js';
import { multiply, type Matrix } from '../matrix.js';
import { walkOperators } from '../operators.js';
import { grayFromRgb, grayFromRgba, type Gray } from './image.js';
import { grayFrom1bpp } from './bilevel-scale.js';

/** What pdfjs exposes as `PDFDocumentProxy.canvasFactory`. */
export interface CanvasFactory {
  create(width: number, height: number): { canvas: unknown; context: unknown };
  destroy(canvasAndContext: { canvas: unknown; context: unknown }): void;
}

/** A page image plus the mapping back to PDF points (top-left origin): point = pixel / scale + offset. */
export interface PageImage {
  gray: Gray;
  /** Pixels per PDF point along x and y. */
  scaleX: number;
  scaleY: number;
  /** Page position (points) of pixel (0, 0). */
  offsetX: number;
  offsetY: number;
  /** Resolution in pixels per inch (along y). */
  dpi: number;
  origin: 'render' | 'embedded';
}

/** Largest image we render: a 300 dpi A3 page is ~17 Mpx. */
const MAX_RENDER_PIXELS = 36_000_000;

export async function renderPage(page: PDFPageProxy, canvasFactory: CanvasFactory, dpi: number): Promise<PageImage> {
  let scale = dpi / 72;
  const base = page.getViewport({ scale: 1 });
  if (base.width * base.height * scale * scale > MAX_RENDER_PIXELS)
    scale = Math.sqrt(MAX_RENDER_PIXELS / (base.width * base.height));
  const viewport = page.getViewport({ scale });
  const w = Math.ceil(viewport.width);
  const h = Math.ceil(viewport.height);
  const cc = canvasFactory.create(w, h);
  try {
    const ctx = cc.context as CanvasRenderingContext2D;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    await page.render({ canvasContext: ctx, canvas: cc.canvas as HTMLCanvasElement, viewport, background: '#ffffff' })
      .promise;
    const { data } = ctx.getImageData(0, 0, w, h);
    return {
      gray: grayFromRgba(data, w, h),
      scaleX: scale,
      scaleY: scale,
      offsetX: 0,
      offsetY: 0,
      dpi: scale * 72,
      origin: 'render',
    };
  } finally {
    canvasFactory.destroy(cc);
  }
}

/** pdf.js's ImageKind of a 1-bit image (a bilevel scan): rows packed 8 pixels a byte, a set bit white. */
const GRAYSCALE_1BPP = 1;

interface PdfjsImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/**
 * The page's single scanned image at native resolution, if the page is exactly that: one upright
 * image covering most of the page and nothing else painted but paths. Returns null otherwise.
 */
export async function embeddedPageImage(page: PDFPageProxy): Promise<PageImage | null> {
  const { OPS } = await loadPdfjs();
  const ops = await page.getOperatorList();
  const vt = page.getViewport({ scale: 1 }).transform as Matrix;
  const found: Array<{ name: string; m: Matrix }> = [];
  let otherContent = false;
  await walkOperators(ops, (fn, args, ctm) => {
    if (fn === OPS.paintImageXObject) found.push({ name: args[0] as string, m: multiply(vt, ctm) });
    else if (fn === OPS.showText || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageMaskXObject) {
      otherContent = true;
      return false;
    }
  });
  if (otherContent || found.length !== 1) return null;
  const { name, m } = found[0];
  // Upright and unflipped in page space (viewport flips y, so the image's y axis maps to -d).
  if (Math.abs(m[1]) > 1e-6 || Math.abs(m[2]) > 1e-6 || m[0] <= 0 || m[3] >= 0) return null;
  const view = page.getViewport({ scale: 1 });
  const covered = (m[0] * -m[3]) / (view.width * view.height);
  if (covered < 0.8) return null;
  const objs = name.startsWith('g_') ? page.commonObjs : page.objs;
  const img = await new Promise<PdfjsImage>((resolve) => objs.get(name, resolve));
  if (!img?.data || !img.width || !img.height) return null;
  const { width: w, height: h, data } = img;
  let gray: Gray;
  if (data.length === w * h * 4) gray = grayFromRgba(data, w, h);
  else if (data.length === w * h * 3) gray = grayFromRgb(data, w, h);
  else if (img.kind === GRAYSCALE_1BPP && data.length === Math.ceil(w / 8) * h) gray = grayFrom1bpp(data, w, h);
  else return null;
  const scaleX = w / m[0];
  const scaleY = h / -m[3];
  // The image's unit square: (0,1) in image space is its top-left corner on the page.
  return { gray, scaleX, scaleY, offsetX: m[4], offsetY: m[5] + m[3], dpi: scaleY * 72, origin: 'embedded' };
}
