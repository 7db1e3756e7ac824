// The review page: one self-contained HTML document (inline style, script and images; a CSP that
// forbids any network access), flagged reports first.
import type { Report } from '../schema/record.js';
import { CSS, SCRIPT } from './assets.js';
import { CROP_SCALE, type Crop } from './crops.js';
import { esc, scriptHash } from './escape.js';
import { activeTable, applicationsTable, reviewTable, type FormContext } from './forms.js';
import { columnName as columnLabel, rowName as rowLabel } from '../templates/index.js';
import { splitPath } from '../inspect/locate.js';
import type { Bilingual } from './messages.js';

export type Status = 'failed' | 'error' | 'warnings' | 'clean';

export interface Issue {
  kind: 'check' | 'warning';
  id: string;
  text: Bilingual;
  paths: string[];
  crops: Crop[];
}

export interface ReviewEntry {
  status: Status;
  record: Report | null;
  /** For a file that could not be read at all (from batch output). */
  failedFile?: { file: string; error: string };
  issues: Issue[];
  /** Why there are no page crops (source missing, plain text, changed file), if so. */
  cropNote: string | null;
  failedPaths: Set<string>;
  warnedPaths: string[];
}

export interface PageInfo {
  title: string;
  generated: string;
  version: string;
  input: string;
}

/** CSS pixels per PDF point for crops (the printed 10.5pt text shows at about 16px). */
const CROP_DISPLAY = 1.5;

/** Flagged reports beyond this many start closed too (their tables wait in a <template>). */
const OPEN_LIMIT = 40;

/**
 * Nothing from the network; the page's one script runs by its hash ('unsafe-inline' would also run a
 * script a hostile report smuggled past the escaping). Styles stay inline: they cannot run code.
 */
export const CSP = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src ${scriptHash(SCRIPT)}`;

export function renderPage(entries: ReviewEntry[], info: PageInfo): string {
  const n = (s: Status) => entries.filter((e) => e.status === s).length;
  const summary = `${entries.length} reports · ${n('failed')} with failed checks · ${n('error')} unreadable · ${n('warnings')} with warnings only · ${n('clean')} clean`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(info.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(info.title)}</h1>
<p class="summary">${esc(summary)}</p>
<div class="controls">
<input id="filter" type="search" placeholder="筛选 filter: 机关 agency, 年份 year, title, file, check id, cell path…" autocomplete="off">
<select id="status" aria-label="status">
<option value="all">all reports</option>
<option value="flagged">flagged (checks, warnings, errors)</option>
<option value="failed">failed checks</option>
<option value="warnings">warnings only</option>
<option value="error">unreadable files</option>
<option value="clean">clean</option>
</select>
<button id="expand" type="button">expand all</button><button id="collapse" type="button">collapse all</button>
<span id="count"></span>
</div>
<div class="corrections-bar">
<span id="edit-count">0 corrections 更正</span>
<input id="author" type="text" placeholder="审核人 reviewer (optional)" autocomplete="off">
<button id="download" type="button" disabled>download corrections.jsonl</button>
<span class="hint">click a value cell to correct it 点击数字更正</span>
</div>
</header>
<main>
${entries.map((e, k) => renderEntry(e, k + 1, e.status !== 'clean' && k < OPEN_LIMIT)).join('\n')}
</main>
<footer>nianbao ${esc(info.version)} · ${esc(info.input)} · ${esc(info.generated)}. Red cells: named by a failed check (勾稽关系不符); yellow: named by a warning; grey text: printed blank or 「/」「—」; hatched: row not in the record; blue text: corrected by a reviewer (--corrections); blue box: corrected on this page. Hover a check to outline its cells. Click a cell to correct it (Enter: keep, Esc: cancel; empty or / for a blank cell); "download corrections.jsonl" saves the corrections made here for --corrections (append it to your corrections file); the checks are computed again when the file is applied.</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

function badge(e: ReviewEntry): string {
  const checks = e.issues.filter((i) => i.kind === 'check').length;
  const warnings = e.issues.filter((i) => i.kind === 'warning').length;
  const parts: string[] = [];
  if (e.status === 'error') parts.push('<span class="badge error">unreadable 无法读取</span>');
  if (checks) parts.push(`<span class="badge failed">${checks} failed check${checks > 1 ? 's' : ''}</span>`);
  if (warnings) parts.push(`<span class="badge warnings">${warnings} warning${warnings > 1 ? 's' : ''}</span>`);
  const corrected = e.record?.corrections?.length ?? 0;
  if (corrected) parts.push(`<span class="badge corrected">${corrected} corrected</span>`);
  if (!parts.length) parts.push('<span class="badge clean">all checks pass</span>');
  return parts.join('');
}

function searchText(e: ReviewEntry): string {
  const r = e.record;
  const bits = r
    ? [
        r.title,
        r.agency,
        r.year,
        r.template,
        r.source.path,
        e.status,
        r.corrections?.length ? 'corrected' : null,
        ...e.issues.flatMap((i) => [i.id, ...i.paths]),
      ]
    : [e.failedFile?.file, e.failedFile?.error, e.status];
  return bits
    .filter((b) => b !== null && b !== undefined)
    .join(' ')
    .toLowerCase();
}

function renderEntry(e: ReviewEntry, k: number, expanded: boolean): string {
  const r = e.record;
  const open = expanded ? ' open' : '';
  const head = r
    ? `<span class="title">${esc(r.title ?? '(no title)')}</span><span class="meta">${esc([r.agency, r.year, r.template && `template ${r.template}`, r.source.path].filter(Boolean).join(' · '))}</span>`
    : `<span class="title">${esc(e.failedFile?.file ?? '?')}</span>`;
  const sha = r ? ` data-sha256="${esc(r.source.sha256)}"` : '';
  const attrs = `class="report" id="r${k}" data-status="${e.status}" data-file="${esc(r?.source.path ?? e.failedFile?.file ?? '')}"${sha} data-search="${esc(searchText(e))}"`;
  if (!r) {
    return `<section ${attrs}><details${open}><summary>${badge(e)}${head}</summary><div class="body failed-file"><p class="err">${esc(e.failedFile?.error ?? '')}</p></div></details></section>`;
  }
  const ctx: FormContext = { record: r, failed: e.failedPaths, warned: e.warnedPaths };
  const issues = e.issues.length
    ? `<ol class="issues">${e.issues.map(renderIssue).join('\n')}</ol>${e.cropNote ? `<p class="nocrop">${esc(e.cropNote)}</p>` : ''}`
    : '';
  const tables = `<h3>二、主动公开政府信息情况</h3>${activeTable(ctx)}
<h3>三、收到和处理政府信息公开申请情况</h3>${applicationsTable(ctx)}
<h3>四、政府信息公开行政复议、行政诉讼情况</h3>${reviewTable(ctx)}`;
  // Closed reports keep their tables out of the DOM until opened: hundreds of reports stay light.
  const body = open ? tables : `<template class="later">${tables}</template>`;
  return `<section ${attrs}><details${open}><summary>${badge(e)}${head}</summary><div class="body">
${issues}
<ol class="edits"></ol>
${body}
</div></details></section>`;
}

function renderIssue(i: Issue): string {
  const cells = i.paths.length ? `<p class="cells">${esc(cellList(i.paths))}</p>` : '';
  const figs = i.crops
    .map(
      (c) =>
        `<figure><img class="crop" alt="page ${c.page}" data-src="${c.src}" width="${Math.round((c.width / CROP_SCALE) * CROP_DISPLAY)}" height="${Math.round((c.height / CROP_SCALE) * CROP_DISPLAY)}"><figcaption>第 ${c.page} 页 · page ${c.page}</figcaption></figure>`,
    )
    .join('');
  return `<li class="issue ${i.kind}" data-id="${esc(i.id)}" data-paths="${esc(i.paths.join(' '))}"><p class="zh">${esc(i.text.zh)}</p><p class="en">${esc(i.text.en)}</p>${cells}${figs}</li>`;
}

/** The cells of an issue, grouped by row or by column (whichever is shorter): 「row」：column, column. */
export function cellList(paths: string[]): string {
  const group = (key: (p: string) => string, member: (p: string) => string) => {
    const m = new Map<string, string[]>();
    for (const p of paths) m.set(key(p), [...(m.get(key(p)) ?? []), member(p)]);
    return m;
  };
  const byRow = group(
    (p) => rowLabel(splitPath(p).row),
    (p) => columnLabel(splitPath(p).column),
  );
  const byCol = group(
    (p) => columnLabel(splitPath(p).column),
    (p) => rowLabel(splitPath(p).row),
  );
  const [groups, unit] = byCol.size < byRow.size ? [byCol, '列'] : [byRow, ''];
  const list = (v: string[]) => (v.length > 8 ? `${v.slice(0, 4).join('、')} … ${v[v.length - 1]}` : v.join('、'));
  const text = [...groups.entries()].map(([k, v]) => `「${k}」${unit}：${list(v)}`).join('；');
  return `${paths.length} 格 cells · ${text}`;
}
