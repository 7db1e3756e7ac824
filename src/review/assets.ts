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
