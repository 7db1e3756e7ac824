// The review page's inline style and script (the page loads nothing from anywhere).

export const CSS = `
:root { --fail: #e00000; --fail-bg: #ffd9d9; --warn-bg: #fff1b8; --ink: #1d1d1f; --muted: #6b6b6b; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f4f4f2; }
header { position: sticky; top: 0; z-index: 2; background: #fff; border-bottom: 1px solid #ddd; padding: 10px 20px; }
header h1 { margin: 0 0 4px; font-size: 18px; }
.summary { margin: 0 0 8px; color: var(--muted); }
.controls { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
#filter { width: 38em; max-width: 100%; padding: 5px 8px; font: inherit; }
main { padding: 12px 20px 40px; }
.report { background: #fff; border: 1px solid #ddd; border-left: 6px solid #9e9e9e; border-radius: 4px; margin: 0 0 10px; }
.report[data-status="failed"] { border-left-color: var(--fail); }
.report[data-status="warnings"] { border-left-color: #e0a800; }
.report[data-status="error"] { border-left-color: #6a1b9a; }
.report[data-status="clean"] { border-left-color: #2e7d32; }
.report > details > summary { cursor: pointer; padding: 8px 12px; list-style-position: inside; }
.report .title { font-weight: 600; }
.meta { color: var(--muted); margin-left: 8px; }
.badge { display: inline-block; padding: 0 6px; margin-right: 6px; border-radius: 3px; font-size: 12px; color: #fff; }
.badge.failed { background: var(--fail); } .badge.warnings { background: #b98900; } .badge.clean { background: #2e7d32; } .badge.error { background: #6a1b9a; }
.body { padding: 0 14px 14px; }
.issues { padding-left: 1.4em; }
.issue { margin: 0 0 12px; }
.issue .zh { margin: 0; font-weight: 600; }
.issue .en { margin: 0; color: #333; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
.issue .cells { margin: 2px 0; color: var(--muted); font-size: 12px; }
.issue.check .zh { color: #a00000; } .issue.warning .zh { color: #7a5a00; }
figure { margin: 6px 0; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #ccc; background: #fafafa; }
figcaption { color: var(--muted); font-size: 12px; }
.nocrop { color: var(--muted); font-style: italic; }
h3 { font-size: 15px; margin: 18px 0 6px; }
table.form { border-collapse: collapse; font-size: 13px; background: #fff; }
table.form th, table.form td { border: 1px solid #444; padding: 3px 6px; }
table.form th { font-weight: normal; text-align: center; }
table.form th.l { text-align: left; }
table.form th.blk { text-align: left; font-weight: 600; background: #f3f3f3; }
table.form th.vert { writing-mode: vertical-rl; letter-spacing: 2px; }
table.t3 th.l { max-width: 24em; }
td.v { text-align: center; min-width: 3.2em; font-variant-numeric: tabular-nums; }
td.v.blank { color: #9a9a9a; }
td.v.absent { background: repeating-linear-gradient(45deg, #fff, #fff 4px, #eee 4px, #eee 8px); }
td.v.low { text-decoration: underline wavy #e07000; }
td.v.warn { background: var(--warn-bg); }
td.v.fail { background: var(--fail-bg); color: #9a0000; font-weight: 700; box-shadow: inset 0 0 0 2px var(--fail); }
td.v.focus { box-shadow: inset 0 0 0 3px #1565c0; }
td.v:not(.absent) { cursor: pointer; }
td.v.corrected { color: #0d47a1; font-weight: 700; text-decoration: underline dotted #1565c0; }
td.v.edited { background: #d6e9ff; color: #0d47a1; font-weight: 700; box-shadow: inset 0 0 0 2px #1565c0; }
td.v input.cell-edit { width: 5em; font: inherit; text-align: center; }
td.v input.cell-edit.bad { outline: 2px solid var(--fail); }
.badge.corrected { background: #1565c0; }
.corrections-bar { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; margin-top: 6px; }
.corrections-bar .hint { color: var(--muted); font-size: 12px; }
#author { width: 14em; padding: 4px 6px; font: inherit; }
ol.edits:empty { display: none; }
ol.edits { background: #eef5ff; border: 1px solid #bcd6f5; border-radius: 4px; padding: 6px 6px 6px 2em; }
ol.edits li { margin: 2px 0; }
ol.edits .path { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
ol.edits input.note { width: 24em; margin-left: 8px; font: inherit; }
.failed-file .err { font-family: ui-monospace, monospace; }
.hidden { display: none; }
footer { color: var(--muted); font-size: 12px; padding: 0 20px 20px; }
`;

/** Filter box, status filter, expand/collapse, lazy crops, and hover-to-show a check's cells. */
export const SCRIPT = `
(function () {
  var reports = Array.prototype.slice.call(document.querySelectorAll('section.report'));
  var filter = document.getElementById('filter');
  var status = document.getElementById('status');
  var count = document.getElementById('count');
  function apply() {
    var terms = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var want = status.value;
    var shown = 0;
    reports.forEach(function (r) {
      var hay = r.getAttribute('data-search');
      var ok = (want === 'all' || (want === 'flagged' ? r.getAttribute('data-status') !== 'clean' : r.getAttribute('data-status') === want)) &&
        terms.every(function (t) { return hay.indexOf(t) >= 0; });
      r.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    count.textContent = shown + ' / ' + reports.length;
    observeAll();
  }
  var timer = null;
  filter.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 120); });
  status.addEventListener('change', apply);
  document.getElementById('expand').addEventListener('click', function () { setOpen(true); });
  document.getElementById('collapse').addEventListener('click', function () { setOpen(false); });
  function setOpen(open) {
    reports.forEach(function (r) { if (!r.classList.contains('hidden')) r.querySelector('details').open = open; });
    observeAll();
  }
  // Crops are in data-src until they come near the viewport, so hundreds of reports stay light.
  function load(img) { if (img.getAttribute('data-src')) { img.src = img.getAttribute('data-src'); img.removeAttribute('data-src'); } }
  var io = 'IntersectionObserver' in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (e) { if (e.isIntersecting) { load(e.target); io.unobserve(e.target); } });
  }, { rootMargin: '800px 0px' }) : null;
  function observeAll() {
    document.querySelectorAll('img.crop[data-src]').forEach(function (img) { if (io) io.observe(img); else load(img); });
  }
  document.querySelectorAll('details').forEach(function (d) { d.addEventListener('toggle', observeAll); });
  // Hovering a check outlines its cells in the tables below.
  document.querySelectorAll('.issue[data-paths]').forEach(function (li) {
    var section = li.closest('section.report');
    var paths = li.getAttribute('data-paths').split(' ');
    function mark(on) {
      paths.forEach(function (p) {
        var td = section.querySelector('td[data-path="' + CSS.escape(p) + '"]');
        if (td) td.classList.toggle('focus', on);
      });
    }
    li.addEventListener('mouseenter', function () { mark(true); });
    li.addEventListener('mouseleave', function () { mark(false); });
  });
  // The path of a cell as its tooltip, made on first hover (keeps the file small).
  document.addEventListener('mouseover', function (ev) {
    var td = ev.target.closest && ev.target.closest('td.v');
    if (td && !td.title) td.title = td.getAttribute('data-path');
  });
  // Corrections: click a value cell, type the right number, Enter. The edits are kept in the page
  // (keyed by content and cell, like a corrections file) and downloaded as corrections.jsonl.
  var edits = {};
  var order = [];
  var editCount = document.getElementById('edit-count');
  var download = document.getElementById('download');
  var author = document.getElementById('author');
  var BLANK = /^(|\\/|／|—|－|-|无)$/;
  // As the corrections file requires (src/templates/cells.ts unitProblem): counts whole and ≥ 0, changes whole, amounts ≥ 0.
  function fits(unit, v) {
    if (v === null) return true;
    if (unit === 'signedCount') return Number.isInteger(v);
    if (unit === 'tenThousandYuan' || unit === 'yuan') return v >= 0;
    return Number.isInteger(v) && v >= 0;
  }
  function parseValue(text) {
    var t = text.replace(/[０-９．－＋]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }).replace(/[,，\\s]/g, '');
    if (BLANK.test(t)) return { value: null };
    return /^[+-]?(\\d+(\\.\\d*)?|\\.\\d+)$/.test(t) ? { value: Number(t) } : null;
  }
  function shown(v) { return v === null ? '' : String(v); }
  function refresh() {
    editCount.textContent = order.length + ' correction' + (order.length === 1 ? '' : 's') + ' 更正';
    download.disabled = order.length === 0;
    reports.forEach(function (r) {
      var list = r.querySelector('ol.edits');
      if (!list) return;
      var sha = r.getAttribute('data-sha256');
      list.replaceChildren();
      order.filter(function (k) { return edits[k].sha256 === sha; }).forEach(function (k) {
        var e = edits[k];
        var li = document.createElement('li');
        li.setAttribute('data-path', e.path);
        var p = document.createElement('span'); p.className = 'path'; p.textContent = e.path + ': ' + (e.was === '' ? '(blank)' : e.was) + ' → ' + (e.value === null ? '(blank)' : e.value);
        var note = document.createElement('input'); note.className = 'note'; note.type = 'text'; note.placeholder = '说明 note (optional)'; note.value = e.note;
        note.addEventListener('input', function () { e.note = note.value; });
        var undo = document.createElement('button'); undo.type = 'button'; undo.textContent = 'undo 撤销';
        undo.addEventListener('click', function () { remove(k); });
        li.append(p, note, undo);
        list.appendChild(li);
      });
    });
  }
  function cellOf(e) {
    var section = document.querySelector('section.report[data-sha256="' + CSS.escape(e.sha256) + '"]');
    return section && section.querySelector('td.v[data-path="' + CSS.escape(e.path) + '"]');
  }
  function remove(k) {
    var e = edits[k];
    var td = cellOf(e);
    if (td) { td.textContent = e.was; td.classList.remove('edited'); }
    delete edits[k];
    order = order.filter(function (x) { return x !== k; });
    refresh();
  }
  function startEdit(td) {
    var section = td.closest('section.report');
    var sha = section && section.getAttribute('data-sha256');
    if (!sha) return;
    var path = td.getAttribute('data-path');
    var k = sha + ' ' + path;
    var before = td.textContent;
    var was = edits[k] ? edits[k].was : before;
    var input = document.createElement('input');
    input.className = 'cell-edit';
    input.value = before;
    td.replaceChildren(input);
    input.focus();
    input.select();
    var done = false;
    function finish(keep) {
      if (done) return;
      var parsed = keep ? parseValue(input.value) : null;
      if (keep && (!parsed || !fits(td.getAttribute('data-unit') || 'count', parsed.value))) { input.classList.add('bad'); input.focus(); return; }
      done = true;
      if (!keep) { td.textContent = before; return; }
      if (shown(parsed.value) === was && !edits[k]) { td.textContent = before; return; }
      if (shown(parsed.value) === was) { remove(k); return; }
      if (!edits[k]) { order.push(k); edits[k] = { sha256: sha, path: path, was: was, note: '' }; }
      edits[k].value = parsed.value;
      edits[k].time = new Date().toISOString();
      td.textContent = shown(parsed.value);
      td.classList.add('edited');
      dirty = true;
      refresh();
    }
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter') { ev.preventDefault(); finish(true); }
      else if (ev.key === 'Escape') { ev.preventDefault(); finish(false); }
    });
    input.addEventListener('blur', function () { finish(true); if (!done) finish(false); });
  }
  document.addEventListener('click', function (ev) {
    var td = ev.target.closest && ev.target.closest('td.v');
    if (!td || td.classList.contains('absent') || td.querySelector('input')) return;
    startEdit(td);
  });
  /** The corrections made on this page, one JSON object per line (the --corrections format). */
  function correctionsJsonl() {
    var who = author.value.trim();
    return order.map(function (k) {
      var e = edits[k];
      var line = { sha256: e.sha256, path: e.path, value: e.value };
      if (e.note.trim()) line.note = e.note.trim();
      if (who) line.author = who;
      line.time = e.time;
      return JSON.stringify(line) + '\\n';
    }).join('');
  }
  var dirty = false;
  download.addEventListener('click', function () {
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([correctionsJsonl()], { type: 'application/x-ndjson' }));
    a.download = 'corrections.jsonl';
    document.body.appendChild(a);
    a.click();
    a.remove();
    dirty = false;
  });
  window.addEventListener('beforeunload', function (ev) { if (dirty) { ev.preventDefault(); ev.returnValue = ''; } });
  // Clean reports keep their tables in a <template> until first opened.
  document.querySelectorAll('details').forEach(function (d) {
    d.addEventListener('toggle', function () {
      var t = d.querySelector('template.later');
      if (d.open && t) { t.parentNode.replaceChild(t.content, t); }
    });
  });
  apply();
})();
`;
