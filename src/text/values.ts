// Reading a table cell as printed: a number, a blank marker, a cell OCR could not read, or not a value at all.
import { UNREAD_CELL } from '../../extractors/types.js';

/** `unread`: OCR saw ink in the cell and could not read it (UNREAD_CELL): a value slot, no number, no blank. */
export type CellValue = { kind: 'number'; value: number } | { kind: 'blank' } | { kind: 'unread' };

// A blank cell's marker is short (「/」「-」「—」「——」): a longer run of dashes is a rule drawn in text
// (the borders of a pandoc or ASCII table, 「----------」), not a cell, and must never read as a blank.
const BLANK = /^(?:[/／\\—–\-－―─]{1,3}|无)$/u;
const NUMBER = /^([+\-−－]?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万元|亿元|元)?$/u;
const UNIT_FACTOR: Record<string, number> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** Parse a cell token; null when the token is not a value (a word, a label). */
export function parseCell(token: string): CellValue | null {
  const t = token.normalize('NFKC').trim();
  if (BLANK.test(t)) return { kind: 'blank' };
  if (t === UNREAD_CELL) return { kind: 'unread' };
  const m = NUMBER.exec(t);
  if (!m) return null;
  const sign = m[1] && m[1] !== '+' ? -1 : 1;
  const value = Number(m[2].replace(/,/g, '') + (m[3] ?? ''));
  return { kind: 'number', value: sign * value };
}

/** The unit printed after an amount (「1234.5万元」), with its factor to yuan. */
export function amountUnitFactor(token: string): number | null {
  const m = NUMBER.exec(token.normalize('NFKC').trim());
  return m?.[4] ? UNIT_FACTOR[m[4]] : null;
}
