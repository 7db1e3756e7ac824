// How much of this year's prose repeats last year's: per section, the share of sentences found again
// (digits masked, so 「新收申请12件」 and 「新收申请15件」 are the same sentence) and of character
// 8-grams. The template's own text (headings, row and column labels of tables 二/三/四) is left out:
// every report prints it, so it says nothing about copying.
import type { Report } from '../schema/record.js';
import { APPLICANT_HEADING, APPLICANT_ORG_HEADING, BALANCE_NOTE, RESULTS_HEAD, TEMPLATES } from '../templates/index.js';
import type { SectionReuse } from './schema.js';

/** Sentences shorter than this (masked, without punctuation) are too short to call copied. */
const MIN_SENTENCE = 8;
const NGRAM = 8;

const mask = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/gu, '')
    .replace(/\d+(?:[.,]\d+)*/gu, '#');
const core = (s: string) => mask(s).replace(/[^\p{Script=Han}#A-Za-z]/gu, '');

/** Every Chinese string the templates print (labels, headings, notes), longest first. */
const TEMPLATE_TEXT: string[] = (() => {
  const out = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      const c = core(v);
      if (c.length >= 2 && /\p{Script=Han}/u.test(c)) out.add(c);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk([TEMPLATES, BALANCE_NOTE, RESULTS_HEAD.label, APPLICANT_HEADING, APPLICANT_ORG_HEADING]);
  return [...out].sort((a, b) => b.length - a.length);
})();

/** Share of a "sentence" left once the template's text is taken out, below which it is the template's. */
const OWN_TEXT_MIN = 0.3;

/**
 * A sentence that is mostly the template's own text: a heading, or a table (which has no 。 and so
 * reads as one long sentence, its labels wrapped around the numbers and its column heads jumbled).
 * Digits are dropped first, so a label wrapped around a row's numbers joins up again.
 */
function isBoilerplate(sentence: string): boolean {
  const han = core(sentence).replace(/[#A-Za-z]/g, '');
  let rest = han;
  for (const t of TEMPLATE_TEXT) if (rest.includes(t)) rest = rest.split(t).join('');
  return rest.length < 4 || rest.length < OWN_TEXT_MIN * han.length;
}

export interface SentenceSpan {
  start: number;
  end: number;
  text: string;
}

/** Sentences of a section's text with their offsets; they end at 。！？； or a blank line. */
export function sentenceSpans(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const re = /[^。！？；!?;]+[。！？；!?;]?/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body) out.push({ start: m.index + lead, end: m.index + lead + body.length, text: body });
  }
  return out;
}

const ngrams = (s: string): string[] => {
  const chars = Array.from(s);
  const out: string[] = [];
  for (let i = 0; i + NGRAM <= chars.length; i++) out.push(chars.slice(i, i + NGRAM).join(''));
  return out;
};

/** Prose reuse of `current` against `previous`, section by section (sections both reports have). */
export function proseReuse(previous: Report, current: Report): SectionReuse[] {
  const out: SectionReuse[] = [];
  for (const cur of current.sections) {
    const prev = previous.sections.find((s) => s.key === cur.key);
    if (!prev) continue;
    const prevSentences = sentenceSpans(prev.text).filter((s) => !isBoilerplate(s.text));
    const prevSet = new Set(prevSentences.map((s) => core(s.text)));
    const prevGrams = new Set(prevSentences.flatMap((s) => ngrams(core(s.text))));
    const mine = sentenceSpans(cur.text).filter((s) => !isBoilerplate(s.text) && core(s.text).length >= MIN_SENTENCE);
    const reused = mine.filter((s) => prevSet.has(core(s.text)));
    const grams = mine.flatMap((s) => ngrams(core(s.text)));
    const hit = grams.filter((g) => prevGrams.has(g)).length;
    out.push({
      section: cur.key,
      sentences: mine.length,
      reusedSentences: reused.length,
      sentenceReuse: mine.length ? round(reused.length / mine.length) : 0,
      ngramReuse: grams.length ? round(hit / grams.length) : 0,
      reused: reused.map((s) => ({ start: s.start, end: s.end, text: s.text })),
    });
  }
  return out;
}

const round = (x: number) => Math.round(x * 10000) / 10000;
