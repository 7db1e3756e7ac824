// Numbers as reports print them in prose: Arabic (full-width folded by NFKC), with thousands
// separators, and Chinese numerals — counted (「十二」「一百零五」「两」「一万二千」) or read digit by
// digit, as years and dates are (「二〇一二」「二○一二」: 2012, never 1).

const DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  '○': 0,
  O: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** The characters of a Chinese numeral (as a regex class body, for patterns elsewhere). */
export const CN_NUMERAL_CHARS = '零〇○一二两三四五六七八九十百千万';
const CN_NUMERAL = new RegExp(`^[${CN_NUMERAL_CHARS}]+$`, 'u');
/** Digit-by-digit: no unit character at all (「二〇一二」「一九九八」), at least two digits. */
const DIGIT_BY_DIGIT = /^[零〇○一二三四五六七八九]{2,}$/u;

/**
 * A Chinese numeral: counted with units below 100 000 000 (「两」「十二」「一百零五」「一万二千」), or two
 * or more digits without a unit read digit by digit (「二〇二一」 → 2021); null when it is not one.
 */
export function chineseNumber(s: string): number | null {
  if (!CN_NUMERAL.test(s)) return null;
  if (DIGIT_BY_DIGIT.test(s)) return Number([...s].map((ch) => DIGIT[ch]).join(''));
  const wan = s.indexOf('万');
  if (wan >= 0) {
    const high = wan === 0 ? 1 : belowTenThousand(s.slice(0, wan));
    const low = wan === s.length - 1 ? 0 : belowTenThousand(s.slice(wan + 1));
    return high === null || low === null ? null : high * 10_000 + low;
  }
  return belowTenThousand(s);
}

/** A counted numeral below 10 000; null when malformed (two digits in a row, a unit twice). */
function belowTenThousand(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const ch of s) {
    if (ch in DIGIT) {
      // 「一百零五」: 零 marks a skipped place; two non-zero digits in a row are no counted numeral.
      if (digit !== null && digit !== 0) return null;
      digit = DIGIT[ch];
      continue;
    }
    const unit = UNIT[ch];
    if (unit === undefined || unit >= lastUnit) return null;
    // 「十二」: a unit with no digit before it counts once.
    total += (digit ?? 1) * unit;
    digit = null;
    lastUnit = unit;
  }
  return total + (digit ?? 0);
}

const ARABIC = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/u;

/** A number as printed in prose (NFKC-folded first): 「1,234」「１２」「12.5」「十二」「二〇一二」; null otherwise. */
export function proseNumber(printed: string): number | null {
  const s = printed.normalize('NFKC').replace(/，/gu, ',');
  if (ARABIC.test(s)) return Number(s.replace(/,/g, ''));
  return chineseNumber(s);
}

/** A year as printed: 「2012」「二〇一二」「二○一二」「二零一二」; null unless it reads as four digits. */
export function yearNumber(printed: string): number | null {
  const s = printed.normalize('NFKC');
  if (/^\d{4}$/u.test(s)) return Number(s);
  if (!/^[零〇○O一二三四五六七八九]{4}$/u.test(s)) return null;
  return chineseNumber(s);
}

/** A regex source matching a year printed in Arabic or Chinese digits (four of them). */
export const YEAR_PATTERN = '(?:\\d{4}|[零〇○一二三四五六七八九]{4})';

/**
 * Text with every year printed in Chinese digits before 年 turned into Arabic digits of the same
 * length (「二〇一二年」 → 「2012年」), so patterns written for 「20xx年」 read both. Offsets are kept.
 */
export function arabicYears(text: string): string {
  return text.replace(/[零〇○一二三四五六七八九]{4}(?=\s*年)/gu, (y) => String(yearNumber(y) ?? y));
}
