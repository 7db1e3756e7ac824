// The record of a report for 2008–2018 (template "2008"): sections by what their headings say,
// figures from the prose and the old 统计表, their checks; the national tables null (the form had none).
import type { SourceDocument } from '../../extractors/types.js';
import type { Line } from '../layout/lines.js';
import { SCHEMA_VERSION, type Report, type Section, type Warning } from '../schema/record.js';
import { setPath } from '../schema/paths.js';
import { locateSpan } from '../sections/locate.js';
import { normaliseProse } from '../checks/prose-text.js';
import { markupProvenance } from '../pipeline/markup-provenance.js';
import type { Settings } from '../settings.js';
import { LEGACY_TEMPLATE, NONE_BODY } from '../templates/index.js';
import { agencyKeyOf } from '../text/agency-key.js';
import { agencyLine } from '../sections/sections.js';
import { squash } from '../text/normalize.js';
import { legacyChecks } from './checks.js';
import type { LegacyHead } from './detect.js';
import { resolveFigures } from './figures.js';
import { readProse, type ProseFigure, type ProseReading } from './prose.js';
import { legacySections, type LegacySection } from './sections.js';
import { readLegacyTable } from './table.js';

/** What buildRecord hands over: the document, its lines as printed and in simplified script, its head. */
export interface LegacyInput {
  doc: SourceDocument;
  /** The lines as printed, and the same lines in simplified script (same lengths). */
  lines: Line[];
  simplified: Line[];
  head: LegacyHead;
  settings: Settings;
}

/** The record's parts for a legacy report (the caller adds `source` and validates). */
type LegacyParts = Pick<
  Report,
  | 'title'
  | 'agency'
  | 'agencyKey'
  | 'agencyKeyFrom'
  | 'year'
  | 'template'
  | 'sections'
  | 'activeDisclosure'
  | 'applications'
  | 'reviewLitigation'
  | 'legacy'
  | 'checks'
  | 'warnings'
  | 'provenance'
> & { schemaVersion: typeof SCHEMA_VERSION };

/** The record's parts for a legacy report (the caller adds `source` and validates). */
export function legacyParts(input: LegacyInput): LegacyParts {
  const { simplified, head } = input;
  const table = readLegacyTable(simplified);
  const skip = titleLines(input, table?.lines ?? []);
  const original = new Map(simplified.map((l, i) => [l, input.lines[i]]));
  const sections = legacySections(simplified, skip, input.settings.sections);
  const figures = resolveFigures(readAll(sections, head.year), table);
  placeProvenance(figures.provenance, sections, original, input.doc);
  const legacy: Record<string, unknown> = {};
  for (const [path, v] of figures.values) setPath(legacy, path, v);
  // The key from the simplified name, so a traditional-script copy joins the same series.
  const key = head.agency ? agencyKeyOf(head.agency) : null;
  return {
    schemaVersion: SCHEMA_VERSION,
    title: asPrinted(head.title, simplified, input.lines),
    agency: asPrinted(head.agency, simplified, input.lines),
    agencyKey: key?.key ?? null,
    agencyKeyFrom: key?.from ?? null,
    year: head.year,
    template: LEGACY_TEMPLATE,
    sections: sections.map((s) => sectionRecord(s, original)),
    activeDisclosure: null,
    applications: null,
    reviewLitigation: null,
    legacy,
    checks: legacyChecks(figures, table),
    warnings: [...headWarnings(head), ...figures.warnings],
    provenance: figures.provenance,
  };
}

/** Lines no section reads: the 统计表's (`tableLines`), and the title's lines near the top. */
function titleLines({ simplified, head, settings }: LegacyInput, tableLines: Iterable<number>): Set<number> {
  const titleText = squash(head.title ?? '');
  const skip = new Set(tableLines);
  simplified.forEach((l, i) => {
    if (i < settings.sections.titleSearchLines && titleText && titleText.includes(squash(l.text)) && squash(l.text)) {
      skip.add(i);
    }
  });
  return skip;
}

/**
 * Prose figures' provenance in the lines as printed: their text, and their place on the page (not for
 * markup, whose places are its regions). A figure from the 统计表 of a markup document gets its cell.
 */
function placeProvenance(
  provenance: ReturnType<typeof resolveFigures>['provenance'],
  sections: LegacySection[],
  original: Map<Line, Line>,
  doc: SourceDocument,
): void {
  const markup = doc.kind === 'markup';
  for (const [path, prov] of Object.entries(provenance)) {
    if (prov.section === undefined) continue;
    const s = sections.find((x) => x.key === prov.section)!;
    const at = markup ? undefined : locateSpan(s.lines, prov.start!, prov.end!);
    const text = s.lines
      .map((l) => original.get(l)!.text)
      .join('\n')
      .slice(prov.start, prov.end);
    provenance[path] = { section: prov.section, start: prov.start, end: prov.end, ...(at ?? {}), text };
  }
  if (markup && doc.regions) {
    const cells = Object.fromEntries(Object.entries(provenance).filter(([, p]) => p.section === undefined));
    Object.assign(provenance, markupProvenance(cells, doc.regions));
  }
}

/** The prose of every section, and each block whose whole body says none (「无。」) as 0 for its topics. */
function readAll(sections: LegacySection[], year: number | null): ProseReading {
  const out: ProseReading = { figures: [], approximate: [], sharesOnly: [], ambiguous: [] };
  for (const s of sections) {
    const text = s.lines.map((l) => l.text).join('\n');
    // A joined block's heading line ends a sentence though it has no 。: read the parts apart.
    const cuts = [0, ...s.blocks.filter((b) => b.from > 0).flatMap((b) => [b.from - 1, b.from]), s.lines.length];
    for (let k = 0; k + 1 < cuts.length; k += 2) {
      const offset = s.lines.slice(0, cuts[k]).reduce((n, l) => n + l.text.length + 1, 0);
      const part = s.lines
        .slice(cuts[k], cuts[k + 1])
        .map((l) => l.text)
        .join('\n');
      const r = readProse(s.key, part, year);
      const shift = <T extends { span: { start: number; end: number } }>(x: T): T => ({
        ...x,
        span: { ...x.span, start: x.span.start + offset, end: x.span.end + offset },
      });
      out.figures.push(
        ...r.figures.map((f) =>
          f.share
            ? {
                ...shift(f),
                share: shift(f.share as { span: ProseFigure['span'] } & NonNullable<ProseFigure['share']>),
              }
            : shift(f),
        ),
      );
      out.approximate.push(...r.approximate.map(shift));
      out.sharesOnly.push(...r.sharesOnly.map(shift));
      out.ambiguous.push(...r.ambiguous.map(shift));
    }
    out.figures.push(...noneBlocks(s, text));
  }
  return out;
}

/** A sign-off line after the last block's body (「XX局」, 「2016年三月十二日」): not part of what the body says. */
const SIGN_OFF_DATE =
  /^(?:\d{4}|[〇零一二三四五六七八九○]{4})年[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}日)?$/u;
const isSignOff = (line: Line) => SIGN_OFF_DATE.test(squash(line.text)) || agencyLine(line.text) !== null;

/** Each block of `s` whose whole body (a sign-off after it left out) says none: 0 for its topics. */
function noneBlocks(s: LegacySection, text: string): ProseFigure[] {
  const out: ProseFigure[] = [];
  for (const b of s.blocks) {
    let to = b.to;
    while (to > b.from + 1 && isSignOff(s.lines[to - 1])) to--;
    const body = s.lines
      .slice(b.from, to)
      .map((l) => l.text)
      .join('\n');
    if (!b.topics.length || !NONE_BODY.test(squash(body))) continue;
    const start =
      s.lines.slice(0, b.from).reduce((n, l) => n + l.text.length + 1, 0) + (body.length - body.trimStart().length);
    const end = start + body.trim().length;
    const span = { section: s.key, start, end, text: text.slice(start, end) };
    out.push(...b.topics.map((path): ProseFigure => ({ path, value: 0, span })));
  }
  return out;
}

/**
 * A name read from the simplified lines as the document prints it (a traditional-script copy keeps its
 * script, as a researcher quotes it): the same characters of the printed lines, white space and blanked
 * glosses left out. The conversion keeps every offset, so a place in one text is the place in the other.
 */
export function asPrinted(name: string | null, simplified: Line[], printed: Line[]): string | null {
  if (!name) return name;
  const raw = printed.map((l) => l.text).join('\n');
  const s = normaliseProse(simplified.map((l) => l.text).join('\n'));
  const at = s.text.indexOf(name);
  if (at < 0 || raw.length !== simplified.reduce((n, l) => n + l.text.length + 1, -1)) return name;
  // The two texts are of one length: the printed characters at the simplified name's offsets.
  const offsets = [...new Set(s.origin.slice(at, at + name.length))];
  return offsets.map((o) => String.fromCodePoint(raw.codePointAt(o)!).normalize('NFKC')).join('');
}

function sectionRecord(s: LegacySection, original: Map<Line, Line>): Section {
  const pages = [...new Set(s.lines.map((l) => l.page))].sort((a, b) => a - b);
  return { key: s.key, heading: s.heading, text: s.lines.map((l) => original.get(l)!.text).join('\n'), pages };
}

function headWarnings(head: LegacyHead): Warning[] {
  const out: Warning[] = [];
  if (!head.title) out.push({ code: 'title-not-found', message: 'the report title was not found', path: 'title' });
  if (head.agencyFrom === 'page-field') {
    const message = `the report names no agency in its title or sign-off; 「${head.agency}」 is the publisher the page's field above it names (发布机构/信息来源)`;
    out.push({ code: 'agency-from-page', message, path: 'agency' });
  }
  if (head.agencyDropped) {
    const message = `the name printed 「${head.agencyDropped}${head.agency}」 begins with words that are no place (a region or a township); 「${head.agencyDropped}」 was left out`;
    out.push({ code: 'agency-prefix-dropped', message, path: 'agency' });
  }
  if (!head.agency)
    out.push({
      code: 'agency-not-found',
      message: head.agencyRejected
        ? `the name read, 「${head.agencyRejected}」, does not begin with a place (a region or a township) and is not taken`
        : 'the issuing agency was not found in the title block, the sign-off or the opening',
      path: 'agency',
    });
  return out;
}
