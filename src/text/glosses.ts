// Pinyin glosses a mirror site inserts after characters (「本年度報(bào)告」「數(shù)據(jù)」): they break
// every word a report is known by. Blanked to spaces of the same length, so the words read again
// (matching ignores white space) while every offset, and the printed text provenance quotes, stay.

/** A tone-marked pinyin vowel: what tells a gloss from an English word in brackets (「微博(weibo)」). */
const TONE = '[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]';
const SYLLABLE = `[a-zü]*${TONE}[a-zü]*|[a-zü]{1,6}`;
/** One gloss right after a Han character: one pinyin syllable in brackets. */
const GLOSS = new RegExp(`(?<=\\p{Script=Han})[(（](?:${SYLLABLE})[)）]`, 'gu');
const TONED_GLOSS = new RegExp(`(?<=\\p{Script=Han})[(（][a-zü]*${TONE}[a-zü]*[)）]`, 'gu');

/**
 * Is `text` glossed: at least `min` tone-marked glosses after characters? A report may put an English
 * word in brackets once or twice, never a tone mark; a glossing mirror does it on every other word.
 */
export function isGlossed(text: string, min: number): boolean {
  let n = 0;
  for (const _ of text.matchAll(TONED_GLOSS)) if (++n >= min) return true;
  return false;
}

/** `text` with every gloss after a Han character blanked (same length). Call on glossed text only. */
export const blankGlosses = (text: string): string => text.replace(GLOSS, (g) => ' '.repeat(g.length));
