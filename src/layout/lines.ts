// Layout: glyph runs → words → lines in reading order, with vertical text and page furniture set aside.
import type { BBox, Rule, SourceDocument, SourcePage, TextRun } from '../../extractors/types.js';
import { regroupByCells } from './cells.js';
import { DEFAULT_SETTINGS, type LayoutSettings } from '../settings.js';

export interface Token {
  text: string;
  page: number;
  bbox: BBox;
  confidence?: number;
}

export interface Line {
  page: number;
  bbox: BBox;
  tokens: Token[];
  /** Tokens joined as a reader would see them (no spaces between CJK characters). */
  text: string;
}

export interface DocumentLayout {
  lines: Line[];
  /** Text set vertically (e.g. table 三's results head in a merged cell): kept out of the lines. */
  verticalTokens: Token[];
  rulesByPage: Map<number, Rule[]>;
  pageCount: number;
}

/** Lines of every page in reading order; `tol` are the layout tolerances (see src/settings.ts). */
export function layoutDocument(doc: SourceDocument, tol: LayoutSettings = DEFAULT_SETTINGS.layout): DocumentLayout {
  const lines: Line[] = [];
  const verticalTokens: Token[] = [];
  const rulesByPage = new Map<number, Rule[]>();
  for (const page of doc.pages) {
    rulesByPage.set(page.page, page.rules);
    const horizontal = page.runs.filter((r) => r.dir !== 'ttb').flatMap((r) => splitRun(r, page.page));
    const pageLines = groupLines(horizontal, tol).map((l) => mergeGlyphs(l.tokens, tol));
    const stacked = collectStackedGlyphs(pageLines.flat(), tol);
    verticalTokens.push(
      ...page.runs.filter((r) => r.dir === 'ttb').map((r) => tokenOf(r, page.page)),
      ...stacked.stacked,
    );
    const pageOut: Line[] = [];
    for (const tokens of pageLines) {
      const kept = tokens.filter((t) => !stacked.used.has(t));
      if (kept.length > 0) {
        const line = makeLine(kept);
        if (!isPageFurniture(line, page, tol)) pageOut.push(line);
      }
    }
    // Ruled tables of a text layer: a cell's wrapped lines are one value, a row is its cells.
    lines.push(...(page.source === 'pdf-text' ? regroupByCells(pageOut, page.rules, makeLine, tol) : pageOut));
  }
  return { lines, verticalTokens, rulesByPage, pageCount: doc.pageCount };
}

const tokenOf = (r: TextRun, page: number): Token => ({
  text: r.text.replace(/\s+/g, ''),
  page,
  bbox: r.bbox,
  ...(r.confidence !== undefined ? { confidence: r.confidence } : {}),
});

const WIDE = /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u3000-\u303f]/u;

/** Words of a run: split at white space, each word's box estimated from character widths. */
function splitRun(run: TextRun, page: number): Token[] {
  const chars = Array.from(run.text);
  const weights = chars.map((c) => (WIDE.test(c) ? 2 : 1));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const [x0, y0, x1, y1] = run.bbox;
  const unit = (x1 - x0) / total;
  const out: Token[] = [];
  let pos = 0;
  let word = '';
  let start = 0;
  const flush = () => {
    if (word) {
      out.push({
        text: word,
        page,
        bbox: [x0 + start * unit, y0, x0 + pos * unit, y1],
        ...(run.confidence !== undefined ? { confidence: run.confidence } : {}),
      });
    }
    word = '';
  };
  chars.forEach((c, i) => {
    if (/\s/u.test(c)) {
      flush();
    } else {
      if (!word) start = pos;
      word += c;
    }
    pos += weights[i];
  });
  flush();
  return out;
}

/**
 * Single CJK glyphs stacked in one column (how Word/Chromium set vertical cells) form one
 * vertical token; digits are never merged so that a column of 「0」 cells stays a column of cells.
 */
function collectStackedGlyphs(tokens: Token[], tol: LayoutSettings): { stacked: Token[]; used: Set<Token> } {
  // Full-width digits (「０」) are wide glyphs too, but digits all the same.
  const single = tokens.filter(
    (t) => Array.from(t.text).length === 1 && WIDE.test(t.text) && !/\d/u.test(t.text.normalize('NFKC')),
  );
  const used = new Set<Token>();
  const stacked: Token[] = [];
  const byX = [...single].sort((a, b) => a.bbox[0] - b.bbox[0] || a.bbox[1] - b.bbox[1]);
  for (const seed of byX) {
    if (used.has(seed)) continue;
    const h = seed.bbox[3] - seed.bbox[1];
    const cx = (seed.bbox[0] + seed.bbox[2]) / 2;
    const column = single
      .filter(
        (t) =>
          !used.has(t) &&
          t.page === seed.page &&
          Math.abs((t.bbox[0] + t.bbox[2]) / 2 - cx) < h * tol.stackedColumnTolerance,
      )
      .sort((a, b) => a.bbox[1] - b.bbox[1]);
    // Split the column into chains of glyphs that follow each other closely.
    let chain: Token[] = [];
    const close = () => {
      if (chain.length >= tol.stackedMinGlyphs) {
        chain.forEach((t) => used.add(t));
        stacked.push({
          text: chain.map((t) => t.text).join(''),
          page: seed.page,
          bbox: [
            Math.min(...chain.map((t) => t.bbox[0])),
            chain[0].bbox[1],
            Math.max(...chain.map((t) => t.bbox[2])),
            chain[chain.length - 1].bbox[3],
          ],
        });
      }
      chain = [];
    };
    for (const t of column) {
      const prev = chain[chain.length - 1];
      if (prev && t.bbox[1] - prev.bbox[3] > h * tol.stackedChainGap) close();
      chain.push(t);
    }
    close();
  }
  return { stacked, used };
}

/**
 * Glyphs drawn one by one (Chromium, some WPS exports) become words again: neighbours on a line
 * closer than `glyphMergeGap` glyph heights are one word. Table cells are always further apart.
 */
function mergeGlyphs(tokens: Token[], tol: LayoutSettings): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    const h = Math.min(t.bbox[3] - t.bbox[1], prev ? prev.bbox[3] - prev.bbox[1] : Infinity);
    const gap = prev ? t.bbox[0] - prev.bbox[2] : Infinity;
    if (
      prev &&
      gap < h * tol.glyphMergeGap &&
      gap > -h * tol.glyphMergeOverlap &&
      Math.abs(cy(t) - cy(prev)) < h * tol.glyphMergeBaseline
    ) {
      out[out.length - 1] = {
        text: prev.text + t.text,
        page: t.page,
        bbox: [prev.bbox[0], Math.min(prev.bbox[1], t.bbox[1]), t.bbox[2], Math.max(prev.bbox[3], t.bbox[3])],
        ...(prev.confidence !== undefined || t.confidence !== undefined
          ? { confidence: Math.min(prev.confidence ?? 100, t.confidence ?? 100) }
          : {}),
      };
    } else out.push(t);
  }
  return out;
}

/**
 * Tokens share a line when their vertical centres are within `lineCentreTolerance` glyph heights of the line's
 * mean centre. Comparing with the mean (not the growing extent) keeps a cell that spans two rows
 * from chaining the rows together.
 */
function groupLines(tokens: Token[], tol: LayoutSettings): Line[] {
  const sorted = [...tokens].sort((a, b) => cy(a) - cy(b) || a.bbox[0] - b.bbox[0]);
  const groups: Array<{ tokens: Token[]; sum: number; h: number }> = [];
  for (const t of sorted) {
    const g = groups[groups.length - 1];
    const h = t.bbox[3] - t.bbox[1];
    if (g && Math.abs(cy(t) - g.sum / g.tokens.length) <= tol.lineCentreTolerance * Math.min(h, g.h)) {
      g.tokens.push(t);
      g.sum += cy(t);
    } else groups.push({ tokens: [t], sum: cy(t), h });
  }
  return groups.map((g) => makeLine(g.tokens.sort((a, b) => a.bbox[0] - b.bbox[0])));
}

const cy = (t: Token) => (t.bbox[1] + t.bbox[3]) / 2;

export function makeLine(tokens: Token[]): Line {
  return {
    page: tokens[0].page,
    bbox: [
      Math.min(...tokens.map((t) => t.bbox[0])),
      Math.min(...tokens.map((t) => t.bbox[1])),
      Math.max(...tokens.map((t) => t.bbox[2])),
      Math.max(...tokens.map((t) => t.bbox[3])),
    ],
    tokens,
    text: joinTokens(tokens.map((t) => t.text)),
  };
}

/** Join words the way they read: a space only between two Latin/digit words. */
export function joinTokens(words: string[]): string {
  let out = '';
  for (const w of words) {
    if (out && /[A-Za-z0-9.%)]$/.test(out) && /^[A-Za-z0-9(+-]/.test(w)) out += ' ';
    out += w;
  }
  return out;
}

const PAGE_NUMBER =
  /^([-—–－]\s*\d{1,3}\s*[-—–－]|第\s*\d{1,3}\s*页(\s*[,，/]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*\/\s*\d{1,3})$/u;

/** Page numbers like 「- 3 -」 or 「第3页」 (and a lone number in the bottom margin of a PDF page). */
function isPageFurniture(line: Line, page: SourcePage, tol: LayoutSettings): boolean {
  const text = line.tokens
    .map((t) => t.text)
    .join(' ')
    .trim();
  if (PAGE_NUMBER.test(text)) return true;
  if (page.source === 'plain-text' || page.source === 'markup') return false;
  const inMargin = line.bbox[1] > page.height * tol.footerTop || line.bbox[3] < page.height * tol.headerBottom;
  return inMargin && /^\d{1,3}$/.test(text);
}
