// Many small regions in few tesseract calls: the regions are stacked one under the other on a
// blank sheet (with blank space between them) and read as one block; each recognised line is
// then given back to the region it came from. Per-call overhead dominates small crops, so this
// is several times faster than one call per cell (measured in scripts/bench-ocr.ts).
import type { PageContext } from './context.js';
import type { PixelBox } from './grid.js';
import type { Binary } from './image.js';
import { linesOfResult, type OcrLine } from './recognize.js';
import type { OcrParams } from './pool.js';

interface Slot {
  box: PixelBox;
  /** Top of the region on the sheet. */
  top: number;
}

/**
 * Read each box (from ctx.bin) with the given tesseract parameters; lines in page pixels, per box.
 * Sheets of about `mosaicSheetPx`, regions `mosaicGapLines` median heights apart (settings).
 */
export async function readBoxes(ctx: PageContext, boxes: PixelBox[], params: OcrParams): Promise<OcrLine[][]> {
  if (!boxes.length) return [];
  const { mosaicSheetPx: maxSheetPx, mosaicMarginPx: margin } = ctx.settings;
  const heights = boxes.map((b) => b.y1 - b.y0 + 1).sort((a, b) => a - b);
  const gap = Math.max(
    ctx.settings.mosaicMinGapPx,
    Math.round(heights[heights.length >> 1] * ctx.settings.mosaicGapLines),
  );
  // Chunks of about one sheet each, so the pool's workers share the work.
  const chunks: number[][] = [];
  let cur: number[] = [];
  let h = 0;
  boxes.forEach((b, i) => {
    const bh = b.y1 - b.y0 + 1 + gap;
    if (cur.length && h + bh > maxSheetPx) {
      chunks.push(cur);
      cur = [];
      h = 0;
    }
    cur.push(i);
    h += bh;
  });
  if (cur.length) chunks.push(cur);
  const out: OcrLine[][] = boxes.map(() => []);
  await Promise.all(
    chunks.map(async (idx) => {
      const slots = layout(
        idx.map((i) => boxes[i]),
        gap,
      );
      const sheet = compose(ctx.bin, slots, margin);
      const res = await ctx.pool.recognize(
        sheet,
        { tessedit_pageseg_mode: '6', ...params },
        { text: false, blocks: true },
        ctx.page,
      );
      for (const line of linesOfResult(res, -margin, -margin)) {
        const cy = (line.box.y0 + line.box.y1) / 2;
        const k = slots.findIndex((s) => cy >= s.top - gap / 2 && cy <= s.top + (s.box.y1 - s.box.y0) + gap / 2);
        if (k < 0) continue;
        const s = slots[k];
        const dx = s.box.x0;
        const dy = s.box.y0 - s.top;
        const move = (b: PixelBox): PixelBox => ({ x0: b.x0 + dx, y0: b.y0 + dy, x1: b.x1 + dx, y1: b.y1 + dy });
        out[idx[k]].push({
          box: move(line.box),
          confidence: line.confidence,
          words: line.words.map((w) => ({ ...w, box: move(w.box) })),
        });
      }
    }),
  );
  return out;
}

function layout(boxes: PixelBox[], gap: number): Slot[] {
  let top = 0;
  return boxes.map((box) => {
    const s = { box, top };
    top += box.y1 - box.y0 + 1 + gap;
    return s;
  });
}

/** The sheet as a binary PGM: slots at x = 0 (+ margin), ink black on white. */
function compose(bin: Binary, slots: Slot[], margin: number): Uint8Array {
  const last = slots[slots.length - 1];
  const w = Math.max(...slots.map((s) => s.box.x1 - s.box.x0 + 1)) + 2 * margin;
  const h = last.top + (last.box.y1 - last.box.y0 + 1) + 2 * margin;
  const header = Buffer.from(`P5\n${w} ${h}\n255\n`, 'latin1');
  const out = new Uint8Array(header.length + w * h);
  out.set(header, 0);
  const body = out.subarray(header.length);
  body.fill(255);
  for (const s of slots) {
    for (let y = s.box.y0; y <= s.box.y1; y++) {
      const src = y * bin.width;
      const dst = (s.top + y - s.box.y0 + margin) * w + margin - s.box.x0;
      for (let x = s.box.x0; x <= s.box.x1; x++) if (bin.data[src + x]) body[dst + x] = 0;
    }
  }
  return out;
}
