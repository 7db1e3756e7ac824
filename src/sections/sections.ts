// Section parser: the six headings 一 … 六 and the title block before them.
import type { Section, SectionKey } from '../schema/record.js';
import type { Line } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { DEFAULT_SETTINGS, type SectionSettings } from '../settings.js';

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

export function findSections(lines: Line[], tol: SectionSettings = DEFAULT_SETTINGS.sections): SectionSpan[] {
  const found: Array<{ key: SectionKey; heading: string; start: number }> = [];
  let from = 0;
  for (const [key, re] of HEADINGS) {
    for (let i = from; i < lines.length; i++) {
      const text = squash(lines[i].text);
      // A heading is short; a sentence that merely starts alike is not one.
      if (re.test(text) && text.length <= tol.headingMaxLength) {
        found.push({ key, heading: lines[i].text.trim(), start: i });
        from = i + 1;
        break;
      }
    }
  }
  return found.map((f, k) => ({ ...f, end: k + 1 < found.length ? found[k + 1].start : lines.length }));
}

/** The body lines of each section (heading and excluded lines left out): `text` joins them with \n. */
export function sectionLines(lines: Line[], spans: SectionSpan[], exclude: Set<number>): Map<SectionKey, Line[]> {
  return new Map(spans.map((s) => [s.key, lines.slice(s.start + 1, s.end).filter((_, k) => !exclude.has(s.start + 1 + k))]));
}

export function sectionRecords(lines: Line[], spans: SectionSpan[], exclude: Set<number>): Section[] {
  const bodies = sectionLines(lines, spans, exclude);
  return spans.map((s) => {
    const body = bodies.get(s.key)!;
    const pages = [...new Set([lines[s.start].page, ...body.map((l) => l.page)])].sort((a, b) => a - b);
    return { key: s.key, heading: s.heading, text: body.map((l) => l.text).join('\n'), pages };
  });
}

export interface TitleInfo {
  title: string | null;
  agency: string | null;
  year: number | null;
}

const TITLE = /\d{4}\s*年.*政府信息公开.*报告$/u;
/** Words around a title that are not part of it: a browser's print header date and time, field labels. */
const NOT_TITLE = /^(?:\d{4}[/-]\d{1,2}[/-]\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?|(?:名称|标题)[:：])$/u;

/**
 * The title: the shortest run of lines (before the first heading) that reads 「…20xx年…政府信息公开…报告」,
 * so a title wrapped over two lines is joined and a page header above it is not.
 */
export function findTitle(lines: Line[], firstHeading: number, tol: SectionSettings = DEFAULT_SETTINGS.sections): TitleInfo {
  const n = tol.titleSearchLines;
  const head = lines.slice(0, Math.min(firstHeading < 0 ? n : firstHeading, n));
  const words = head.map((l) => l.tokens.map((t) => t.text).filter((w) => !NOT_TITLE.test(w)).join(''));
  for (let e = 0; e < head.length; e++) {
    for (let s = e; s >= Math.max(0, e - tol.titleMaxLines + 1); s--) {
      const text = squash(words.slice(s, e + 1).join('')).replace(/^(?:名称|标题)[:：]/u, '');
      if (TITLE.test(text)) return { title: text, ...agencyAndYear(text) };
    }
  }
  return { title: null, agency: null, year: null };
}

export function agencyAndYear(title: string): { agency: string | null; year: number | null } {
  const m = /^(.*?)(?:关于)?(\d{4})\s*年度?(.*?)政府信息公开/u.exec(title);
  if (!m) return { agency: null, year: null };
  const before = m[1].replace(/关于$/u, '');
  const after = m[3].replace(/^的/u, '');
  const agency = before || after || null;
  return { agency, year: Number(m[2]) };
}
