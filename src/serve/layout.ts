// The frame every page of `nianbao serve` shares: no inline script or style (the CSP forbids them);
// the page's data travels as JSON in a non-executed <script type="application/json">.
import { esc } from '../review/escape.js';

export interface ShellInput {
  title: string;
  /** Which part of /assets/app.js runs: list · report · compare · chart. */
  page: 'list' | 'report' | 'compare' | 'chart';
  /** This session's CSRF token (sent back with every write). */
  csrf: string;
  body: string;
  /** Handed to the page's script as JSON. */
  data?: unknown;
}

/** JSON that cannot end its <script> element early (every 「<」 escaped). */
export const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

/** A whole HTML page of the app. Every string in `title` is escaped here; `body` must be escaped HTML. */
export function shell(p: ShellInput): string {
  const data = p.data === undefined ? '' : `<script type="application/json" id="data">${scriptJson(p.data)}</script>\n`;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${esc(p.csrf)}">
<title>${esc(p.title)}</title>
<link rel="stylesheet" href="/assets/app.css">
<script src="/assets/app.js" defer></script>
</head>
<body data-page="${p.page}">
<nav class="top"><a href="/">年报 nianbao</a><span class="sep">·</span><a href="/#upload">上传 upload</a></nav>
<div id="flash" role="status"></div>
${p.body}
${data}</body>
</html>
`;
}
