// Table 二's procurement amount: a unit printed in the cell that differs from its column header's is
// flagged on the amount and on its printed text (one of them is misprinted or misread: a pale band on a
// scan erases 万 from 「24043.8万元」, and the two readings are 10,000× apart).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../src/pipeline/extract.js';

const root = path.resolve(__dirname, '..');
const text = readFileSync(path.join(root, 'samples/district-2019-layout.txt'), 'utf8');
const AMOUNT = 'activeDisclosure.governmentProcurement.totalAmount';

async function read(body: string) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'nianbao-unit-')), 'report.txt');
  writeFileSync(file, body);
  return extractReport(file, { ocr: false });
}

describe('procurement amount units', () => {
  it('a cell unit that disagrees with the header unit is flagged on both paths', async () => {
    const r = await read(text.replace('采购总金额', '采购总金额（万元）').replace('24043.8万元', '24043.8元'));
    expect(r.activeDisclosure?.governmentProcurement).toMatchObject({ totalAmount: 24043.8 });
    const w = r.warnings.find((x) => x.code === 'implausible' && x.path === AMOUNT);
    expect(w?.paths).toEqual([AMOUNT, `${AMOUNT}Text`]);
  });

  it('an amount whose 万 is lost (read in 元, no unit in the header) is flagged for the count of projects', async () => {
    const r = await read(text.replace('24043.8万元', '24043.8元'));
    expect(r.activeDisclosure?.governmentProcurement).toMatchObject({ projects: 92, totalAmount: 24043.8 });
    const w = r.warnings.filter((x) => x.path === AMOUNT);
    expect(w.map((x) => [x.code, x.paths])).toEqual([
      ['implausible', [AMOUNT, `${AMOUNT}Text`, 'activeDisclosure.governmentProcurement.projects']],
    ]);
    expect(w[0].message).toContain('read in 万元 it is 240438000 元, 2613456.52 元 each');
  });

  it('the same unit in cell and header, or a unit only in the cell, is not flagged', async () => {
    for (const body of [text.replace('采购总金额', '采购总金额（万元）'), text]) {
      const r = await read(body);
      expect(r.activeDisclosure?.governmentProcurement).toMatchObject({ totalAmount: 240438000 });
      expect(r.warnings.filter((x) => x.path === AMOUNT)).toEqual([]);
    }
  });
});
