// Two years of one agency side by side (src/compare's comparison): every cell's change, the
// cross-year checks, and how much prose repeats — rendered on the server, every string escaped.
import type { ReportSummary } from '../db/list.js';
import { esc } from '../review/escape.js';
import type { Comparison } from '../compare/schema.js';
import { columnName, rowName } from '../templates/index.js';
import { splitPath } from '../inspect/locate.js';
import { shell } from './layout.js';

const side = (s: Comparison['cells'][number]['previous']) =>
  s === null
    ? '—'
    : `${s.value === null ? `(blank${s.printed ? ` 「${s.printed}」` : ''})` : s.value}${s.corrected ? ' ✎' : ''}`;
const signed = (n: number | null, unit = '') => (n === null ? '' : `${n > 0 ? '+' : ''}${n}${unit}`);

function yearPicker(agency: string, years: ReportSummary[], a: number, b: number): string {
  const opts = (sel: number) =>
    years.map((y) => `<option value="${y.year}"${y.year === sel ? ' selected' : ''}>${y.year}</option>`).join('');
  return `<form class="pick" method="get" action="/compare"><input type="hidden" name="agency" value="${esc(agency)}">
<label>from <select name="a">${opts(a)}</select></label> <label>to <select name="b">${opts(b)}</select></label> <button type="submit">对比 compare</button>
<a href="/chart?agency=${encodeURIComponent(agency)}">历年趋势 chart</a></form>`;
}

export interface ComparePageInput {
  agency: string;
  years: ReportSummary[];
  comparison: Comparison | null;
  csrf: string;
  note?: string;
}

/** The compare page of an agency: the year picker, then the two reports' differences. */
export function comparePage({ agency, years, comparison: c, csrf, note }: ComparePageInput): string {
  const head = `<h1>${esc(agency)} · 逐年对比 year over year</h1>`;
  if (!c)
    return shell({
      title: `${agency} — compare`,
      page: 'compare',
      csrf,
      body: `<main class="narrow">${head}<p class="nocrop">${esc(note ?? '')}</p></main>`,
    });
  const changed = c.cells.filter((x) => x.status !== 'same');
  const rows = changed
    .map((x) => {
      const { row, column } = splitPath(x.path);
      return `<tr><td class="l">${esc(`${rowName(row)} · ${columnName(column)}`)}</td><td class="path">${esc(x.path)}</td><td>${esc(side(x.previous))}</td><td class="${x.status}" data-path="${esc(x.path)}">${esc(side(x.current))}</td><td>${esc(signed(x.change))}</td><td>${esc(signed(x.changePercent, '%'))}</td></tr>`;
    })
    .join('\n');
  const cross = c.crossYear
    .map(
      (x) =>
        `<tr data-check="${esc(x.id)}"><td class="path">${esc(x.id)}</td><td class="${x.passed ? 'ok' : 'fail'}">${x.passed ? 'passed' : 'FAILED'}</td><td>${x.expected}</td><td>${x.actual}</td><td class="path">${esc(x.message)}</td></tr>`,
    )
    .join('\n');
  const prose = c.prose
    .map(
      (s) =>
        `<li>${esc(`${s.section}: ${s.reusedSentences}/${s.sentences} sentences repeated (${Math.round(s.sentenceReuse * 100)}%)`)}</li>`,
    )
    .join('');
  const a = c.previous.year!;
  const b = c.current.year!;
  const body = `<main class="narrow">${head}${yearPicker(agency, years, a, b)}
<p class="meta">${esc(`${a}: ${c.previous.path ?? ''} · ${b}: ${c.current.path ?? ''} · ${changed.length} of ${c.cells.length} cells differ (yellow: changed; violet: blank vs 0; ✎ corrected)`)}</p>
<p><a href="/report/${esc(c.previous.sha256)}">${a} report</a> · <a href="/report/${esc(c.current.sha256)}">${b} report</a></p>
<h2>跨年度核对 Cross-year checks</h2>${cross ? `<table class="cmp crossyear"><tr><th>check</th><th>result</th><th>${a}</th><th>${b}</th><th>message</th></tr>${cross}</table>` : '<p class="muted">none (the years are not consecutive, or the cells are absent)</p>'}
<h2>变化的数字 Cells that changed</h2><table class="cmp cells"><tr><th>cell</th><th>path</th><th>${a}</th><th>${b}</th><th>change</th><th>%</th></tr>${rows}</table>
<h2>正文重复 Prose repeated from ${a}</h2><ul>${prose}</ul></main>`;
  return shell({ title: `${agency} ${a}→${b} — compare`, page: 'compare', csrf, body });
}
