// Table 三 torn apart (a converter, `pdftotext -raw`, a copy out of a PDF viewer): a run of label lines
// printed first, then a run of value lines with no label. A value line alone after label lines is
// given to the last of them (a label wrapped above its values); when more value lines follow, and
// their count is the count of the run's labels, the values are given to the labels in the order both
// were printed — each such row marked `torn`, so that the parser places it by the template's order
// and keeps it only where the arithmetic confirms it (else warns). When the counts disagree the
// pairing is unknown: the values become rows without a label (placed and confirmed, or flagged, the
// same way) and the run's labels are dropped.
import type { Line, Token } from '../layout/lines.js';
import type { TableRow } from './rows.js';

/** The run being collected: where its label rows start in `rows`, and its value lines. */
export class TornRun {
  private from = -1;
  private values: Array<{ values: Token[]; line: Line }> = [];

  constructor(private readonly rows: TableRow[]) {}

  /** Whether a value line alone has started a run (more may follow). */
  get open(): boolean {
    return this.from >= 0;
  }

  /** A value line alone, about to be given with the label lines before it to `rows`. */
  start(values: Token[], line: Line): void {
    this.from = this.rows.length;
    this.values = [{ values, line }];
  }

  /** A further value line of the run. */
  addValues(values: Token[], line: Line): void {
    this.values.push({ values, line });
  }

  /** Pair the run's values with its labels (see the file's head); the run is then closed. */
  resolve(): void {
    const { rows, values } = this;
    if (this.open && values.length > 1) {
      const labelled = rows.slice(this.from);
      const leaves = labelled.filter((r) => !isGroupHead(rows, r));
      if (leaves.length === values.length) {
        leaves.forEach((r, k) => Object.assign(r, { values: values[k].values, line: values[k].line, torn: true }));
      } else if (leaves.length > 0 || values.length > 1) {
        rows.splice(this.from, labelled.length);
        for (const v of values)
          rows.push({ label: '', level: 0, index: null, values: v.values, line: v.line, torn: true });
      }
    }
    this.from = -1;
    this.values = [];
  }
}

/** A numbered label followed by a deeper one (a group head such as （三） before its 「1.…」) heads a group: it holds no values. */
function isGroupHead(rows: TableRow[], r: TableRow): boolean {
  const next = rows[rows.indexOf(r) + 1];
  return r.level > 0 && next !== undefined && next.level > r.level;
}
