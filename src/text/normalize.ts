// Text normalisation for matching printed labels against the template's.
import { memoStrings } from './memo.js';

/**
 * NFKC folds full-width forms (（）：１) to half-width; white space goes entirely; numbering that
 * OCR garbled is put back in its printed form (see normalizeNumbering).
 */
export const squash = (s: string): string => normalizeNumbering(s.normalize('NFKC').replace(/[\s\u3000]+/g, ''));

const CN = '一二三四五六七八九十';
/**
 * Glyphs OCR reads in place of a Chinese numeral inside numbering (「（一）」 as 「(—)」「(ー)」,
 * 「（二）」 as 「(ニ)」「(=)」, 「（八）」 as 「(人)」…). Only applied inside brackets, where the form
 * prints nothing but a numeral.
 */
const NUMERAL_LOOKALIKES: Record<string, string> = {
  '-': '一',
  '—': '一',
  '―': '一',
  '–': '一',
  ー: '一',
  _: '一',
  '~': '一',
  ニ: '二',
  '=': '二',
  '〓': '二',
  彡: '三',
  囚: '四',
  西: '四',
  穴: '六',
  匕: '七',
  人: '八',
  入: '八',
  儿: '八',
  几: '九',
  丸: '九',
  '+': '十',
};
const LOOKALIKE_CLASS = Object.keys(NUMERAL_LOOKALIKES)
  .map((c) => (/[-\]\\^]/.test(c) ? `\\${c}` : c))
  .join('');
const OPEN = '(<\\[{〈《【〔｛';
const CLOSE = ')>\\]}〉》】〕｝';
/**
 * A bracketed numeral: look-alike brackets and numerals when it is closed; when the closing
 * bracket is lost, only a true numeral counts (「(人民…」 is not numbering).
 */
const GARBLED_MARKER = new RegExp(
  `[${OPEN}](?:([${CN}${LOOKALIKE_CLASS}]{1,2})[${CLOSE}]|([${CN}]{1,2})(?=[^${CLOSE}${CN}]))`,
  'gu',
);

/**
 * Numbering as printed, from its OCR misreads: look-alike brackets (〈二〉, [三], 【四】) and
 * numerals ((—), (ニ)) inside brackets, and an unclosed bracket — 「(一孔以公开」, where 「）予」 was
 * read as one glyph — become 「(一)」「(二)」. A lone dash before 「、」 is 「一、」. Input must be
 * NFKC-folded and free of white space (what squash gives).
 */
export function normalizeNumbering(s: string): string {
  return s
    .replace(GARBLED_MARKER, (all: string, closed: string | undefined, open: string | undefined) => {
      const digits = Array.from(closed ?? open ?? '')
        .map((c) => NUMERAL_LOOKALIKES[c] ?? c)
        .join('');
      // Two numerals must read as a number the form prints (十一 … 二十); else leave it alone.
      if (digits.length === 2 && !/^(十[一二三四五六七八九]|[二]十)$/.test(digits)) return all;
      return `(${digits})`;
    })
    .replace(/(^|[^\d\-—ー])[-—ー]、/gu, '$1一、');
}

const MARKER = /^(?:[一二三四五六七八九十]{1,2}[、.]|\([一二三四五六七八九十]{1,2}\)|\d{1,2}[.、](?!\d))/u;

/** A label reduced to its words: no numbering, no parenthetical notes, no punctuation or quotes. */
export const coreLabel = memoStrings((s: string): string =>
  squash(s)
    .replace(MARKER, '')
    // Notes in brackets go; an unclosed one (its 「）」 lost) runs to the end of the label.
    .replace(/\([^)]*\)?/g, '')
    .replace(/[“”"'‘’「」『』、，,。.:：;；·!！?？]/g, ''),
);

/** Edit distance between two strings, counted in code points (a CJK character is one edit). */
export function levenshtein(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  let prev = new Int32Array(y.length + 1).map((_, j) => j);
  let cur = new Int32Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

const codePoints = (s: string): Int32Array => Int32Array.from(s, (c) => c.codePointAt(0)!);

/** 1 for identical strings, 0 for nothing in common. */
export const similarity = memoStrings((a: string, b: string): number => {
  const n = Math.max(codePointCount(a), codePointCount(b));
  return n === 0 ? 0 : 1 - levenshtein(a, b) / n;
});

function codePointCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
