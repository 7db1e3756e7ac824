// Checks of a legacy record (record.md, schemaVersion 3): channels sum to received, results to the
// report's own base (answered, else received), review/litigation parts to their totals; a share printed
// in prose (「占62.8%」) against its count and base; prose against the 统计表 (text-vs-table).
import type { Check } from '../schema/record.js';
import type { ResolvedFigures } from './figures.js';
import type { LegacyTable } from './table.js';

const A = 'applications';
const CHANNELS = ['inPerson', 'online', 'email', 'letter', 'fax', 'phone', 'other'].map((k) => `${A}.byChannel.${k}`);
const RESULTS = [
  'alreadyPublic',
  'granted',
  'partiallyGranted',
  'refused',
  'notThisAgency',
  'notExist',
  'clarification',
  'otherChannel',
  'other',
].map((k) => `${A}.results.${k}`);
const PARTS = (g: string) => ['upheld', 'corrected', 'other'].map((k) => `${g}.${k}`);

/** Every check of a legacy record's figures. */
export function legacyChecks(f: ResolvedFigures, table: LegacyTable | null): Check[] {
  const num = (p: string): number | undefined => {
    const v = f.values.get(p);
    return typeof v === 'number' ? v : undefined;
  };
  const base = num(`${A}.answered`) !== undefined ? `${A}.answered` : `${A}.received`;
  return [
    ...partsCheck('legacy:byChannel', `${A}.received`, CHANNELS, num),
    ...partsCheck('legacy:results', base, RESULTS, num),
    ...partsCheck('legacy:review', 'review.total', PARTS('review'), num),
    ...partsCheck('legacy:litigation', 'litigation.total', PARTS('litigation'), num),
    ...shareChecks(f, num),
    ...textTableChecks(f, table),
  ];
}

/**
 * A total against the parts stated: equal when every part is stated; when some are not, the parts
 * stated may not exceed it (a smaller sum says nothing: the rest may be the parts not stated).
 */
function partsCheck(id: string, total: string, parts: string[], num: (p: string) => number | undefined): Check[] {
  const t = num(total);
  const stated = parts.filter((p) => num(p) !== undefined);
  if (t === undefined || stated.length < 2) return [];
  const sum = stated.reduce((s, p) => s + num(p)!, 0);
  const all = stated.length === parts.length;
  if (!all && sum < t) return [];
  const passed = all ? sum === t : sum <= t;
  const names = stated.map((p) => p.split('.').pop()).join(' + ');
  return [
    {
      id,
      kind: 'arithmetic',
      passed,
      message: `${names} = ${sum}; ${total} (the base) is ${t}${passed ? '' : all ? ' (differs)' : ' (the parts exceed it)'}`,
      paths: [total, ...stated].map((p) => `legacy.${p}`),
      expected: t,
      actual: sum,
    },
  ];
}

/** A printed share checked against its count over received (or answered, when that is what it matches). */
function shareChecks(f: ResolvedFigures, num: (p: string) => number | undefined): Check[] {
  const out: Check[] = [];
  for (const [path, fig] of f.prose) {
    if (!fig.share) continue;
    const bases = [`${A}.answered`, `${A}.received`].filter((b) => b !== path && num(b));
    if (!bases.length) continue;
    const round = (x: number) => Math.round(x * 10 ** fig.share!.decimals) / 10 ** fig.share!.decimals;
    const hit = bases.find((b) => Math.abs(round((fig.value / num(b)!) * 100) - fig.share!.percent) < 1e-9);
    const b = hit ?? bases[bases.length - 1];
    const computed = round((fig.value / num(b)!) * 100);
    out.push({
      id: `legacy:share:${path}`,
      kind: 'arithmetic',
      passed: hit !== undefined,
      message: `「${fig.share.span.text}」: ${fig.value} of ${b} ${num(b)} is ${computed}%${hit ? '' : `, printed ${fig.share.percent}%`}`,
      paths: [`legacy.${path}`, `legacy.${b}`],
      expected: fig.share.percent,
      actual: computed,
      prose: fig.share.span,
    });
  }
  return out;
}

/** Prose and 统计表 giving the same figure. */
function textTableChecks(f: ResolvedFigures, table: LegacyTable | null): Check[] {
  if (!table) return [];
  const out: Check[] = [];
  for (const [path, fig] of f.prose) {
    if (!table.values.has(path)) continue;
    const t = table.values.get(path) ?? 0;
    out.push({
      id: `textTable:legacy.${path}`,
      kind: 'textTable',
      passed: t === fig.value,
      message: `prose 「${fig.span.text}」 says ${fig.value}; the 统计表 ${table.values.get(path) === null ? 'left it blank' : `prints ${t}`}`,
      paths: [`legacy.${path}`],
      expected: fig.value,
      actual: t,
      prose: fig.span,
      ...(table.values.get(path) === null ? { blanksAsZero: true } : {}),
    });
  }
  return out;
}
