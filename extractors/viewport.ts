// Page space → layout space (top-left origin, y down, PDF points), computed the way pdf.js's
// PageViewport does at scale 1, so every engine puts a glyph at the same coordinates.
import type { Matrix } from './matrix.js';

export interface Viewport {
  width: number;
  height: number;
  transform: Matrix;
}

/**
 * `view` is the visible box [x0, y0, x1, y1] (crop box within the media box), `rotate` the
 * page's /Rotate in degrees (a multiple of 90).
 */
export function pageViewport(view: [number, number, number, number], rotate: number): Viewport {
  const [x0, y0, x1, y1] = [
    Math.min(view[0], view[2]),
    Math.min(view[1], view[3]),
    Math.max(view[0], view[2]),
    Math.max(view[1], view[3]),
  ];
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  let r = rotate % 360;
  if (r < 0) r += 360;
  const [a, b, c, d] = r === 90 ? [0, 1, 1, 0] : r === 180 ? [-1, 0, 0, 1] : r === 270 ? [0, -1, -1, 0] : [1, 0, 0, -1];
  const sideways = a === 0;
  const offX = sideways ? Math.abs(cy - y0) : Math.abs(cx - x0);
  const offY = sideways ? Math.abs(cx - x0) : Math.abs(cy - y0);
  return {
    width: sideways ? y1 - y0 : x1 - x0,
    height: sideways ? x1 - x0 : y1 - y0,
    transform: [a, b, c, d, offX - a * cx - c * cy, offY - b * cx - d * cy],
  };
}
