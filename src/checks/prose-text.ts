// Prose as the text-vs-table checks read it: one normalised string per section (NFKC, no white
// space, so 「共收到政府信息公开申请 2\n件」 reads 「共收到政府信息公开申请2件」), with a map back to the
// section's own character offsets; sentences; and numbers as printed (Arabic or Chinese numerals).

export interface NormalisedText {
  /** NFKC, white space removed. */
  text: string;
  /** For every UTF-16 unit of `text`, the offset of the character it came from in the original. */
  origin: number[];
}

/** Normalise a section's text, keeping where every character came from. */
export function normaliseProse(original: string): NormalisedText {
  let text = '';
  const origin: number[] = [];
  let i = 0;
  for (const ch of original) {
    if (!/[\s\u3000]/u.test(ch)) {
      const folded = ch.normalize('NFKC');
      for (let k = 0; k < folded.length; k++) origin.push(i);
      text += folded;
    }
    i += ch.length;
  }
  return { text, origin };
}

/** The original [start, end) of normalised [from, to). */
export function originalSpan(
  n: NormalisedText,
  from: number,
  to: number,
  original: string,
): { start: number; end: number } {
  const start = n.origin[from] ?? original.length;
  const last = n.origin[to - 1] ?? start;
  const cp = original.codePointAt(last) ?? 0;
  return { start, end: last + (cp > 0xffff ? 2 : 1) };
}

export interface Sentence {
  /** Offset of the sentence in the normalised text. */
  at: number;
  text: string;
}

/** Sentences end at 。！？； (after NFKC: 。 ! ? ;). A line break is not a boundary: lines wrap mid-sentence. */
export function sentences(normalised: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。!?;]+[。!?;]?/gu;
  for (let m = re.exec(normalised); m; m = re.exec(normalised)) out.push({ at: m.index, text: m[0] });
  return out;
}

export { chineseNumber, proseNumber } from '../text/numerals.js';

/** Digits after the decimal point as printed (0 for 「12」). */
export function decimals(s: string): number {
  const m = /\.(\d+)$/u.exec(s.replace(/,/g, ''));
  return m ? m[1].length : 0;
}
