// Text normalisation for matching printed labels against the template's.

/** NFKC folds full-width forms (（）：１) to half-width; white space goes entirely. */
export const squash = (s: string): string => s.normalize('NFKC').replace(/[\s\u3000]+/g, '');

const MARKER = /^(?:[一二三四五六七八九十]{1,2}[、.]|\([一二三四五六七八九十]{1,2}\)|\d{1,2}[.、](?!\d))/u;

/** A label reduced to its words: no numbering, no parenthetical notes, no punctuation or quotes. */
export function coreLabel(s: string): string {
  return squash(s)
    .replace(MARKER, '')
    .replace(/\([^)]*\)?/g, '')
    .replace(/[“”"'‘’「」『』、，,。.:：;；·!！?？]/g, '');
}

export function levenshtein(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length];
}

/** 1 for identical strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const n = Math.max(Array.from(a).length, Array.from(b).length);
  return n === 0 ? 0 : 1 - levenshtein(a, b) / n;
}
