// `extract`'s page progress: the reader reports page n of N and the stage, the extraction process
// forwards it, and the CLI draws one line on a terminal only (never in a pipe, never with -q).
import { describe, expect, it } from 'vitest';
import { pageProgressLine } from '../src/cli/page-progress.js';
import { ExtractionPool } from '../src/isolation/pool.js';

const sink = (isTTY: boolean) => {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
};

describe('the progress line', () => {
  it('on a terminal: page n of N with its stage, redrawn, cleared after the file', () => {
    const { out, stream } = sink(true);
    let t = 0;
    const line = pageProgressLine(stream, false, 100, () => t);
    const cb = line.forFile('a.pdf')!;
    cb(1, 3, 'text');
    t = 50;
    cb(2, 3, 'text'); // within 100 ms of the last: not drawn
    cb(3, 3, 'text'); // the last page always is
    cb(1, 3, 'ocr');
    line.clear();
    expect(out).toEqual([
      '\r\x1b[2Knianbao: a.pdf: page 1 of 3, text layer',
      '\r\x1b[2Knianbao: a.pdf: page 3 of 3, text layer',
      '\r\x1b[2Knianbao: a.pdf: page 1 of 3, OCR',
      '\r\x1b[2K',
    ]);
  });

  it('nothing when stderr is not a terminal, or with -q', () => {
    for (const [tty, quiet] of [
      [false, false],
      [true, true],
    ] as const) {
      const { out, stream } = sink(tty);
      const line = pageProgressLine(stream, quiet);
      expect(line.forFile('a.pdf')).toBeUndefined();
      line.clear();
      expect(out).toEqual([]);
    }
  });
});

describe('progress through the extraction process', () => {
  it('every page of a PDF is reported by the child, in order', async () => {
    const pool = new ExtractionPool(1);
    const seen: string[] = [];
    try {
      const r = await pool.extract('samples/district-2019.pdf', {
        onProgress: (n, of, stage) => seen.push(`${n}/${of} ${stage}`),
      });
      expect(r.template).toBe('2019');
    } finally {
      await pool.close();
    }
    const pages = Number(seen[0]?.split(/[/ ]/)[1]);
    expect(seen).toEqual(Array.from({ length: pages }, (_, i) => `${i + 1}/${pages} text`));
  });
});
