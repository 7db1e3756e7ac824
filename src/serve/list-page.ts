// The list page: filters, counts, one page of reports (filled in by the page's script from
// /api/reports), downloads of the selection, and the upload drop zone.
import { shell } from './layout.js';

/** The list page's HTML (no report data: the script asks the API). */
export function listPage(csrf: string): string {
  const body = `<main class="wide">
<h1>政府信息公开工作年度报告 · reports</h1>
<form id="filters" class="filters" autocomplete="off">
<label><input type="checkbox" name="flagged" value="1"> 仅需核对 flagged only</label>
<label>机关 agency <input type="search" name="agency" list="agencies" placeholder="any"></label><datalist id="agencies"></datalist>
<label>年份 year <select name="year"><option value="">all</option></select></label>
<label>模板 template <select name="template"><option value="">all</option></select></label>
<label>格式 format <select name="format"><option value="">all</option></select></label>
<label>搜索 <input type="search" name="q" placeholder="title, file…"></label>
</form>
<p id="counts" class="summary"></p>
<p class="downloads">下载 download selection: <a id="dl-csv" href="/api/export?as=csv">CSV</a> · <a id="dl-json" href="/api/export?as=json">JSON</a> · <a id="dl-jsonl" href="/api/export?as=jsonl">JSON Lines</a> · <a id="dl-xlsx" href="/api/export?as=xlsx">Excel (xlsx)</a></p>
<table id="reports" class="list"><thead><tr><th>机关 agency</th><th>年份</th><th>title</th><th>template</th><th>format</th><th>checks</th><th>warnings</th><th>corrected</th><th>file</th></tr></thead><tbody></tbody></table>
<p class="pager"><button type="button" id="prev">← prev</button> <span id="pageinfo"></span> <button type="button" id="next">next →</button></p>
<section id="upload" class="upload"><h2>上传 Upload reports</h2>
<div id="drop" class="drop" tabindex="0">拖放文件到这里 drop PDF, Word, HTML, image or text files here, or <label class="pick">choose <input type="file" id="fileinput" multiple></label></div>
<progress id="upbar" max="100" value="0" class="hidden"></progress> <span id="upstate"></span>
<ol id="upfiles"></ol></section>
</main>`;
  return shell({ title: 'nianbao — reports', page: 'list', csrf, body });
}
