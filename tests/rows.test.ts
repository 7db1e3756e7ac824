// Row reassembly and column placement on small, hand-made pieces of text.
import { describe, expect, it } from 'vitest';
import { readPlainText } from '../extractors/plain-text.js';
import { layoutDocument } from '../src/layout/lines.js';
import { numberedRows, segmentsOf } from '../src/tables/rows.js';
import { parseApplications } from '../src/tables/applications.js';
import { coreLabel, similarity } from '../src/text/normalize.js';
import { parseCell } from '../src/text/values.js';

const linesOf = (text: string) => layoutDocument(readPlainText(text)).lines;

describe('cells', () => {
  it('reads numbers, signed changes, thousands separators and amounts', () => {
    expect(parseCell('3053')).toEqual({ kind: 'number', value: 3053 });
    expect(parseCell('0.4020')).toEqual({ kind: 'number', value: 0.402 });
    expect(parseCell('+3')).toEqual({ kind: 'number', value: 3 });
    expect(parseCell('-2')).toEqual({ kind: 'number', value: -2 });
    expect(parseCell('1,234')).toEqual({ kind: 'number', value: 1234 });
    expect(parseCell('１２')).toEqual({ kind: 'number', value: 12 });
    expect(parseCell('1234.5万元')).toEqual({ kind: 'number', value: 1234.5 });
  });
  it('reads blank markers as blank, and words as no value', () => {
    for (const t of ['/', '／', '—', '-', '无', '——']) expect(parseCell(t)).toEqual({ kind: 'blank' });
    for (const t of ['规章', '2件', '第（一）项', '1.属于国家秘密']) expect(parseCell(t)).toBeNull();
  });
});

describe('labels', () => {
  it('cuts labels at their numbering', () => {
    expect(segmentsOf('(三)不予公开1.属于国家秘密').segments).toEqual([
      { label: '(三)不予公开', level: 2, index: 3 },
      { label: '1.属于国家秘密', level: 3, index: 1 },
    ]);
    expect(segmentsOf('理结果4.保护第三方合法权益')).toEqual({
      lead: '理结果',
      segments: [{ label: '4.保护第三方合法权益', level: 3, index: 4 }],
    });
  });
  it('matches typos and variants closely enough', () => {
    expect(coreLabel('2.其他法律行政止公开')).toBe('其他法律行政止公开');
    expect(similarity(coreLabel('2.其他法律行政止公开'), '其他法律行政法规禁止公开')).toBeCloseTo(0.75, 2);
    expect(coreLabel('（二）部分公开（区分处理的，只计这一情形，不计其他情形）')).toBe('部分公开');
    expect(coreLabel('3.危及"三安全一稳定"')).toBe('危及三安全一稳定');
  });
});

describe('rows of table 三', () => {
  it('joins a label wrapped around its centred numbers, and drops group heads', () => {
    const rows = numberedRows(
      linesOf(
        [
          '（六）其他处理',
          '1.申请人无正当理由逾期不补',
          '正、行政机关不再处理其政府   1  0  0  0  0  0  1',
          '信息公开申请',
          '2.申请人逾期未按收费通知要   0  0  0  0  0  0  0',
          '求缴纳费用、行政机关不再处理其政府公开申请',
        ].join('\n'),
      ),
    );
    expect(rows.map((r) => [r.label, r.level, r.values.map((v) => v.text).join(' ')])).toEqual([
      ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 3, '1 0 0 0 0 0 1'],
      ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府公开申请', 3, '0 0 0 0 0 0 0'],
    ]);
  });

  it('places values of a row with blank cells by the columns of the full rows (pdftotext -layout)', () => {
    const text = [
      '三、收到和处理政府信息公开申请情况',
      '一、本年新收政府信息公开申请数量        12      3      0      0      1      0      16',
      '二、上年结转政府信息公开申请数量         1                                         1',
      '（一）予以公开                           5      2      —      0      /      0       7',
    ].join('\n');
    const r = parseApplications(linesOf(text), new Map(), '2021');
    expect(r.data?.carriedOver).toEqual({
      naturalPerson: 1,
      commercialEnterprise: null,
      researchInstitution: null,
      socialWelfareOrg: null,
      legalServiceOrg: null,
      otherOrg: null,
      total: 1,
    });
    expect(r.data?.results?.granted).toEqual({
      naturalPerson: 5,
      commercialEnterprise: 2,
      researchInstitution: null,
      socialWelfareOrg: 0,
      legalServiceOrg: null,
      otherOrg: 0,
      total: 7,
    });
    expect(r.provenance['applications.results.granted.researchInstitution'].text).toBe('—');
    expect(r.warnings.filter((w) => w.code === 'column-uncertain')).toEqual([]);
  });

  it('flags a short row whose columns cannot be known', () => {
    const r = parseApplications(linesOf('一、本年新收政府信息公开申请数量 5 5'), new Map(), '2021');
    expect(r.data?.newReceived?.naturalPerson).toBe(5);
    expect(r.warnings.find((w) => w.code === 'column-uncertain')?.path).toBe('applications.newReceived');
  });

  it('takes a short misread word among a row’s numbers as a cell, read as no number and flagged', () => {
    const r = parseApplications(
      linesOf('（四）无法提供\n1.本机关不掌握相关政府信息  3  0  0  1  0  0  勾'),
      new Map(),
      '2021',
    );
    expect(r.data?.results?.unableToProvide?.notHeld).toEqual({
      naturalPerson: 3,
      commercialEnterprise: 0,
      researchInstitution: 0,
      socialWelfareOrg: 1,
      legalServiceOrg: 0,
      otherOrg: 0,
      total: null,
    });
    expect(r.warnings.filter((w) => w.code === 'cell-unreadable').map((w) => w.path)).toEqual([
      'applications.results.unableToProvide.notHeld.total',
    ]);
    // A label that ends in a word after one number stays a label.
    expect(numberedRows(linesOf('1.本机关不掌握相关政府信息 3 件')).map((r) => r.values.length)).toEqual([0]);
  });
});
