// Reports for 2008–2018 (template "2008"): detection, sections, figures from prose and the old 统计表.
import type { Line } from '../layout/lines.js';
import { NATIONAL_FORM_MARKERS } from '../templates/index.js';
import { squash } from '../text/normalize.js';
import { blankGlosses, isGlossed } from '../text/glosses.js';
import { toSimplified } from '../text/script.js';

export { legacyHead, type LegacyHead } from './detect.js';
export { legacyParts, type LegacyInput } from './build.js';

/** Does the text print a phrase only the national forms (2019, 2021) print? */
export function hasNationalForm(lines: Line[]): boolean {
  const all = squash(lines.map((l) => l.text).join(''));
  return NATIONAL_FORM_MARKERS.some((m) => all.includes(m));
}

/**
 * `lines` in simplified script (the same lines when they are already), lengths and offsets kept; a
 * mirror's pinyin glosses (「報(bào)告」) blanked when the text has at least `minGlosses` of them.
 */
export function simplifiedLines(lines: Line[], minGlosses: number): Line[] {
  const joined = lines.map((l) => l.text).join('\n');
  const unglossed = isGlossed(joined, minGlosses) ? blankGlosses : (t: string) => t;
  const s = unglossed(toSimplified(joined));
  if (s === joined) return lines;
  const parts = s.split('\n');
  return lines.map((l, i) => ({
    ...l,
    text: parts[i],
    tokens: l.tokens.map((t) => ({ ...t, text: unglossed(toSimplified(t.text)) })),
  }));
}
