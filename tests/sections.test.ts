// The title block (src/sections/sections.ts): a browser's print header around the title, and the
// title set in large type preferred to a small line repeating it.
import { describe, expect, it } from 'vitest';
import type { Line } from '../src/layout/lines.js';
import { findTitle, withoutStamps } from '../src/sections/sections.js';

/** One line of one token, `h` points tall, at height `y`; `confidence` as OCR gives it. */
function line(text: string, y: number, h: number, confidence?: number): Line {
  const bbox: [number, number, number, number] = [72, y, 72 + text.length * h, y + h];
  return {
    page: 1,
    bbox,
    text,
    tokens: [{ text, page: 1, bbox, ...(confidence !== undefined ? { confidence } : {}) }],
  };
}

describe('print header stamps', () => {
  it('strips a date, time or URL stamp before or after the title, and nothing of a title', () => {
    expect(withoutStamps('2023/312临江市住房和城乡建设局2022年政府信息公开工作年度报告')).toBe(
      '临江市住房和城乡建设局2022年政府信息公开工作年度报告',
    );
    // squash glues the date to the time: 「2023/3/12 10:41」 → 「2023/3/1210:41」.
    expect(withoutStamps('2023/3/1210:41临江市住建局2022年政府信息公开工作年度报告')).toBe(
      '临江市住建局2022年政府信息公开工作年度报告',
    );
    expect(withoutStamps('2023/3/12下午3:40临江市住建局2022年政府信息公开工作年度报告')).toBe(
      '临江市住建局2022年政府信息公开工作年度报告',
    );
    expect(
      withoutStamps('临江市住建局2022年政府信息公开工作年度报告https://www.linjiang.gov.cn/art/2023/3/2/art_1.html1/5'),
    ).toBe('临江市住建局2022年政府信息公开工作年度报告');
    expect(withoutStamps('名称:临江市住建局2022年政府信息公开工作年度报告')).toBe(
      '临江市住建局2022年政府信息公开工作年度报告',
    );
    // A title starting with its year, or with a range of years, keeps them.
    expect(withoutStamps('2022年临江市住建局政府信息公开工作年度报告')).toBe(
      '2022年临江市住建局政府信息公开工作年度报告',
    );
    expect(withoutStamps('2021-2022年度政府信息公开工作报告')).toBe('2021-2022年度政府信息公开工作报告');
  });

  it('takes the title from an OCR line whose header date was misread (「2023/3/2」 as 「2023/312」)', () => {
    const found = findTitle(
      [line('2023/312临江市住房和城乡建设局2022年政府信息公开工作年度报告', 20, 9, 92), line('一、总体情况', 200, 16)],
      1,
    );
    expect(found).toEqual({
      title: '临江市住房和城乡建设局2022年政府信息公开工作年度报告',
      agency: '临江市住房和城乡建设局',
      year: 2022,
      confidence: 92,
    });
  });
});

describe('large type over a small line repeating the title', () => {
  const header = line('2023/3/2 10:41 临江市住房和城乡建设局2022年政府信息公开工作年度报告', 20, 8);
  const box = line('名称：临江市住房和城乡建设局2022年政府信息公开工作年度报告', 80, 10);
  const title = line('临江市住房和城乡建设局2022年政府信息公开工作年度报告', 140, 18);
  const heading = line('一、总体情况', 200, 16);

  it('prefers the title in large type to a print header and a metadata box before it', () => {
    expect(findTitle([header, box, title, heading], 3)).toEqual({
      title: '临江市住房和城乡建设局2022年政府信息公开工作年度报告',
      agency: '临江市住房和城乡建设局',
      year: 2022,
    });
    // The header names another text (a misread): the large title still wins.
    const misread = line('临江市住房和城乡建设局2021年政府信息公开工作年度报告', 20, 8);
    expect(findTitle([misread, title, heading], 2).year).toBe(2022);
  });

  it('keeps the first when a later line is not clearly larger (sections.titleLargerType, 1.3)', () => {
    const first = line('东湖区人民政府2020年政府信息公开工作年度报告', 20, 16);
    const later = line('东湖区交通运输局2020年政府信息公开工作年度报告', 60, 20); // 1.25 times
    expect(findTitle([first, later, heading], 2).agency).toBe('东湖区人民政府');
    const larger = line('东湖区交通运输局2020年政府信息公开工作年度报告', 60, 21); // 1.31 times
    expect(findTitle([first, larger, heading], 2).agency).toBe('东湖区交通运输局');
  });
});
