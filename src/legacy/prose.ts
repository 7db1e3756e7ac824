// Figures from the prose of a report for 2008–2018: each number with a count or amount unit is named
// by the phrase before it (src/templates/legacy-phrases.ts), within the topic the sentence is about;
// numbers about another year, a sub-unit, 咨询 or 信访 are not taken; approximate ones are noted, not
// taken; none-statements (「未收到…申请」) are 0. Offsets are into the section's text.
import { normaliseProse, originalSpan, type NormalisedText } from '../checks/prose-text.js';
import {
  AMOUNT_UNITS,
  APPROXIMATE_AFTER,
  APPROXIMATE_BEFORE,
  CATEGORIES_AFTER,
  COMPLAINT_WORDS,
  JOINT_REVIEW_LITIGATION,
  CONSULTATION_PART,
  COUNT_UNITS,
  FIGURE_PHRASES,
  ITEMS_TOTAL,
  NONE_STATEMENTS,
  NOT_THIS_FIGURE,
  RECEIVED_NOUN_AFTER,
  REPORT_PARTS_AFTER,
  RUNNING_TOTAL,
  VARIANT_CHARS,
  type LegacyTopic,
} from '../templates/index.js';
import { proseNumber, YEAR_PATTERN, yearNumber } from '../text/numerals.js';
import { sentencesOf } from './sub-headings.js';

/** A span of a section's text: what a figure was read from. */
export interface Span {
  section: string;
  start: number;
  end: number;
  text: string;
}

/** A figure the prose states. */
export interface ProseFigure {
  path: string;
  value: number;
  span: Span;
  /** A share printed with it (「占62.8%」), to be checked against its base. */
  share?: { percent: number; decimals: number; span: Span };
}

/** What the prose says besides exact figures. */
export interface ProseReading {
  figures: ProseFigure[];
  /** Figures stated only approximately (「约120件」): not taken. */
  approximate: Array<{ path: string; span: Span }>;
  /** Figures stated only as a share (「同意公开的占62.8%」): not taken. */
  sharesOnly: Array<{ path: string; percent: number; span: Span }>;
  /** Numbers two phrase classes of one group name at once (「当面或网上申请5件」): not taken. */
  ambiguous: Array<{ span: Span }>;
}

const N = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇○一二两三四五六七八九十百千万]+`;
const NUMBER = new RegExp(`(${N})(余|多|来)?(${COUNT_UNITS}|万元|元|%)`, 'gu');
/** Clauses end at , and : (NFKC of ，：), not at a thousands separator (「1,234」). */
const CLAUSE = /(?:[^,:]|(?<=\d),(?=\d{3}(?!\d)))+[,:]?/gu;
const YEAR_IN = new RegExp(`(${YEAR_PATTERN})年`, 'gu');

/** Every figure the text of one section states, in order. `year` is the report's year. */
export function readProse(section: string, text: string, year: number | null): ProseReading {
  const n = foldVariants(normaliseProse(text));
  const out: ProseReading = { figures: [], approximate: [], sharesOnly: [], ambiguous: [] };
  const span = (from: number, to: number): Span => {
    const { start, end } = originalSpan(n, from, to, text);
    return { section, start, end, text: text.slice(start, end) };
  };
  let topic: LegacyTopic | null = null;
  for (const s of sentencesOf(text, n)) {
    const ctx: ClauseContext = { section, n, year, topic, out, span, last: null, sentence: s };
    for (const none of NONE_STATEMENTS) {
      const m = none.words.exec(s.text);
      if (m)
        for (const path of none.paths)
          out.figures.push({ path, value: 0, span: span(s.at + m.index, s.at + m.index + m[0].length) });
    }
    for (const c of s.text.matchAll(CLAUSE)) ctx.topic = readClause(c[0], s.at + c.index, ctx);
    topic = ctx.topic;
  }
  return out;
}

const VARIANT = new RegExp(`[${Object.keys(VARIANT_CHARS).join('')}]`, 'gu');
/** The text with variant characters folded: one character for one, so offsets stay. */
const foldVariants = (n: NormalisedText): NormalisedText => ({
  ...n,
  text: n.text.replace(VARIANT, (c) => VARIANT_CHARS[c]),
});

interface ClauseContext {
  section: string;
  n: NormalisedText;
  year: number | null;
  topic: LegacyTopic | null;
  out: ProseReading;
  span: (from: number, to: number) => Span;
  /** The last figure of the sentence, whose share a following 「占…%」 states. */
  last: ProseFigure | null;
  /** The sentence the clause is in (normalised offsets). */
  sentence: { at: number; text: string };
}

/** The figures of one clause; returns the topic after it. */
function readClause(clause: string, at: number, ctx: ClauseContext): LegacyTopic | null {
  let topic = ctx.topic;
  let from = 0;
  for (const m of clause.matchAll(NUMBER)) {
    const [whole, printed, approx, unit] = m;
    const words = titlesMasked(clause.slice(from, m.index));
    const before = titlesMasked(clause.slice(0, m.index));
    from = m.index + whole.length;
    if (unit === '%') {
      shareOf(ctx.last, words, printed, at + m.index, at + from, ctx, topic);
      ctx.last = null;
      continue;
    }
    ctx.last = null;
    const after = clause.slice(from);
    const sentenceBefore = ctx.sentence.text.slice(0, at - ctx.sentence.at + m.index);
    if (
      excluded(before, ctx.year) ||
      (/累计/u.test(before) && RUNNING_TOTAL.test(sentenceBefore)) ||
      (unit === '个' && REPORT_PARTS_AFTER.test(after)) ||
      CATEGORIES_AFTER.test(after)
    )
      continue;
    const value = proseNumber(printed);
    if (value === null) continue;
    if (JOINT_REVIEW_LITIGATION.test(words) && !approx) {
      if (value === 0 || /各$/u.test(words)) jointFigures(ctx, value, ctx.span(at + m.index - words.length, at + from));
      else ctx.out.ambiguous.push({ span: ctx.span(at + m.index - words.length, at + from) });
      continue;
    }
    const phrase =
      classify(words, before, topic) ?? receivedNamedAfter(words, after) ?? itemsTotal(ctx.section, words, before);
    if (phrase === AMBIGUOUS) {
      ctx.out.ambiguous.push({ span: ctx.span(at + m.index - words.length, at + from) });
      continue;
    }
    if (!phrase) continue;
    if (phrase.sets) topic = phrase.sets;
    const isAmount = phrase.path.startsWith('fees.');
    if (isAmount !== unit in AMOUNT_UNITS) continue;
    const s = ctx.span(at + Math.max(0, m.index - words.length), at + from);
    if (approx || APPROXIMATE_BEFORE.test(words) || APPROXIMATE_AFTER.test(after)) {
      ctx.out.approximate.push({ path: phrase.path, span: s });
      continue;
    }
    ctx.last = {
      path: phrase.path,
      value: isAmount ? Math.round(value * AMOUNT_UNITS[unit] * 100) / 100 : value,
      span: s,
    };
    ctx.out.figures.push(ctx.last);
  }
  return topic;
}

/** A joint count of 复议 and 诉讼 that is each's (0, or 「各N件」): both totals, one span. */
function jointFigures(ctx: ClauseContext, value: number, span: Span): void {
  for (const path of ['review.total', 'litigation.total']) ctx.out.figures.push({ path, value, span });
  ctx.last = null;
}

/**
 * The words with every document title (「《政府信息主动公开制度》」) blanked, one character for one: a
 * phrase inside a title names a document, not what the number counts (「…《政府信息主动公开制度》等九项制度」).
 */
const titlesMasked = (words: string): string => words.replace(/《[^《》]*》/gu, (t) => '□'.repeat(t.length));

/** Is a number in a clause that rules it out (another year, a change, 信访, a sub-unit)? */
function excluded(before: string, year: number | null): boolean {
  if (NOT_THIS_FIGURE.some((x) => x.words.test(before))) return true;
  for (const y of before.matchAll(YEAR_IN)) if (year !== null && yearNumber(y[1]) !== year) return true;
  return false;
}

type Phrase = (typeof FIGURE_PHRASES)[number];

/** 「收到12起政府信息依申请公开」: the total of applications, its noun after the number. */
function receivedNamedAfter(words: string, after: string): Phrase | null {
  if (!RECEIVED_NOUN_AFTER.before.test(words) || !RECEIVED_NOUN_AFTER.after.test(after)) return null;
  return FIGURE_PHRASES.find((p) => p.path === 'applications.received')!;
}
/** 「全镇共发布各类信息内容46条」 in the overview or the part on active disclosure: the items disclosed (ITEMS_TOTAL). */
function itemsTotal(section: string, words: string, before: string): Phrase | null {
  if (!ITEMS_TOTAL.sections.includes(section) || !ITEMS_TOTAL.words.test(words) || ITEMS_TOTAL.notWith.test(before))
    return null;
  return FIGURE_PHRASES.find((p) => p.path === 'activeDisclosure.items')!;
}
const AMBIGUOUS = 'ambiguous' as const;
const group = (path: string) => path.slice(0, path.lastIndexOf('.'));

/** The last match of a class's words in `words`: [start, end), or null. */
function lastMatch(p: Phrase, words: string): [number, number] | null {
  let found: [number, number] | null = null;
  for (const m of words.matchAll(new RegExp(p.words.source, 'gu'))) found = [m.index, m.index + m[0].length];
  return found;
}

/**
 * The phrase class naming a number: the one matching closest before it (weak classes only alone);
 * AMBIGUOUS when two classes of one group match apart. Consultations: only their total.
 */
function classify(words: string, before: string, topic: LegacyTopic | null): Phrase | typeof AMBIGUOUS | null {
  // One number for 咨询 and 投诉 together names neither; 投诉 after a count of 咨询 is classed as itself.
  if (/咨询/u.test(words) && COMPLAINT_WORDS.test(words)) return AMBIGUOUS;
  if (/咨询/u.test(before) && !COMPLAINT_WORDS.test(words))
    return CONSULTATION_PART.test(before) ? null : FIGURE_PHRASES.find((p) => p.path === 'consultations')!;
  const hits = FIGURE_PHRASES.filter((p) => (!p.topic || p.topic === topic) && p.words.test(words)).map((p) => ({
    p,
    at: lastMatch(p, words)!,
  }));
  const strong = hits.some((h) => !h.p.weak) ? hits.filter((h) => !h.p.weak) : hits;
  if (!strong.length) return null;
  const best = strong.reduce((a, b) => (b.at[1] > a.at[1] ? b : a));
  // An answer before the sentence came to applications counts something else (information items).
  if (best.p.inApplications && topic !== 'applications' && topic !== 'results') return null;
  const apart = strong.some(
    (h) =>
      h.p.path !== best.p.path &&
      group(h.p.path) === group(best.p.path) &&
      (h.at[1] <= best.at[0] || h.at[0] >= best.at[1]),
  );
  return apart ? AMBIGUOUS : best.p;
}

/** A percentage: the share of the figure just before it, or (no count) a figure stated only as a share. */
function shareOf(
  last: ProseFigure | null,
  words: string,
  printed: string,
  from: number,
  to: number,
  ctx: ClauseContext,
  topic: LegacyTopic | null,
): void {
  const percent = Number(printed.replace(/,/g, ''));
  if (!Number.isFinite(percent)) return;
  const decimals = /\.(\d+)$/u.exec(printed)?.[1].length ?? 0;
  if (last) {
    last.share = { percent, decimals, span: ctx.span(from, to) };
    return;
  }
  const phrase = /占|比例|比重/u.test(words) ? classify(words, words, topic) : null;
  if (phrase && phrase !== AMBIGUOUS && !phrase.path.startsWith('fees.'))
    ctx.out.sharesOnly.push({ path: phrase.path, percent, span: ctx.span(from - words.length, to) });
}
