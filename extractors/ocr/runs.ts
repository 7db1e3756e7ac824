// Recognised lines → runs: words joined as a reader would (no spaces inside Chinese), split where
// the gap is wide (columns of an unruled table); a run that is a bare number is verified.
import type { PageContext, PixelRun } from './context.js';
import { DIGIT_LOOKALIKE, looksNumeric, numberShaped, readVerifiedNumber } from './numbers.js';
import type { OcrLine, OcrWord } from './recognize.js';

const ASCII_END = /[A-Za-z0-9]$/;
const ASCII_START = /^[A-Za-z0-9]/;

export async function runsFromLines(ctx: PageContext, lines: OcrLine[]): Promise<PixelRun[]> {
  const pending: Array<Promise<PixelRun>> = [];
  for (const line of lines) {
    const h = line.box.y1 - line.box.y0 + 1;
    let group: OcrWord[] = [];
    const flush = () => {
      if (group.length) pending.push(toRun(ctx, group, h));
      group = [];
    };
    const words = line.words.filter(
      (w, i) => !isStrokeFragment(w, line.words[i - 1], line.words[i + 1], ctx.settings.strokeFragmentGap * h),
    );
    for (const w of words) {
      const prev = group[group.length - 1];
      if (prev && w.box.x0 - prev.box.x1 > ctx.settings.runSplitGap * h) flush();
      group.push(w);
    }
    flush();
  }
  return Promise.all(pending);
}

const CJK = /[\u3400-\u9fff]/;
/**
 * A lone 「I」「l」「|」 touching (closer than `touch` pixels to) a Chinese character: the left
 * stroke of a glyph like 临 or 此 split off by the recogniser, not a letter.
 */
function isStrokeFragment(w: OcrWord, prev: OcrWord | undefined, next: OcrWord | undefined, touch: number): boolean {
  if (!/^[Il|丨]$/.test(w.text)) return false;
  const nextTouches = next && next.box.x0 - w.box.x1 < touch && CJK.test(next.text[0]);
  const prevTouches = prev && w.box.x0 - prev.box.x1 < touch && CJK.test(prev.text[prev.text.length - 1]);
  return Boolean(nextTouches || prevTouches);
}

async function toRun(ctx: PageContext, words: OcrWord[], linePx: number): Promise<PixelRun> {
  let text = '';
  for (const w of words) {
    if (text && ASCII_END.test(text) && ASCII_START.test(w.text)) text += ' ';
    text += w.text;
  }
  const box = {
    x0: Math.min(...words.map((w) => w.box.x0)),
    y0: Math.min(...words.map((w) => w.box.y0)),
    x1: Math.max(...words.map((w) => w.box.x1)),
    y1: Math.max(...words.map((w) => w.box.y1)),
  };
  const confidence = Math.min(...words.map((w) => w.minSymbolConfidence));
  // A value standing alone (an unruled table's cell): hold it to the same standard as a ruled one.
  if ((looksNumeric(text) && !/^\d+[.、]$/.test(text)) || (DIGIT_LOOKALIKE.test(text) && numberShaped(ctx, box))) {
    return readVerifiedNumber(ctx, box, { text, confidence });
  }
  return { text, box, confidence: Math.round(confidence), linePx };
}
