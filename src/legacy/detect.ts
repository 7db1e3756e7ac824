// Is a document a report for 2008–2018 without the national tables (template "2008")? Its title
// names 政府信息公开 and a year of those, or its opening sentence states the period, or its date block
// dates it; a report printing the national form's tables is read as that form whatever its year.
import type { Line } from '../layout/lines.js';
import {
  agencyAndYear,
  agencyLine,
  findTitle,
  signOffAgency,
  TITLE,
  withoutStamps,
  type TitleInfo,
} from '../sections/sections.js';
import { noticeOnReports } from '../sections/evidence.js';
import type { SectionSettings } from '../settings.js';
import { LEGACY_YEARS, NATIONAL_FORM_MARKERS } from '../templates/index.js';
import { squash } from '../text/normalize.js';
import { arabicYears, YEAR_PATTERN } from '../text/numerals.js';
import { beginsWithPlaces, nameAfterBlank, openingAgency, type AgencySource } from './agency.js';
import { legacyHeadingOf } from './sections.js';

/** The title block of a legacy report, and where its year came from. */
export interface LegacyHead extends TitleInfo {
  yearFrom: 'title' | 'period' | 'date' | 'text' | null;
  /** Where the agency was read when the title does not name it (absent: the title or none). */
  agencyFrom?: 'sign-off' | AgencySource;
  /** Words printed before the agency's name, which begin no place and were left out (「某某主页 」). */
  agencyDropped?: string;
  /** A name read that does not begin with places and could not be cut to one: the agency is null. */
  agencyRejected?: string;
}

/** 「统计期限自2015年1月1日起至2015年12月31日止」「2015年1月1日至12月31日」「本报告…2015年度」. */
const PERIOD = new RegExp(`(${YEAR_PATTERN})年(?:1|一)月(?:1|一)日(?:起)?(?:至|到|-|—)`, 'u');
const REPORT_YEAR = new RegExp(`本(?:年度)?(?:报告|年报)[^。]{0,40}?(${YEAR_PATTERN})年度?`, 'u');
/**
 * 「特向社会公布2017年度政府信息公开年度报告」「现将我乡2014年政府信息公开工作报告公开如下」「现将我局2014年政府
 * 信息公开情况报告如下」.
 */
const NAMED_REPORT = new RegExp(
  `(${YEAR_PATTERN})年度?[^。，,]{0,8}?信息公开(?:工作)?(?:年度)?(?:工作)?(?:情况)?报告`,
  'u',
);
/**
 * …presented by the report itself (「现公布」「特向社会公布」「现将…公开如下」), not named by a notice about
 * compiling it (「各单位要在3月31日前向社会公布本单位2016年度…报告」).
 */
const PRESENTS = new RegExp(`(?:(?:现|特|特此)(?:向社会)?公布|现将)[^。]{0,16}?${NAMED_REPORT.source}`, 'u');
/** 「现将我区政府信息公开工作情况报告如下」: the report presenting itself, with or without its year. */
const REPORTED_BELOW = /现将[^。]{0,20}?信息公开[^。]{0,8}?报告如下/u;
const ANY_YEAR = new RegExp(`(${YEAR_PATTERN})年`, 'gu');
/** The closing date (「二○一四年三月二十日」): the report is on the year before it. */
const DATE = new RegExp(
  `^(?:.*?)(${YEAR_PATTERN})年[0-9一二三四五六七八九十]{1,2}月[0-9一二三四五六七八九十]{1,3}日$`,
  'u',
);
/** Reports fall due by 31 March of the next year (《条例》 art. 31); a date after June dates no report. */
const LAST_MONTH_OF_REPORTING = 6;

/**
 * The title block of `lines` when they are a report for 2008–2018 without the national tables; null
 * when they are not (another year, a national form, or no 政府信息公开 report at all). `lines` are in
 * simplified script.
 */
export function legacyHead(lines: Line[], tol: SectionSettings): LegacyHead | null {
  const all = squash(lines.map((l) => l.text).join(''));
  if (NATIONAL_FORM_MARKERS.some((m) => all.includes(m))) return null;
  const found = findTitle(lines, -1, tol);
  const head = found.title === null ? (runOnTitle(lines, tol) ?? found) : found;
  const opening = arabicYears(
    squash(
      lines
        .slice(0, tol.titleSearchLines * 2)
        .map((l) => l.text)
        .join(''),
    ),
  );
  // No title (a web page's body, a fragment): a report about 政府信息公开 whose opening names it
  // (「本报告…」「本年报…」「现公布泰州市人民政府2017年政府信息公开工作年度报告」) or whose numbered headings are an old
  // report's.
  // Or a body copied from its first heading on, 「一、概述」 of the year's 政府信息公开 work. Not a notice telling
  // bodies how to write their reports, whose outline has a report's headings.
  const names = /本(?:年度)?(?:报告|年报)/u.test(opening) || PRESENTS.test(opening) || REPORTED_BELOW.test(opening);
  const shaped = () =>
    (legacyHeadingCount(lines, tol) >= MIN_HEADINGS_UNTITLED || opensWithOverview(lines, tol)) &&
    !noticeOnReports(lines, tol);
  const isReport = head.title !== null || (all.includes('政府信息公开') && (names || shaped()));
  if (!isReport) return null;
  const dated = yearOf(head, opening, lines);
  if (dated.year === null || dated.year < LEGACY_YEARS.first || dated.year > LEGACY_YEARS.last) return null;
  return { ...head, year: dated.year, yearFrom: dated.from, ...agencyOf(head, lines, tol) };
}

/**
 * The agency (see agencyFound), when its name begins with places; else the part of it after a printed
 * blank that does (the words before named in `agencyDropped`); else none (the name in `agencyRejected`).
 */
function agencyOf(head: TitleInfo, lines: Line[], tol: SectionSettings): AgencyOf {
  const found = agencyFound(head, lines, tol);
  if (!found.agency || beginsWithPlaces(found.agency, tol.townshipNameMax)) return found;
  const rest = nameAfterBlank(found.agency, lines, tol.townshipNameMax);
  if (!rest) return { agency: null, agencyRejected: found.agency };
  return { ...found, agency: rest, agencyDropped: found.agency.slice(0, found.agency.length - rest.length) };
}
type AgencyOf = Pick<LegacyHead, 'agency' | 'agencyFrom' | 'agencyDropped' | 'agencyRejected'>;

/** The title's agency; else the sign-off's; else the one the opening (before the first heading) names. */
function agencyFound(head: TitleInfo, lines: Line[], tol: SectionSettings): AgencyOf {
  if (head.agency) return { agency: head.agency };
  const signed = signOffAgency(lines);
  if (signed) return { agency: signed, agencyFrom: 'sign-off' };
  const first = lines.findIndex((l) => legacyHeadingOf(l.text, tol));
  const opening = openingAgency(lines, first < 0 ? tol.titleSearchLines : Math.min(first, tol.titleSearchLines));
  return opening ? { agency: opening.agency, agencyFrom: opening.from } : { agency: null };
}

function yearOf(
  head: TitleInfo,
  opening: string,
  lines: Line[],
): { year: number | null; from: LegacyHead['yearFrom'] } {
  if (head.year !== null) return { year: head.year, from: 'title' };
  const m = PERIOD.exec(opening) ?? REPORT_YEAR.exec(opening) ?? NAMED_REPORT.exec(opening);
  if (m) return { year: Number(arabicYears(`${m[1]}年`).slice(0, 4)), from: 'period' };
  for (const l of lines.slice(-8).reverse()) {
    const d = DATE.exec(arabicYears(squash(l.text)));
    if (!d) continue;
    const month = /年(\d{1,2}|[一二三四五六七八九十]{1,2})月/u.exec(arabicYears(squash(l.text)))?.[1] ?? '';
    const monthNumber = /^\d+$/u.test(month) ? Number(month) : '一二三四五六七八九'.indexOf(month) + 1 || 10;
    if (monthNumber > LAST_MONTH_OF_REPORTING) return { year: null, from: null };
    return { year: Number(arabicYears(`${d[1]}年`).slice(0, 4)) - 1, from: 'date' };
  }
  return onlyYear(lines);
}

/** No title, period or date (a copy of the body only): the year when it is the one year the text names. */
function onlyYear(lines: Line[]): { year: number | null; from: LegacyHead['yearFrom'] } {
  const years = new Set(
    [...arabicYears(squash(lines.map((l) => l.text).join(''))).matchAll(ANY_YEAR)].map((m) => m[1]),
  );
  return years.size === 1 ? { year: Number([...years][0]), from: 'text' } : { year: null, from: null };
}

/** Untitled copies: how many of an old report's topics its numbered headings name (概述 not counted). */
const MIN_HEADINGS_UNTITLED = 3;
function legacyHeadingCount(lines: Line[], tol: SectionSettings): number {
  const keys = new Set(lines.map((l) => legacyHeadingOf(l.text, tol)?.key).filter((k) => k && k !== 'overview'));
  return keys.size;
}

/**
 * Untitled copies: the text opens with 「一、概述」 (or 概况, 基本情况), the first part of the report the
 * 条例 asks for, and that part is about 政府信息公开 (named at least `untitledOverviewMentions` times). A
 * 信访 or budget report opening with an overview is about its own work and names 政府信息公开 once if at all.
 */
function opensWithOverview(lines: Line[], tol: SectionSettings): boolean {
  const first = lines.findIndex((l) => squash(l.text) !== '');
  if (first < 0 || legacyHeadingOf(lines[first].text, tol)?.key !== 'overview') return false;
  const next = lines.findIndex((l, i) => i > first && legacyHeadingOf(l.text, tol) !== null);
  const overview = squash(
    lines
      .slice(first + 1, next < 0 ? undefined : next)
      .map((l) => l.text)
      .join(''),
  );
  return overview.split('政府信息公开').length - 1 >= tol.untitledOverviewMentions;
}

/** A title is no sentence: it has none of a sentence's marks. */
const SENTENCE_MARK = /[,.;:!?。]/u;
/** The longest run-on title read (characters, squashed): a title is about two lines of a page. */
const RUN_ON_TITLE_MAX = 60;

/**
 * A title line that runs on into the body (「2018年政府信息公开工作年度报告 根据《条例》…」: a web page's
 * paragraphs joined on one line): the line's first words, up to a blank, when they read as a title
 * and no sentence; its agency its own, or the agency line right above (as findTitle reads one).
 */
function runOnTitle(lines: Line[], tol: SectionSettings): TitleInfo | null {
  for (let i = 0; i < Math.min(lines.length, tol.titleSearchLines); i++) {
    const words = lines[i].tokens.map((t) => t.text);
    for (let k = 1; k < words.length; k++) {
      const text = withoutStamps(squash(words.slice(0, k).join('')));
      if (SENTENCE_MARK.test(text) || text.length > RUN_ON_TITLE_MAX) break;
      if (!TITLE.test(arabicYears(text))) continue;
      const own = agencyAndYear(arabicYears(text));
      const near = own.agency || i === 0 ? null : agencyLine(lines[i - 1].text);
      return near ? { title: near + text, agency: near, year: own.year } : { title: text, ...own };
    }
  }
  return null;
}
