// Sub-headings inside a section (「(一)主动公开政府信息的途径」) print no 。, so the sentence after them
// would run on from their words: 「…途径」 + 「本局设立了3个查阅点」 read as 「主动公开…3个」, a wrong figure.
// A sub-heading line ends a sentence; the topic the text is about still carries on past it.
import { sentences, type NormalisedText, type Sentence } from '../checks/prose-text.js';
import { COUNT_UNITS } from '../templates/index.js';

/** A numbered line without sentence punctuation: 「(一)…」「（二）…」「一、…」「1.…」. */
const SUB_HEADING =
  /^\s*(?:[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d))[^。；;！!？?，,]{1,38}$/u;
/** A numbered line that states a count (「1、当面申请12件」) is a list item, read as before. */
const COUNTED = new RegExp(`\\d+(?:${COUNT_UNITS})|[零一二两三四五六七八九十百]+(?:${COUNT_UNITS})`, 'u');

/** The sentences of normalised `n` (of the section text `text`), each sub-heading line ending one. */
export function sentencesOf(text: string, n: NormalisedText): Sentence[] {
  const cuts = headingEnds(text, n);
  if (!cuts.length) return sentences(n.text);
  return sentences(n.text).flatMap((s) => {
    const inside = cuts.filter((c) => c > s.at && c < s.at + s.text.length);
    const bounds = [s.at, ...inside, s.at + s.text.length];
    return bounds.slice(1).map((end, i) => ({ at: bounds[i], text: n.text.slice(bounds[i], end) }));
  });
}

/** Where (in normalised offsets) the line after each sub-heading line starts. */
function headingEnds(text: string, n: NormalisedText): number[] {
  const out: number[] = [];
  let offset = 0;
  let k = 0;
  for (const line of text.split('\n')) {
    offset += line.length + 1;
    if (!SUB_HEADING.test(line) || COUNTED.test(line)) continue;
    while (k < n.origin.length && n.origin[k] < offset) k++;
    if (k < n.origin.length) out.push(k);
  }
  return out;
}
