// Markdown lines → blocks: paragraph lines (headings, list items and quotes read as their text),
// pipe tables (with or without the separator row, ragged rows kept as written) and HTML tables.
// Page furniture a converter writes (「<!-- page 5 -->」, 「{5}-----」, 「— 5 —」, rules) is left out.
import { cleanInline, type Cleaned } from './inline.js';
import { pandocTable } from './pandoc-tables.js';

export interface MdParagraph extends Cleaned {
  kind: 'paragraph';
  /** 1-based line in the file. */
  line: number;
}

/** One cell of a pipe table as written: its text and where it starts. */
export interface MdCell extends Cleaned {
  line: number;
  column: number;
  /** Columns and rows the cell spans (a grid table's merged cell); 1 when absent. */
  colSpan?: number;
  rowSpan?: number;
}

export type MdBlock =
  | MdParagraph
  | { kind: 'pipe-table'; rows: MdCell[][] }
  /** An HTML table's markup, from the line where it starts. */
  | { kind: 'html-table'; html: string; line: number }
  /** An image (dropped); `section` is the heading number (一 … 六) it stands under, if any. */
  | { kind: 'image'; alt: string; line: number; section: string | null }
  /** A table the converter could not write (pandoc's 「[TABLE]」 in plain text), under heading `section`. */
  | { kind: 'lost-table'; line: number; section: string | null };

/** A list item that is one link and nothing else: a web page's menu or list of articles, not report text. */
const NAV_ITEM = /^(?:[-+*]|\d+[.)])\s+!?\[[^\]]*\]\([^)]*\)$/;

/** What `pandoc -t plain` writes for a table it cannot lay out (merged cells). */
const LOST_TABLE = /^\[TABLE\]$/;

const SEPARATOR = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;
const PAGE_FURNITURE = [
  /^\{\d+\}-{3,}$/, // Marker's page separator
  /^(?:[-—–－]+\s*\d{1,4}\s*[-—–－]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/u,
  /^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|=+)$/, // thematic breaks, setext underlines
];
/** Block prefixes read through: ATX heading marks, quote marks, list bullets (not 「1.」: it numbers rows), pandoc's line-block bar. */
const PREFIX = /^(?:#{1,6}(?=\s|$)|>|[-+*](?=\s)|\|(?=\s|$))\s*/;
/** pandoc's fenced div lines (「::: top」, 「:::」): markup, no text. */
const FENCED_DIV = /^:{3,}(?:\s.*)?$/;
/** pandoc attributes after a heading (「{#id .class}」). */
const ATTRIBUTES = /\s*\{(?:[#.][^{}]*|[^{}]*=[^{}]*)\}\s*$/;
const HEADING_NUMBER = /^([一二三四五六])[、.．]/u;

/** A pipe row: starts with 「|」 (not a pandoc line block 「| text」, its only bar) or ends with one after another. */
const isPipeRow = (t: string) =>
  (t.startsWith('|') && /[^\\]\|/.test(t.slice(1))) || (t.endsWith('|') && t.includes('|', 1));

/** The blocks of a Markdown text, in order. */
export function markdownBlocks(source: string): MdBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MdBlock[] = [];
  let section: string | null = null;
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const t = raw.trim();
    if (fence) {
      if (t.startsWith(fence)) fence = null;
      else if (t) blocks.push({ kind: 'paragraph', text: t, cols: columns(raw, t), line: i + 1 });
      continue;
    }
    const fenceOpen = /^(`{3,}|~{3,})/.exec(t);
    if (fenceOpen) {
      fence = fenceOpen[1];
      continue;
    }
    if (t.startsWith('<!--')) {
      while (i < lines.length && !lines[i].includes('-->')) i++;
      continue;
    }
    if (/<table[\s>]/i.test(t)) {
      i = htmlTable(lines, i, blocks);
      continue;
    }
    const pandoc = pandocTable(lines, i);
    if (pandoc) {
      blocks.push({ kind: 'pipe-table', rows: pandoc.rows });
      i = pandoc.end;
      continue;
    }
    if (isPipeRow(t) || (SEPARATOR.test(t) && t.includes('|'))) {
      i = pipeTable(lines, i, blocks);
      continue;
    }
    if (!t || FENCED_DIV.test(t) || NAV_ITEM.test(t) || PAGE_FURNITURE.some((re) => re.test(t))) continue;
    if (LOST_TABLE.test(t)) {
      blocks.push({ kind: 'lost-table', line: i + 1, section });
      continue;
    }
    const para = paragraph(raw, i + 1, (alt) => blocks.push({ kind: 'image', alt, line: i + 1, section }));
    if (!para.text) continue;
    section = HEADING_NUMBER.exec(para.text.replace(/\s/g, ''))?.[1] ?? section;
    blocks.push(para);
  }
  return blocks;
}

/** 1-based columns of `t` within `raw` (a trimmed line, taken verbatim). */
function columns(raw: string, t: string): number[] {
  const at = raw.indexOf(t);
  return Array.from({ length: t.length }, (_, k) => at + k + 1);
}

/** A line read as text: block prefixes off, then inline markup. */
function paragraph(raw: string, line: number, onImage: (alt: string) => void): MdParagraph {
  let s = raw;
  let from = 1;
  for (let m = PREFIX.exec(s.trimStart()); m; m = PREFIX.exec(s.trimStart())) {
    const lead = s.length - s.trimStart().length + m[0].length;
    from += lead;
    s = s.slice(lead);
  }
  // A closing ATX sequence (「## 一、总体情况 ##」).
  s = s.replace(/\s#+\s*$/, '').replace(ATTRIBUTES, '');
  return { kind: 'paragraph', ...cleanInline(s, from, onImage), line };
}

/** The HTML table starting on line `i` (to its closing tag); returns the last line it takes. */
function htmlTable(lines: string[], i: number, blocks: MdBlock[]): number {
  let depth = 0;
  let j = i;
  const taken: string[] = [];
  for (; j < lines.length; j++) {
    taken.push(lines[j]);
    depth += (lines[j].match(/<table[\s>]/gi) ?? []).length - (lines[j].match(/<\/table>/gi) ?? []).length;
    if (depth <= 0) break;
  }
  blocks.push({ kind: 'html-table', html: taken.join('\n'), line: i + 1 });
  return Math.min(j, lines.length - 1);
}

/** The pipe table starting on line `i` (its rows up to the first line that is not one); returns its last line. */
function pipeTable(lines: string[], i: number, blocks: MdBlock[]): number {
  const rows: MdCell[][] = [];
  let j = i;
  for (; j < lines.length; j++) {
    const t = lines[j].trim();
    if (!(isPipeRow(t) || (SEPARATOR.test(t) && t.includes('|')))) break;
    if (SEPARATOR.test(t)) continue;
    rows.push(pipeCells(lines[j], j + 1));
  }
  blocks.push({ kind: 'pipe-table', rows });
  return j - 1;
}

/** The cells of one pipe row: split at unescaped 「|」, the outer pipes dropped, each cell cleaned. */
export function pipeCells(raw: string, line: number): MdCell[] {
  const bounds: number[] = [];
  for (let k = 0; k < raw.length; k++) {
    if (raw[k] === '\\') k++;
    else if (raw[k] === '|') bounds.push(k);
  }
  const first = raw.trimStart().startsWith('|') ? bounds.shift()! : -1;
  const last = raw.trimEnd().endsWith('|') && bounds.length ? bounds.pop()! : raw.length;
  const edges = [first, ...bounds, last];
  return edges.slice(1).map((end, k) => {
    const start = edges[k] + 1;
    const cell = cleanInline(raw.slice(start, end), start + 1);
    return { ...cell, line, column: cell.cols[0] ?? start + 1 };
  });
}
