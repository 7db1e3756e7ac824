// Renders one report as HTML for Chromium to lay out: prose sections and the three template tables
// (merged header cells, the vertical 三、本年度办理结果 cell, optional ruling, repeated or unrepeated header).
import type { Cell, ReportNumbers } from './numbers.js';
import type { ProseBlock } from './prose.js';
import {
  APPLICANT_COLUMNS,
  BALANCE_NOTE,
  CARRIED_FORWARD,
  disclosureSections,
  RESULTS_CELL_LABEL,
  resultBlocks,
  REVIEW_COLUMN_HEADINGS,
  REVIEW_GROUPS,
  TOP_ROWS,
  type SectionKey,
} from './template.js';
import {
  APPLICANT_HEADING,
  APPLICANT_HEADINGS,
  APPLICANT_ORG_HEADING,
  DISCLOSURE_ITEM_HEADING,
  LITIGATION_HEADING,
  REVIEW_GROUP_SPECS,
  REVIEW_HEADING,
} from '../../src/templates/index.js';

const ORG_COLUMNS = APPLICANT_COLUMNS.filter((c) => c !== 'naturalPerson' && c !== 'total');

export interface Style {
  // CSS font stacks. A Latin font comes first where it matters: Droid Sans Fallback has no digits or
  // curly quotes, and the fallback for those (Noto CJK, CFF) would be embedded as Type 3 glyph procedures.
  /** Title (a 宋体/楷体 look; only its ~25 glyphs are embedded, so a heavy font is affordable). */
  titleFont: string;
  bodyFont: string;
  headingFont: string;
  /** Font stack for table cells (digits may come from a Latin font, as in Word output). */
  tableFont: string;
  bodyPt: number;
  tablePt: number;
  /** Cell borders per table. */
  ruled: { disclosure: boolean; applications: boolean; review: boolean };
  /** Widths (mm) of table 三's three label columns: vertical cell, group cell, sub-row label. */
  labelMm: [number, number, number];
  /** Table 三's header rows in <thead>, which Chromium repeats on every page the table spans. */
  repeatHeader: boolean;
  /** Page footer: 「- N -」, 「第 N 页 共 M 页」, or none. */
  pageNumbers: false | 'dash' | 'of-total';
  /** The title repeated in the top margin of every page (a running header). */
  runningHeader?: boolean;
  /** Section 三 (heading and table) on landscape pages of its own. */
  landscapeApplications?: boolean;
  /** 三、本年度办理结果 as vertical glyphs, or as horizontal text in a column one character wide
   *  (how Word tables get it: the same look, but the text layer holds one short line per character). */
  resultsCell?: 'vertical' | 'narrow';
  /** Table 二 as one grid with caption rows, or four grids under 第二十条第（X）项 paragraphs. */
  disclosureLayout?: 'one-table' | 'separate';
  /** Grey fill behind header cells (filled rectangles next to the ruling lines). */
  shadeHeaders?: boolean;
  /** A web page printed from a browser: date/title at the top, URL and 「N/M」 at the bottom. */
  webPrintout?: { printedAt: string; url: string };
  /** Start these sections on a new page (used to push table 三 across a page boundary). */
  breakBefore: SectionKey[];
  /** Let the page boundary fall between any two lines of a cell (orphans/widows 1), as Word's
   *  允许跨页断行 does; with CSS's default of 2, Chromium only breaks rows of 4+ lines. */
  looseRowBreaks?: boolean;
  /** Extra space (mm) above these section headings, like the blank lines real documents carry;
   *  used to move a page boundary onto a chosen spot of table 三. */
  spaceBeforeMm?: Partial<Record<SectionKey, number>>;
}

export interface Document {
  titleLines: string[];
  headings: Record<SectionKey, string>;
  overview: ProseBlock[];
  problems: string[];
  otherMatters: string[];
  numbers: ReportNumbers;
  /** Row label overrides, keyed by applications row path (typos real reports print). */
  labels: Record<string, string>;
  signature: [string, string];
  /** Metadata box of a government web page (索引号, 发布机构, …) printed above the title. */
  metaBox?: [string, string][];
  /** Paragraphs under a section's heading, before its table (figures the prose states). */
  sectionProse?: Partial<Record<SectionKey, string[]>>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const num = (c: Cell): string => `<td class="n">${esc(c.text)}</td>`;

function webMargins(w: { printedAt: string; url: string }, title: string): string {
  const box = (where: string, content: string): string =>
    `@${where} { content: ${content}; font-family: "Liberation Sans", "Droid Sans Fallback"; font-size: 8pt; }`;
  return [
    box('top-left', `"${w.printedAt}"`),
    box('top-center', `"${title}"`),
    box('bottom-left', `"${w.url}"`),
    box('bottom-right', 'counter(page) "/" counter(pages)'),
  ].join('\n  ');
}

function css(s: Style, title: string, titleChars: number): string {
  const border = '0.75pt solid #000';
  // Title as large as fits one line of the 160 mm (≈450 pt) text block, like a 小标宋 title.
  const titlePt = Math.min(s.bodyPt + 6, Math.floor(440 / titleChars));
  const footer = s.pageNumbers === 'of-total' ? '"第 " counter(page) " 页 共 " counter(pages) " 页"' : '"- " counter(page) " -"';
  return `
@page { size: A4; margin: 30mm 24mm 28mm 26mm;
  ${s.pageNumbers ? `@bottom-center { content: ${footer}; font-family: ${s.bodyFont}; font-size: 12pt; }` : ''}
  ${s.runningHeader ? `@top-center { content: "${title}"; font-family: ${s.bodyFont}; font-size: 9pt; }` : ''}
  ${s.webPrintout ? webMargins(s.webPrintout, title) : ''} }
@page wide { size: A4 landscape; margin: 26mm 24mm 24mm 24mm; }
.landscape { page: wide; }
* { font-weight: normal; }
body { print-color-adjust: exact; -webkit-print-color-adjust: exact; font-family: ${s.bodyFont}; font-size: ${s.bodyPt}pt; line-height: 1.75; margin: 0; color: #000; }
h1 { font-family: ${s.titleFont}; font-size: ${titlePt}pt; text-align: center; line-height: 1.5; margin: 0 0 1.2em; }
h2 { font-family: ${s.headingFont}; font-size: ${s.bodyPt}pt; margin: 0.4em 0 0.2em; text-indent: 2em; break-after: avoid; }
h3 { font-size: ${s.bodyPt}pt; margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.pagebreak { break-before: page; }
table { border-collapse: collapse; font-family: ${s.tableFont}; font-size: ${s.tablePt}pt; line-height: 1.3;
  margin: 0.4em auto 0.8em; width: 100%; }
td, th { padding: 1.5pt 2pt; text-align: center; vertical-align: middle; }
/* No break-inside: avoid on rows: with it Chromium keeps a rowspan group together and moves the whole
   三、本年度办理结果 block to the next page, where real reports split it mid-way. */
table.t3, table.t4 { table-layout: fixed; }
td.l { text-align: left; }
td.vert div { writing-mode: vertical-rl; letter-spacing: 0.1em; margin: 0 auto; }
${s.looseRowBreaks ? 'td { orphans: 1; widows: 1; }' : ''}
td.narrow { padding: 1pt; line-height: 1.15; }
p.cap { text-indent: 0; text-align: center; font-size: ${s.tablePt + 1}pt; margin-top: 0.3em; }
${s.shadeHeaders ? 'table.t2 tr.head td, table.t2 tr.cap td, table.t3 tr.head td, table.t4 tr.head td { background: #d9d9d9; }' : ''}
table.meta { width: 100%; font-size: 10pt; margin: 0 0 1.5em; border: 0.75pt solid #888; }
table.meta td { text-align: left; padding: 2pt 5pt; }
table.meta td.k { color: #444; white-space: nowrap; }
table.ruled td, table.ruled th { border: ${border}; }
table.unruled td, table.unruled th { border: none; padding: 2pt 4pt; }
table.unruled tr.cap td { text-align: left; padding-top: 6pt; }
.sign { text-align: right; margin-top: 2em; line-height: 1.8; }
`;
}

function disclosureTable(d: Document, s: Style): string {
  const n = d.numbers;
  const ruled = s.ruled.disclosure ? 'ruled' : 'unruled';
  const open = `<table class="t2 ${ruled}"><colgroup><col style="width:34%"><col><col><col></colgroup><tbody>`;
  const separate = s.disclosureLayout === 'separate';
  const parts: string[] = [];
  let rows: string[] = [];
  for (const sec of disclosureSections(n.template)) {
    if (separate) parts.push(`<p class="cap">${esc(sec.caption)}</p>`);
    else rows.push(`<tr class="cap"><td colspan="4">${esc(sec.caption)}</td></tr>`);
    // The last heading spans what is left of the 3 value columns (e.g. 本年收费金额 spans all three).
    const span = (i: number): string =>
      i === sec.columns.length - 1 && sec.columns.length < 3 ? ` colspan="${4 - sec.columns.length}"` : '';
    rows.push(
      `<tr class="head"><td>${DISCLOSURE_ITEM_HEADING}</td>${sec.columns.map((c, i) => `<td${span(i)}>${esc(c.heading)}</td>`).join('')}</tr>`,
    );
    for (const r of sec.rows) {
      const cells = sec.columns.map((c, i) => {
        const cl = n.disclosure[r.key][c.key];
        return `<td class="n"${span(i)}>${esc(cl.text)}</td>`;
      });
      rows.push(`<tr><td>${esc(r.label)}</td>${cells.join('')}</tr>`);
    }
    if (separate) {
      parts.push(`${open}${rows.join('\n')}</tbody></table>`);
      rows = [];
    }
  }
  if (!separate) parts.push(`${open}${rows.join('\n')}</tbody></table>`);
  return parts.join('\n');
}

function applicationsTable(d: Document, s: Style): string {
  const n = d.numbers;
  const label = (path: string, fallback: string): string => esc(d.labels[path] ?? fallback);
  const values = (path: string): string => {
    const cells = n.applications.get(path);
    if (!cells) throw new Error(`no numbers for applications.${path}`);
    return cells.map(num).join('');
  };
  const header = [
    `<tr class="head"><td colspan="3" rowspan="3">${esc(BALANCE_NOTE)}</td><td colspan="7">${APPLICANT_HEADING}</td></tr>`,
    `<tr class="head"><td rowspan="2">${APPLICANT_HEADINGS.naturalPerson}</td><td colspan="5">${APPLICANT_ORG_HEADING}</td><td rowspan="2">${APPLICANT_HEADINGS.total}</td></tr>`,
    `<tr class="head">${ORG_COLUMNS.map((c) => `<td>${APPLICANT_HEADINGS[c]}</td>`).join('')}</tr>`,
  ].join('\n');
  const body: string[] = [];
  for (const r of TOP_ROWS) body.push(`<tr><td class="l" colspan="3">${label(r.path, r.label)}</td>${values(r.path)}</tr>`);
  const blocks = resultBlocks(n.otherHandling);
  const resultRowCount = blocks.reduce((k, b) => k + (b.kind === 'single' ? 1 : b.rows.length), 0);
  let first = true;
  const vertical = (): string => {
    if (!first) return '';
    first = false;
    // The vertical text sits in a div: a vertical-rl cell would be an orthogonal flow, which Chromium
    // keeps unbroken, pushing all 20-odd result rows to the next page instead of splitting them.
    if (s.resultsCell === 'narrow') return `<td class="narrow" rowspan="${resultRowCount}">${esc(RESULTS_CELL_LABEL)}</td>`;
    return `<td class="vert" rowspan="${resultRowCount}"><div>${esc(RESULTS_CELL_LABEL)}</div></td>`;
  };
  for (const b of blocks) {
    if (b.kind === 'single') {
      body.push(`<tr>${vertical()}<td class="l" colspan="2">${label(b.row.path, b.row.label)}</td>${values(b.row.path)}</tr>`);
      continue;
    }
    b.rows.forEach((r, i) => {
      const group = i === 0 ? `<td rowspan="${b.rows.length}">${esc(d.labels[`group:${b.label}`] ?? b.label)}</td>` : '';
      body.push(`<tr>${vertical()}${group}<td class="l">${label(r.path, r.label)}</td>${values(r.path)}</tr>`);
    });
  }
  body.push(`<tr><td class="l" colspan="3">${label(CARRIED_FORWARD.path, CARRIED_FORWARD.label)}</td>${values(CARRIED_FORWARD.path)}</tr>`);
  const [v, g, l] = s.labelMm;
  const cols = `<colgroup><col style="width:${v}mm"><col style="width:${g}mm"><col style="width:${l}mm">${APPLICANT_COLUMNS.map(() => '<col>').join('')}</colgroup>`;
  const ruled = s.ruled.applications ? 'ruled' : 'unruled';
  const head = s.repeatHeader ? `<thead>${header}</thead><tbody>` : `<tbody>${header}`;
  return `<table class="t3 ${ruled}">${cols}${head}\n${body.join('\n')}</tbody></table>`;
}

function reviewTable(d: Document, s: Style): string {
  const n = d.numbers;
  const h = REVIEW_COLUMN_HEADINGS;
  const rows = [
    `<tr class="head"><td colspan="5">${REVIEW_HEADING}</td><td colspan="10">${LITIGATION_HEADING}</td></tr>`,
    `<tr class="head">${h.map((x) => `<td rowspan="2">${x}</td>`).join('')}${REVIEW_GROUP_SPECS.slice(1).map((g) => `<td colspan="5">${g.heading}</td>`).join('')}</tr>`,
    `<tr class="head">${[...h, ...h].map((x) => `<td>${x}</td>`).join('')}</tr>`,
    `<tr>${REVIEW_GROUPS.flatMap((g) => n.review[g].map(num)).join('')}</tr>`,
  ];
  const ruled = s.ruled.review ? 'ruled' : 'unruled';
  return `<table class="t4 ${ruled}"><tbody>${rows.join('\n')}</tbody></table>`;
}

function metaBox(rows: [string, string][]): string {
  const cells = rows.map(([k, v]) => `<td class="k">${esc(k)}：</td><td>${esc(v)}</td>`);
  const trs: string[] = [];
  for (let i = 0; i < cells.length; i += 2) trs.push(`<tr>${cells[i]}${cells[i + 1] ?? '<td></td><td></td>'}</tr>`);
  return `<table class="meta"><tbody>${trs.join('')}</tbody></table>`;
}

export function renderHtml(d: Document, s: Style): string {
  const h = (key: SectionKey): string =>
    `<h2${s.breakBefore.includes(key) ? ' class="pagebreak"' : ''}${
      s.spaceBeforeMm?.[key] ? ` style="margin-top:${s.spaceBeforeMm[key]}mm"` : ''
    }>${esc(d.headings[key])}</h2>`;
  const paras = (ps: string[]): string => ps.map((p) => `<p>${esc(p)}</p>`).join('\n');
  const lead = (key: SectionKey): string => (d.sectionProse?.[key] ? `${paras(d.sectionProse[key])}\n` : '');
  const overview = d.overview
    .map((b) => `${b.heading ? `<h3>${esc(b.heading)}</h3>` : ''}${paras(b.paragraphs)}`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(d.titleLines.join(''))}</title><style>${css(s, d.titleLines.join(''), Math.max(...d.titleLines.map((l) => l.length)))}</style></head>
<body>
${d.metaBox ? metaBox(d.metaBox) : ''}
<h1>${d.titleLines.map(esc).join('<br>')}</h1>
${h('overview')}
${overview}
${h('activeDisclosure')}
${lead('activeDisclosure')}${disclosureTable(d, s)}
${s.landscapeApplications ? '<section class="landscape">' : ''}${h('applications')}
${lead('applications')}${applicationsTable(d, s)}${s.landscapeApplications ? '</section>' : ''}
${h('reviewLitigation')}
${lead('reviewLitigation')}${reviewTable(d, s)}
${h('problems')}
${paras(d.problems)}
${h('otherMatters')}
${paras(d.otherMatters)}
<div class="sign">${esc(d.signature[0])}<br>${esc(d.signature[1])}</div>
</body></html>
`;
}
