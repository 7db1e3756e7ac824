// Where a record cell sits on the page. A printed number has provenance; a cell printed blank has
// none, so its place is inferred from its row (y) and its column (x) in the same table and page.
import type { BBox } from '../../extractors/types.js';
import type { Report } from '../schema/record.js';

export interface CellPlace {
  page: number;
  bbox: BBox;
  /** true: no provenance; placed at its row's height in its column. */
  inferred: boolean;
}

/** 'applications.results.granted.naturalPerson' → row 'applications.results.granted', column 'naturalPerson'. */
export function splitPath(path: string): { row: string; column: string; table: string } {
  const at = path.lastIndexOf('.');
  return { row: path.slice(0, at), column: path.slice(at + 1), table: path.slice(0, path.indexOf('.')) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function locateCell(record: Pick<Report, 'provenance'>, path: string): CellPlace | null {
  const own = record.provenance[path];
  // HTML/DOCX provenance names cells, not page boxes: nothing to place on a page.
  if (own) return own.page !== undefined && own.bbox ? { page: own.page, bbox: own.bbox, inferred: false } : null;
  const { row, column, table } = splitPath(path);
  // Table 四 prints its three groups side by side on one row: no other row gives a column's x.
  if (table === 'reviewLitigation') return null;
  const entries = Object.entries(record.provenance).filter(
    (e): e is [string, (typeof e)[1] & { page: number; bbox: BBox }] => e[1].page !== undefined && !!e[1].bbox,
  );
  const rowCells = entries.filter(([p]) => splitPath(p).row === row).map(([, v]) => v);
  if (rowCells.length === 0) return null;
  const page = rowCells[0].page;
  const colCells = entries
    .filter(([p, v]) => v.page === page && splitPath(p).table === table && splitPath(p).column === column)
    .map(([, v]) => v);
  if (colCells.length === 0) return null;
  const bbox: BBox = [
    median(colCells.map((c) => c.bbox[0])),
    median(rowCells.map((c) => c.bbox[1])),
    median(colCells.map((c) => c.bbox[2])),
    median(rowCells.map((c) => c.bbox[3])),
  ];
  return { page, bbox, inferred: true };
}

/** Every cell path named by a failed check. */
export function failedPaths(record: Pick<Report, 'checks'>): Set<string> {
  return new Set(record.checks.filter((c) => !c.passed).flatMap((c) => c.paths));
}
