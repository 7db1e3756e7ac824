// What an inspect image shows on one page, in PDF points: the ruling lines and cells the page was
// read with, each number's box with its record path, OCR'd text with its confidence, and the cells
// of failed checks. Pure data, so it is tested without rendering.
import type { BBox, Rule, SourcePage } from '../../extractors/types.js';
import { LOW_CONFIDENCE } from '../schema/record.js';
import type { Check, Report } from '../schema/record.js';
import { cellAround, gridCells } from './cells.js';
import { failedPaths, locateCell, splitPath } from './locate.js';

export interface NumberBox {
  path: string;
  /** Record path without its last segment (the row), and the last segment (the column). */
  row: string;
  column: string;
  bbox: BBox;
  text: string;
  confidence?: number;
  /** Named by a failed check. */
  failed: boolean;
}

export interface FailedCell {
  path: string;
  /** The grid cell around the number, else the number's own box (or its inferred place). */
  box: BBox;
  /** No provenance (printed blank): placed from its row and column. */
  inferred: boolean;
}

export interface OcrRegion {
  bbox: BBox;
  text: string;
  confidence: number;
  low: boolean;
}

export interface PagePlan {
  page: number;
  width: number;
  height: number;
  rules: Rule[];
  cells: BBox[];
  numbers: NumberBox[];
  ocr: OcrRegion[];
  failedCells: FailedCell[];
  /** Failed checks with at least one cell on this page. */
  failedChecks: Check[];
}

export function planPage(page: SourcePage, record: Report): PagePlan {
  const { cells } = gridCells(page.rules);
  const failed = failedPaths(record);
  const numbers: NumberBox[] = Object.entries(record.provenance)
    // A cell printed blank has provenance too (empty text): it is not a number to draw. HTML/DOCX
    // provenance has no page box.
    .filter(([, p]) => p.page === page.page && p.bbox && p.text !== '')
    .map(([path, p]) => ({
      path,
      ...splitPath(path),
      bbox: p.bbox!,
      text: p.text,
      ...(p.confidence !== undefined ? { confidence: p.confidence } : {}),
      failed: failed.has(path),
    }))
    .map(({ table: _table, ...n }) => n)
    .sort((a, b) => a.bbox[1] - b.bbox[1] || a.bbox[0] - b.bbox[0]);

  const failedCells: FailedCell[] = [];
  for (const path of [...failed].sort()) {
    const place = locateCell(record, path);
    if (!place || place.page !== page.page) continue;
    failedCells.push({ path, box: cellAround(cells, place.bbox) ?? pad(place.bbox, 2), inferred: place.inferred });
  }
  const onPage = new Set(failedCells.map((c) => c.path));
  const ocr: OcrRegion[] = page.runs
    .filter((r) => r.confidence !== undefined)
    .map((r) => ({ bbox: r.bbox, text: r.text, confidence: r.confidence!, low: r.confidence! < LOW_CONFIDENCE }));
  return {
    page: page.page,
    width: page.width,
    height: page.height,
    rules: page.rules,
    cells,
    numbers,
    ocr,
    failedCells,
    failedChecks: record.checks.filter((c) => !c.passed && c.paths.some((p) => onPage.has(p))),
  };
}

const pad = (b: BBox, d: number): BBox => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
