// Section parser: the six headings 一 … 六 and the title block before them.
import type { Section, SectionKey } from '../schema/record.js';
import type { Line } from '../layout/lines.js';
import { squash } from '../text/normalize.js';

/** Heading patterns, matched on the squashed (NFKC, no white space) start of a line. */
const HEADINGS: Array<[SectionKey, RegExp]> = [
  ['overview', /^[一1][、.]总体情况/u],
  ['activeDisclosure', /^[二2][、.]主动公开政府信息/u],
  ['applications', /^[三3][、.]收到和处理政府信息公开申请/u],
  ['reviewLitigation', /^[四4][、.].{0,12}(?:行政复议|行政诉讼)/u],
  ['problems', /^[五5][、.]存在的主要问题/u],
  ['otherMatters', /^[六6][、.]其他需要报告/u],
];

export interface SectionSpan {
  key: SectionKey;
  heading: string;
  /** Index of the heading line; the section runs to the next found heading. */
  start: number;
  end: number;
}

export function findSections(lines: Line[]): SectionSpan[] {
  const found: Array<{ key: SectionKey; heading: string; start: number }> = [];
  let from = 0;
  for (const [key, re] of HEADINGS) {
    for (let i = from; i < lines.length; i++) {
      const text = squash(lines[i].text);
      // A heading is short; a sentence that merely starts alike is not one.
      if (re.test(text) && text.length <= 40) {
        found.push({ key, heading: lines[i].text.trim(), start: i });
        from = i + 1;
        break;
      }
    }
  }
  return found.map((f, k) => ({ ...f, end: k + 1 < found.length ? found[k + 1].start : lines.length }));
}

export function sectionRecords(lines: Line[], spans: SectionSpan[], exclude: Set<number>): Section[] {
  return spans.map((s) => {
    const body = lines.slice(s.start + 1, s.end).filter((_, k) => !exclude.has(s.start + 1 + k));
    const pages = [...new Set([lines[s.start].page, ...body.map((l) => l.page)])].sort((a, b) => a - b);
    return { key: s.key, heading: s.heading, text: body.map((l) => l.text).join('\n'), pages };
  });
}

export interface TitleInfo {
  title: string | null;
  agency: string | null;
  year: number | null;
}

const TITLE_END = /报告$/u;

/** The title is the block before the first heading, up to the line ending in 「报告」. */
export function findTitle(lines: Line[], firstHeading: number): TitleInfo {
  const head = lines.slice(0, Math.min(firstHeading < 0 ? 8 : firstHeading, 8));
  let title: string | null = null;
  for (let n = 1; n <= head.length; n++) {
    const text = squash(head.slice(0, n).map((l) => l.text).join(''));
    if (TITLE_END.test(text) && /政府信息公开/u.test(text)) {
      title = text;
      break;
    }
  }
  if (!title) return { title: null, agency: null, year: null };
  return { title, ...agencyAndYear(title) };
}

export function agencyAndYear(title: string): { agency: string | null; year: number | null } {
  const m = /^(.*?)(?:关于)?(\d{4})\s*年度?(.*?)政府信息公开/u.exec(title);
  if (!m) return { agency: null, year: null };
  const before = m[1].replace(/关于$/u, '');
  const after = m[3].replace(/^的/u, '');
  const agency = before || after || null;
  return { agency, year: Number(m[2]) };
}
