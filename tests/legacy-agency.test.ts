// The agency of an untitled old report (src/legacy/agency.ts) and a mirror's pinyin glosses
// (src/text/glosses.ts): made-up sentences of each class, none taken from a fixture.
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/index.js';
import type { Line } from '../src/layout/lines.js';
import { beginsWithPlaces, cleanName, openingAgency } from '../src/legacy/agency.js';
import { blankGlosses, isGlossed } from '../src/text/glosses.js';
import { withoutStamps } from '../src/sections/sections.js';

const lines = (...texts: string[]): Line[] =>
  texts.map((text, i) => {
    const bbox: [number, number, number, number] = [0, i * 20, 400, i * 20 + 12];
    return { page: 1, bbox, text, tokens: [{ text, page: 1, bbox }] };
  });
const read = (...texts: string[]) => openingAgency(lines(...texts), 20);

describe('the agency an untitled report names in its opening', () => {
  it('the report it presents, or the subject presenting it', () => {
    expect(read('根据《条例》规定，现公布东湖市人民政府2014年政府信息公开工作年度报告。')).toEqual({
      agency: '东湖市人民政府',
      from: 'presented',
    });
    expect(read('根据《条例》，东湖区交通运输局现公布2013年度政府信息公开工作年度报告。')?.agency).toBe(
      '东湖区交通运输局',
    );
    // A template's blank or a self-reference is no name.
    expect(read('特向社会公布2012年度本级政府(机关)信息公开工作年度报告。')).toBeNull();
    expect(read('现将我局2015年政府信息公开工作年度报告公布如下。')).toBeNull();
  });

  it('a gloss giving the short form between the name and the year', () => {
    expect(read('现公布东湖市人民政府办公室(以下简称市府办)2012年政府信息公开工作年度报告。')).toEqual({
      agency: '东湖市人民政府办公室',
      from: 'presented',
    });
    expect(read('现公布西山县林业局（以下称县林业局）2010年度信息公开工作报告。')?.agency).toBe('西山县林业局');
  });

  it('who compiled it; an office summing up its government’s bodies compiles the government’s report', () => {
    expect(read('本报告由东湖区审计局根据《条例》要求编制。')?.agency).toBe('东湖区审计局');
    expect(read('本年报由东湖区人民政府办公室综合区政府所属各部门的年度报告编制而成。')?.agency).toBe('东湖区人民政府');
    expect(read('本年报由西山县人民政府办公室根据《条例》编制。')?.agency).toBe('西山县人民政府办公室');
  });

  it('whose reports it sums up: a region stays a region', () => {
    expect(read('本报告汇总2015年度西山镇的政府信息公开年度报告编制而成。')).toEqual({
      agency: '西山镇',
      from: 'compiled-from',
    });
    expect(read('本报告根据《条例》，以及2014年度南岸区人民政府和各街道的政府信息公开工作年度报告编制。')?.agency).toBe(
      '南岸区人民政府',
    );
  });

  it('an issuer and date block above the text, a page field, the contact of the kind the report calls itself', () => {
    expect(read('东湖市人民政府', '二〇一三年三月', '本报告根据《条例》编制。')?.agency).toBe('东湖市人民政府');
    expect(read('信息来源:西山镇人民政府', '根据《条例》，我镇编制了本报告。')).toEqual({
      agency: '西山镇人民政府',
      from: 'page-field',
    });
    const contact = '如对本报告有疑问，请与东湖市林业局办公室联系（电话：1234567）。';
    expect(read(contact, '我局高度重视，本局成立了领导小组。')?.agency).toBe('东湖市林业局');
    // No self-reference saying what kind the issuer is: the contact is not taken.
    expect(read(contact, '领导小组由主任任组长。')).toBeNull();
  });

  it('takes no name a mirror injected words into, and no name of a bare level', () => {
    expect(cleanName('东湖市体育app发展和改革委员会')).toBeNull();
    expect(cleanName('市政府办公室')).toBeNull();
    expect(cleanName('东湖市发展和改革委员会')).toBe('东湖市发展和改革委员会');
    expect(read('本报告由东湖市滚球体育app_188|官网:发展和改革委员会编制。')).toBeNull();
  });

  it('a host name glued before a name is a stamp, not part of it', () => {
    expect(withoutStamps('example.com西山镇2008年政府信息公开工作年度报告')).toBe(
      '西山镇2008年政府信息公开工作年度报告',
    );
  });
});

describe('an agency ending in a township begins with places', () => {
  it('a township’s short name after nothing, a region or its government; other names are not judged', () => {
    expect(beginsWithPlaces('东湖县北城街道办事处', 4)).toBe(true);
    expect(beginsWithPlaces('北城街道办事处', 4)).toBe(true);
    expect(beginsWithPlaces('西山市南岸区人民政府东湖街道办事处', 4)).toBe(true);
    expect(beginsWithPlaces('青石满族乡人民政府', 4)).toBe(true);
    expect(beginsWithPlaces('东湖市地震局', 4)).toBe(true);
    expect(beginsWithPlaces('金沙娱乐官网北城街道办事处', 4)).toBe(false);
    expect(beginsWithPlaces('天天体育七里乡', 4)).toBe(false);
  });

  it('words before it that end no region are cut at the printed blank, warned; with no blank the agency is null', async () => {
    const body = '\n一、概述\n本街道全年主动公开政府信息12条。\n二、依申请公开情况\n本街道未收到政府信息公开申请。\n';
    const cut = await extractReport(
      new TextEncoder().encode(
        `本年报由金沙娱乐官网 北城街道办事处根据《条例》编制，统计期限自2014年1月1日起至2014年12月31日止。${body}`,
      ),
      { path: 'c.txt' },
    );
    expect(cut.agency).toBe('北城街道办事处');
    expect(cut.warnings.filter((w) => w.path === 'agency').map((w) => w.code)).toEqual(['agency-prefix-dropped']);
    // A county before the township is part of the name, blank or not.
    const county = await extractReport(
      new TextEncoder().encode(
        `本年报由东湖县 北城街道办事处根据《条例》编制，统计期限自2014年1月1日起至2014年12月31日止。${body}`,
      ),
      { path: 'k.txt' },
    );
    expect([county.agency, county.warnings.some((w) => w.path === 'agency')]).toEqual(['东湖县北城街道办事处', false]);
    const glued = await extractReport(
      new TextEncoder().encode(
        `本年报由金沙娱乐官网北城街道办事处根据《条例》编制，统计期限自2014年1月1日起至2014年12月31日止。${body}`,
      ),
      { path: 'g.txt' },
    );
    expect(glued.agency).toBeNull();
    expect(glued.warnings.find((w) => w.path === 'agency')).toMatchObject({ code: 'agency-not-found' });
    expect(glued.warnings.find((w) => w.path === 'agency')?.message).toContain('金沙娱乐官网北城街道办事处');
  });
});

describe('pinyin glosses a mirror inserts', () => {
  const glossed = '本年度報(bào)告是根據(jù)條例要求編(biān)制,數(shù)據(jù)的統(tǒng)計(jì)期限';
  it('tells a glossed text by tone-marked glosses, and blanks them keeping every offset', () => {
    expect(isGlossed(glossed, 5)).toBe(true);
    expect(isGlossed('开通了微博(weibo)和微信(wechat)，报(bào)告', 5)).toBe(false);
    const blank = blankGlosses(glossed);
    expect(blank).toHaveLength(glossed.length);
    expect(blank.replace(/\s/gu, '')).toBe('本年度報告是根據條例要求編制,數據的統計期限');
    // Brackets holding words or figures are not glosses.
    expect(blankGlosses('收到申请(含网上申请)12件(其中2件)')).toBe('收到申请(含网上申请)12件(其中2件)');
  });
});

describe('a web page of an untitled old report', () => {
  it('takes the page header’s publisher field, warned as agency-from-page, as the 2019 path does', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>年报</title></head><body>
<div class="head"><table><tr><td>发布机构：</td><td>临江市档案局</td></tr><tr><td>发文日期：</td><td>2014-03-01</td></tr></table></div>
<div class="content" id="zoom"><p>本报告所列数据的统计期限自2013年1月1日起至2013年12月31日止。</p>
<p>一、概述</p><p>我局全年主动公开政府信息56条。</p><p>二、依申请公开情况</p><p>本年度我局未收到政府信息公开申请。</p>
<p>三、行政复议和行政诉讼情况</p><p>未发生因政府信息公开引起的行政复议、行政诉讼。</p></div></body></html>`;
    const r = await extractReport(new TextEncoder().encode(html), { path: 'p.html' });
    expect([r.template, r.year, r.agency]).toEqual(['2008', 2013, '临江市档案局']);
    expect(r.warnings.filter((w) => w.path === 'agency').map((w) => w.code)).toEqual(['agency-from-page']);
  });
});
