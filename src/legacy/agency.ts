// The issuing agency of an old report whose title does not name it (a web page's body, a fragment, a
// title of the year only): where the report itself says who issues it. The name is taken as printed
// (a region stays a region: 「七里乡」, never completed to 「七里乡人民政府」), and only a clean name is
// taken: Han characters with an agency's or a region's ending, no self-reference (「本级政府」「我局」),
// nothing a mirror site injected (Latin letters, digits, 「|」「_」). Else null, and the caller warns.
import type { Line } from '../layout/lines.js';
import { squash } from '../text/normalize.js';
import { arabicYears, YEAR_PATTERN } from '../text/numerals.js';

/** Where the agency was read (the record warns for a page field, which is not the report's text). */
export type AgencySource = 'presented' | 'date-block' | 'page-field' | 'compiled-by' | 'compiled-from' | 'contact';

export interface OpeningAgency {
  agency: string;
  from: AgencySource;
}

const HAN_NAME = String.raw`\p{Script=Han}{2,30}?`;
/** An agency's ending (人民政府, 局, 委员会, 办公室, …) or a region's (区, 县, 乡, 镇, …). */
const NAME_END =
  /(?:政府|镇|乡|街道|局|委员会|委|办公室|办事处|管委会|中心|厅|院|所|队|站|处|馆|会|办|署|部|区|县|市|旗|州|盟|省)$/u;
/** Not a name: a self-reference, a bare level (「市政府办公室」 names no place), a phrase of the sentence. */
const NOT_NAME = /^(?:本|我|该|各|全|其|市|区|县|镇|乡|省)|报告|信息公开|根据|依据|按照|要求|条例|规定/u;

/** The name when `text` is a clean one (see the file's head), else null. */
export function cleanName(text: string): string | null {
  return new RegExp(`^${HAN_NAME}$`, 'u').test(text) && NAME_END.test(text) && !NOT_NAME.test(text) ? text : null;
}

/** 「(以下简称《条例》)」「（以下称市府办）」: a gloss giving a short form, not part of the sentence. */
const SHORT_FORM = /[(（]以下(?:简称|称)[^)）]{0,24}[)）]/gu;

/** 「现公布泰州市人民政府2017年政府信息公开工作年度报告」: the name before the report's year. */
const PRESENTED = new RegExp(
  `(?:(?:现|特|特此)(?:向社会)?(?:公布|发布|编制)|现将)(${HAN_NAME})${YEAR_PATTERN}年度?[^。]{0,8}?信息公开(?:工作)?(?:年度)?(?:工作)?报告`,
  'u',
);
/**
 * 「特编制2017年理合务镇信息公开工作年度报告」: the name between the year and the topic (not 「2017年度政府信息公开
 * 年度报告」, whose 政府 is the topic's; a name sharing it, 「…区人民政府信息公开…」, keeps it).
 */
const PRESENTED_AFTER_YEAR = new RegExp(
  `(?:现|特|特此)(?:向社会)?(?:公布|发布|编制)(?:了)?${YEAR_PATTERN}年度?(?!度)(?!政府|政务)(${HAN_NAME})(?:政府)?信息公开(?:工作)?(?:年度)?(?:工作)?报告`,
  'u',
);
/** 「XX局现公布2012年…报告」: the subject of the clause that presents the report. */
const PRESENTS = new RegExp(
  `(?:^|[，,。；;：:])(${HAN_NAME})(?:现|特|特此)(?:向社会)?(?:公布|发布)(?:本|我)?[^。]{0,4}?${YEAR_PATTERN}年`,
  'u',
);
/** The issuer and date block set above the text (「廣州市人民政府」 / 「2013年3月」), as a sign-off is below. */
const DATE_LINE = new RegExp(
  `^${YEAR_PATTERN}年[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}日)?$`,
  'u',
);
/** A page's field (「信息来源:XX」「发布机构 | XX」) on a line of its own above the report. */
const FIELD = /^(?:发布机构|发文机关|发布单位|公开主体|信息来源|来源)[:：|｜]+([^:：|｜]+)[|｜]?/u;
/** 「由XX根据…编制」「由XX编制的…」「由XX办公室综合…各…报告编制而成」. */
const COMPILED_BY = new RegExp(`由(${HAN_NAME})(综合|汇总|根据|依据|按照|编制)([^。]{0,16})`, 'u');
/** Summing up the reports of the bodies under it. */
const SUMS_UP = /(?:综合|汇总)[^。]{0,12}?(?:各|所属)/u;
/** 「汇总2016年度七里乡的…报告编制」「以及2013年度东城区人民政府和各街道、委办局的…报告编制」. */
const COMPILED_FROM = new RegExp(
  `(?:以及|汇总|综合)${YEAR_PATTERN}年度?(${HAN_NAME})(?:(?:和|及|与)(?:各|所属)[^的。，,]{0,12})?的(?:政府)?信息公开[^。]{0,8}?报告`,
  'u',
);
/** 「请与钦州市人民政府办公室文电科联系」「请联系:XX办公室(电话…」. */
const CONTACT = new RegExp(`(?:请与|请联系[:：]?)(${HAN_NAME})(?:联系|[（(])`, 'u');
/** How the report calls itself (「我办」「本局」), and the ending its own name then has. */
const SELF = /[我本](办|局|委|厅|院|乡|镇|区|县)/gu;
const SELF_END: Record<string, RegExp> = {
  办: /^.+?办公室/u,
  局: /^.+?局/u,
  委: /^.+?(?:委员会|委)/u,
  厅: /^.+?厅/u,
  院: /^.+?院/u,
  乡: /^.+?乡/u,
  镇: /^.+?镇/u,
  区: /^.+?区/u,
  县: /^.+?县/u,
};

/**
 * The agency the opening of an untitled report names, first of: the report it presents
 * (「现公布XX2017年…报告」), an issuer and date block above it, a page field above it (「信息来源:XX」), who compiled it (「由XX…编制」; an
 * office that sums up 「所属各…」 reports compiles its government's report), whose reports it sums
 * up (「汇总2016年度XX的…报告」), the contact when the report calls itself by that contact's kind
 * (「我办」 and 「请与XX办公室文电科联系」). `lines` are in simplified script; `head` is how many to read.
 */
export function openingAgency(lines: Line[], head: number): OpeningAgency | null {
  const top = lines.slice(0, head).map((l) => squash(l.text));
  // A gloss naming the short form (「XX(以下简称市府办公室)2011年…报告」) stands between a name and the year.
  const opening = arabicYears(top.join('')).replace(SHORT_FORM, '');
  const afterYear = PRESENTED_AFTER_YEAR.exec(opening)?.[1].replace(/人民$/u, '人民政府');
  const presented =
    cleanName(PRESENTED.exec(opening)?.[1] ?? '') ??
    cleanName(afterYear ?? '') ??
    cleanName(PRESENTS.exec(opening)?.[1] ?? '');
  if (presented) return { agency: presented, from: 'presented' };
  const dated = top.findIndex((t, i) => i > 0 && DATE_LINE.test(t) && cleanName(top[i - 1]));
  if (dated > 0) return { agency: top[dated - 1], from: 'date-block' };
  const field = top.map((t) => cleanName(FIELD.exec(t)?.[1] ?? '')).find((n) => n);
  if (field) return { agency: field, from: 'page-field' };
  const by = compiledBy(opening);
  if (by) return { agency: by, from: 'compiled-by' };
  const from = cleanName(COMPILED_FROM.exec(opening)?.[1] ?? '');
  if (from) return { agency: from, from: 'compiled-from' };
  const contact = contactAgency(opening, squash(lines.map((l) => l.text).join('')));
  return contact ? { agency: contact, from: 'contact' } : null;
}

/**
 * 「由XX编制」: XX; a government's office (or a group of it) that sums up the reports of 「各…」「所属…」
 * bodies (「由XX人民政府办公室综合区政府所属各…」「由XX人民政府信息公开工作领导小组办公室…汇总…各县」) compiles
 * its government's report: the government, as its name begins.
 */
function compiledBy(opening: string): string | null {
  const m = COMPILED_BY.exec(opening);
  if (!m) return null;
  const sentence = opening.slice(m.index).split('。')[0];
  const government = /^(\p{Script=Han}+?政府)/u.exec(m[1])?.[1];
  if (government && SUMS_UP.test(sentence)) return cleanName(government);
  return cleanName(m[1]);
}

/** The contact's name cut at the ending of the kind the report calls itself most (「我办」 → …办公室). */
function contactAgency(opening: string, all: string): string | null {
  const named = CONTACT.exec(opening)?.[1];
  if (!named) return null;
  const counts = new Map<string, number>();
  for (const m of all.matchAll(SELF)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
  const kind = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return kind ? cleanName(SELF_END[kind].exec(named)?.[0] ?? '') : null;
}

/** A township-level name at a name's end (乡, 镇, 街道, with its organ). */
const TOWNSHIP = /(?:街道|乡|镇)(?:人民政府|政府|办事处)?$/u;
/** What a place above a township ends with (县, 区, 市, a zone's 管委会…), or its government (「…区人民政府解放街道」). */
const REGION_END = /(?:省|自治区|市|州|地区|盟|县|区|旗|管委会|管理委员会|政府)$/u;

/**
 * Does `name` begin with places, as an agency's name does? A township-level name (乡, 镇, 街道) is a short
 * proper name (at most `maxProper` characters; a 民族乡's may be longer) after nothing or after a region
 * (「东湖县北城街道办事处」). Words before it that end no region (a mirror's brand glued on where the county
 * was) are no part of a name. Names of other kinds (「中国地震局」) are not judged.
 */
export function beginsWithPlaces(name: string, maxProper: number): boolean {
  const end = TOWNSHIP.exec(name);
  if (!end) return true;
  const before = name.slice(0, end.index);
  if (before.includes('族')) return true;
  for (let k = 1; k <= Math.min(maxProper, before.length); k++) {
    const lead = before.slice(0, before.length - k);
    if (lead === '' || REGION_END.test(lead)) return true;
  }
  return false;
}

/**
 * A name that does not begin with places, printed with a blank inside (「某某主页 北城街道办事处」): the
 * longest part after a blank that is a clean name beginning with places; null when there is none.
 * `lines` are those the name was read from (their words keep the printed blanks).
 */
export function nameAfterBlank(name: string, lines: Line[], maxProper: number): string | null {
  const spaced = lines.map((l) => l.tokens.map((t) => t.text).join(' ')).join('\n');
  const chars = Array.from(name).map((c) => c.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
  const printed = new RegExp(chars.join('[ \\t\u3000]*'), 'u').exec(spaced)?.[0];
  const words = printed?.split(/[ \t\u3000]+/u) ?? [];
  for (let j = 1; j < words.length; j++) {
    const rest = cleanName(words.slice(j).join(''));
    if (rest && beginsWithPlaces(rest, maxProper)) return rest;
  }
  return null;
}
