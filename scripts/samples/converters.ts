// A generated report as other tools write it out: Markdown the way PDF converters do (MinerU: HTML
// tables; Docling: pipe tables, merged cells repeated; Marker: pipe tables, page separators, the table
// split at a page with its header repeated, <br> in cells; pandoc: bold headings, escapes; an LLM
// pipeline: ragged rows, no separator row, page markers; a torn table 三 whose labels and values have
// come apart) and text copied from a browser (cells joined by tabs). Every choice is drawn from `rng`.
import type { Document } from './html.js';
import type { Rng } from './prng.js';
import { applicationRows, applicationsGrid, disclosureGrid, gridHtml, rectangle, reviewGrid, type AppRow, type Grid } from './grids.js';
import type { SectionKey } from './template.js';
import { APPLICANT_HEADING, APPLICANT_HEADINGS, APPLICANT_ORG_HEADING } from '../../src/templates/index.js';
import { BALANCE_NOTE, disclosureSections, REVIEW_GROUPS } from './template.js';
import { DISCLOSURE_ITEM_HEADING } from '../../src/templates/index.js';

export const MARKDOWN_STYLES = ['mineru', 'docling', 'marker', 'pandoc', 'llm', 'torn'] as const;
export type MarkdownStyle = (typeof MARKDOWN_STYLES)[number];

/** How one style writes headings, tables and page furniture. */
interface Writer {
  title: (lines: string[]) => string[];
  heading: (text: string) => string;
  sub: (text: string) => string;
  table: (grid: Grid, key: 'disclosure' | 'applications' | 'review') => string[];
  /** A page boundary between blocks (null: the style writes none). */
  page: ((n: number) => string) | null;
  image: string | null;
}

const pipe = (cells: string[]) => `| ${cells.join(' | ')} |`;
const separator = (n: number, rng: Rng) => pipe(Array.from({ length: n }, () => rng.pick(['---', ':---:', '---:', '-----'])));

/** Pipe rows of a rectangle, with the separator row under the first (GFM) or none. */
function pipeTable(rect: string[][], rng: Rng, withSeparator: boolean, cell = (s: string) => s): string[] {
  const rows = rect.map((r) => pipe(r.map(cell)));
  return withSeparator ? [rows[0], separator(rect[0].length, rng), ...rows.slice(1)] : rows;
}

/** Rows as markdownify writes a table with merged cells: the cells a span covers are simply absent. */
const ragged = (grid: Grid) => grid.map((row) => row.map((c) => c.text));

/** A label cell broken with <br> at a drawn place (Marker keeps a cell's line breaks so). */
function withBreak(text: string, rng: Rng): string {
  const chars = Array.from(text);
  if (chars.length < 8 || /^[\d./—-]*$/.test(text) || !rng.chance(0.5)) return text;
  const at = rng.int(4, chars.length - 3);
  return `${chars.slice(0, at).join('')}<br>${chars.slice(at).join('')}`;
}

const ESCAPES = /([*_[\]\\|<>#`])/g;

function writer(style: MarkdownStyle, rng: Rng): Writer {
  const bold = (t: string) => `**${t}**`;
  switch (style) {
    case 'mineru':
      return {
        title: (l) => [`# ${l.join('')}`],
        heading: (t) => `# ${t}`,
        sub: (t) => rng.pick([`# ${t}`, t]),
        table: (g) => [`<html><body>${gridHtml(g).replace(/\n/g, '')}</body></html>`],
        page: null,
        image: `![](images/${Math.floor(rng.next() * 2 ** 32).toString(16)}.jpg)`,
      };
    case 'docling':
      return {
        title: (l) => [`## ${l.join('')}`],
        heading: (t) => `## ${t}`,
        sub: (t) => `## ${t}`,
        table: (g) => pipeTable(rectangle(g, 'repeat'), rng, true),
        page: null,
        image: '<!-- image -->',
      };
    case 'marker':
      return {
        title: (l) => [`# ${l.join('')}`],
        heading: (t) => rng.pick([`## ${t}`, bold(t)]),
        sub: (t) => rng.pick([`### ${t}`, bold(t), t]),
        table: (g, key) => markerTable(g, key, rng),
        page: (n) => `{${n}}------------------------------------------------`,
        image: null,
      };
    case 'pandoc':
      return {
        title: (l) => l.map(bold),
        heading: bold,
        sub: (t) => t,
        table: (g) => pipeTable(rectangle(g, 'empty'), rng, true, (s) => s.replace(ESCAPES, '\\$1')),
        page: null,
        image: null,
      };
    case 'llm':
    case 'torn':
      return {
        title: (l) => [`# ${l.join('')}`],
        heading: (t) => rng.pick([`### ${t}`, bold(t), `## ${bold(t)}`]),
        sub: (t) => rng.pick([bold(t), t]),
        table: (g) => pipeTable(ragged(g), rng, false),
        page: (n) => rng.pick([`— ${n} —`, `<!-- page ${n} -->`, `- ${n} -`]),
        image: '![盖章](seal.png)',
      };
  }
}

/** Marker: table 三 split at a drawn row by a page separator, its header rows repeated after it. */
function markerTable(g: Grid, key: string, rng: Rng): string[] {
  const rect = rectangle(g, 'empty').map((r) => r.map((s) => withBreak(s, rng)));
  if (key !== 'applications') return pipeTable(rect, rng, true);
  const cut = rng.int(6, rect.length - 4);
  const head = rect.slice(0, 3);
  return [...pipeTable(rect.slice(0, cut), rng, true), '', `{${rng.int(2, 4)}}------------------------------------------------`, '', ...pipeTable([...head, ...rect.slice(cut)], rng, true)];
}

/** The report as Markdown in `style`; blocks separated by blank lines, page boundaries drawn between them. */
export function markdownReport(d: Document, style: MarkdownStyle, rng: Rng): string {
  const w = writer(style, rng);
  const blocks: string[][] = [w.title(d.titleLines)];
  const prose = (ps: string[]) => ps.forEach((p) => blocks.push([p]));
  const section = (key: SectionKey) => {
    blocks.push([w.heading(d.headings[key])]);
    prose(d.sectionProse?.[key] ?? []);
  };
  section('overview');
  for (const b of d.overview) {
    if (b.heading) blocks.push([w.sub(b.heading)]);
    prose(b.paragraphs);
  }
  section('activeDisclosure');
  blocks.push(style === 'torn' ? tornDisclosure(d, rng) : w.table(disclosureGrid(d), 'disclosure'));
  section('applications');
  blocks.push(style === 'torn' ? tornApplications(d, rng) : w.table(applicationsGrid(d), 'applications'));
  section('reviewLitigation');
  blocks.push(style === 'torn' ? tornReview(d, rng) : w.table(reviewGrid(d), 'review'));
  section('problems');
  prose(d.problems);
  section('otherMatters');
  prose(d.otherMatters);
  if (w.image) blocks.push([w.image]);
  blocks.push([d.signature[0]], [d.signature[1]]);
  return withPages(blocks, w, rng).map((b) => b.join('\n')).join('\n\n') + '\n';
}

/** Page boundaries after a drawn block every few blocks (never inside one). */
function withPages(blocks: string[][], w: Writer, rng: Rng): string[][] {
  if (!w.page) return blocks;
  const out: string[][] = [];
  let page = 1;
  let next = rng.int(4, 9);
  blocks.forEach((b, k) => {
    out.push(b);
    if (k === next && k < blocks.length - 1) {
      out.push([w.page!(page++)]);
      next += rng.int(4, 9);
    }
  });
  return out;
}

/** A label cut into two or three lines at drawn places (after its numbering). */
function splitLabel(text: string, rng: Rng): string[] {
  const chars = Array.from(text);
  const pieces = chars.length >= 12 ? rng.int(1, 3) : chars.length >= 7 ? rng.int(1, 2) : 1;
  const cuts = new Set<number>();
  while (cuts.size < pieces - 1) cuts.add(rng.int(4, chars.length - 2));
  const at = [0, ...[...cuts].sort((a, b) => a - b), chars.length];
  return at.slice(1).map((e, k) => chars.slice(at[k], e).join(''));
}

const HEADER_WORDS = [APPLICANT_HEADING, APPLICANT_HEADINGS.naturalPerson, APPLICANT_ORG_HEADING, ...['commercialEnterprise', 'researchInstitution', 'socialWelfareOrg', 'legalServiceOrg', 'otherOrg', 'total'].map((k) => APPLICANT_HEADINGS[k as keyof typeof APPLICANT_HEADINGS])];

/**
 * Table 三 torn as converters tear it: header words scattered on lines of their own, then runs of
 * rows either whole (label and values in one pipe row) or torn (the run's label lines — group heads,
 * labels split over lines — and then its value rows, with no label), a bogus header row among them.
 */
function tornApplications(d: Document, rng: Rng): string[] {
  const rows = applicationRows(d);
  const out: string[] = [...splitLabel(BALANCE_NOTE, rng)];
  const words = [...HEADER_WORDS].sort(() => rng.next() - 0.5);
  out.push(...words.slice(0, rng.int(3, words.length)));
  const bogusAt = rng.int(3, rows.length - 3);
  const valueRow = (r: AppRow) => pipe([...(rng.chance(0.5) ? [''] : []), ...r.values.map((v) => v.text)]);
  const heads = (r: AppRow) => [
    ...(r.head ? (rng.chance(0.5) ? Array.from(r.head.text) : [r.head.text]) : []),
    ...(r.group ? splitLabel(r.group.text, rng) : []),
  ];
  for (let i = 0; i < rows.length; ) {
    const run = rows.slice(i, i + rng.int(1, 4));
    if (rng.chance(0.35)) {
      for (const r of run) out.push(...heads(r), pipe([r.label, ...r.values.map((v) => v.text)]));
    } else {
      for (const r of run) out.push(...heads(r), ...splitLabel(r.label, rng));
      for (const r of run) out.push(valueRow(r));
    }
    if (bogusAt >= i && bogusAt < i + run.length) out.push(pipe(HEADER_WORDS.slice(1)));
    i += run.length;
  }
  return out;
}

/**
 * Table 二 torn: per 第二十条 item its caption and column headings as lines, then its rows either
 * whole or as the labels of the item's rows followed by their value rows.
 */
function tornDisclosure(d: Document, rng: Rng): string[] {
  const out: string[] = [];
  for (const sec of disclosureSections(d.numbers.template)) {
    out.push(sec.caption, DISCLOSURE_ITEM_HEADING, ...sec.columns.map((c) => c.heading));
    const values = (key: string) => sec.columns.map((c) => d.numbers.disclosure[key][c.key].text);
    if (sec.rows.length > 1 && rng.chance(0.7)) {
      out.push(...sec.rows.map((r) => r.label), ...sec.rows.map((r) => pipe(values(r.key))));
    } else out.push(...sec.rows.map((r) => pipe([r.label, ...values(r.key)])));
  }
  return out;
}

/** Table 四 torn: its header words on lines of their own, in a drawn order, then its one row of values. */
function tornReview(d: Document, rng: Rng): string[] {
  const words = rectangle(reviewGrid(d), 'empty').slice(0, 3).flat().filter(Boolean);
  const kept = words.filter(() => rng.chance(0.8));
  return [...kept, pipe(REVIEW_GROUPS.flatMap((g) => d.numbers.review[g].map((c) => c.text)))];
}

/**
 * The report as copied out of a browser and pasted as text: paragraphs as lines, each table row
 * one line of its cells joined by tabs (the cells a merged cell covers are absent, blank cells empty).
 */
export function pastedReport(d: Document): string {
  const out: string[] = [...d.titleLines, ''];
  const para = (ps: string[]) => ps.forEach((p) => out.push(p, ''));
  const section = (key: SectionKey) => {
    out.push(d.headings[key], '');
    para(d.sectionProse?.[key] ?? []);
  };
  const table = (g: Grid) => out.push(...g.map((row) => row.map((c) => c.text).join('\t')), '');
  section('overview');
  for (const b of d.overview) {
    if (b.heading) out.push(b.heading, '');
    para(b.paragraphs);
  }
  section('activeDisclosure');
  table(disclosureGrid(d));
  section('applications');
  table(applicationsGrid(d));
  section('reviewLitigation');
  table(reviewGrid(d));
  section('problems');
  para(d.problems);
  section('otherMatters');
  para(d.otherMatters);
  out.push(...d.signature);
  return out.join('\n') + '\n';
}
