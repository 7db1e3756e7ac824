// Text outside ruled tables: cut into line bands by the row profile (the page is deskewed, so
// lines are level) and read in batches spread over the pool's workers.
import type { PageContext, PixelRun } from './context.js';
import type { PixelBox } from './grid.js';
import { inkBounds, rowProfile, spans } from './ink.js';
import { readBoxes } from './mosaic.js';
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
  return (await Promise.all(read.map((lines) => runsFromLines(ctx, lines)))).flat();
}
