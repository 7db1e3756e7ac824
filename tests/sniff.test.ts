// Format sniffing: the bytes decide, the name only tells .doc from .wps.
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../src/pipeline/sniff.js';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(64).fill(0x20)]);
const utf16 = (s: string) => [...Buffer.from(s, 'utf16le')];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

describe('sniffFormat', () => {
  it.each([
    ['%PDF-1.7', 'pdf'],
    ['\n\n%PDF-1.4', 'pdf'],
    ['{\\rtf1\\ansi', 'rtf'],
    ['<!DOCTYPE html><html><body><p>x</p></body></html>', 'html'],
    ['<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body></body></html>', 'html'],
    ['<div class="a"><table><tr><td>1</td></tr></table></div>', 'html'],
    ['一、总体情况\n本年度……\n', 'text'],
    ['a < b and c > d', 'text'],
  ])('%j → %s', (text, format) => {
    expect(sniffFormat(new TextEncoder().encode(text), null).format).toBe(format);
  });

  it.each([
    [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG image'],
    [[0xff, 0xd8, 0xff, 0xe0], 'JPEG image'],
    [[0x49, 0x49, 0x2a, 0x00], 'TIFF image'],
    [[0x4d, 0x4d, 0x00, 0x2a], 'TIFF image'],
    [[0x42, 0x4d, 0x36, 0x00], 'BMP image'],
    [[0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50], 'WebP image'],
  ])('image magic %j → %s', (magic, what) => {
    expect(sniffFormat(bytes(...magic), 'whatever.pdf.txt')).toEqual({ format: 'image', what });
  });

  it('a ZIP with word/document.xml is DOCX whatever its name; ODT by its mimetype; other ZIPs are refused', () => {
    const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') });
    expect(sniffFormat(docx, 'report.zip').format).toBe('docx');
    const odt = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.text'),
      'content.xml': strToU8('<x/>'),
    });
    expect(sniffFormat(odt, 'report.docx').format).toBe('odt');
    const xlsx = zipSync({ 'xl/workbook.xml': strToU8('<x/>') });
    expect(sniffFormat(xlsx, 'a.docx')).toEqual({
      format: null,
      what: 'an Excel workbook (.xlsx), not a report document',
    });
    const other = zipSync({ 'readme.txt': strToU8('hello') });
    expect(sniffFormat(other, 'a.docx').format).toBeNull();
    expect(sniffFormat(docx.subarray(0, 40), 'a.docx')).toMatchObject({ format: null, corrupt: true });
  });

  it('OLE files: WordDocument stream → doc, or wps by name; others refused', () => {
    const word = bytes(...OLE, ...utf16('WordDocument'));
    expect(sniffFormat(word, 'a.doc').format).toBe('doc');
    expect(sniffFormat(word, 'a.WPS').format).toBe('wps');
    expect(sniffFormat(bytes(...OLE, ...utf16('Workbook')), 'a.xls').format).toBeNull();
  });

  it('binary data of no known kind is refused', () => {
    expect(sniffFormat(new Uint8Array([0x13, 0x37, 0, 1, 2, 3]), 'x.bin')).toEqual({
      format: null,
      what: 'a file of unknown type (binary data)',
    });
  });
});
