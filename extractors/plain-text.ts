// Plain text (e.g. pdftotext output) as SourcePages: one run per whitespace-separated word,
// positioned in character columns (CJK counts two) and line numbers, so layout treats it like a page.
import type { SourceDocument, SourcePage, TextRun } from './types.js';

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;
/** Display width of a character: CJK and full-width forms take two columns (as pdftotext and pandoc lay them out). */
export const charWidth = (ch: string) => (WIDE.test(ch) ? 2 : 1);

export function readPlainText(text: string): SourceDocument {
  const pageTexts = text.replace(/\r\n?/g, '\n').split('\f');
  const pages: SourcePage[] = pageTexts.map((pageText, i) => plainPage(pageText, i + 1));
  return { kind: 'text', pageCount: pages.length, pages, ocrPages: [] };
}

function plainPage(pageText: string, page: number): SourcePage {
  const runs: TextRun[] = [];
  const lines = pageText.split('\n');
  let width = 0;
  // Blank lines are dropped from the vertical positions: pdftotext spaces lines out arbitrarily.
  let li = -1;
  lines.forEach((line) => {
    if (line.trim()) li++;
    let col = 0;
    let word = '';
    let start = 0;
    const flush = () => {
      if (word) runs.push({ text: word, bbox: [start, li, col, li + 0.9], fontSize: 1, dir: 'ltr' });
      word = '';
    };
    for (const ch of line.replace(/\t/g, '    ')) {
      if (/\s/u.test(ch) || ch === '\u3000') {
        flush();
        col += charWidth(ch);
        continue;
      }
      if (!word) start = col;
      word += ch;
      col += charWidth(ch);
    }
    flush();
    width = Math.max(width, col);
  });
  return { page, width, height: li + 1, runs, rules: [], source: 'plain-text' };
}
