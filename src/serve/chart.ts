// An agency's series over the years as an SVG made on the server (no script, no library): one point
// per year, the line broken where the report's template changes — the 2019 and 2021 forms count some
// things differently, so a jump across that break is marked, not drawn as a trend.
import { esc } from '../review/escape.js';

export interface SeriesPoint {
  year: number;
  value: number | null;
  template: string | null;
  sha256: string;
  /** The report needs a person's eye (failed check or table not read). */
  flagged: boolean;
}

export interface Series {
  agency: string;
  /** The record path charted, e.g. applications.newReceived.total. */
  path: string;
  label: string;
  points: SeriesPoint[];
  /** Between these years the template changed (the earlier year of each pair). */
  breaks: Array<{ after: number; from: string | null; to: string | null }>;
}

/** The template breaks of points ordered by year. */
export function templateBreaks(points: SeriesPoint[]): Series['breaks'] {
  const out: Series['breaks'] = [];
  for (let k = 1; k < points.length; k++) {
    const [a, b] = [points[k - 1], points[k]];
    if (a.template !== b.template) out.push({ after: a.year, from: a.template, to: b.template });
  }
  return out;
}

const W = 760;
const H = 340;
const PAD = { left: 64, right: 24, top: 36, bottom: 48 };

/** A nice round step for about five gridlines up to `max`. */
function step(max: number): number {
  const raw = Math.max(1, max) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
}

/** The series as a standalone SVG document (every text escaped). */
export function seriesSvg(s: Series): string {
  const pts = s.points;
  if (pts.length === 0) return svg(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle">没有数据 no data</text>`);
  const years = pts.map((p) => p.year);
  const [y0, y1] = [Math.min(...years), Math.max(...years)];
  const max = Math.max(0, ...pts.map((p) => p.value ?? 0));
  const st = step(max);
  const top = Math.ceil(max / st) * st || st;
  const x = (year: number) =>
    PAD.left + (y1 === y0 ? (W - PAD.left - PAD.right) / 2 : ((year - y0) / (y1 - y0)) * (W - PAD.left - PAD.right));
  const y = (v: number) => H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const grid: string[] = [];
  for (let v = 0; v <= top; v += st) {
    grid.push(`<line class="grid" x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    grid.push(`<text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end" font-size="12">${v}</text>`);
  }
  for (const yr of years)
    grid.push(`<text x="${x(yr)}" y="${H - PAD.bottom + 20}" text-anchor="middle" font-size="12">${yr}</text>`);
  // Lines join consecutive numbers of one template only.
  const segs: string[] = [];
  for (let k = 1; k < pts.length; k++) {
    const [a, b] = [pts[k - 1], pts[k]];
    if (a.value === null || b.value === null || a.template !== b.template) continue;
    segs.push(
      `<line class="seg" x1="${x(a.year)}" y1="${y(a.value)}" x2="${x(b.year)}" y2="${y(b.value)}" stroke="#1565c0" stroke-width="2"/>`,
    );
  }
  const breaks = s.breaks.map((b) => {
    const bx = (x(b.after) + x(b.after + 1)) / 2;
    const what = `模板 ${b.from ?? '?'} → ${b.to ?? '?'}`;
    return `<g class="break"><line x1="${bx}" x2="${bx}" y1="${PAD.top - 6}" y2="${H - PAD.bottom}" stroke="#b26a00" stroke-dasharray="6 4"/><text x="${bx + 4}" y="${PAD.top + 6}" font-size="11" fill="#b26a00">${esc(what)}</text></g>`;
  });
  const dots = pts.map((p) =>
    p.value === null
      ? `<text class="blank" x="${x(p.year)}" y="${y(0) - 6}" text-anchor="middle" font-size="11" fill="#888">空</text>`
      : `<a href="/report/${esc(p.sha256)}"><circle class="point" data-year="${p.year}" data-value="${p.value}" cx="${x(p.year)}" cy="${y(p.value)}" r="5" fill="${p.flagged ? '#e00000' : '#1565c0'}"><title>${esc(`${p.year}: ${p.value}${p.flagged ? ' (flagged)' : ''}`)}</title></circle></a><text x="${x(p.year)}" y="${y(p.value) - 10}" text-anchor="middle" font-size="12">${p.value}</text>`,
  );
  const title = `<text x="${PAD.left}" y="20" font-size="14" font-weight="bold">${esc(`${s.agency} · ${s.label}`)}</text>`;
  return svg([title, ...grid, ...segs, ...breaks, ...dots].join('\n'));
}

const svg = (inner: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" font-family="sans-serif">\n${inner}\n</svg>`;
