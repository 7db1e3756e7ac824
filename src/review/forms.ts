// Tables 二/三/四 as HTML laid out like the printed forms (as src/templates describes them), every value cell tagged with its record
// path (data-path) and classed: fail (named by a failed check), warn (named by a warning), blank, absent.
import type { Report } from '../schema/record.js';
import { LOW_CONFIDENCE } from '../schema/record.js';
import { esc } from './escape.js';
import { getPath } from '../schema/paths.js';
import {
  APPLICANT_COLUMN_SPECS,
  APPLICANT_HEADING,
  APPLICANT_ORG_HEADING,
  applicationsLayout,
  BALANCE_NOTE,
  disclosureBlocks,
  DISCLOSURE_ITEM_HEADING,
  LITIGATION_HEADING,
  REVIEW_COLUMN_SPECS,
  REVIEW_GROUP_SPECS,
  templateCell,
  type PrintedRow,
} from '../templates/index.js';

export interface FormContext {
  record: Report;
  failed: Set<string>;
  /** Paths (cells, rows or tables) named by warnings. */
  warned: string[];
}

function td(ctx: FormContext, path: string, attrs = ''): string {
  const v = getPath(ctx.record, path);
  const rowPath = path.slice(0, path.lastIndexOf('.'));
  const rowAbsent = getPath(ctx.record, rowPath) === undefined || getPath(ctx.record, rowPath) === null;
  const prov = ctx.record.provenance[path];
  const fix = ctx.record.corrections?.find((c) => c.path === path);
  const classes = ['v'];
  if (ctx.failed.has(path)) classes.push('fail');
  if (fix) classes.push('corrected');
  if (ctx.warned.some((w) => path === w || path.startsWith(w + '.'))) classes.push('warn');
  if (rowAbsent) classes.push('absent');
  else if (v === null || v === undefined) classes.push('blank');
  if (prov?.confidence !== undefined && prov.confidence < LOW_CONFIDENCE) classes.push('low');
  const shown = typeof v === 'number' ? String(v) : fix ? '' : (prov?.text ?? '');
  // A tooltip only where there is more to say than the path (the page script shows the path).
  const notes = [
    rowAbsent ? 'row not in the record' : null,
    !rowAbsent && !prov ? 'no number printed' : null,
    prov && (typeof v !== 'number' || classes.length > 1)
      ? prov.text
        ? `p.${prov.page} printed 「${prov.text}」`
        : `p.${prov.page} printed blank`
      : null,
    prov?.confidence !== undefined ? `OCR ${Math.round(prov.confidence)}` : null,
    fix
      ? `corrected 已更正: ${fix.printed ?? 'blank'} → ${fix.value ?? 'blank'}${fix.author ? ` by ${fix.author}` : ''}${fix.time ? ` ${fix.time}` : ''}${fix.note ? ` · ${fix.note}` : ''}`
      : null,
  ].filter(Boolean);
  const title = notes.length ? ` title="${esc([path, ...notes].join(' · '))}"` : '';
  // The page's editor checks a correction against the cell's unit: a count (most cells) unless said.
  const unit = templateCell(path)?.unit;
  const unitAttr = unit && unit !== 'count' ? ` data-unit="${unit}"` : '';
  return `<td class="${classes.join(' ')}" data-path="${esc(path)}"${unitAttr}${title}${attrs}>${esc(shown)}</td>`;
}

const th = (text: string, attrs = '') => `<th${attrs}>${esc(text)}</th>`;
const APPLICANTS = APPLICANT_COLUMN_SPECS.map((c) => c.key);

/** Table 三 with its printed row structure (group heads spanning their rows). */
export function applicationsTable(ctx: FormContext): string {
  const apps = ctx.record.applications;
  if (!apps) return '<p class="none">表三未读出 (table 三 not read)</p>';
  const otherAsOne = !!apps.results?.otherHandling?.total && !apps.results.otherHandling.overdueCorrection;
  const layout = applicationsLayout(otherAsOne ? 'single' : 'split');
  const cells = (row: string) => APPLICANTS.map((c) => td(ctx, `applications.${row}.${c}`)).join('');
  const full = (r: PrintedRow, span: number) =>
    `<tr>${th(r.label, ` colspan="${span}" class="l"`)}${cells(r.path)}</tr>`;
  const resultRows = layout.results.map((b) =>
    b.kind === 'single'
      ? full(b.row, 2)
      : b.rows
          .map(
            (r, k) =>
              `<tr>${k === 0 ? th(b.label, ` rowspan="${b.rows.length}"`) : ''}${th(r.label, ' class="l"')}${cells(r.path)}</tr>`,
          )
          .join(''),
  );
  // The results head (level 1, 「三、」) spans every result row: prefix it to the first one.
  const resultCount = layout.results.reduce((n, b) => n + (b.kind === 'single' ? 1 : b.rows.length), 0);
  resultRows[0] = resultRows[0].replace(
    '<tr>',
    `<tr>${th(layout.resultsHead, ` rowspan="${resultCount}" class="vert"`)}`,
  );
  const orgs = APPLICANT_COLUMN_SPECS.filter((c) => 'org' in c);
  const [first, last] = [APPLICANT_COLUMN_SPECS[0], APPLICANT_COLUMN_SPECS[APPLICANT_COLUMN_SPECS.length - 1]];
  return `<table class="form t3">
<thead>
<tr>${th(BALANCE_NOTE, ' colspan="3" rowspan="3"')}${th(APPLICANT_HEADING, ` colspan="${APPLICANTS.length}"`)}</tr>
<tr>${th(first.heading, ' rowspan="2"')}${th(APPLICANT_ORG_HEADING, ` colspan="${orgs.length}"`)}${th(last.heading, ' rowspan="2"')}</tr>
<tr>${orgs.map((c) => th(c.heading)).join('')}</tr>
</thead>
<tbody>
${layout.top.map((r) => full(r, 3)).join('\n')}
${resultRows.join('\n')}
${layout.bottom.map((r) => full(r, 3)).join('\n')}
</tbody></table>`;
}

/** Table 四: one row of fifteen numbers under a two-level header. */
export function reviewTable(ctx: FormContext): string {
  if (!ctx.record.reviewLitigation) return '<p class="none">表四未读出 (table 四 not read)</p>';
  const cols = REVIEW_COLUMN_SPECS;
  const heads = cols.map((c) => th(c.heading)).join('');
  const [review, ...litigation] = REVIEW_GROUP_SPECS;
  const n = cols.length;
  return `<table class="form t4">
<thead>
<tr>${th(review.heading, ` colspan="${n}"`)}${th(LITIGATION_HEADING, ` colspan="${n * litigation.length}"`)}</tr>
<tr>${cols.map((c) => th(c.heading, ' rowspan="2"')).join('')}${litigation.map((g) => th(g.heading, ` colspan="${n}"`)).join('')}</tr>
<tr>${litigation.map(() => heads).join('')}</tr>
</thead>
<tbody><tr>${REVIEW_GROUP_SPECS.flatMap((g) => cols.map((c) => td(ctx, `reviewLitigation.${g.key}.${c.key}`))).join('')}</tr></tbody>
</table>`;
}

/** Table 二: blocks per 第二十条 item, four columns wide like the printed form. */
export function activeTable(ctx: FormContext): string {
  const active = ctx.record.activeDisclosure as Record<string, unknown> | null;
  if (!active) return '<p class="none">表二未读出 (table 二 not read)</p>';
  const is2019 =
    ctx.record.template === '2019' ||
    (ctx.record.template === null && ('governmentProcurement' in active || 'otherExternalServices' in active));
  const blocks = disclosureBlocks(is2019 ? '2019' : '2021');
  const WIDTH = 3;
  const body = blocks
    .map((b) => {
      // The last column spans what is left of the form's width (as 本年处理决定数量 does).
      const span = (k: number) =>
        k === b.columns.length - 1 && b.columns.length < WIDTH ? ` colspan="${WIDTH - b.columns.length + 1}"` : '';
      const head = `<tr>${th(b.caption, ` colspan="${WIDTH + 1}" class="blk"`)}</tr><tr>${th(DISCLOSURE_ITEM_HEADING)}${b.columns
        .map((c, k) => th(c.heading, span(k)))
        .join('')}</tr>`;
      const rows = b.items
        .map(
          (item) =>
            `<tr>${th(item.label, ' class="l"')}${b.columns.map((c, k) => td(ctx, `activeDisclosure.${item.key}.${c.key}`, span(k))).join('')}</tr>`,
        )
        .join('');
      return head + rows;
    })
    .join('\n');
  return `<table class="form t2"><tbody>\n${body}\n</tbody></table>`;
}
