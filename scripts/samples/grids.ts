// The three tables of a generated report as logical grids (cells with their spans), drawn as
// scripts/samples/html.ts draws them, so that converter-style renderings (Markdown pipe tables, HTML
// tables, tab-separated paste) come from one description.
import type { Document } from './html.js';
import type { Cell } from './numbers.js';
import {
  APPLICANT_COLUMNS,
  BALANCE_NOTE,
  CARRIED_FORWARD,
  disclosureSections,
  RESULTS_CELL_LABEL,
  resultBlocks,
  REVIEW_COLUMN_HEADINGS,
  REVIEW_GROUPS,
  TOP_ROWS,
} from './template.js';
import {
  APPLICANT_HEADING,
  APPLICANT_HEADINGS,
  APPLICANT_ORG_HEADING,
  DISCLOSURE_ITEM_HEADING,
  LITIGATION_HEADING,
  REVIEW_GROUP_SPECS,
  REVIEW_HEADING,
} from '../../src/templates/index.js';

export interface GCell {
  text: string;
  rs: number;
  cs: number;
  /** A value cell (a number, or printed blank/「/」/「—」). */
  value?: boolean;
}
export type Grid = GCell[][];

const c = (text: string, cs = 1, rs = 1): GCell => ({ text, rs, cs });
const v = (cell: Cell): GCell => ({ text: cell.text, rs: 1, cs: 1, value: true });
const ORG_COLUMNS = APPLICANT_COLUMNS.filter((k) => k !== 'naturalPerson' && k !== 'total');

/** Table 二 as one grid: a caption row per 第二十条 item, its column headings, its rows. */
export function disclosureGrid(d: Document): Grid {
  const rows: Grid = [];
  for (const sec of disclosureSections(d.numbers.template)) {
    rows.push([c(sec.caption, 4)]);
    const span = (i: number) => (i === sec.columns.length - 1 && sec.columns.length < 3 ? 4 - sec.columns.length : 1);
    rows.push([c(DISCLOSURE_ITEM_HEADING), ...sec.columns.map((col, i) => c(col.heading, span(i)))]);
    for (const r of sec.rows) {
      rows.push([c(r.label), ...sec.columns.map((col, i) => ({ ...v(d.numbers.disclosure[r.key][col.key]), cs: span(i) }))]);
    }
  }
  return rows;
}

/** Table 三's header rows (the balance note, 申请人情况, the applicant columns). */
export function applicationsHeader(): Grid {
  return [
    [c(BALANCE_NOTE, 3, 3), c(APPLICANT_HEADING, 7)],
    [c(APPLICANT_HEADINGS.naturalPerson, 1, 2), c(APPLICANT_ORG_HEADING, 5), c(APPLICANT_HEADINGS.total, 1, 2)],
    ORG_COLUMNS.map((k) => c(APPLICANT_HEADINGS[k])),
  ];
}

/** One printed row of table 三: its label cells (group, vertical head) as drawn, and its values. */
export interface AppRow {
  path: string;
  label: string;
  /** The group label (（三）不予公开) printed in a merged cell beside the first of its rows. */
  group?: { text: string; rows: number };
  /** The vertical 三、本年度办理结果 cell, beside the first result row. */
  head?: { text: string; rows: number };
  values: Cell[];
  /** Label cells this row's label spans (3 top/bottom rows, 2 single result rows, 1 in a group). */
  span: number;
}

/** Table 三's rows in print order. */
export function applicationRows(d: Document): AppRow[] {
  const n = d.numbers;
  const label = (path: string, fallback: string) => d.labels[path] ?? fallback;
  const values = (path: string) => n.applications.get(path)!;
  const out: AppRow[] = TOP_ROWS.map((r) => ({ path: r.path, label: label(r.path, r.label), values: values(r.path), span: 3 }));
  const blocks = resultBlocks(n.otherHandling);
  const count = blocks.reduce((k, b) => k + (b.kind === 'single' ? 1 : b.rows.length), 0);
  const first = out.length;
  for (const b of blocks) {
    if (b.kind === 'single') {
      out.push({ path: b.row.path, label: label(b.row.path, b.row.label), values: values(b.row.path), span: 2 });
      continue;
    }
    b.rows.forEach((r, i) => {
      const group = i === 0 ? { text: d.labels[`group:${b.label}`] ?? b.label, rows: b.rows.length } : undefined;
      out.push({ path: r.path, label: label(r.path, r.label), group, values: values(r.path), span: 1 });
    });
  }
  out[first].head = { text: RESULTS_CELL_LABEL, rows: count };
  const cf = CARRIED_FORWARD;
  out.push({ path: cf.path, label: label(cf.path, cf.label), values: values(cf.path), span: 3 });
  return out;
}

/** Table 三 as one grid (header and rows). */
export function applicationsGrid(d: Document): Grid {
  const body = applicationRows(d).map((r) => [
    ...(r.head ? [c(r.head.text, 1, r.head.rows)] : []),
    ...(r.group ? [c(r.group.text, 1, r.group.rows)] : []),
    c(r.label, r.span),
    ...r.values.map(v),
  ]);
  return [...applicationsHeader(), ...body];
}

/** Table 四: the two header rows, the column headings, the one row of fifteen values. */
export function reviewGrid(d: Document): Grid {
  const h = REVIEW_COLUMN_HEADINGS;
  return [
    [c(REVIEW_HEADING, 5), c(LITIGATION_HEADING, 10)],
    [...h.map((x) => c(x, 1, 2)), ...REVIEW_GROUP_SPECS.slice(1).map((g) => c(g.heading, 5))],
    [...h, ...h].map((x) => c(x)),
    REVIEW_GROUPS.flatMap((g) => d.numbers.review[g].map(v)),
  ];
}

/**
 * The grid as a rectangle of texts, every span resolved as browsers do. `fill`: what a covered cell
 * holds — the spanning cell's text ('repeat', as Docling writes merged cells) or nothing ('empty').
 */
export function rectangle(grid: Grid, fill: 'repeat' | 'empty'): string[][] {
  const out: string[][] = grid.map(() => []);
  grid.forEach((row, r) => {
    let col = 0;
    for (const cell of row) {
      while (out[r][col] !== undefined) col++;
      for (let dr = 0; dr < cell.rs && r + dr < grid.length; dr++) {
        for (let dc = 0; dc < cell.cs; dc++) out[r + dr][col + dc] = dr === 0 && dc === 0 ? cell.text : fill === 'repeat' ? cell.text : '';
      }
      col += cell.cs;
    }
  });
  const width = Math.max(...out.map((r) => r.length));
  return out.map((r) => Array.from({ length: width }, (_, k) => r[k] ?? ''));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The grid as an HTML table (MinerU writes tables so), one row per line. */
export function gridHtml(grid: Grid): string {
  const td = (x: GCell) => `<td${x.rs > 1 ? ` rowspan="${x.rs}"` : ''}${x.cs > 1 ? ` colspan="${x.cs}"` : ''}>${esc(x.text)}</td>`;
  return `<table>\n${grid.map((row) => `<tr>${row.map(td).join('')}</tr>`).join('\n')}\n</table>`;
}
