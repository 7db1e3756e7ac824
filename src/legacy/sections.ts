// The sections of a report for 2008–2018: headings 「一、概述」「三、依申请公开政府信息情况」… told by
// what they say (numbering and order vary between reports), the text before the first heading
// taken as the overview. 「收费及减免」 has no section of its own in the record: it joins the one before.
import type { Line } from '../layout/lines.js';
import type { SectionKey } from '../schema/record.js';
import type { SectionSettings } from '../settings.js';
import { LEGACY_HEADINGS } from '../templates/index.js';
import { squash } from '../text/normalize.js';

/** A section of the record with the lines of its body (heading left out; a joined block's heading kept). */
export interface LegacySection {
  key: SectionKey;
  heading: string;
  lines: Line[];
  /** Bodies of the blocks inside it whose heading says a topic (「四、收费及减免情况」 → fees), by body line range. */
  blocks: Array<{ heading: string; topics: readonly string[]; from: number; to: number }>;
}

const NUMBERED = /^[一二三四五六七八九十]{1,3}[、.．]\s*(.{2,60})$/u;

/** The heading's entry in LEGACY_HEADINGS when `text` is a numbered heading line, else null. */
export function legacyHeadingOf(text: string, tol: SectionSettings): (typeof LEGACY_HEADINGS)[number] | null {
  const t = squash(text);
  const m = NUMBERED.exec(t);
  if (!m || t.length > tol.headingMaxLength || /[。；;]/u.test(t)) return null;
  return LEGACY_HEADINGS.find((h) => h.words.test(m[1])) ?? null;
}

/**
 * The record's sections of `lines` (simplified script), skipping lines in `skip` (the title, the
 * 统计表). Text before the first heading is the overview; a block whose key the record has no section
 * for (fees) or has already joins the section before it, heading line included.
 */
export function legacySections(lines: Line[], skip: Set<number>, tol: SectionSettings): LegacySection[] {
  const out: LegacySection[] = [];
  let cur: LegacySection | null = null;
  let block: LegacySection['blocks'][number] | null = null;
  lines.forEach((line, i) => {
    if (skip.has(i)) return;
    const h = legacyHeadingOf(line.text, tol);
    if (h) {
      const isKey = h.key !== 'fees' && !out.some((s) => s.key === h.key);
      if (isKey || !cur) {
        cur = { key: (isKey ? h.key : 'otherMatters') as SectionKey, heading: line.text.trim(), lines: [], blocks: [] };
        out.push(cur);
      } else cur.lines.push(line);
      block = { heading: line.text.trim(), topics: h.topics ?? [], from: cur.lines.length, to: cur.lines.length };
      cur.blocks.push(block);
      return;
    }
    if (!cur) {
      cur = { key: 'overview', heading: '', lines: [], blocks: [] };
      out.push(cur);
    }
    cur.lines.push(line);
    if (block) block.to = cur.lines.length;
  });
  // The text before the first heading and an 「一、概述」 after it are one overview.
  if (out.length > 1 && out[0].heading === '' && out[1].key === 'overview') {
    const [pre, ov] = out.splice(0, 2);
    const shift = pre.lines.length;
    out.unshift({
      ...ov,
      lines: [...pre.lines, ...ov.lines],
      blocks: ov.blocks.map((b) => ({ ...b, from: b.from + shift, to: b.to + shift })),
    });
  }
  return out;
}
