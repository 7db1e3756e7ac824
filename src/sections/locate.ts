// Where a span of a section's text lies on the page: the text is its body lines joined by \n, so an
// offset names a line and a place in it; the words (tokens) under the span give the box.
import type { BBox } from '../../extractors/types.js';
import type { Line } from '../layout/lines.js';

/**
 * The page and box of section text [start, end): the words it covers on its first page (a span that
 * runs onto the next page is boxed on the page where it starts). Undefined for an empty span.
 */
export function locateSpan(body: Line[], start: number, end: number): { page: number; bbox: BBox } | undefined {
  let offset = 0;
  let page: number | undefined;
  const boxes: BBox[] = [];
  for (const line of body) {
    const lineEnd = offset + line.text.length;
    if (lineEnd > start && offset < end) {
      page ??= line.page;
      if (line.page === page) boxes.push(...tokenBoxes(line, start - offset, end - offset));
    }
    offset = lineEnd + 1;
    if (offset >= end) break;
  }
  if (page === undefined || boxes.length === 0) return undefined;
  return {
    page,
    bbox: [
      Math.min(...boxes.map((b) => b[0])),
      Math.min(...boxes.map((b) => b[1])),
      Math.max(...boxes.map((b) => b[2])),
      Math.max(...boxes.map((b) => b[3])),
    ],
  };
}

/** Boxes of the parts of a line's tokens under [from, to) of its text (tokens are found in order). */
function tokenBoxes(line: Line, from: number, to: number): BBox[] {
  const out: BBox[] = [];
  let at = 0;
  for (const t of line.tokens) {
    const i = line.text.indexOf(t.text, at);
    if (i < 0) return [line.bbox]; // text and tokens disagree: the whole line is the honest answer
    const j = i + t.text.length;
    if (j > from && i < to) {
      // A token can be a whole run of text: take the part of its box under the span (even advance).
      const [x0, y0, x1, y1] = t.bbox;
      const w = (x1 - x0) / Math.max(1, t.text.length);
      out.push([x0 + w * (Math.max(from, i) - i), y0, x0 + w * (Math.min(to, j) - i), y1]);
    }
    at = j;
  }
  return out.length ? out : [line.bbox];
}
