// Tables published as pictures (WeChat articles and some CMS pages paste table 三 as a screenshot):
// an image under the heading of a table section whose table is not in the markup is warned, naming
// the table, so its missing values are flagged rather than silently absent.
import type { MarkupBlock } from '../markup/layout.js';
import type { ReaderWarning } from '../types.js';

/** The table sections by their heading's numeral. */
const TABLE_SECTIONS: Record<string, { key: string; name: string }> = {
  二: { key: 'activeDisclosure', name: '二' },
  三: { key: 'applications', name: '三' },
  四: { key: 'reviewLitigation', name: '四' },
};
const HEADING = /^([一二三四五六])[、.．]/u;

/** An image met in the content, after `blocksBefore` blocks. */
export interface ContentImage {
  blocksBefore: number;
  src: string;
}

/** A warning per table section that holds images but no table (the table may be one of the images). */
export function imageTableWarnings(blocks: MarkupBlock[], images: ContentImage[]): ReaderWarning[] {
  const sections: Array<{ numeral: string; start: number; end: number }> = [];
  blocks.forEach((b, i) => {
    const m = b.kind === 'paragraph' ? HEADING.exec(b.text) : null;
    if (!m) return;
    if (sections.length) sections[sections.length - 1].end = i;
    sections.push({ numeral: m[1], start: i, end: blocks.length });
  });
  const out: ReaderWarning[] = [];
  for (const s of sections) {
    const table = TABLE_SECTIONS[s.numeral];
    if (!table || blocks.slice(s.start, s.end).some((b) => b.kind === 'table')) continue;
    const inside = images.filter((im) => im.blocksBefore > s.start && im.blocksBefore <= s.end);
    if (inside.length === 0) continue;
    const srcs = inside
      .map((im) => im.src || '(no src)')
      .slice(0, 3)
      .join(', ');
    out.push({
      code: 'image-ignored',
      path: table.key,
      message: `table ${table.name} is not in the page's markup, but ${inside.length} image${inside.length > 1 ? 's are' : ' is'} under its heading (${srcs}): the table may be a picture, which is not read`,
    });
  }
  return out;
}
