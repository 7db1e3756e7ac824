// A Word document (.docx, and .doc/.odt/.rtf/.wps after LibreOffice made a .docx of them) → markup
// blocks: body paragraphs and tables in document order, tables with gridSpan/vMerge as spans, text
// direction, and the contents of text boxes. Read natively: extractors/zip.ts unpacks (the damage named,
// the CRC checked), htmlparser2 (XML mode) parses.
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { NianbaoError } from '../core/errors.js';
import { layoutMarkup, type MarkupBlock, type MarkupCell } from './markup/layout.js';
import type { SourceDocument } from './types.js';
import { listZip, unpackEntry, ZipEntryDamage, type ZipListing } from './zip.js';

/** word/document.xml larger than this (unzipped) is refused: a 年报 is far smaller; a ZIP bomb is not. */
export const MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024;

const isElement = (n: ChildNode): n is Element => n.type === 'tag';
const kids = (el: Element, name?: string) =>
  el.children.filter((c): c is Element => isElement(c) && (!name || c.name === name));
const child = (el: Element, name: string) => kids(el, name)[0];

export function readDocx(bytes: Uint8Array, file: string | null): SourceDocument {
  const { xml, directory } = documentXml(bytes, file);
  const doc = parseDocument(new TextDecoder('utf-8').decode(xml), { xmlMode: true });
  const root = doc.children.find(isElement);
  const body = root && child(root, 'w:body');
  if (!body) throw new NianbaoError('CORRUPT_FILE', 'a damaged Word document (word/document.xml has no w:body)', file);
  const read = layoutMarkup(new BodyReader().read(body));
  if (directory === 'sound') return read;
  // The text is exactly what Word wrote (the entry's CRC matched); the file is damaged all the same.
  const message = `${DIRECTORY_DAMAGE[directory]}: word/document.xml was found by its own header and its CRC matches, so its text is intact`;
  return { ...read, warnings: [...(read.warnings ?? []), { code: 'damaged-file' as const, message }] };
}

/** What a ZIP directory that is not sound says about the file. */
const DIRECTORY_DAMAGE = {
  damaged: "the file's ZIP directory is damaged",
  missing: 'the file is cut short (its ZIP directory, at the end, is missing)',
} as const;
const DIRECTORY_DAMAGE_ITS = {
  damaged: 'its ZIP directory is damaged',
  missing: 'it is cut short (its ZIP directory, at the end, is missing)',
} as const;

/** word/document.xml, unpacked and CRC-checked; a CORRUPT_FILE naming the damage when it cannot be. */
function documentXml(bytes: Uint8Array, file: string | null): { xml: Uint8Array; directory: ZipListing['directory'] } {
  const { entries, directory } = listZip(bytes);
  const entry = entries.find((e) => e.name === 'word/document.xml');
  const dir = directory === 'sound' ? '' : `${DIRECTORY_DAMAGE_ITS[directory]}, and `;
  if (!entry) {
    const why = entries.length ? `${dir}its word/document.xml entry is missing` : 'no ZIP entry can be found in it';
    throw new NianbaoError('CORRUPT_FILE', `a damaged Word document (${why})`, file);
  }
  try {
    return { xml: unpackEntry(bytes, entry, MAX_DOCUMENT_XML_BYTES), directory };
  } catch (e) {
    if (e instanceof RangeError) throw new NianbaoError('TOO_LARGE', e.message, file);
    if (e instanceof ZipEntryDamage)
      throw new NianbaoError('CORRUPT_FILE', `a damaged Word document (${dir}its entry ${e.message})`, file);
    throw e;
  }
}

/** Walks the body in document order; numbers paragraphs and tables as it meets them. */
class BodyReader {
  private blocks: MarkupBlock[] = [];
  private paragraphs = 0;
  private tables = 0;

  read(container: Element): MarkupBlock[] {
    this.container(container);
    return this.blocks;
  }

  /** w:body, w:txbxContent, w:sdtContent, a cell: paragraphs and tables. */
  private container(el: Element): void {
    for (const c of kids(el)) {
      if (c.name === 'w:p') this.paragraph(c);
      else if (c.name === 'w:tbl') this.table(c);
      else if (c.name === 'w:sdt') {
        const content = child(c, 'w:sdtContent');
        if (content) this.container(content);
      } else if (c.name === 'w:customXml' || c.name === 'w:ins') this.container(c);
    }
  }

  private paragraph(p: Element): void {
    const index = this.paragraphs++;
    const boxes: Element[] = [];
    const text = paragraphText(p, boxes);
    if (text.trim()) this.blocks.push({ kind: 'paragraph', text, ref: { paragraph: index } });
    // Text boxes anchored in the paragraph follow it (their own paragraphs and tables).
    for (const box of boxes) this.container(box);
  }

  private table(tbl: Element): void {
    const index = this.tables++;
    const trs = kids(tbl, 'w:tr');
    // Grid column of every w:tc, then vertical merges resolved into row spans.
    const grid = trs.map((tr) => {
      let col = gridBefore(tr);
      return kids(tr, 'w:tc').map((tc, k) => {
        const tcPr = child(tc, 'w:tcPr');
        const span = Math.max(1, Number(attr(tcPr && child(tcPr, 'w:gridSpan'), 'w:val') ?? 1) || 1);
        const vMergeEl = tcPr && child(tcPr, 'w:vMerge');
        const vMerge = vMergeEl ? (attr(vMergeEl, 'w:val') === 'restart' ? 'restart' : 'continue') : null;
        const dir = attr(tcPr && child(tcPr, 'w:textDirection'), 'w:val') ?? '';
        const entry = { tc, k, col, span, vMerge, vertical: /^(tbRl|btLr|tbRlV|tbLrV|tb)/.test(dir) };
        col += span;
        return entry;
      });
    });
    const rows: MarkupCell[][] = grid.map((cells, r) => {
      const out: MarkupCell[] = [];
      const before = gridBefore(trs[r]);
      if (before > 0) out.push({ text: '', rowSpan: 1, colSpan: before, ref: { table: index, row: r } });
      for (const c of cells) {
        if (c.vMerge === 'continue') continue;
        let rowSpan = 1;
        if (c.vMerge === 'restart') {
          while (grid[r + rowSpan]?.some((d) => d.col === c.col && d.vMerge === 'continue')) rowSpan++;
        }
        out.push({
          text: cellText(c.tc),
          rowSpan,
          colSpan: c.span,
          vertical: c.vertical,
          ref: { table: index, row: r, cell: c.k },
        });
      }
      return out;
    });
    this.blocks.push({ kind: 'table', rows });
  }
}

const attr = (el: Element | undefined, name: string): string | undefined => el?.attribs[name];

function gridBefore(tr: Element): number {
  const trPr = child(tr, 'w:trPr');
  return Number(attr(trPr && child(trPr, 'w:gridBefore'), 'w:val') ?? 0) || 0;
}

/** A cell's paragraphs, one line each (a table nested in a cell is read as its text). */
function cellText(tc: Element): string {
  const lines: string[] = [];
  const walk = (el: Element) => {
    for (const c of kids(el)) {
      if (c.name === 'w:p') lines.push(paragraphText(c, []));
      else if (
        c.name === 'w:tbl' ||
        c.name === 'w:tr' ||
        c.name === 'w:tc' ||
        c.name === 'w:sdt' ||
        c.name === 'w:sdtContent'
      )
        walk(c);
    }
  };
  walk(tc);
  return lines.join('\n');
}

/**
 * The text of a paragraph's runs: w:t, tabs as spaces, breaks as newlines. Deleted text, field
 * instructions and the fallback copy of a text box (mc:Fallback) are skipped; text boxes are
 * collected into `boxes` for the caller.
 */
function paragraphText(p: Element, boxes: Element[]): string {
  let out = '';
  const walk = (el: Element) => {
    for (const c of el.children) {
      if (!isElement(c)) continue;
      switch (c.name) {
        case 'w:t':
          out += c.children.map((t) => (t.type === 'text' ? t.data : '')).join('');
          break;
        case 'w:tab':
          out += ' ';
          break;
        case 'w:br':
        case 'w:cr':
          out += '\n';
          break;
        case 'w:del':
        case 'w:delText':
        case 'w:instrText':
        case 'mc:Fallback':
        case 'w:pPr':
        case 'w:rPr':
          break;
        case 'w:txbxContent':
          boxes.push(c);
          break;
        default:
          walk(c);
      }
    }
  };
  walk(p);
  return out;
}
