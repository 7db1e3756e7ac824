// Markdown (what PDF converters — MinerU, Docling, Marker, pandoc, LLM pipelines — write) → a markup
// SourceDocument: its lines as paragraphs, its pipe tables and HTML tables as ruled grids, so the
// layout, section and table steps read it as they read a web page. Provenance gives back the line
// and column in the file (and the table, row and cell of a pipe table's value).
import { htmlTables } from './html.js';
import { layoutMarkup, MARKUP_METRICS, textWidth, type MarkupBlock, type MarkupCell } from './markup/layout.js';
import { markdownBlocks, type MdBlock, type MdCell, type MdParagraph } from './markdown/blocks.js';
import type { MarkupRegion, MarkupRef, ReaderWarning, SourceDocument } from './types.js';

/** Sections whose table an image may be: 二, 三, 四 (a record path to warn). */
const TABLE_OF_SECTION: Record<string, string> = { 二: 'activeDisclosure', 三: 'applications', 四: 'reviewLitigation' };
/** A value cell (digits, signs, blank markers): never one merged cell repeated, however alike. */
const VALUE_LIKE = /^[\d\s,.，．+\-—–－/／\\%％]*$/u;

/** A Markdown text → a SourceDocument (one synthetic page; provenance by line and column). */
export function readMarkdown(text: string): SourceDocument {
  const blocks = markdownBlocks(text);
  const words = new Map<MarkupRef, MdParagraph>();
  const markup: MarkupBlock[] = [];
  const warnings: ReaderWarning[] = [];
  let tables = 0;
  for (const b of blocks) {
    if (b.kind === 'paragraph') {
      const ref: MarkupRef = { line: b.line, column: b.cols[0] };
      words.set(ref, b);
      markup.push({ kind: 'paragraph', text: b.text, ref });
    } else if (b.kind === 'pipe-table') {
      markup.push({ kind: 'table', rows: pipeTableCells(b.rows, tables++) });
    } else if (b.kind === 'html-table') {
      for (const rows of htmlTables(b.html, tables)) {
        tables++;
        markup.push({ kind: 'table', rows: rows.map((r) => r.map((c) => ({ ...c, ref: htmlRef(c.ref, b.line) }))) });
      }
    } else if (b.kind === 'lost-table') warnings.push(...lostTableWarning(b));
    else warnings.push(...imageWarning(b));
  }
  const doc = layoutMarkup(markup);
  doc.regions = (doc.regions ?? []).flatMap((r) => (words.has(r.ref) ? wordRegions(r, words.get(r.ref)!) : [r]));
  return { ...doc, kind: 'markup', warnings };
}

/** An HTML table's cell: table, row and grid column (set by layout), and the line its table starts on. */
const htmlRef = (ref: MarkupRef, line: number): MarkupRef => ({ table: ref.table, row: ref.row, col: ref.col, line });

/**
 * Pipe rows as markup cells. A converter that flattens a merged cell repeats its text in each cell it
 * covered: adjacent cells of a row with the same text (not values) are one cell spanning them. Values
 * are never merged so — 「0 | 0」 are two cells — except under a header merged that way, where a
 * value repeated across the header's span is that one merged value (Docling's 本年增/减 of table 二).
 */
function pipeTableCells(rows: MdCell[][], table: number): MarkupCell[][] {
  // A grid table draws its merged cells: taken as drawn, never merged by their text.
  if (rows.some((r) => r.some((c) => c.colSpan || c.rowSpan))) {
    return rows.map((cells, row) =>
      cells.map((c, cell) => ({
        text: c.text,
        rowSpan: c.rowSpan ?? 1,
        colSpan: c.colSpan ?? 1,
        ref: { table, row, cell, line: c.line, column: c.column },
      })),
    );
  }
  let headerSpans: Array<[number, number]> = [];
  return rows.map((cells, row) => {
    const out: MarkupCell[] = [];
    const starts: number[] = [];
    const valueRow = cells.some((c) => c.text && isValue(c.text));
    cells.forEach((c, cell) => {
      const prev = out[out.length - 1];
      const within = headerSpans.some(([a, b]) => starts[starts.length - 1] >= a && cell < b);
      if (prev && c.text && prev.text === c.text && (!isValue(c.text) || within)) return void prev.colSpan++;
      starts.push(cell);
      out.push({ text: c.text, rowSpan: 1, colSpan: 1, ref: { table, row, cell, line: c.line, column: c.column } });
    });
    if (!valueRow)
      headerSpans = out
        .map((c, k): [number, number] => [starts[k], starts[k] + c.colSpan])
        .filter(([a, b]) => b - a > 1);
    return out;
  });
}

const isValue = (text: string) => VALUE_LIKE.test(text.normalize('NFKC'));

/** A paragraph line's region split into one region per word, each naming the word's line and column. */
function wordRegions(region: MarkupRegion, p: MdParagraph): MarkupRegion[] {
  const out: MarkupRegion[] = [];
  const [, y0, , y1] = region.bbox;
  const unit = MARKUP_METRICS.fontSize / 2;
  for (const m of p.text.matchAll(/\S+/gu)) {
    const at = m.index ?? 0;
    const x0 = textWidth(p.text.slice(0, at));
    const x1 = x0 + textWidth(m[0]);
    out.push({
      page: region.page,
      bbox: [x0, y0, Math.max(x1, x0 + unit), y1],
      ref: { line: p.line, column: p.cols[at] },
    });
  }
  return out;
}

/** A table the converter left out (「[TABLE]」): its values are not in the file. */
function lostTableWarning(b: Extract<MdBlock, { kind: 'lost-table' }>): ReaderWarning[] {
  const path = b.section ? TABLE_OF_SECTION[b.section] : undefined;
  const where = b.section ? ` under heading ${b.section}` : '';
  const message = `line ${b.line}${where}: the converter wrote 「[TABLE]」 for a table it could not lay out; that table's values are not in the file`;
  return [{ code: 'table-not-read', message, ...(path ? { path } : {}) }];
}

/** An image is not read: said so when it stands under the heading of a table, or its text names a table. */
function imageWarning(b: Extract<MdBlock, { kind: 'image' }>): ReaderWarning[] {
  const path = b.section ? TABLE_OF_SECTION[b.section] : undefined;
  if (!path && !/表|table/iu.test(b.alt)) return [];
  const where = b.section ? ` under heading ${b.section}` : '';
  return [
    {
      code: 'image-ignored',
      message: `line ${b.line}: an image${b.alt ? ` 「${b.alt}」` : ''}${where} was not read; if it shows a table, that table's values are missing`,
      ...(path ? { path } : {}),
    },
  ];
}
