// Section parser: the six headings 一 … 六 and the title block before them.
import type { Section, SectionKey } from '../schema/record.js';
import type { Line } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { arabicYears } from '../text/numerals.js';
import { DEFAULT_SETTINGS, type SectionSettings } from '../settings.js';

/** Heading patterns, matched on the squashed (NFKC, no white space) start of a line. */
const HEADINGS: Array<[SectionKey, RegExp]> = [
  ['overview', /^[一1][、.]总体情况/u],
  ['activeDisclosure', /^[二2][、.]主动公开政府信息/u],
  ['applications', /^[三3][、.]收到和处理政府信息公开申请/u],
  ['reviewLitigation', /^[四4][、.].{0,12}(?:行政复议|行政诉讼)/u],
  // 2019 reports often print 「五、政府信息公开工作存在的主要问题及改进情况」.
  ['problems', /^[五5][、.](?:政府信息公开工作)?存在的主要问题/u],
  ['otherMatters', /^[六6][、.]其他需要报告/u],
];

/**
 * Markdown marks a heading may carry in any input (text pasted from a Markdown editor, a web page
 * made from Markdown): 「## 一、总体情况」, 「**一、总体情况**」, 「> 一、…」; squashed text.
 */
const MARKDOWN_MARKS = /^(?:#{1,6}|>|[*_]{1,3})+|[*_#]+$/gu;

/** A line's squashed text as a heading is matched: Markdown marks off. */
export const headingText = (text: string) => squash(text).replace(MARKDOWN_MARKS, '');

export interface SectionSpan {
  key: SectionKey;
  heading: string;
  /** Index of the heading line; the section runs to the next found heading. */
  start: number;
  end: number;
}

/**
 * The same headings under any Chinese number (「三、主动公开政府信息情况」 in a report that inserted a
 * section). Not under any Arabic one: 「1、主动公开政府信息数量」 is a sub-heading of the overview.
 */
const ANY_NUMBER: Array<[SectionKey, RegExp]> = HEADINGS.map(([key, re]) => [
  key,
  new RegExp(re.source.replace(/^\^\[[^\]]+\]/u, '^[一二三四五六七八九十]{1,3}'), 'u'),
]);

/**
 * The headings 一 … 六 in order, each the first short line (`headingMaxLength`) reading so after the
 * previous one; `anyNumber`: whatever number each is printed with.
 */
export function findSections(
  lines: Line[],
  tol: SectionSettings = DEFAULT_SETTINGS.sections,
  anyNumber = false,
): SectionSpan[] {
  const found: Array<{ key: SectionKey; heading: string; start: number }> = [];
  let from = 0;
  for (const [key, re] of anyNumber ? ANY_NUMBER : HEADINGS) {
    for (let i = from; i < lines.length; i++) {
      const text = headingText(lines[i].text);
      // A heading is short; a sentence that merely starts alike is not one.
      if (re.test(text) && text.length <= tol.headingMaxLength && !namesAnother(text, key)) {
        found.push({ key, heading: lines[i].text.trim().replace(MARKDOWN_MARKS, '').trim(), start: i });
        from = i + 1;
        break;
      }
    }
  }
  return found.map((f, k) => ({ ...f, end: k + 1 < found.length ? found[k + 1].start : lines.length }));
}

/**
 * A line that holds another section's heading after its own (「一、总体情况 二、主动公开政府信息情况」):
 * a table of contents or a page's menu, not the heading.
 */
function namesAnother(text: string, key: SectionKey): boolean {
  return HEADINGS.some(
    ([other, re]) =>
      other !== key &&
      [...text.matchAll(/[一二三四五六][、.]/gu)].some((m) => (m.index ?? 0) > 0 && re.test(text.slice(m.index))),
  );
}

/** The body lines of each section (heading and excluded lines left out): `text` joins them with \n. */
export function sectionLines(lines: Line[], spans: SectionSpan[], exclude: Set<number>): Map<SectionKey, Line[]> {
  return new Map(
    spans.map((s) => [s.key, lines.slice(s.start + 1, s.end).filter((_, k) => !exclude.has(s.start + 1 + k))]),
  );
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
  /** OCR: the lowest confidence of the title's words (absent for a text layer). */
  confidence?: number;
}

// 「政府」 is sometimes left out of an old title (「XX局2013年度信息公开工作年度报告」).
/** 「…2018年…政府信息公开…报告」, or the year after the topic (「东湖市环境保护局政府信息公开工作2009年度报告」). */
export const TITLE = /\d{4}\s*年.*信息公开.*报告$|信息公开(?:工作)?\d{4}\s*年度?(?:工作)?报告$/u;
/** Words around a title that are not part of it: a browser's print header date and time, field labels. */
const NOT_TITLE = /^(?:\d{4}[/-]\d{1,2}[/-]\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?|(?:名称|标题)[:：])$/u;
/**
 * What a browser's print header or footer puts beside the title on the same line, as OCR may glue
 * it on (squashed: NFKC, no spaces): a date (「2023/3/12」, misread 「2023/312」), a time
 * (「下午3:40」, 「10:41」), a URL. Never part of a title, which starts and ends with words.
 */
/** A host name without scheme (「puroview.com」): a print header's, or one a mirror site glued on. */
const BARE_DOMAIN = String.raw`[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|cn|net|org|gov|edu|cc|top|info|xyz|vip)(?![A-Za-z])(?:/[\x21-\x7e]*)?`;
const STAMP = String.raw`(?:\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{4}[/.-]\d{1,4}(?![\d年])|[上下]午|(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?|(?:https?://|www\.)[\x21-\x7e]+|${BARE_DOMAIN})`;
const LEADING_STAMPS = new RegExp(`^${STAMP}+`, 'u');
/** …and at the end also the page counter (「1/5」). */
const TRAILING_STAMPS = new RegExp(`(?:${STAMP}|\\d{1,3}/\\d{1,3})+$`, 'u');
/** A metadata box's field label, with its colon or (cells read apart by a space) without. */
const LABEL = /^(?:名称|标题)[:：]?/u;

/** A squashed line run without the print header's stamps around it and without a field label. */
export function withoutStamps(text: string): string {
  return text.replace(LEADING_STAMPS, '').replace(LABEL, '').replace(LEADING_STAMPS, '').replace(TRAILING_STAMPS, '');
}

/**
 * The title: the shortest run of lines (before the first heading) that reads 「…20xx年…政府信息公开…报告」,
 * so a title wrapped over two lines is joined and a page header above it is not. When several runs
 * read so (a browser's small print header repeats the title, a metadata box names it), the first
 * is taken unless a later one is set in type at least `titleLargerType` times as large: the
 * largest. When the title names no agency, the agency is the line just above or below it
 * (「（XX市XX局）」 in brackets too), and the title is that agency followed by the printed title.
 */
export function findTitle(
  lines: Line[],
  firstHeading: number,
  tol: SectionSettings = DEFAULT_SETTINGS.sections,
): TitleInfo {
  const n = tol.titleSearchLines;
  const head = lines.slice(0, Math.min(firstHeading < 0 ? n : firstHeading, n));
  const words = head.map((l) =>
    l.tokens
      .map((t) => t.text)
      .filter((w) => !NOT_TITLE.test(w))
      .join(''),
  );
  const found: Array<{ s: number; e: number; text: string; size: number }> = [];
  for (let e = 0; e < head.length; e++) {
    for (let s = e; s >= Math.max(0, e - tol.titleMaxLines + 1); s--) {
      const text = withoutStamps(squash(words.slice(s, e + 1).join('')));
      // A year printed in Chinese digits (「二〇一二年」) reads as one in Arabic digits.
      if (!TITLE.test(arabicYears(text))) continue;
      found.push({ s, e, text, size: typeSize(head.slice(s, e + 1)) });
      break;
    }
  }
  dropReportLists(found, tol.titleListMinLines);
  if (!found.length) return { title: null, agency: null, year: null };
  let pick = found[0];
  for (const f of found) if (f.size >= tol.titleLargerType * found[0].size && f.size > pick.size) pick = f;
  const { s, e, text } = pick;
  const own = agencyAndYear(arabicYears(text));
  const conf = head
    .slice(s, e + 1)
    .flatMap((l) => l.tokens.map((t) => t.confidence))
    .filter((c): c is number => c !== undefined);
  const confidence = conf.length ? { confidence: Math.min(...conf) } : {};
  if (own.agency) return { title: text, ...own, ...confidence };
  const near = agencyLineNear(words, s, e);
  if (near) return { title: near + text, agency: near, year: own.year, ...confidence };
  return { title: text, ...own, ...confidence };
}

/**
 * Out of `found` (title candidates in line order), runs of at least `min` one-line titles on
 * consecutive lines naming two years or more: a list of reports (a page's links), not its title.
 */
function dropReportLists(found: Array<{ s: number; e: number; text: string }>, min: number): void {
  const runs: Array<typeof found> = [];
  for (const f of found) {
    const run = runs[runs.length - 1];
    const prev = run?.[run.length - 1];
    if (prev && f.s === f.e && prev.s === prev.e && f.s === prev.e + 1) run.push(f);
    else runs.push([f]);
  }
  const years = (run: typeof found) => new Set(run.map((f) => agencyAndYear(arabicYears(f.text)).year)).size;
  const listed = new Set(runs.filter((r) => r.length >= min && years(r) > 1).flat());
  const kept = found.filter((f) => !listed.has(f));
  found.splice(0, found.length, ...kept);
}

/** Type size of lines: the median height of their tokens (page units). */
function typeSize(lines: Line[]): number {
  const h = lines.flatMap((l) => l.tokens.map((t) => t.bbox[3] - t.bbox[1])).sort((a, b) => a - b);
  return h.length ? h[h.length >> 1] : 0;
}

/** Words an agency's name ends with (人民政府, 局, 委员会, 办公室, 街道办事处, …). */
const AGENCY_END =
  /(?:政府|镇|乡|街道|局|委员会|委|办公室|办事处|管委会|管理委员会|中心|厅|院|分局|所|队|站|处|馆|会|办|署|部|公司|集团)$/u;
const BRACKETED = /^[(（〔【[](.+)[)）〕】\]]$/u;

/** A line that is an agency's name alone: short, no digits, ending like one (brackets allowed). */
export function agencyLine(text: string): string | null {
  const t = withoutStamps(squash(text));
  const inner = BRACKETED.exec(t)?.[1] ?? t;
  if (inner.length < 3 || inner.length > 30 || /\d|[，。；：:,;]|年度?报告|政府信息公开/u.test(inner)) return null;
  return AGENCY_END.test(inner) ? inner : null;
}

/** The agency printed on its own line right above or right below the title lines s..e. */
function agencyLineNear(words: string[], s: number, e: number): string | null {
  return (s > 0 ? agencyLine(words[s - 1]) : null) ?? (e + 1 < words.length ? agencyLine(words[e + 1]) : null);
}

const DATE_LINE =
  /^(?:\d{4}|[〇零一二三四五六七八九○]{4})年\d{1,2}月\d{1,2}日$|^(?:\d{4}|[〇零一二三四五六七八九○]{4})年[〇零一二三四五六七八九十○]{1,2}月[〇零一二三四五六七八九十○]{1,3}日$/u;

/**
 * The agency of the closing sign-off: the name on the line above the date at the end of the report
 * (「洪泽区人民政府」 / 「2024年1月20日」), or before the date on the same line.
 */
export function signOffAgency(lines: Line[]): string | null {
  const tail = lines.slice(-8).map((l) => squash(l.text));
  for (let k = tail.length - 1; k >= 0; k--) {
    const m = /^(.*?)((?:\d{4}|[〇零一二三四五六七八九○]{4})年.{1,3}月.{1,4}日)$/u.exec(tail[k]);
    if (!m || !DATE_LINE.test(m[2])) continue;
    return agencyLine(m[1]) ?? (k > 0 ? agencyLine(tail[k - 1]) : null);
  }
  return null;
}

/** 「东湖市环境保护局政府信息公开工作2009年度报告」: the year after the topic, the name before it. */
const YEAR_AFTER_TOPIC = /^(.*?)(?:政府)?信息公开(?:工作)?(\d{4})\s*年度?(?:工作)?报告$/u;

export function agencyAndYear(title: string): { agency: string | null; year: number | null } {
  const late = YEAR_AFTER_TOPIC.exec(title);
  if (late) return { agency: late[1].replace(/人民$/u, '人民政府') || null, year: Number(late[2]) };
  const m = /^(.*?)(?:关于)?(\d{4})\s*年度?(.*?)(?:政府)?信息公开/u.exec(title);
  if (!m) return { agency: null, year: null };
  const before = m[1].replace(/关于$/u, '');
  // 「2008年度湖南省人民政府信息公开工作报告」: the 政府 both words share is the name's (no name ends in 人民).
  const after = m[3].replace(/^的/u, '').replace(/人民$/u, '人民政府');
  const agency = before || after || null;
  return { agency, year: Number(m[2]) };
}
