// The script of every page (served as /assets/app.js; the CSP allows no other). It builds the DOM
// with textContent only: nothing from a report is ever parsed as HTML here.
export const SCRIPT = String.raw`
(function () {
  'use strict';
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var flash = document.getElementById('flash');
  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    (kids || []).forEach(function (k) { e.append(k); });
    return e;
  }
  function say(text, bad) { flash.textContent = text; flash.classList.toggle('error', !!bad); }
  var kept = sessionStorage.getItem('nianbao-flash');
  if (kept) { sessionStorage.removeItem('nianbao-flash'); say(kept); }
  function send(method, url, body) {
    return fetch(url, { method: method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.statusText); return j; }); });
  }
  var page = document.body.getAttribute('data-page');
  if (page === 'list') list();
  if (page === 'report') report();

  function list() {
    var form = document.getElementById('filters');
    var offset = 0;
    var limit = 100;
    function query() {
      var p = new URLSearchParams();
      new FormData(form).forEach(function (v, k) { if (v) p.set(k, v); });
      return p;
    }
    function fill(select, counts) {
      var want = select.value;
      var first = select.options[0];
      select.replaceChildren(first);
      Object.keys(counts).sort().forEach(function (k) { select.append(el('option', { value: k }, [k + ' (' + counts[k] + ')'])); });
      select.value = want;
    }
    function load() {
      var p = query();
      ['csv', 'json', 'jsonl', 'xlsx'].forEach(function (f) { var q = new URLSearchParams(p); q.set('as', f); document.getElementById('dl-' + f).href = '/api/export?' + q; });
      p.set('offset', offset); p.set('limit', limit);
      history.replaceState(null, '', '/?' + query());
      return fetch('/api/reports?' + p).then(function (r) { return r.json(); }).then(function (d) {
        fill(form.year, d.counts.year); fill(form.template, d.counts.template); fill(form.format, d.counts.format);
        document.getElementById('agencies').replaceChildren.apply(document.getElementById('agencies'), d.agencies.slice(0, 2000).map(function (a) { return el('option', { value: a }); }));
        document.getElementById('counts').textContent = d.total + ' reports · ' + d.flagged + ' flagged · ' + d.matched + ' shown by the filters (' + d.matchedFlagged + ' flagged)';
        var body = document.querySelector('#reports tbody');
        body.replaceChildren.apply(body, d.rows.map(function (r) {
          var a = el('a', { href: '/report/' + r.sha256 }, [r.title || '(no title)']);
          return el('tr', { class: r.flagged ? 'flagged' : '', 'data-sha256': r.sha256 }, [
            el('td', {}, [r.agency || '']), el('td', { class: 'n' }, [r.year === null ? '' : String(r.year)]), el('td', {}, [a]),
            el('td', {}, [r.template || '']), el('td', {}, [r.format || '']), el('td', { class: 'n' + (r.checksFailed ? ' fail' : '') }, [String(r.checksFailed)]),
            el('td', { class: 'n' }, [String(r.warnings)]), el('td', { class: 'n' }, [String(r.correctedCells)]), el('td', { class: 'path' }, [r.path || ''])]);
        }));
        document.getElementById('pageinfo').textContent = d.matched ? (offset + 1) + '–' + Math.min(offset + limit, d.matched) + ' of ' + d.matched : 'none';
        document.getElementById('prev').disabled = offset === 0;
        document.getElementById('next').disabled = offset + limit >= d.matched;
        document.body.setAttribute('data-loaded', String(Date.now()));
      });
    }
    new URLSearchParams(location.search).forEach(function (v, k) { if (form[k]) { if (form[k].type === 'checkbox') form[k].checked = v === '1'; else { if (form[k].tagName === 'SELECT') form[k].append(el('option', { value: v }, [v])); form[k].value = v; } } });
    var timer = null;
    form.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(function () { offset = 0; load(); }, 150); });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    document.getElementById('prev').addEventListener('click', function () { offset = Math.max(0, offset - limit); load(); });
    document.getElementById('next').addEventListener('click', function () { offset += limit; load(); });
    load();
    uploads(load);
  }

  function uploads(reload) {
    var drop = document.getElementById('drop');
    var input = document.getElementById('fileinput');
    var bar = document.getElementById('upbar');
    var state = document.getElementById('upstate');
    var out = document.getElementById('upfiles');
    function show(job) {
      state.textContent = job.state + ': ' + job.done + ' / ' + job.total + ' files';
      out.replaceChildren.apply(out, job.files.map(function (f) {
        var li = el('li', { class: f.outcome }, [f.name + ' — ' + f.outcome + (f.detail ? ' (' + f.detail + ')' : '') + ' ']);
        if (f.outcome === 'ok' || f.outcome === 'flagged' || f.outcome === 'skipped') li.append(el('a', { href: '/report/' + f.sha256 }, ['open']));
        return li;
      }));
      bar.value = job.total ? 50 + 50 * job.done / job.total : 100;
    }
    function poll(id) {
      fetch('/api/uploads/' + id).then(function (r) { return r.json(); }).then(function (job) {
        show(job);
        if (job.state === 'done' || job.state === 'failed') { bar.value = 100; reload(); document.body.setAttribute('data-upload', job.state); }
        else setTimeout(function () { poll(id); }, 400);
      });
    }
    function send(files) {
      if (!files.length) return;
      var fd = new FormData();
      Array.prototype.forEach.call(files, function (f) { fd.append('files', f, f.name); });
      var x = new XMLHttpRequest();
      x.open('POST', '/api/uploads');
      x.setRequestHeader('X-CSRF-Token', csrf);
      bar.classList.remove('hidden'); bar.value = 0; state.textContent = 'uploading…';
      x.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = 50 * e.loaded / e.total; };
      x.onload = function () {
        var j = {}; try { j = JSON.parse(x.responseText); } catch (e) { j = { error: x.statusText }; }
        if (x.status !== 202) { state.textContent = 'refused: ' + (j.error || x.status); say('upload refused: ' + (j.error || x.status), true); return; }
        show(j); poll(j.id);
      };
      x.send(fd);
    }
    ['dragenter', 'dragover'].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); }); });
    ['dragleave', 'drop'].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); }); });
    drop.addEventListener('drop', function (e) { send(e.dataTransfer.files); });
    input.addEventListener('change', function () { send(input.files); });
  }

  function report() {
    var data = JSON.parse(document.getElementById('data').textContent);
    var img = document.getElementById('pageimg');
    var box = document.getElementById('box');
    var panel = document.getElementById('cell');
    var shown = null;
    function showPage(n) {
      if (!img) return;
      document.querySelectorAll('#viewer .pages button').forEach(function (b) { b.classList.toggle('on', Number(b.getAttribute('data-page')) === n); });
      if (shown !== n) { img.src = '/api/reports/' + data.sha256 + '/pages/' + n; shown = n; }
    }
    function place(c) {
      if (!img || !c.bbox) { if (box) box.classList.add('hidden'); return; }
      var put = function () {
        var k = img.clientWidth / img.naturalWidth * data.scale;
        box.style.left = (c.bbox[0] * k - 4) + 'px'; box.style.top = (c.bbox[1] * k - 4) + 'px';
        box.style.width = ((c.bbox[2] - c.bbox[0]) * k + 8) + 'px'; box.style.height = ((c.bbox[3] - c.bbox[1]) * k + 8) + 'px';
        box.classList.remove('hidden');
        box.scrollIntoView({ block: 'center', inline: 'nearest' });
      };
      if (img.complete && img.naturalWidth && shown === c.page) put(); else img.addEventListener('load', put, { once: true });
      showPage(c.page);
    }
    if (data.pages.length) showPage(data.pages[0]);
    document.querySelectorAll('#viewer .pages button').forEach(function (b) { b.addEventListener('click', function () { box.classList.add('hidden'); showPage(Number(b.getAttribute('data-page'))); }); });
    function open(td) {
      var path = td.getAttribute('data-path');
      var c = data.cells[path];
      if (!c) return;
      document.querySelectorAll('td.v.selected').forEach(function (x) { x.classList.remove('selected'); });
      td.classList.add('selected');
      var dl = el('dl', {}, []);
      function row(k, v) { dl.append(el('dt', {}, [k]), el('dd', {}, [v === null || v === undefined ? '—' : String(v)])); }
      row('value 值', c.value === null ? '(blank 空)' : c.value);
      row('printed 印为', c.printed === null ? '(nothing)' : '「' + c.printed + '」');
      if (c.corrected) row('extracted 原值', c.printedValue);
      row('page 页', c.page);
      row('box 位置 (pt)', c.bbox ? c.bbox.map(function (x) { return Math.round(x); }).join(', ') : null);
      if (c.confidence !== null) row('OCR confidence', c.confidence);
      if (c.selector) row('read from', c.selector);
      row('checks 勾稽', c.check || 'none');
      var named = el('ul', { class: 'named' }, data.issues.filter(function (i) { return i.paths.indexOf(path) >= 0; }).map(function (i) { return el('li', { class: i.kind }, [i.text.zh]); }));
      var value = el('input', { name: 'value', value: c.value === null ? '' : String(c.value), 'aria-label': 'value' });
      var note = el('input', { name: 'note', placeholder: '说明 note' });
      var author = el('input', { name: 'author', placeholder: '审核人 reviewer', value: localStorage.getItem('nianbao-author') || '' });
      var save = el('button', { type: 'submit' }, ['保存更正 save correction']);
      var close = el('button', { type: 'button' }, ['关闭 close']);
      var form = el('form', { class: 'edit' }, [value, note, author, el('div', { class: 'row' }, [save, close])]);
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var t = value.value.trim();
        var v = t === '' || t === '/' ? null : Number(t);
        if (v !== null && !isFinite(v)) { say('not a number: ' + t, true); return; }
        localStorage.setItem('nianbao-author', author.value.trim());
        send('POST', '/api/reports/' + data.sha256 + '/corrections', { path: path, value: v, note: note.value.trim(), author: author.value.trim() })
          .then(function (r) { done('corrected ' + path + ' → ' + (v === null ? 'blank' : v), r); }, function (e) { say(e.message, true); });
      });
      close.addEventListener('click', function () { panel.classList.add('hidden'); td.classList.remove('selected'); if (box) box.classList.add('hidden'); });
      panel.replaceChildren(el('h4', {}, [c.label]), el('div', { class: 'path' }, [path]), dl, named, form);
      panel.classList.remove('hidden');
      place(c);
      value.focus();
    }
    function done(what, r) {
      var text = what + ': failed checks ' + r.failedBefore + ' → ' + r.failedAfter +
        (r.nowPassing.length ? '; now passing: ' + r.nowPassing.join(', ') : '') + (r.nowFailing.length ? '; now failing: ' + r.nowFailing.join(', ') : '');
      sessionStorage.setItem('nianbao-flash', text);
      location.reload();
    }
    document.getElementById('tables').addEventListener('click', function (e) {
      var td = e.target.closest && e.target.closest('td.v');
      if (td && !td.classList.contains('absent')) return open(td);
      var b = e.target.closest && e.target.closest('button.revert');
      if (b) {
        var p = b.getAttribute('data-path');
        send('DELETE', '/api/reports/' + data.sha256 + '/corrections?path=' + encodeURIComponent(p)).then(function (r) { done('reverted ' + p, r); }, function (err) { say(err.message, true); });
      }
    });
    document.querySelectorAll('.issue[data-paths]').forEach(function (li) {
      li.addEventListener('click', function () {
        var first = li.getAttribute('data-paths').split(' ')[0];
        var td = first && document.querySelector('td.v[data-path="' + CSS.escape(first) + '"]');
        if (td) { td.scrollIntoView({ block: 'center' }); open(td); }
      });
    });
  }
})();
`;
