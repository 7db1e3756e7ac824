// How a report prints its zeros, and deliberate arithmetic errors. Both act on the cells after the
// (consistent) numbers are drawn, so the expected record follows what is on the page.
import type { Cell, ReportNumbers } from './numbers.js';
import { APPLICANT_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, type ApplicantColumn } from './template.js';

export type CellRef =
  | { table: '二'; row: string; col: string }
  | { table: '三'; row: string; col: ApplicantColumn }
  | { table: '四'; row: string; col: string };

/** Returns the text printed instead of a zero (「」「/」「—」), or undefined to print 「0」. */
export type ZeroPolicy = (ref: CellRef) => string | undefined;

/** Texts that mean "no number" in the record contract. */
const NULL_TEXTS = new Set(['', '/', '—', '-', '无']);

function blankZero(c: Cell, text: string | undefined): void {
  if (c.value !== 0 || text === undefined) return;
  if (!NULL_TEXTS.has(text)) throw new Error(`zero printed as ${JSON.stringify(text)} would not be null`);
  c.value = null;
  c.text = text;
}

export function applyZeroPolicy(n: ReportNumbers, policy: ZeroPolicy): void {
  for (const [row, cols] of Object.entries(n.disclosure))
    for (const [col, c] of Object.entries(cols)) blankZero(c, policy({ table: '二', row, col }));
  for (const [row, cells] of n.applications)
    cells.forEach((c, i) => blankZero(c, policy({ table: '三', row, col: APPLICANT_COLUMNS[i] })));
  for (const g of REVIEW_GROUPS)
    n.review[g].forEach((c, i) => blankZero(c, policy({ table: '四', row: g, col: REVIEW_COLUMNS[i] })));
}

/** Adds `delta` to one printed number (a typo in the report) without touching any total. */
export function misprint(c: Cell, delta: number): void {
  if (c.value === null) throw new Error('cannot misprint a blank cell');
  c.value += delta;
  c.text = String(c.value);
}

export function applicationCell(n: ReportNumbers, path: string, col: ApplicantColumn): Cell {
  const cells = n.applications.get(path);
  if (!cells) throw new Error(`no row applications.${path}`);
  return cells[APPLICANT_COLUMNS.indexOf(col)];
}

/** Prints a number with thousands separators, as some reports do for large counts (「12,345」). */
export function groupThousands(c: Cell): void {
  if (c.value !== null && Math.abs(c.value) >= 1000) c.text = c.value.toLocaleString('en-US');
}

/** Prints a cell's digits full-width (「１２」), as text typed with a Chinese IME comes out. */
export function fullWidthDigits(c: Cell): void {
  c.text = c.text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}
