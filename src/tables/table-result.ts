// What a table parser hands back: its data, where each number came from, and its doubts.
import type { Provenance, Warning } from '../schema/record.js';
import type { Token } from '../layout/lines.js';
import { parseCell } from '../text/values.js';
import type { Placement } from './rows.js';
import type { BBox } from '../../extractors/types.js';
import type { WarningCode } from '../../core/warnings.js';

const round = (b: BBox): Provenance['bbox'] => b.map((v) => Math.round(v * 100) / 100) as Provenance['bbox'];

export interface TableResult<T> {
  data: T | null;
  provenance: Record<string, Provenance>;
  warnings: Warning[];
}

export class TableCollector {
  readonly provenance: Record<string, Provenance> = {};
  readonly warnings: Warning[] = [];

  /**
   * The cell's number (null for blank) and its provenance under `path`. A cell printed blank gets
   * provenance with empty text where its box on the page is known (`blankAt`), so that the record
   * says what was printed there: nothing.
   */
  value(path: string, token: Token | null, blankAt?: { page: number; bbox: BBox | null }): number | null {
    if (!token) {
      if (blankAt?.bbox) this.provenance[path] = { page: blankAt.page, bbox: round(blankAt.bbox), text: '' };
      return null;
    }
    this.provenance[path] = {
      page: token.page,
      bbox: round(token.bbox),
      text: token.text,
      ...(token.confidence !== undefined ? { confidence: token.confidence } : {}),
    };
    const cell = parseCell(token.text);
    return cell?.kind === 'number' ? cell.value : null;
  }

  warn(code: WarningCode, message: string, extra: { page?: number; path?: string; paths?: string[] } = {}): void {
    this.warnings.push({ code, message, ...extra });
  }

  result<T>(data: T | null): TableResult<T> {
    return { data, provenance: this.provenance, warnings: this.warnings };
  }
}

/** Values whose columns were inferred or guessed are flagged on their row. */
export function reportPlacement(
  c: TableCollector,
  table: string,
  label: string,
  printed: number,
  columns: number,
  how: Placement,
  path: string,
  page: number | undefined,
): void {
  const row = label ? `row 「${label}」` : 'the row';
  if (how === 'inferred') {
    c.warn(
      'column-inferred',
      `table ${table}: ${row} prints ${printed} values for ${columns} columns; blank columns were placed by its spacing`,
      { page, path },
    );
  } else if (how === 'guess') {
    c.warn(
      'column-uncertain',
      `table ${table}: ${row} prints ${printed} values for ${columns} columns; their columns are a guess`,
      { page, path },
    );
  }
}
