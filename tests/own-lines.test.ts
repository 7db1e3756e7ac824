// A worker's stderr (src/isolation/own-lines.ts): nianbao's own lines pass whole, engine chatter does not.
import { describe, expect, it } from 'vitest';
import { ownLines } from '../src/isolation/own-lines.js';

describe('ownLines', () => {
  it('passes whole lines that start with "nianbao: ", joined across chunks, and nothing else', () => {
    const out: string[] = [];
    const feed = ownLines((l) => out.push(l));
    feed('Warning: TT: undefined function\nnianbao: a.pdf: internal error: the record broke');
    expect(out).toEqual([]);
    feed(' the completeness invariant at x\n(node:1) Warning: nianbao: not ours\nnianbao: b');
    feed('.pdf: second\n');
    expect(out).toEqual([
      'nianbao: a.pdf: internal error: the record broke the completeness invariant at x\n',
      'nianbao: b.pdf: second\n',
    ]);
  });
});
