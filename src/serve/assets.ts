// The app's only two assets, served from memory: the stylesheet (review's table styles and the
// app's own) and one script for every page. Neither comes from or goes to anywhere else.
import { CSS as REVIEW_CSS } from '../review/assets.js';
import { SCRIPT } from './client.js';

const CSS = `${REVIEW_CSS}
nav.top { background: #1d1d1f; color: #fff; padding: 6px 20px; }
nav.top a { color: #fff; text-decoration: none; margin-right: 6px; } nav.top .sep { margin: 0 6px; color: #888; }
#flash { margin: 0; } #flash:not(:empty) { background: #e8f5e9; border-bottom: 1px solid #a5d6a7; padding: 8px 20px; font-weight: 600; }
#flash.error { background: #ffebee; border-color: #ef9a9a; }
main.wide, main.narrow { padding: 12px 20px 40px; } main.narrow { max-width: 1100px; }
.filters { display: flex; flex-wrap: wrap; gap: 14px; align-items: center; }
.filters input[type=search] { padding: 4px 6px; font: inherit; width: 14em; }
table.list { border-collapse: collapse; background: #fff; width: 100%; font-size: 13px; }
table.list th, table.list td { border-bottom: 1px solid #e3e3e3; padding: 4px 8px; text-align: left; }
table.list tr.flagged td:first-child { box-shadow: inset 4px 0 0 var(--fail); }
table.list td.n { text-align: right; font-variant-numeric: tabular-nums; } table.list td.fail { color: #a00000; font-weight: 700; }
.pager button { font: inherit; }
.upload { margin-top: 24px; } .drop { border: 2px dashed #999; border-radius: 6px; padding: 28px; text-align: center; background: #fff; }
.drop.over { border-color: #1565c0; background: #eef5ff; } .drop input[type=file] { display: none; } .drop .pick { color: #1565c0; text-decoration: underline; cursor: pointer; }
#upfiles li.failed { color: #a00000; } #upfiles li.flagged { color: #8a5a00; }
.report-head { padding: 10px 20px 0; } .report-head h1 { font-size: 19px; margin: 0; } .badges .badge { font-size: 12px; }
.report-grid { display: grid; grid-template-columns: minmax(360px, 46%) 1fr; gap: 16px; padding: 10px 20px 40px; align-items: start; }
#viewer { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow: auto; background: #fff; border: 1px solid #ddd; padding: 6px; }
#viewer .pages button { font: inherit; font-size: 12px; margin: 0 4px 6px 0; } #viewer .pages button.on { background: #1565c0; color: #fff; }
#viewer .frame { position: relative; } #viewer img { display: block; width: 100%; height: auto; }
#box { position: absolute; border: 3px solid #1565c0; box-shadow: 0 0 0 3px rgba(21, 101, 192, 0.3); pointer-events: none; }
#cell { position: fixed; right: 16px; bottom: 16px; width: 380px; background: #fff; border: 1px solid #1565c0; border-radius: 6px; padding: 10px 12px; box-shadow: 0 4px 18px rgba(0,0,0,.2); z-index: 5; }
#cell h4 { margin: 0 0 4px; font-size: 14px; } #cell .path { font-family: ui-monospace, monospace; font-size: 12px; color: var(--muted); }
#cell dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; font-size: 13px; } #cell dt { color: var(--muted); }
#cell form { display: grid; gap: 4px; } #cell input { font: inherit; padding: 3px 5px; } #cell .row { display: flex; gap: 6px; }
#cell .named li { font-size: 12.5px; } #cell .named .check { color: #a00000; } #cell .named .warning { color: #7a5a00; }
section.corrections ol { background: #eef5ff; border: 1px solid #bcd6f5; border-radius: 4px; padding: 6px 6px 6px 2em; }
section.corrections .who { color: var(--muted); font-size: 12px; } section.corrections .path { font-family: ui-monospace, monospace; font-size: 12.5px; }
td.v.selected { box-shadow: inset 0 0 0 3px #1565c0; }
table.cmp { border-collapse: collapse; background: #fff; font-size: 13px; } table.cmp td, table.cmp th { border: 1px solid #ccc; padding: 2px 6px; }
table.cmp td.changed { background: #fff1c2; } table.cmp td.blankVsZero { background: #e8dcff; } table.cmp .path { font-family: ui-monospace, monospace; font-size: 12px; }
table.cmp td.fail { color: #b00000; font-weight: 700; } table.cmp td.ok { color: #11703a; } .muted { color: var(--muted); }
figure.chart { margin: 10px 0; background: #fff; border: 1px solid #ddd; display: inline-block; padding: 8px; }
`;

export const ASSETS = new Map<string, { type: string; body: string }>([
  ['app.css', { type: 'text/css; charset=utf-8', body: CSS }],
  ['app.js', { type: 'text/javascript; charset=utf-8', body: SCRIPT }],
]);
