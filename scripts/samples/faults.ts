// Faults real CMS pages carry and browsers shrug off, put into a clean generated page at seeded
// places: stray tags between table rows, an inline wrapper left open, cells without </td>, and a
// byte that is not valid in the page's charset. The page's record must not change (a bad byte is warned).
import type { Rng } from './prng.js';

export const MARKUP_FAULTS = ['stray-p', 'stray-div-close', 'open-font', 'no-td-close'] as const;
export type MarkupFault = (typeof MARKUP_FAULTS)[number];

/** [start, end) of the data table under the heading that starts with `heading` (table 三 by default). */
function tableSpan(html: string, heading = '三、收到和处理'): [number, number] {
  const at = html.indexOf(heading, html.indexOf('<body'));
  const start = html.indexOf('<table', at);
  const end = html.indexOf('</table>', start);
  if (at < 0 || start < 0 || end < 0) throw new Error(`no table under ${heading}`);
  return [start, end];
}

/** Offsets of every occurrence of `s` in html[start, end). */
function offsets(html: string, s: string, [start, end]: [number, number]): number[] {
  const out: number[] = [];
  for (let i = html.indexOf(s, start); i >= 0 && i < end; i = html.indexOf(s, i + 1)) out.push(i);
  return out;
}

const insertAt = (html: string, at: number, s: string) => html.slice(0, at) + s + html.slice(at);

/** The page with one markup fault in table 三, at a row the seed picks; `what` says where, for the sample's README. */
export function withMarkupFault(html: string, fault: MarkupFault, rng: Rng): { html: string; what: string } {
  const span = tableSpan(html);
  const rowEnds = offsets(html, '</tr>', span).map((i) => i + '</tr>'.length);
  // Between two rows of the body (not after the last, where a stray tag is outside the rows anyway).
  const k = rng.int(3, rowEnds.length - 2);
  switch (fault) {
    case 'stray-p': {
      const tag = rng.pick(['<p>', '<p>&nbsp;</p>', '<p style="margin:0">', '<p class="MsoNormal"></p>']);
      return { html: insertAt(html, rowEnds[k], tag), what: `${tag} after row ${k + 1} of table 三` };
    }
    case 'stray-div-close':
      return { html: insertAt(html, rowEnds[k], '</div>'), what: `</div> after row ${k + 1} of table 三` };
    case 'open-font': {
      // Opened in a label cell (or, the worse kind, between <tr> and <td>) and never closed.
      const rowStarts = offsets(html, '<tr', span);
      const tag = rng.pick(['<font face="宋体">', '<font size="2">', '<font color="#000000" face="仿宋_GB2312">']);
      const inCell = rng.chance(0.5);
      const tdOpen = html.indexOf('>', html.indexOf('<td', rowStarts[k])) + 1;
      const at = inCell ? tdOpen : html.indexOf('>', rowStarts[k]) + 1;
      return { html: insertAt(html, at, tag), what: `${tag} left open ${inCell ? 'in the first cell' : 'between <tr> and <td>'} of row ${k + 1} of table 三` };
    }
    case 'no-td-close': {
      const [start, end] = span;
      const table = html.slice(start, end).replace(/<\/td>/g, '').replace(rng.chance(0.5) ? /<\/tr>/g : /$^/, '');
      return { html: html.slice(0, start) + table + html.slice(end), what: 'table 三 without </td>s' };
    }
  }
}

/** Indexes (in the page's text) of the CJK characters of the report's paragraphs and of table 三's labels. */
function cjkPlaces(html: string, rng: Rng): number[] {
  const out: number[] = [];
  const [start, end] = tableSpan(html);
  const labels = [...html.slice(start, end).matchAll(/<td class="l"[^>]*>([^<]+)</g)].map((m) => start + m.index + m[0].indexOf(m[1]));
  const prose = [...html.matchAll(/<p[^>]*>([^<]{20,})</g)].map((m) => m.index + m[0].indexOf(m[1]));
  // A label half the time (the label matcher meets the damage), else a paragraph.
  for (const at of rng.chance(0.5) ? labels : prose) {
    for (let i = at; html[i] !== '<'; i++) if (/\p{Script=Han}/u.test(html[i])) out.push(i);
  }
  return out;
}

/** Byte offset of character `i` of the page (GBK: two bytes for every non-ASCII character). */
const byteOffset = (html: string, i: number, encoding: 'utf-8' | 'gbk') =>
  encoding === 'utf-8' ? Buffer.byteLength(html.slice(0, i)) : [...html.slice(0, i)].reduce((n, c) => n + (c.charCodeAt(0) < 0x80 ? 1 : 2), 0);

/**
 * One byte that is not valid in the page's charset, in a paragraph or a label of table 三: a UTF-8
 * character cut short or a 0xFF before it; a GBK character whose second byte is 0xFF. `html` is the
 * page's text (to find the places), `bytes` its encoding.
 */
export function withBadByte(bytes: Buffer, html: string, encoding: 'utf-8' | 'gbk', rng: Rng): { bytes: Buffer; what: string } {
  const at = byteOffset(html, rng.pick(cjkPlaces(html, rng)), encoding);
  const kind = encoding === 'gbk' ? 'gbk-trail' : rng.pick(['cut', 'ff'] as const);
  const cat = (...parts: Array<Buffer | number[]>) => Buffer.concat(parts.map((p) => Buffer.from(p)));
  switch (kind) {
    case 'cut':
      return { bytes: cat(bytes.subarray(0, at + 2), bytes.subarray(at + 3)), what: `the UTF-8 character at byte ${at} cut short` };
    case 'ff':
      return { bytes: cat(bytes.subarray(0, at), [0xff], bytes.subarray(at)), what: `0xFF inserted at byte ${at}` };
    case 'gbk-trail':
      return { bytes: cat(bytes.subarray(0, at + 1), [0xff], bytes.subarray(at + 2)), what: `the GBK character at byte ${at} with 0xFF as its second byte` };
  }
}
