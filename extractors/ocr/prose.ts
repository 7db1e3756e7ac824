// Text outside ruled tables: cut into line bands by the row profile (the page is deskewed, so
// lines are level) and read in batches spread over the pool's workers. The first page's title
// block is read by PP-OCR as well, and the two readings reconciled (reconcile.ts).
import type { PageContext, PixelRun } from './context.js';
import type { PixelBox } from './grid.js';
import { inkBounds, rowProfile, spans } from './ink.js';
import { readBoxes } from './mosaic.js';
import { reconcileLine } from './reconcile.js';
import type { OcrLine } from './recognize.js';
import { runsFromLines } from './runs.js';

/** Text in `area` of ctx.bin (ruled tables must already be blanked out). */
export async function readProse(ctx: PageContext, area: PixelBox): Promise<PixelRun[]> {
  const rows = rowProfile(ctx.bin, area);
  const bands = spans(rows, 1, Math.max(2, Math.round(ctx.dpi / ctx.settings.proseLineGapPerInch)));
  const minH = Math.round(ctx.dpi * ctx.settings.proseMinLineIn);
  const boxes: PixelBox[] = [];
  for (const [a, b] of bands) {
    if (b - a + 1 < minH) continue;
    const ink = inkBounds(ctx.bin, { x0: area.x0, y0: area.y0 + a, x1: area.x1, y1: area.y0 + b });
    if (ink) boxes.push(ink);
  }
  const read = await readBoxes(ctx, boxes, {});
  if (ctx.page === 1) await readTitleBlockTwice(ctx, boxes, read);
  return (await Promise.all(read.map((lines) => runsFromLines(ctx, lines)))).flat();
}

/** A numbered section heading (「一、总体情况」): the title block ends above it. */
const HEADING = /^[一二三四五六七八九十]{1,3}[、.]/u;

/**
 * The bands of the title block: from the top, at most `proseSecondLines` bands that tesseract
 * reads as one line, not taller than `proseSecondMaxHeight` median band heights (several lines
 * run together are no line for a line recogniser), up to the first numbered heading.
 */
export function titleBlockBands(boxes: PixelBox[], read: OcrLine[][], s: PageContext['settings']): number[] {
  if (!boxes.length) return [];
  const heights = boxes.map((b) => b.y1 - b.y0 + 1).sort((a, b) => a - b);
  const median = heights[heights.length >> 1];
  const out: number[] = [];
  for (let i = 0; i < boxes.length && i < s.proseSecondLines; i++) {
    const text = read[i]
      .map((l) => l.words.map((w) => w.text).join(''))
      .join('')
      .normalize('NFKC');
    if (HEADING.test(text)) break;
    if (read[i].length === 1 && boxes[i].y1 - boxes[i].y0 + 1 <= s.proseSecondMaxHeight * median) out.push(i);
  }
  return out;
}

/** The title block read by PP-OCR too; each of its lines becomes the reconciled reading (in place). */
async function readTitleBlockTwice(ctx: PageContext, boxes: PixelBox[], read: OcrLine[][]): Promise<void> {
  if (!ctx.second || ctx.settings.proseSecondLines === 0) return;
  const block = titleBlockBands(boxes, read, ctx.settings);
  if (!block.length) return;
  const t0 = performance.now();
  const second = await ctx.second.read(
    ctx.bin,
    block.map((i) => boxes[i]),
    ctx.settings,
  );
  if (process.env.NIANBAO_OCR_DEBUG)
    console.error(`title block: ${block.length} line(s) read by PP-OCR in ${Math.round(performance.now() - t0)} ms`);
  const text = read.map((lines) => lines.map((l) => l.words.map((w) => w.text).join('')).join('\n'));
  block.forEach((i, k) => {
    const rest = text.filter((_, j) => j !== i).join('\n');
    const r = reconcileLine(read[i][0], second[k], rest, ctx.settings);
    if (process.env.NIANBAO_OCR_DEBUG && r.disagreements) {
      console.error(
        `title block line ${i}: ${r.disagreements} disagreement(s) with PP-OCR 「${second[k].text}」`,
        JSON.stringify(r.decisions),
      );
    }
    read[i] = [r.line];
  });
}
