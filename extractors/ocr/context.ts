// What every region reader needs: the cleaned page images, the pool, and scale-dependent sizes.
import type { Binary } from './image.js';
import type { PixelBox } from './grid.js';
import type { PaddleRecognizer } from './paddle.js';
import type { OcrPool } from './pool.js';
import type { OcrSettings } from '../settings.js';

export interface PageContext {
  page: number;
  pool: OcrPool;
  /** Deskewed binary image with ruling lines and specks removed. */
  bin: Binary;
  /** The same before specks were cleared: a cell with ink here is no printed blank, even if none is left in `bin`. */
  raw?: Binary;
  /** Pale streaks over the tables: an inkless cell under one is unread, not a printed blank. */
  pale?: PixelBox[];
  dpi: number;
  /** The second, independent number reader (PP-OCR); null when it is unavailable. */
  second: PaddleRecognizer | null;
  /** The OCR tolerances (extractors/settings.ts). */
  settings: OcrSettings;
}

/** A recognised piece of text in image pixels, before conversion to page points. */
export interface PixelRun {
  text: string;
  box: PixelBox;
  confidence: number;
  /** Height of the line it sits on (pixels): the run's font size. */
  linePx: number;
}

/** Pixels for a length given in points at the context's resolution. */
export const px = (ctx: { dpi: number }, points: number) => Math.max(1, Math.round((points * ctx.dpi) / 72));

/** `cellInkMinPx` (set for 300 dpi) at the page's resolution: an area, so scaled by the square. */
export const cellInkMin = (ctx: PageContext) =>
  Math.max(1, Math.round((ctx.dpi / 300) ** 2 * ctx.settings.cellInkMinPx));
