// compare.html: one self-contained, offline page (inline style and script, a CSP that forbids the
// network) for one pair or hundreds: a filterable list of pairs; a pair's details are drawn on demand
// from the embedded JSON with textContent only (every string may come from an untrusted file).
import { esc, scriptHash } from '../review/escape.js';
import type { CompareFile } from './schema.js';

const CSS = `
body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5em;color:#222}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.5em}h3{font-size:1em}
table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}
th{background:#f3f3f3}td.path,th.path{text-align:left;font-family:monospace;font-size:12px}
tr.pair{cursor:pointer}tr.pair:hover{background:#eef5ff}tr.pair.open{background:#dde9ff}
td.changed{background:#fff1c2}td.blankVsZero{background:#e8dcff}td.added,td.removed,td.blankToNumber,td.numberToBlank{background:#d9f0ff}
.fail{color:#b00000;font-weight:bold}.ok{color:#11703a}
mark.reused{background:#ffd9d9}.prose{white-space:pre-wrap;border-left:3px solid #ddd;padding-left:.8em;max-width:60em}
#filters{margin:.5em 0}#filters input[type=text]{width:20em}.muted{color:#777}
`;

const SCRIPT = `
const data = JSON.parse(document.getElementById('data').textContent);
const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v); for (const k of kids) e.append(k); return e; };
const fmt = (v) => v === null || v === undefined ? '' : String(v);
const side = (s) => s === null ? '—' : (s.value === null ? '(blank' + (s.printed ? ' 「' + s.printed + '」' : '') + ')' : fmt(s.value)) + (s.corrected ? ' ✎' : '');
const TABLES = [['activeDisclosure', '二、主动公开'], ['applications', '三、依申请公开'], ['reviewLitigation', '四、复议诉讼'], ['legacy', '2008–2018年报数据']];
function details(p) {
  const box = el('div', { class: 'details', 'data-pair': p.previous.sha256 + ':' + p.current.sha256 });
  box.append(el('h2', {}, (p.current.agency || '') + ' ' + p.previous.year + ' → ' + p.current.year));
  for (const [t, name] of TABLES) {
    const cells = p.cells.filter((c) => c.table === t);
    if (!cells.length) continue;
    const only = document.getElementById('onlyChanged').checked;
    const tb = el('table', { class: 'cells' }, el('tr', {}, el('th', { class: 'path' }, 'path'), el('th', {}, String(p.previous.year)), el('th', {}, String(p.current.year)), el('th', {}, 'change'), el('th', {}, '%')));
    for (const c of cells) {
      if (only && c.status === 'same') continue;
      tb.append(el('tr', {}, el('td', { class: 'path' }, c.path), el('td', {}, side(c.previous)),
        el('td', { class: c.status, 'data-path': c.path, 'data-status': c.status, title: c.status }, side(c.current)),
        el('td', {}, c.change === null ? '' : (c.change > 0 ? '+' : '') + c.change), el('td', {}, c.changePercent === null ? '' : (c.changePercent > 0 ? '+' : '') + c.changePercent + '%')));
    }
    box.append(el('h3', {}, name), tb);
  }
  if (p.crossYear.length) {
    const tb = el('table', { class: 'crossyear' }, el('tr', {}, el('th', { class: 'path' }, 'check'), el('th', {}, 'result'), el('th', { class: 'path' }, 'cells'), el('th', { class: 'path' }, 'message')));
    for (const c of p.crossYear) tb.append(el('tr', { 'data-check': c.id }, el('td', { class: 'path' }, c.id), el('td', { class: c.passed ? 'ok' : 'fail' }, c.passed ? 'passed' : 'FAILED'),
      el('td', { class: 'path' }, p.previous.year + ': ' + c.paths.previous.join(', ') + ' = ' + c.expected + ' · ' + p.current.year + ': ' + c.paths.current.join(', ') + ' = ' + c.actual), el('td', { class: 'path' }, c.message)));
    box.append(el('h3', {}, 'Cross-year checks 跨年度核对'), tb);
  }
  if (p.quotedNumbers.length) {
    const tb = el('table', { class: 'quoted' }, el('tr', {}, el('th', { class: 'path' }, 'figure'), el('th', {}, String(p.previous.year)), el('th', {}, String(p.current.year))));
    for (const q of p.quotedNumbers) tb.append(el('tr', {}, el('td', { class: 'path' }, q.id.replace('textTable:', '')),
      el('td', {}, q.previous ? q.previous.text : '—'), el('td', {}, q.current ? q.current.text : '—')));
    box.append(el('h3', {}, 'Numbers quoted in the prose 正文引用的数字'), tb);
  }
  const texts = (data.texts[p.current.sha256] || {});
  for (const s of p.prose) {
    const text = texts[s.section] || '';
    const div = el('div', { class: 'prose', 'data-section': s.section });
    let at = 0;
    for (const r of s.reused) { div.append(text.slice(at, r.start), el('mark', { class: 'reused' }, text.slice(r.start, r.end))); at = r.end; }
    div.append(text.slice(at));
    box.append(el('h3', {}, s.section + ': ' + s.reusedSentences + '/' + s.sentences + ' sentences repeated (' + Math.round(s.sentenceReuse * 100) + '%), 8-grams ' + Math.round(s.ngramReuse * 100) + '%'), div);
  }
  return box;
}
function show(i) {
  document.querySelectorAll('tr.pair.open').forEach((r) => r.classList.remove('open'));
  const row = document.querySelector('tr.pair[data-i="' + i + '"]');
  if (row) row.classList.add('open');
  const out = document.getElementById('details');
  out.replaceChildren(details(data.pairs[i]));
  out.dataset.shown = String(i);
}
function list() {
  const q = document.getElementById('q').value.trim();
  const failedOnly = document.getElementById('failedOnly').checked;
  const body = document.getElementById('pairs');
  body.replaceChildren();
  data.pairs.forEach((p, i) => {
    const failed = p.crossYear.filter((c) => !c.passed).length;
    const hay = [p.current.agency, p.agencyKey, p.previous.year, p.current.year, p.current.path].join(' ');
    if (q && !hay.includes(q)) return;
    if (failedOnly && !failed) return;
    const changed = p.cells.filter((c) => c.status !== 'same').length;
    const reuse = Math.max(0, ...p.prose.map((s) => s.sentenceReuse));
    const tr = el('tr', { class: 'pair', 'data-i': String(i) }, el('td', { class: 'path' }, p.current.agency || ''), el('td', {}, p.previous.year + '→' + p.current.year),
      el('td', {}, String(changed)), el('td', { class: failed ? 'fail' : 'ok' }, String(failed)), el('td', {}, Math.round(reuse * 100) + '%'));
    tr.addEventListener('click', () => show(i));
    body.append(tr);
  });
  document.getElementById('count').textContent = body.children.length + ' / ' + data.pairs.length + ' pairs';
}
document.getElementById('q').addEventListener('input', list);
document.getElementById('failedOnly').addEventListener('change', list);
document.getElementById('onlyChanged').addEventListener('change', () => { const s = document.getElementById('details').dataset.shown; if (s !== undefined) show(Number(s)); });
list();
if (data.pairs.length === 1) show(0);
`;

/** Nothing from the network; the page's one script runs by its hash, no other inline script. */
const CSP = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src ${scriptHash(SCRIPT)}`;

/** The page for `file`, with each current report's section texts (for highlighting reused sentences). */
export function renderComparePage(file: CompareFile, texts: Record<string, Record<string, string>>): string {
  // JSON in a script element: only 「<」 could end it early, so it is escaped.
  const json = JSON.stringify({ pairs: file.pairs, texts }).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`nianbao compare · ${file.pairs.length} pairs`)}</title>
<style>${CSS}</style>
</head>
<body>
<h1>Year over year 年报逐年对比</h1>
<p class="muted">${esc(`generated ${file.generated} · changed cells: yellow; blank vs 0: violet; reused sentences: red; ✎ a reviewer's correction`)}</p>
<div id="filters"><input type="text" id="q" placeholder="filter: agency, year, file"> <label><input type="checkbox" id="failedOnly"> failed cross-year checks only</label>
<label><input type="checkbox" id="onlyChanged"> changed cells only</label> <span id="count"></span></div>
<table><thead><tr><th class="path">agency</th><th>years</th><th>changed cells</th><th>failed cross-year</th><th>max sentence reuse</th></tr></thead><tbody id="pairs"></tbody></table>
<div id="details"></div>
<script type="application/json" id="data">${json}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
