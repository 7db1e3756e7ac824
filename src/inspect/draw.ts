// Drawing a page plan over the rendered page: grid, number boxes with their record paths (the column
// above each box, the row in the gutter to the right), OCR regions, and failed cells in red.
import type { BBox } from '../../extractors/types.js';
import type { NumberBox, PagePlan } from './plan.js';

/** Width (points) of the label gutter to the right of the page. */
export const GUTTER = 270;

export const COLOURS = {
  rule: '#1565c0',
  cell: 'rgba(46, 160, 67, 0.10)',
  cellEdge: 'rgba(46, 160, 67, 0.75)',
  ocr: '#8e24aa',
  ocrLow: 'rgba(255, 143, 0, 0.35)',
  failed: '#e00000',
  text: '#202020',
} as const;

/** Row colours: neighbouring rows differ, so a box and its row label pair up by colour. */
const ROW_COLOURS = ['#d81b60', '#00897b', '#5e35b1', '#f4511e', '#3949ab', '#7cb342', '#6d4c41', '#039be5'];

// Labels in a narrow sans face; CJK (titles, check messages) from a CJK face where installed.
const FONT = '"Liberation Sans", Arial, "Noto Sans CJK SC", sans-serif';

export function drawPlan(ctx: CanvasRenderingContext2D, plan: PagePlan, scale: number, title: string): void {
  const s = scale;
  const R = (b: BBox) => [b[0] * s, b[1] * s, (b[2] - b[0]) * s, (b[3] - b[1]) * s] as const;

  // Cells: a light wash with an inset outline, so merged cells stand out from their neighbours.
  for (const c of plan.cells) {
    const [x, y, w, h] = R(c);
    ctx.fillStyle = COLOURS.cell;
    ctx.fillRect(x + 2, y + 2, w - 4, h - 4);
    ctx.strokeStyle = COLOURS.cellEdge;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 3, y + 3, w - 6, h - 6);
  }
  ctx.strokeStyle = COLOURS.rule;
  ctx.lineWidth = Math.max(1, s * 0.6);
  for (const r of plan.rules) {
    ctx.beginPath();
    ctx.moveTo(r.x0 * s, r.y0 * s);
    ctx.lineTo(r.x1 * s, r.y1 * s);
    ctx.stroke();
  }
  for (const o of plan.ocr) {
    const [x, y, w, h] = R(o.bbox);
    if (o.low) {
      ctx.fillStyle = COLOURS.ocrLow;
      ctx.fillRect(x, y, w, h);
    }
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = COLOURS.ocr;
    ctx.lineWidth = 1;
    ctx.strokeRect(x, y, w, h);
    ctx.setLineDash([]);
    label(ctx, String(Math.round(o.confidence)), x + w, y + h, 3.2 * s, COLOURS.ocr, 'left', 'top');
  }

  for (const f of plan.failedCells) {
    const [x, y, w, h] = R(f.box);
    ctx.strokeStyle = COLOURS.failed;
    ctx.lineWidth = Math.max(2, s * 1.2);
    ctx.setLineDash(f.inferred ? [6, 4] : []);
    ctx.strokeRect(x, y, w, h);
    ctx.setLineDash([]);
  }

  const rows = rowGroups(plan.numbers);
  rows.forEach((g, k) => {
    const colour = ROW_COLOURS[k % ROW_COLOURS.length];
    for (const n of g.boxes) {
      const [x, y, w, h] = R(n.bbox);
      ctx.strokeStyle = colour;
      ctx.lineWidth = Math.max(1, s * 0.5);
      ctx.strokeRect(x - 1, y - 1, w + 2, h + 2);
      const room = columnRoom(n, plan.numbers) * s;
      label(ctx, n.column, x + w / 2, y - 1, fitFont(ctx, n.column, room, 3.4 * s), colour, 'center', 'bottom');
    }
  });

  drawGutter(ctx, plan, rows, s, title);
}

interface RowGroup {
  row: string;
  boxes: NumberBox[];
  y: number;
  x1: number;
}

/** Boxes of one record row that sit on one printed line (a row can continue on the next page). */
function rowGroups(numbers: NumberBox[]): RowGroup[] {
  const map = new Map<string, NumberBox[]>();
  for (const n of numbers) map.set(n.row, [...(map.get(n.row) ?? []), n]);
  return [...map.entries()]
    .map(([row, boxes]) => ({
      row,
      boxes,
      y: boxes.reduce((a, b) => a + (b.bbox[1] + b.bbox[3]) / 2, 0) / boxes.length,
      x1: Math.max(...boxes.map((b) => b.bbox[2])),
    }))
    .sort((a, b) => a.y - b.y || a.x1 - b.x1);
}

/** Horizontal room (points) for a box's label: the distance to the nearest box on its line. */
function columnRoom(n: NumberBox, all: NumberBox[]): number {
  const cy = (b: NumberBox) => (b.bbox[1] + b.bbox[3]) / 2;
  const cx = (b: NumberBox) => (b.bbox[0] + b.bbox[2]) / 2;
  const h = n.bbox[3] - n.bbox[1];
  const gaps = all.filter((o) => o !== n && Math.abs(cy(o) - cy(n)) < h / 2).map((o) => Math.abs(cx(o) - cx(n)));
  return gaps.length ? Math.min(...gaps) * 0.95 : 200;
}

function fitFont(ctx: CanvasRenderingContext2D, text: string, room: number, max: number): number {
  ctx.font = `${max}px ${FONT}`;
  const w = ctx.measureText(text).width;
  return w <= room ? max : Math.max(max * 0.55, (max * room) / w);
}

function label(
  ctx: CanvasRenderingContext2D,
  text: string,
  x: number,
  y: number,
  size: number,
  colour: string,
  align: CanvasTextAlign,
  baseline: 'top' | 'bottom',
): void {
  ctx.font = `${size}px ${FONT}`;
  const w = ctx.measureText(text).width;
  const left = align === 'center' ? x - w / 2 : align === 'right' ? x - w : x;
  const top = baseline === 'bottom' ? y - size * 1.1 : y;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(left - 1, top, w + 2, size * 1.1);
  ctx.fillStyle = colour;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillText(text, left, top + size * 0.05);
}

/** Legend, the row path of every row (leader line to its last box), and the failed checks. */
function drawGutter(ctx: CanvasRenderingContext2D, plan: PagePlan, rows: RowGroup[], s: number, title: string): void {
  const x0 = plan.width * s;
  const gx = x0 + 14 * s;
  ctx.fillStyle = '#f6f6f6';
  ctx.fillRect(x0 + 8 * s, 0, GUTTER * s, plan.height * s);
  ctx.fillStyle = COLOURS.text;
  const size = 6.2 * s;
  const line = size * 1.3;
  let y = 18 * s;
  const text = (t: string, colour: string = COLOURS.text, sz = size) => {
    ctx.font = `${sz}px ${FONT}`;
    ctx.fillStyle = colour;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText(t, gx, y);
    y += sz * 1.3;
  };
  text(clip(ctx, title, (GUTTER - 16) * s, size), COLOURS.text);
  text(
    `page ${plan.page}: ${plan.rules.length} rules, ${plan.cells.length} cells, ${plan.numbers.length} numbers` +
      (plan.ocr.length ? `, ${plan.ocr.length} OCR runs` : ''),
  );
  y += line * 0.4;
  const swatch = (colour: string, t: string, fill = false) => {
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 2;
    if (fill) ctx.fillRect(gx, y + size * 0.15, size * 1.6, size * 0.8);
    else ctx.strokeRect(gx, y + size * 0.15, size * 1.6, size * 0.8);
    ctx.font = `${size}px ${FONT}`;
    ctx.fillStyle = COLOURS.text;
    ctx.fillText(t, gx + size * 2.2, y);
    y += line;
  };
  swatch(COLOURS.rule, 'ruling line', true);
  swatch(COLOURS.cellEdge, 'table cell (from the rules)');
  swatch(ROW_COLOURS[0], 'number: column above the box,');
  text('        row path at the right → path = row.column');
  swatch(COLOURS.ocr, 'OCR text, with its confidence');
  swatch(COLOURS.failed, 'cell of a failed check (dashed: blank)');
  y += line;

  const next = drawRowLabels(ctx, rows, s, gx, y, size);

  if (plan.failedChecks.length) {
    y = Math.max(next + line, (plan.height - 10) * s - line * (plan.failedChecks.length * 2 + 1));
    text('failed checks:', COLOURS.failed);
    for (const c of plan.failedChecks) {
      for (const part of wrap(ctx, c.message, (GUTTER - 16) * s, size * 0.9)) text(part, COLOURS.failed, size * 0.9);
    }
  }
}

/**
 * Each row's path in the gutter at its row's height (pushed down, from `top`, where labels would
 * overlap), with a leader line from the row's last box; returns where the labels end.
 */
function drawRowLabels(
  ctx: CanvasRenderingContext2D,
  rows: RowGroup[],
  s: number,
  gx: number,
  top: number,
  size: number,
): number {
  const line = size * 1.3;
  let next = top;
  rows.forEach((g, k) => {
    const colour = ROW_COLOURS[k % ROW_COLOURS.length];
    const ly = Math.max(next, g.y * s - size / 2);
    next = ly + line;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(g.x1 * s + 3, g.y * s);
    ctx.lineTo(gx - 3, ly + size / 2);
    ctx.stroke();
    ctx.font = `${size}px ${FONT}`;
    ctx.fillStyle = colour;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText(clip(ctx, g.row, (GUTTER - 16) * s, size), gx, ly);
  });
  return next;
}

function clip(ctx: CanvasRenderingContext2D, t: string, room: number, size: number): string {
  ctx.font = `${size}px ${FONT}`;
  if (ctx.measureText(t).width <= room) return t;
  let out = t;
  while (out.length > 1 && ctx.measureText(out + '…').width > room) out = out.slice(0, -1);
  return out + '…';
}

function wrap(ctx: CanvasRenderingContext2D, t: string, room: number, size: number): string[] {
  ctx.font = `${size}px ${FONT}`;
  const out: string[] = [];
  let cur = '';
  for (const word of t.split(/(?<=[\s,])/)) {
    if (cur && ctx.measureText(cur + word).width > room) {
      out.push(cur.trimEnd());
      cur = '';
    }
    cur += word;
  }
  if (cur) out.push(cur.trimEnd());
  return out;
}
