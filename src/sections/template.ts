// Which national template the report follows: phrases only one form prints (src/templates markers),
// in table 二's column heads first, then in table 三's labels; else the year.
import type { Template } from '../schema/record.js';
import { FIRST_YEAR_OF_2021_FORM, TEMPLATE_IDS, TEMPLATES } from '../templates/index.js';
import { squash } from '../text/normalize.js';

export function detectTemplate(
  activeDisclosureText: string,
  applicationsText: string,
  year: number | null,
): Template | null {
  const t2 = squash(activeDisclosureText);
  const t3 = squash(applicationsText);
  for (const [text, table] of [
    [t2, 'activeDisclosure'],
    [t3, 'applications'],
  ] as const) {
    const found = TEMPLATE_IDS.find((id) => TEMPLATES[id].markers[table].some((m) => text.includes(m)));
    if (found) return found;
  }
  if (year !== null) return year >= FIRST_YEAR_OF_2021_FORM ? '2021' : '2019';
  return null;
}
