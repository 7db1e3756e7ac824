// A report's page: its tables laid out as the printed form (review/forms), the failed checks and
// warnings of each table right under it, the reviewers' corrections with a revert button each, and
// the page image with the boxes of what was read (drawn by page-image.ts). Everything escaped.
import { recordCells } from '../output/cells.js';
import { esc } from '../review/escape.js';
import { activeTable, applicationsTable, reviewTable, type FormContext } from '../review/forms.js';
import type { Issue } from '../review/html.js';
import { entryOf } from '../review/review.js';
import type { Report } from '../schema/record.js';
import { columnName, rowName } from '../templates/index.js';
import { splitPath } from '../inspect/locate.js';
import { shell } from './layout.js';
import { PAGE_IMAGE_SCALE } from './options.js';

const TABLES: Array<{ key: string; heading: string; render: (ctx: FormContext) => string }> = [
  { key: 'activeDisclosure', heading: '二、主动公开政府信息情况', render: activeTable },
  { key: 'applications', heading: '三、收到和处理政府信息公开申请情况', render: applicationsTable },
  { key: 'reviewLitigation', heading: '四、政府信息公开行政复议、行政诉讼情况', render: reviewTable },
];

/** What the page's script needs about each cell: its labels, values and where it was read. */
export function cellData(record: Report) {
  return Object.fromEntries(
    recordCells(record).map((c) => {
      const prov = record.provenance[c.path];
      const { row, column } = splitPath(c.path);
      return [
        c.path,
        {
          label: `${rowName(row)} · ${columnName(column)}`,
          value: c.value,
          printed: c.printed,
          printedValue: c.printedValue,
          check: c.check,
          corrected: c.corrected,
          page: prov?.page ?? null,
          bbox: prov?.bbox ?? null,
          confidence: prov?.confidence ?? null,
          selector: prov?.selector ?? null,
        },
      ];
    }),
  );
}

const tableOf = (i: Issue) => (i.paths[0] ?? '').split('.')[0];

function issueList(issues: Issue[]): string {
  if (!issues.length) return '';
  const li = (i: Issue) =>
    `<li class="issue ${i.kind}" data-id="${esc(i.id)}" data-paths="${esc(i.paths.join(' '))}"><p class="zh">${esc(i.text.zh)}</p><p class="en">${esc(i.text.en)}</p></li>`;
  return `<ol class="issues">${issues.map(li).join('')}</ol>`;
}

function correctionList(record: Report): string {
  const cs = record.corrections ?? [];
  if (!cs.length) return '';
  const li = cs
    .map((c) => {
      const who = [c.author, c.time, c.note].filter(Boolean).join(' · ');
      const change = `${c.path}: ${c.printed ?? '(blank)'} → ${c.value ?? '(blank)'}`;
      return `<li data-path="${esc(c.path)}"><span class="path">${esc(change)}</span> <span class="who">${esc(who)}</span> <button type="button" class="revert" data-path="${esc(c.path)}">撤销 revert</button></li>`;
    })
    .join('');
  return `<section class="corrections"><h3>更正 Corrections</h3><ol>${li}</ol></section>`;
}

/** The viewer: page buttons and one image at a time, or why there is none. */
function viewer(pages: number[], imageNote: string | null): string {
  if (imageNote) return `<aside id="viewer" class="noimage"><p class="nocrop">${esc(imageNote)}</p></aside>`;
  const buttons = pages
    .map((p, k) => `<button type="button" class="pg${k === 0 ? ' on' : ''}" data-page="${p}">第 ${p} 页</button>`)
    .join('');
  return `<aside id="viewer"><div class="pages">${buttons}</div><div class="frame"><img id="pageimg" alt="page"><div id="box" class="hidden"></div></div></aside>`;
}

export interface ReportPageInput {
  record: Report;
  csrf: string;
  /** Why there is no page image (source gone, changed, plain text), or null when there is one. */
  imageNote: string | null;
}

/** The whole report page. */
export function reportPage({ record, csrf, imageNote }: ReportPageInput): string {
  const e = entryOf(record);
  const ctx: FormContext = { record, failed: e.failedPaths, warned: e.warnedPaths };
  const general = e.issues.filter((i) => !TABLES.some((t) => t.key === tableOf(i)));
  const tables = TABLES.map(
    (t) => `<h3>${esc(t.heading)}</h3>${issueList(e.issues.filter((i) => tableOf(i) === t.key))}${t.render(ctx)}`,
  ).join('\n');
  const pages = [
    ...new Set(Object.values(record.provenance).flatMap((p) => (p.page !== undefined && p.bbox ? [p.page] : []))),
  ].sort((a, b) => a - b);
  const failed = e.issues.filter((i) => i.kind === 'check').length;
  const meta = [
    record.agency,
    record.year,
    record.template && `template ${record.template}`,
    record.source.format,
    record.source.path,
  ]
    .filter(Boolean)
    .join(' · ');
  const key = record.agencyKey ?? record.agency ?? '';
  const links = key
    ? `<a href="/chart?agency=${encodeURIComponent(key)}">历年趋势 chart</a> <a href="/compare?agency=${encodeURIComponent(key)}">逐年对比 compare</a>`
    : '';
  const body = `<header class="report-head"><h1 id="title">${esc(record.title ?? '(no title)')}</h1>
<p class="meta">${esc(meta)}</p>
<p class="badges"><span class="badge ${failed ? 'failed' : 'clean'}" id="failed-count">${failed} failed check${failed === 1 ? '' : 's'}</span><span class="badge warnings">${record.warnings.length} warnings</span>${
    record.corrections?.length ? `<span class="badge corrected">${record.corrections.length} corrected</span>` : ''
  } ${links} <a href="/api/reports/${record.source.sha256}?download=1">JSON</a></p></header>
<div class="report-grid">${viewer(pages, imageNote)}
<main id="tables">${issueList(general)}${correctionList(record)}${tables}</main>
<div id="cell" class="hidden"></div></div>`;
  return shell({
    title: `${record.title ?? 'report'} — nianbao`,
    page: 'report',
    csrf,
    body,
    data: {
      sha256: record.source.sha256,
      scale: PAGE_IMAGE_SCALE,
      pages,
      cells: cellData(record),
      issues: e.issues.map(({ crops: _c, ...i }) => i),
    },
  });
}
