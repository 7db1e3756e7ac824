// Text-vs-table checks: numbers the report's prose states about its own tables (「共新收政府信息公开申请
// 12件」) against the cells (applications.newReceived.total). Only phrases that tie a number to cells
// without doubt are checked; a mention that is qualified (自然人, 通过网络, 同比, another year), whose
// readings disagree, or whose cells the report lacks is counted, not checked — a false alarm is
// worse than a miss.
import type { BBox } from '../../extractors/types.js';
import type { Check, Report } from '../schema/record.js';
import { getPath } from '../schema/paths.js';
import { decimals, normaliseProse, originalSpan, proseNumber, sentences } from './prose-text.js';
import { PROSE_RULES, QUALIFIERS, UNTIED_FEES, type ProseRule } from './text-table-rules.js';

export interface ProseSpan {
  section: string;
  start: number;
  end: number;
  page?: number;
  bbox?: BBox;
  text: string;
}

/** Where a span of a section's text is on the page, when the caller knows (PDF lines). */
export type ProseLocator = (section: string, start: number, end: number) => { page: number; bbox: BBox } | undefined;

export interface UncheckedMention {
  prose: ProseSpan;
  /** Why it was not checked. */
  reason: string;
}

export interface TextTableResult {
  checks: Check[];
  /** Mentions of table figures that were found but could not be tied to the cells without doubt. */
  unchecked: UncheckedMention[];
}

type Tables = Pick<
  Report,
  'template' | 'year' | 'sections' | 'activeDisclosure' | 'applications' | 'reviewLitigation' | 'provenance'
>;

const TO_TEN_THOUSAND: Record<string, number> = { 元: 1e-4, 千元: 1e-1, 万元: 1, 万: 1, 亿元: 1e4 };
const YEAR = /((?:19|20)\d{2})年/gu;

/** Run every prose rule over every section of a record. */
export function textTableChecks(record: Tables, locate?: ProseLocator): TextTableResult {
  const checks: Check[] = [];
  const unchecked: UncheckedMention[] = [];
  const seen = new Set<string>();
  for (const section of record.sections) {
    const norm = normaliseProse(section.text);
    const span = (from: number, to: number): ProseSpan => {
      const { start, end } = originalSpan(norm, from, to, section.text);
      const where = locate?.(section.key, start, end);
      return {
        section: section.key,
        start,
        end,
        ...(where ? { page: where.page, bbox: where.bbox } : {}),
        text: section.text.slice(start, end),
      };
    };
    for (const s of sentences(norm.text)) {
      const taken: Array<[number, number]> = [];
      for (const rule of PROSE_RULES) {
        if (rule.template && record.template !== rule.template) continue;
        rule.pattern.lastIndex = 0;
        for (let m = rule.pattern.exec(s.text); m; m = rule.pattern.exec(s.text)) {
          const from = m.index;
          const to = from + m[0].length;
          // One phrase, one reading: a span another rule already took is not read twice.
          if (taken.some(([a, b]) => from < b && to > a)) continue;
          taken.push([from, to]);
          const prose = span(s.at + from, s.at + to);
          const doubt = doubtOf(rule, s.text.slice(0, to), section.key, s.text, record.year);
          if (doubt) {
            unchecked.push({ prose, reason: doubt });
            continue;
          }
          const result = judge(rule, m, record, prose);
          if ('reason' in result) {
            unchecked.push({ prose, reason: result.reason });
            continue;
          }
          // The same figure stated twice is one check.
          const key = `${result.id}\u0000${result.actual}`;
          if (seen.has(key)) continue;
          seen.add(key);
          checks.push(result);
        }
      }
      UNTIED_FEES.lastIndex = 0;
      for (let m = UNTIED_FEES.exec(s.text); m; m = UNTIED_FEES.exec(s.text)) {
        unchecked.push({
          prose: span(s.at + m.index, s.at + m.index + m[0].length),
          reason: 'fees charged for disclosure (信息处理费) are not in the tables',
        });
      }
    }
  }
  // In reading order: section by section, then by place in the text.
  const order = new Map(record.sections.map((s, i) => [s.key, i]));
  const byPlace = (a: { prose?: ProseSpan }, b: { prose?: ProseSpan }) =>
    order.get(a.prose!.section as never)! - order.get(b.prose!.section as never)! || a.prose!.start - b.prose!.start;
  return { checks: checks.sort(byPlace), unchecked: unchecked.sort(byPlace) };
}

/** Why the sentence leaves doubt about what the number counts; null when it does not. */
function doubtOf(
  rule: ProseRule,
  prefix: string,
  section: string,
  sentence: string,
  year: number | null,
): string | null {
  const q = QUALIFIERS.exec(prefix);
  if (q) return `qualified by 「${q[0]}」`;
  for (const y of prefix.matchAll(YEAR)) {
    if (year === null || Number(y[1]) !== year) return `about ${y[1]}, not the report's year`;
  }
  if (rule.needsContext && section !== rule.needsContext.section && !rule.needsContext.words.test(sentence)) {
    return 'not said to be about 政府信息公开';
  }
  return null;
}

interface Sum {
  value: number;
  blanks: boolean;
  /** Every cell was printed blank (the table left the figure unfilled: not said to be 0). */
  allBlank: boolean;
  /** Digits after the point of the printed cells (for amounts). */
  decimals: number;
}

/** The sum of cells, or the cells whose row (or table) is not in the record. */
function sumOf(record: Tables, paths: string[]): Sum | { missing: string[] } {
  let value = 0;
  let blanks = false;
  let numbers = 0;
  let dec = 0;
  const missing = paths.filter((p) => {
    const row = getPath(record, p.slice(0, p.lastIndexOf('.')));
    return row === undefined || row === null;
  });
  if (missing.length) return { missing };
  for (const p of paths) {
    const v = getPath(record, p);
    if (typeof v === 'number') {
      value += v;
      numbers++;
    } else blanks = true;
    const printed = record.provenance[p]?.text;
    dec = Math.max(dec, printed ? decimals(printed.normalize('NFKC')) : 0);
  }
  return { value: round(value), blanks, allBlank: numbers === 0, decimals: dec };
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
/** Half up to `digits` after the point (12.345 → 12.35), immune to binary noise. */
const roundTo = (x: number, digits: number) => Math.round(round(x * 10 ** digits)) / 10 ** digits;

function judge(rule: ProseRule, m: RegExpExecArray, record: Tables, prose: ProseSpan): Check | { reason: string } {
  const printed = m.groups!.n;
  const stated = proseNumber(printed);
  if (stated === null) return { reason: `「${printed}」 is not a number` };
  const sums: Sum[] = [];
  for (const reading of rule.readings) {
    const s = sumOf(record, reading);
    if ('missing' in s) return { reason: `the report has no ${s.missing.join(', ')}` };
    sums.push(s);
  }
  const values = sums.map((s) => s.value);
  if (new Set(values).size > 1) return { reason: `「${rule.label}」 may mean ${values.join(' or ')}` };
  const sum = sums[0];
  const paths = [...new Set(rule.readings.flat())];
  let actual = stated;
  let passed = stated === sum.value;
  if (rule.unit === 'tenThousandYuan') {
    const unit = m.groups!.unit;
    const factor = TO_TEN_THOUSAND[unit];
    actual = round(stated * factor);
    // Either side may be rounded to the digits it prints: they agree when the finer one, rounded
    // (half up) to the coarser one's digits, gives the coarser one.
    const proseDigits = decimals(printed);
    const proseFiner = 10 ** -proseDigits * factor < 10 ** -sum.decimals;
    passed = proseFiner
      ? roundTo(actual, sum.decimals) === sum.value
      : roundTo(sum.value / factor, proseDigits) === stated;
  }
  const where = `${prose.section} 「${prose.text.replace(/\s+/gu, '')}」${prose.page ? ` (page ${prose.page})` : ''}`;
  const table = paths.join(' + ');
  const unitWord = rule.unit === 'tenThousandYuan' ? '万元' : '';
  return {
    id: `textTable:${rule.target}`,
    kind: 'textTable',
    passed,
    message: passed
      ? `「${rule.label}」 in the prose: ${actual}${unitWord} = table ${table} ${sum.value}${unitWord} (${where})`
      : sum.allBlank
        ? `「${rule.label}」: the prose says ${actual}${unitWord} (${where}), but the table left it blank (${table})`
        : `「${rule.label}」: the prose says ${actual}${unitWord} (${where}), but the table has ${sum.value}${unitWord} (${table})`,
    paths,
    expected: sum.value,
    actual,
    ...(sum.blanks ? { blanksAsZero: true } : {}),
    prose,
  };
}
