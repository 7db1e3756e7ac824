// Page-image crops around flagged cells, from the record's source PDF. Only when that file is still
// the one the record was made from (same sha256): a crop of a different file would show wrong cells.
import { decodeImage } from '../../extractors/image-decode.js';
import { framesToPdf } from '../../extractors/image-pdf.js';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { openPdf } from '../../extractors/pdf-document.js';
import { textLayerPage } from '../../extractors/pdf-text.js';
import { cropDrawing, encodeWebp, renderPageColour, type Drawing } from '../../extractors/render-canvas.js';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import type { CanvasFactory } from '../../extractors/ocr/render.js';
import type { BBox, Rule } from '../../extractors/types.js';
import { cellAround, gridCells } from '../inspect/cells.js';
import { locateCell, type CellPlace } from '../inspect/locate.js';
import { ocrSkewDegrees } from '../inspect/skew.js';
import type { Report } from '../schema/record.js';

/** One crop: the cells to outline, all on one page. */
export interface CropRequest {
  page: number;
  paths: string[];
}

export interface Crop {
  page: number;
  /** data:image/webp;base64,… */
  src: string;
  width: number;
  height: number;
  /** Cells outlined in red on the crop. */
  paths: string[];
}

/** Why a report has no crops (shown on the page instead). */
export type CropSource = { ok: true; file: string; bytes: Uint8Array } | { ok: false; reason: string };

/** Pixels per point of the crops (144 dpi: crisp on screen, small as PNG). */
export const CROP_SCALE = 2;

/** Find the record's source PDF (relative paths from `baseDir`) and make sure it is the same file. */
export async function findSource(record: Report, baseDir: string): Promise<CropSource> {
  const src = record.source;
  if (src.textSource === 'plain-text') {
    return {
      ok: false,
      reason:
        src.format && src.format !== 'text'
          ? `${src.format} source: no page image (provenance names the cells)`
          : 'plain-text source: no page image',
    };
  }
  if (!src.path) return { ok: false, reason: 'the record names no source file' };
  const file = path.resolve(baseDir, src.path);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch {
    return { ok: false, reason: `source PDF not found at ${src.path}` };
  }
  if (createHash('sha256').update(bytes).digest('hex') !== src.sha256) {
    return { ok: false, reason: `${src.path} has changed since the record was made (sha256 differs)` };
  }
  // An image is cropped from the PDF it was read through (one page per image/TIFF frame).
  if (src.format === 'image') {
    try {
      bytes = framesToPdf(await decodeImage(bytes, { file, maxPages: 1000 }));
    } catch (e) {
      return { ok: false, reason: `${src.path}: ${(e as Error).message}` };
    }
  }
  return { ok: true, file, bytes };
}

/** The cells (located) of each request, split by page. */
export function cropRequests(record: Report, groups: string[][]): CropRequest[] {
  const out: CropRequest[] = [];
  for (const paths of groups) {
    const byPage = new Map<number, string[]>();
    for (const p of paths) {
      const place = locateCell(record, p);
      if (place) byPage.set(place.page, [...(byPage.get(place.page) ?? []), p]);
    }
    for (const [page, ps] of [...byPage.entries()].sort((a, b) => a[0] - b[0])) out.push({ page, paths: ps });
  }
  return out;
}

/** Crop rectangle in points: the rows of the cells, across the table's full width (labels included). */
export function cropBox(places: CellPlace[], rules: Rule[], pageWidth: number, pageHeight: number): BBox {
  const y0 = Math.min(...places.map((p) => p.bbox[1]));
  const y1 = Math.max(...places.map((p) => p.bbox[3]));
  const x0 = Math.min(...places.map((p) => p.bbox[0]));
  const x1 = Math.max(...places.map((p) => p.bbox[2]));
  // Rules crossing these rows give the table's edges.
  const crossing = rules.filter((r) => r.y0 <= y1 + 2 && r.y1 >= y0 - 2);
  const left = crossing.length ? Math.min(x0, ...crossing.map((r) => r.x0)) : Math.min(x0, pageWidth * 0.08);
  const right = crossing.length ? Math.max(x1, ...crossing.map((r) => r.x1)) : Math.max(x1, pageWidth * 0.92);
  const padX = 6;
  const padY = 26;
  return [
    Math.max(0, left - padX),
    Math.max(0, y0 - padY),
    Math.min(pageWidth, right + padX),
    Math.min(pageHeight, y1 + padY),
  ];
}

/** Render the needed pages once each and cut every request's crop out of them. */
/** Crops in the order of `requests` (null where the page does not exist). */
export async function makeCrops(
  record: Report,
  source: { file: string; bytes: Uint8Array },
  requests: CropRequest[],
): Promise<Array<Crop | null>> {
  const crops: Array<Crop | null> = requests.map(() => null);
  if (requests.length === 0) return crops;
  const pdf = await openPdf(source.bytes, source.file);
  try {
    const factory = pdf.canvasFactory as CanvasFactory;
    for (const pageNo of [...new Set(requests.map((r) => r.page))]) {
      if (pageNo < 1 || pageNo > pdf.numPages) continue;
      const page = await pdf.getPage(pageNo);
      try {
        await pageCrops(record, page, pageNo, factory, requests, crops);
      } finally {
        page.cleanup();
      }
    }
    return crops;
  } finally {
    await pdf.destroy();
  }
}

/** The crops of the requests on page `pageNo`, into their places in `crops`. */
async function pageCrops(
  record: Report,
  page: PDFPageProxy,
  pageNo: number,
  factory: CanvasFactory,
  requests: CropRequest[],
  crops: Array<Crop | null>,
): Promise<void> {
  const { rules, width, height } = await textLayerPage(page, pageNo);
  const onPage: PageDrawing = { rules, cells: gridCells(rules).cells, width, height, factory };
  // An OCR'd page: turned as OCR deskewed it, since its positions are in that frame.
  const skew = record.source.ocrPages.includes(pageNo) ? await ocrSkewDegrees(page, factory) : 0;
  const drawing = await renderPageColour(page, factory, CROP_SCALE, 0, skew);
  try {
    for (const [k, req] of requests.entries()) {
      if (req.page !== pageNo) continue;
      const places = req.paths.map((p) => locateCell(record, p)!);
      crops[k] = await cutCrop(onPage, drawing, places, req);
    }
  } finally {
    drawing.destroy();
  }
}

/** A rendered page and what crops of it need: its rules, ruled cells and size in points. */
interface PageDrawing {
  rules: Rule[];
  cells: BBox[];
  width: number;
  height: number;
  factory: CanvasFactory;
}

/** One request's crop: its rows across the table, each cell outlined in red (dashed when inferred). */
async function cutCrop(
  p: PageDrawing,
  drawing: Drawing & { scale: number },
  places: CellPlace[],
  req: CropRequest,
): Promise<Crop> {
  const s = drawing.scale;
  const box = cropBox(places, p.rules, p.width, p.height);
  const region = { x: box[0] * s, y: box[1] * s, w: (box[2] - box[0]) * s, h: (box[3] - box[1]) * s };
  const crop = cropDrawing(p.factory, drawing, region);
  try {
    crop.ctx.strokeStyle = '#e00000';
    crop.ctx.lineWidth = 3;
    for (const place of places) {
      const b = place.bbox;
      const c = cellAround(p.cells, b) ?? [b[0] - 3, b[1] - 3, b[2] + 3, b[3] + 3];
      crop.ctx.setLineDash(place.inferred ? [6, 4] : []);
      crop.ctx.strokeRect(
        (c[0] - box[0]) * s + 1.5,
        (c[1] - box[1]) * s + 1.5,
        (c[2] - c[0]) * s - 3,
        (c[3] - c[1]) * s - 3,
      );
    }
    const webp = await encodeWebp(crop);
    const src = `data:image/webp;base64,${webp.toString('base64')}`;
    return { page: req.page, src, width: crop.width, height: crop.height, paths: req.paths };
  } finally {
    crop.destroy();
  }
}
