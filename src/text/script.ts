// Traditional-script copies of reports (mirrors, Hong Kong/Taiwan sites): text is matched in
// simplified script through OpenCC's dictionaries (opencc-js), keeping every offset.
import * as OpenCC from 'opencc-js/t2cn';

let converter: ((s: string) => string) | null = null;
/**
 * OpenCC traditional → mainland simplified, character by character (its phrase tables, e.g. Taiwan's,
 * also turn 文件 into 文档), built once (~80 ms to load).
 */
const t2s = (): ((s: string) => string) => (converter ??= OpenCC.Converter({ from: 't', to: 'cn' }));

/** How many characters of a text are sampled to tell whether it is in traditional script at all. */
const SAMPLE = 400;

/**
 * `text` in simplified script, character for character (same length, same offsets). Text whose first
 * characters OpenCC leaves unchanged is taken as simplified already and returned as it is.
 */
export function toSimplified(text: string): string {
  return regional(simplifiedScript(text));
}

/**
 * Words Taiwan and Hong Kong print for the mainland's (資訊 for 信息), of equal length, as the
 * mainland prints them; the report's own words are kept in the record (offsets are unchanged).
 */
const REGIONAL: ReadonlyArray<[RegExp, string]> = [[/资讯/gu, '信息']];
const regional = (s: string): string => REGIONAL.reduce((t, [re, to]) => t.replace(re, to), s);

function simplifiedScript(text: string): string {
  if (!/[\u4e00-\u9fff]/u.test(text)) return text;
  const convert = t2s();
  const head = text.slice(0, SAMPLE);
  if (convert(head) === head && convert(text.slice(-SAMPLE)) === text.slice(-SAMPLE)) return text;
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  // A phrase conversion changed the length: convert character by character to keep offsets.
  return [...text]
    .map((ch) => {
      const c = convert(ch);
      return c.length === ch.length ? c : ch;
    })
    .join('');
}
