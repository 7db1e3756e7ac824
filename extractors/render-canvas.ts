// Colour page images for people (inspect PNGs, review crops). Rendering goes through the
// document's own canvasFactory: its canvases come from the @napi-rs/canvas copy pdfjs loads
// itself, and pdfjs draws Path2D objects of that copy — a second copy fails with
// "parameter 1 is not of type 'Path2D'". So this module never imports @napi-rs/canvas.
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { CanvasFactory } from './ocr/render.js';

/** The parts of an @napi-rs/canvas canvas we use (pdfjs's NodeCanvasFactory creates these). */
export interface NapiCanvas {
  width: number;
  height: number;
  encode(format: 'png'): Promise<Buffer>;
  encode(format: 'webp' | 'jpeg', quality?: number): Promise<Buffer>;
}

export interface Drawing {
  canvas: NapiCanvas;
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  /** Release the canvas (back to the factory). */
  destroy(): void;
}

/** A blank white canvas of the given size from the factory. */
export function blankCanvas(factory: CanvasFactory, width: number, height: number): Drawing {
  const w = Math.max(1, Math.ceil(width));
  const h = Math.max(1, Math.ceil(height));
  const cc = factory.create(w, h);
  const ctx = cc.context as CanvasRenderingContext2D;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  return { canvas: cc.canvas as NapiCanvas, ctx, width: w, height: h, destroy: () => factory.destroy(cc) };
}

/** Largest page image drawn (a 4× A3 page stays well below this). */
const MAX_PIXELS = 40_000_000;

/**
 * The page rendered in colour at `scale` pixels per PDF point onto a canvas `extraWidth` points
 * wider than the page (room for labels on the right). Page point (x, y), top-left origin, is
 * pixel (x·scale, y·scale). `rotateDegrees` turns the page content about the page centre the way
 * OCR deskews a scan (see ocr/image.ts rotateGray), so OCR coordinates land on the image.
 */
export async function renderPageColour(
  page: PDFPageProxy,
  factory: CanvasFactory,
  scale: number,
  extraWidth = 0,
  rotateDegrees = 0,
): Promise<Drawing & { scale: number }> {
  const base = page.getViewport({ scale: 1 });
  const area = (base.width + extraWidth) * base.height;
  if (area * scale * scale > MAX_PIXELS) scale = Math.sqrt(MAX_PIXELS / area);
  const viewport = page.getViewport({ scale });
  const drawing = blankCanvas(factory, (base.width + extraWidth) * scale, viewport.height);
  try {
    await page.render({
      canvasContext: drawing.ctx,
      canvas: drawing.canvas as unknown as HTMLCanvasElement,
      viewport,
      background: '#ffffff',
      ...(rotateDegrees ? { transform: rotationAbout(-rotateDegrees, viewport.width / 2, viewport.height / 2) } : {}),
    }).promise;
  } catch (e) {
    drawing.destroy();
    throw e;
  }
  return { ...drawing, scale };
}

/** Canvas matrix turning by `degrees` (clockwise on screen, y down) about (cx, cy). */
function rotationAbout(degrees: number, cx: number, cy: number): number[] {
  const r = (degrees * Math.PI) / 180;
  const [a, b, c, d] = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r)];
  return [a, b, c, d, cx - (a * cx + c * cy), cy - (b * cx + d * cy)];
}

/** A rectangle (pixels) of a drawing copied onto a new canvas; the caller destroys it. */
export function cropDrawing(
  factory: CanvasFactory,
  src: Drawing,
  box: { x: number; y: number; w: number; h: number },
): Drawing {
  const x = Math.max(0, Math.floor(box.x));
  const y = Math.max(0, Math.floor(box.y));
  const w = Math.min(src.width - x, Math.ceil(box.w));
  const h = Math.min(src.height - y, Math.ceil(box.h));
  const out = blankCanvas(factory, w, h);
  out.ctx.drawImage(src.canvas as unknown as CanvasImageSource, x, y, w, h, 0, 0, w, h);
  return out;
}

export function encodePng(drawing: Drawing): Promise<Buffer> {
  return drawing.canvas.encode('png');
}

/** Lossy WebP: a third of the PNG's size for page crops, still crisp at quality 80. */
export function encodeWebp(drawing: Drawing, quality = 80): Promise<Buffer> {
  return drawing.canvas.encode('webp', quality);
}
