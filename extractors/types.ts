// What every text source (PDF text layer, OCR, plain text) hands to layout.
// Coordinates: page space with the origin at the top-left, y growing downwards, in PDF points
// (plain text uses character columns and line numbers instead; layout only compares them relatively).

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

/** An axis-aligned ruling line (table border) as drawn on the page. */
export interface Rule {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type PageTextSource = 'pdf-text' | 'ocr' | 'plain-text';

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

export interface SourceDocument {
  kind: 'pdf' | 'text';
  /** PDFs only: which engine read the text layer. */
  engine?: PdfEngine;
  pageCount: number;
  pages: SourcePage[];
  /** Pages whose text came from OCR (1-based). */
  ocrPages: number[];
}
