// Two readings of one line of prose — tesseract's words and PP-OCR's characters — made into one.
// Used for the title block, where one misread character makes the title and the agency wrong and
// no arithmetic can catch it: tesseract misreads a degraded glyph (临 as 恋 or 昼) at confidence
// 91–92, while PP-OCR, a different network, reads it right. Where the two readings align
// character for character and differ, the page itself decides first (which reading of the stretch
// around it is printed elsewhere on the page, over more characters: the agency's name recurs in
// the body text, read independently), then confidence. Every word the engines disagree on keeps a low confidence, so
// the record still flags the field: it may be right, it is never silently wrong.
import type { PaddleRead } from './paddle.js';
import type { OcrLine } from './recognize.js';
import type { OcrSettings } from '../settings.js';

export interface Reconciled {
  line: OcrLine;
  /** Characters the two readings differ on (substituted, missing from one of them). */
  disagreements: number;
  /** Substitutions decided: tesseract's character, PP-OCR's, the one kept and why. */
  decisions: Array<{ tesseract: string; paddle: string; kept: string; by: 'page' | 'confidence' }>;
}

interface TChar {
  text: string;
  confidence: number;
  word: number;
}

/** Comparison form of a character: full-width punctuation as ASCII (NFKC), as both engines print either. */
const norm = (c: string) => c.normalize('NFKC');

/**
 * `line` (tesseract) with PP-OCR's reading `second` of the same pixels merged in; `page` is the
 * rest of the page's text (other lines, tesseract's reading), searched for the contexts.
 */
export function reconcileLine(line: OcrLine, second: PaddleRead, page: string, s: OcrSettings): Reconciled {
  const t: TChar[] = [];
  line.words.forEach((w, k) => {
    const chars = Array.from(w.text);
    chars.forEach((c, i) => t.push({ text: c, confidence: w.glyphConfidences?.[i] ?? w.minSymbolConfidence, word: k }));
  });
  const p = second.chars;
  const tSeq = t.map((c) => norm(c.text));
  const pSeq = p.map((c) => norm(c.text));
  const ops = align(tSeq, pSeq);
  const distance = ops.filter((o) => o.kind !== 'same').length;
  const unchanged = { line, disagreements: distance, decisions: [] };
  if (distance === 0) return unchanged;
  const doubtful = new Set<number>();
  // Readings too far apart are not of the same text (a band of two lines, a picture): not merged,
  // but the line is doubtful.
  if (distance > s.proseSecondMaxDiffer * Math.max(t.length, p.length, 1)) {
    return { ...unchanged, line: withDoubt(line, new Set(line.words.map((_, k) => k)), t, s) };
  }
  const kept = t.map((c) => c.text);
  const decisions: Reconciled['decisions'] = [];
  const corpus = norm(page).replace(/\s+/gu, '');
  for (const o of ops) {
    if (o.kind === 'same') continue;
    // An extra or a missing character belongs to the tesseract word it sits in (or next to).
    const at = o.kind === 'insert' ? Math.min(o.t, t.length - 1) : o.t;
    if (at >= 0) doubtful.add(t[at].word);
    if (o.kind !== 'substitute') continue;
    const tc = t[o.t];
    const pc = p[o.p];
    // Which reading of this stretch does the page print elsewhere, and over more characters?
    const nt = attested(tSeq, o.t, corpus);
    const np = attested(pSeq, o.p, corpus);
    let by: 'page' | 'confidence' = 'page';
    let paddle: boolean;
    if (nt !== np && Math.max(nt, np) >= s.proseContextMinChars) paddle = np > nt;
    else {
      by = 'confidence';
      paddle = pc.confidence > tc.confidence + s.proseSecondMargin;
    }
    kept[o.t] = paddle ? pc.text : tc.text;
    decisions.push({ tesseract: tc.text, paddle: pc.text, kept: kept[o.t], by });
  }
  const texts = line.words.map(() => '');
  t.forEach((c, i) => (texts[c.word] += kept[i]));
  const merged: OcrLine = { ...line, words: line.words.map((w, k) => ({ ...w, text: texts[k] })) };
  return { line: withDoubt(merged, doubtful, t, s), disagreements: distance, decisions };
}

/** The words numbered in `doubtful` get at most `proseDisagreeConfidence`. */
function withDoubt(line: OcrLine, doubtful: Set<number>, t: TChar[], s: OcrSettings): OcrLine {
  if (!doubtful.size || !t.length) return line;
  const cap = (c: number) => Math.min(c, s.proseDisagreeConfidence);
  return {
    ...line,
    words: line.words.map((w, k) =>
      doubtful.has(k) ? { ...w, confidence: cap(w.confidence), minSymbolConfidence: cap(w.minSymbolConfidence) } : w,
    ),
  };
}

/** The longest stretch of `seq` that contains position `i` and is found in `corpus` (its length; 0: not even the character). */
export function attested(seq: string[], i: number, corpus: string): number {
  let best = 0;
  for (let a = i; a >= 0; a--) {
    // Stretches starting at a: grow to the right while found (a longer one contains a shorter one).
    let b = i;
    if (!corpus.includes(seq.slice(a, b + 1).join(''))) break;
    while (b + 1 < seq.length && corpus.includes(seq.slice(a, b + 2).join(''))) b++;
    best = Math.max(best, b - a + 1);
  }
  return best;
}

interface Op {
  kind: 'same' | 'substitute' | 'delete' | 'insert';
  t: number;
  p: number;
}

/**
 * Edit script from `a` (tesseract) to `b` (PP-OCR), unit costs, in reading order. 'delete': a[t]
 * has no counterpart; 'insert': b[p] has none (t = the next tesseract character's index).
 */
export function align(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) =>
    Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      d[i][j] = Math.min(d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1);
    }
  }
  const ops: Op[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i][j] === d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)) {
      ops.push({ kind: a[i - 1] === b[j - 1] ? 'same' : 'substitute', t: i - 1, p: j - 1 });
      i--;
      j--;
    } else if (i > 0 && d[i][j] === d[i - 1][j] + 1) {
      ops.push({ kind: 'delete', t: i - 1, p: j });
      i--;
    } else {
      ops.push({ kind: 'insert', t: i, p: j - 1 });
      j--;
    }
  }
  return ops.reverse();
}
