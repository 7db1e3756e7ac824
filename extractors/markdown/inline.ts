// Markdown inline markup off a line of text, keeping where each character stood in the file: what a
// reader of the rendered page sees (「**一、总体情况**」 reads 「一、总体情况」), with its 1-based columns.

/** Text as a reader sees it, and the 1-based source column of each of its UTF-16 units. */
export interface Cleaned {
  text: string;
  cols: number[];
}

/** Characters a backslash escapes in Markdown (CommonMark: ASCII punctuation). */
const ESCAPABLE = /[!-/:-@[-`{-~]/;
/** Named entities converters write; numeric ones are decoded by code. */
const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  emsp: ' ',
  ensp: ' ',
};
/** Inline HTML a converter leaves in text: <br> breaks a line (a space here), other tags vanish. */
const TAG = /^<\/?([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>]*)?\/?>/;
const ENTITY = /^&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/;
const LINK = /^!?\[([^\]]*)\]\([^)]*\)/;
/** pandoc's bracketed span (「[text]{.underline}」): its text. */
const SPAN = /^\[([^\]]*)\]\{[^}]*\}/;

/**
 * `s` (a line or a table cell starting at 1-based column `from`) without emphasis (`**`, `__`, `*`,
 * `~~`), code backticks, links (their text kept; images dropped), inline HTML tags, entities and
 * backslash escapes. Images are reported through `onImage` with their alt text.
 */
export function cleanInline(s: string, from = 1, onImage?: (alt: string) => void): Cleaned {
  let text = '';
  const cols: number[] = [];
  const put = (t: string, col: number) => {
    for (const ch of t) {
      text += ch;
      for (let k = 0; k < ch.length; k++) cols.push(col);
    }
  };
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    const col = from + i;
    const link = LINK.exec(rest);
    if (link) {
      if (rest.startsWith('!')) onImage?.(link[1]);
      else put(link[1], col + 1);
      i += link[0].length;
      continue;
    }
    const span = SPAN.exec(rest);
    if (span) {
      put(span[1], col + 1);
      i += span[0].length;
      continue;
    }
    const tag = TAG.exec(rest);
    if (tag) {
      const name = tag[1].toLowerCase();
      if (name === 'br' || name === 'p' || name === 'div') put(' ', col);
      if (name === 'img') onImage?.(/alt\s*=\s*["']([^"']*)/i.exec(tag[0])?.[1] ?? '');
      i += tag[0].length;
      continue;
    }
    const entity = ENTITY.exec(rest);
    if (entity) {
      put(decodeEntity(entity[1]) ?? entity[0], col);
      i += entity[0].length;
      continue;
    }
    const ch = s[i];
    // A backslash ending the line is a hard line break (pandoc), not text.
    if (ch === '\\' && i + 1 === s.length) break;
    if (ch === '\\' && i + 1 < s.length && ESCAPABLE.test(s[i + 1])) {
      put(s[i + 1], col + 1);
      i += 2;
      continue;
    }
    if (ch === '*' || ch === '`' || (ch === '_' && s[i + 1] === '_') || (ch === '~' && s[i + 1] === '~')) {
      i += ch === '_' || ch === '~' ? 2 : 1;
      continue;
    }
    put(ch, col);
    i++;
  }
  return trim({ text, cols });
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
  return ENTITIES[name.toLowerCase()] ?? null;
}

/** White space (full-width too) off both ends, the columns with it. */
export function trim(c: Cleaned): Cleaned {
  const start = c.text.length - c.text.replace(/^[\s\u3000]+/u, '').length;
  const end = c.text.replace(/[\s\u3000]+$/u, '').length;
  return { text: c.text.slice(start, Math.max(start, end)), cols: c.cols.slice(start, Math.max(start, end)) };
}
