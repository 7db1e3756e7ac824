// What every text source (PDF text layer, OCR, plain text) hands to layout.
// Coordinates: page space with the origin at the top-left, y growing downwards, in PDF points
// (plain text uses character columns and line numbers instead; layout only compares them relatively).
import type { WarningCode } from '../core/warnings.js';

export type BBox = [x0: number, y0: number, x1: number, y1: number];

export interface TextRun {
  text: string;
  bbox: BBox;
  fontSize: number;
  fontName?: string;
  /** 'ttb' for text set vertically (one glyph under the other). */
  dir: 'ltr' | 'ttb';
  /** OCR confidence 0–100; absent for text-layer and plain-text runs. */
  confidence?: number;
}

/**
 * The text of an OCR run standing for a table cell with ink in it that could not be read (strokes a
 * light threshold broke into fragments): the cell is no value and no printed blank — the record
 * gives it null and a warning naming it, never a blank passing for printed.
 */
export const UNREAD_CELL = '\uFFFD';

/** An axis-aligned ruling line (table border) as drawn on the page. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** 'markup': text laid out from HTML/DOCX cells and paragraphs (positions are synthetic). */
export type PageTextSource = 'pdf-text' | 'ocr' | 'plain-text' | 'markup';

export interface SourcePage {
  /** 1-based page number. */
  page: number;
  width: number;
  height: number;
  runs: TextRun[];
  rules: Rule[];
  source: PageTextSource;
}

/** The engines that read a PDF's text layer (see pdf.ts); the first is the default. */
export const PDF_ENGINES = ['pdfium', 'pdfjs'] as const;
export type PdfEngine = (typeof PDF_ENGINES)[number];

/**
 * The input formats, as sniffed from the bytes (record field `source.format`). Each has a reader
 * and a name in --help (src/pipeline/read-input.ts and formats.ts).
 */
export const SOURCE_FORMATS = [
  'pdf',
  'html',
  'docx',
  'doc',
  'odt',
  'rtf',
  'wps',
  'image',
  'text',
  'markdown',
  'mht',
] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** Where text laid out from markup came from: a table cell or a paragraph. */
export interface MarkupRef {
  /** 0-based table index in the document (data tables only). */
  table?: number;
  /** 0-based row and column of the cell in the table's grid (HTML: col; DOCX: cell). */
  row?: number;
  col?: number;
  cell?: number;
  /** CSS-like path to the element (HTML). */
  selector?: string;
  /** 0-based paragraph index (DOCX text outside tables). */
  paragraph?: number;
  /** 1-based line and column in the source text (Markdown). */
  line?: number;
  column?: number;
}

/** A box of a markup page and the element its text came from. */
export interface MarkupRegion {
  page: number;
  bbox: BBox;
  ref: MarkupRef;
}

export interface SourceDocument {
  /** 'pdf' and 'image' have real pages; 'text' and 'markup' are laid out from characters. */
  kind: 'pdf' | 'text' | 'markup' | 'image';
  /** PDFs only: which engine read the text layer. */
  engine?: PdfEngine;
  pageCount: number;
  pages: SourcePage[];
  /** Pages whose text came from OCR (1-based). */
  ocrPages: number[];
  /** Markup documents: the boxes of their cells and paragraphs, for provenance. */
  regions?: MarkupRegion[];
  /** Images: the PDF (one page per image/frame) made in memory and read; inspect draws on it. */
  pdf?: Uint8Array;
  /** What the reader left out or doubted (e.g. an image in a Markdown file), for the record's warnings. */
  warnings?: ReaderWarning[];
  /** Web pages: who the page's header fields (发布机构, 来源, …) say published the report, outside its text; most specific first. */
  publishers?: string[];
}

/** A reader's warning: a record warning code, its message, and the record path it concerns, if known. */
export interface ReaderWarning {
  /** One of WARNING_CODES (core/warnings.ts). */
  code: WarningCode;
  message: string;
  path?: string;
}

/**
 * What a reader shows its caller before the costly part (OCR): the pages read so far (`pages`, in
 * page order: text layers, with the pages OCR'd so far in their place), the pages OCR'd among them,
 * and how many pages still wait for OCR. The pipeline's screen (src/pipeline/screen.ts) answers.
 */
export interface ScreenInput {
  pages: SourcePage[];
  ocrPages: number[];
  pendingOcr: number;
}

/** 'report': read on, no more screening; 'unsure': read on, ask again after the next OCR'd page; else stop. */
export type ScreenVerdict = 'report' | 'unsure' | { refuse: string };

/** The caller's judgement of a document from its first evidence (see ScreenInput). */
export type PageScreen = (input: ScreenInput) => ScreenVerdict;

/** A reader's progress: page `page` of `pages` reached, at `stage`. */
export type PageProgress = (page: number, pages: number, stage: 'text' | 'ocr') => void;
