// Label normalisation: numbering that OCR garbled is restored before labels are matched.
import { describe, expect, it } from 'vitest';
import { coreLabel, normalizeNumbering, squash } from '../src/text/normalize.js';
import { segmentsOf } from '../src/tables/rows.js';

describe('normalizeNumbering', () => {
  it('restores a bracketed numeral whose closing bracket was lost (「）予」 read as 「孔」)', () => {
    expect(squash('(一孔以公开')).toBe('(一)孔以公开');
    // The label keeps its words; it used to be deleted whole as an unclosed note.
    expect(coreLabel('(一孔以公开')).toBe('孔以公开');
    expect(segmentsOf(squash('(一孔以公开')).segments).toEqual([{ label: '(一)孔以公开', level: 2, index: 1 }]);
  });

  it('reads look-alike brackets and numerals inside brackets as numbering', () => {
    expect(squash('(二〉部分公异')).toBe('(二)部分公异');
    expect(squash('【三】不予公开')).toBe('(三)不予公开');
    expect(squash('(—)予以公开')).toBe('(一)予以公开');
    expect(squash('(ー)予以公开')).toBe('(一)予以公开');
    expect(squash('〈ニ〉部分公开')).toBe('(二)部分公开');
    expect(squash('(人)其他')).toBe('(八)其他');
    expect(squash('—、总体情况')).toBe('一、总体情况');
  });

  it('leaves notes, numbers and printed numbering alone', () => {
    expect(squash('（一）予以公开')).toBe('(一)予以公开');
    expect(squash('(十一)其他')).toBe('(十一)其他');
    expect(squash('(人民政府)')).toBe('(人民政府)');
    expect(squash('(十三五规划')).toBe('(十三五规划');
    expect(squash('(+3)')).toBe('(+3)');
    expect(squash('- 1 -')).toBe('-1-');
    expect(normalizeNumbering('(本列数据的勾稽关系为:第一项加第二项之和)')).toBe(
      '(本列数据的勾稽关系为:第一项加第二项之和)',
    );
  });

  it('drops a note whose closing bracket was lost to the end of the label', () => {
    expect(coreLabel('(二)部分公开(区分处理的,只计这一情形')).toBe('部分公开');
  });
});
