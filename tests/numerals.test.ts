// Numbers as prose prints them (src/text/numerals.ts).
import { describe, expect, it } from 'vitest';
import { arabicYears, chineseNumber, proseNumber, yearNumber } from '../src/text/numerals.js';

describe('chineseNumber', () => {
  it('reads counted numerals', () => {
    expect(
      ['三', '十二', '一百零五', '两', '二十', '一千零一', '九百九十九', '一万二千', '三万零五'].map(chineseNumber),
    ).toEqual([3, 12, 105, 2, 20, 1001, 999, 12000, 30005]);
  });
  it('reads years digit by digit, whatever the zero', () => {
    expect(['二〇二一', '二○一二', '二零一五', '一九九八'].map(chineseNumber)).toEqual([2021, 2012, 2015, 1998]);
  });
  it('refuses what is no numeral', () => {
    expect(['十百', '十十', '三五十', '件', ''].map(chineseNumber)).toEqual([null, null, null, null, null]);
  });
});

describe('proseNumber and years', () => {
  it('reads Arabic, full-width and separated numbers', () => {
    expect(['117', '１１７', '1,234', '1，234', '12.5', '十二'].map(proseNumber)).toEqual([
      117, 117, 1234, 1234, 12.5, 12,
    ]);
  });
  it('reads a year and turns Chinese-digit years into Arabic ones in place', () => {
    expect(yearNumber('二○一二')).toBe(2012);
    expect(yearNumber('十二')).toBeNull();
    const s = '二○一二年二月二十日';
    expect(arabicYears(s)).toBe('2012年二月二十日');
    expect(arabicYears(s)).toHaveLength(s.length);
  });
});
