import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { command as inspectCommand } from '../src/cli/commands/inspect.js';
import { cellAround, gridCells } from '../src/inspect/cells.js';
import { inspectFile } from '../src/inspect/inspect.js';
import { locateCell } from '../src/inspect/locate.js';
import { planPage } from '../src/inspect/plan.js';
import type { Report } from '../src/schema/record.js';

const sample = (name: string) => path.resolve(__dirname, '../samples', name);
const h = (x0: number, x1: number, y: number) => ({ x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number) => ({ x0: x, y0, x1: x, y1 });

describe('grid cells from ruling lines', () => {
  it('finds plain and merged cells, with rules drawn as separate pieces and slightly off', () => {
    // ┌──┬──┐   a 2×2 grid whose left column is merged top to bottom,
    // │  ├──┤   with the top rule drawn in two pieces and one rule 0.8pt off.
    // └──┴──┘
    const rules = [
      h(0, 50, 0),
      h(50, 100, 0.8),
      h(50, 100, 20),
      h(0, 100, 40),
      v(0, 0, 40),
      v(50, 0, 40),
      v(100.5, 0, 40),
    ];
    const { cells } = gridCells(rules);
    const rounded = cells.map((c) => c.map((n) => Math.round(n * 10) / 10));
    expect(rounded).toEqual([
      [0, 0.4, 50, 40],
      [50, 0.4, 100.5, 20],
      [50, 20, 100.5, 40],
    ]);
    expect(cellAround(cells, [60, 25, 70, 30])).toEqual(cells[2]);
    expect(cellAround(cells, [200, 25, 210, 30])).toBeNull();
  });

  it('does not close a cell across a gap in a rule', () => {
    // The middle vertical stops short of the bottom: one wide bottom cell, not two.
    const rules = [h(0, 100, 0), h(0, 100, 20), h(0, 100, 40), v(0, 0, 40), v(50, 0, 20), v(100, 0, 40)];
    expect(gridCells(rules).cells).toEqual([
      [0, 0, 50, 20],
      [50, 0, 100, 20],
      [0, 20, 100, 40],
    ]);
  });
});

describe('locating a cell printed blank', () => {
  it('takes y from its row and x from its column', () => {
    const record = {
      provenance: {
        'applications.newReceived.naturalPerson': { page: 2, bbox: [100, 50, 110, 60], text: '3' },
        'applications.carriedOver.total': { page: 2, bbox: [300, 70, 310, 80], text: '1' },
      },
    } as unknown as Report;
    expect(locateCell(record, 'applications.carriedOver.naturalPerson')).toEqual({
      page: 2,
      bbox: [100, 70, 110, 80],
      inferred: true,
    });
    expect(locateCell(record, 'applications.results.granted.total')).toBeNull();
  });
});

/** A PNG's size and RGBA pixels (8-bit RGB/RGBA, non-interlaced: what the canvas writes). */
function decodePng(buf: Buffer): { width: number; height: number; px: (x: number, y: number) => number[] } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = data[9] === 6 ? 4 : data[9] === 2 ? 3 : NaN;
    } else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)];
    for (let i = 0; i < stride; i++) {
      const x = raw[y * (stride + 1) + 1 + i];
      const a = i >= channels ? out[y * stride + i - channels] : 0;
      const b = y > 0 ? out[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const pr =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      out[y * stride + i] = (x + [0, a, b, (a + b) >> 1, pr][f]) & 0xff;
    }
  }
  return {
    width,
    height,
    px: (x, y) => Array.from(out.subarray(y * stride + x * channels, y * stride + x * channels + 3)),
  };
}

describe('nianbao inspect on the inconsistent sample, page 3 (table 三)', async () => {
  const result = await inspectFile(sample('town-2021-inconsistent.pdf'), { page: 3 });
  const { plan, png } = result.pages[0];

  it('plans the grid, every number of the page and the failed cells', () => {
    expect(result.pages.map((p) => p.plan.page)).toEqual([3]);
    expect(plan.cells).toHaveLength(215);
    expect(plan.numbers).toHaveLength(Object.values(result.record.provenance).filter((p) => p.page === 3).length);
    expect(plan.numbers).toHaveLength(25 * 7);
    // The merged 「三、本年度办理结果」 cell spans every result row.
    const tall = plan.cells.filter((c) => c[3] - c[1] > 300);
    expect(tall.map((c) => [Math.round(c[1]), Math.round(c[3])])).toEqual([[234, 739]]);
    expect(plan.failedChecks.map((c) => c.id)).toEqual([
      'rowTotal:applications.results.granted',
      'resultsTotal:naturalPerson',
    ]);
    // The granted row (7 cells) and the naturalPerson column of the results (22 rows), one shared.
    const granted = [
      'naturalPerson',
      'commercialEnterprise',
      'researchInstitution',
      'socialWelfareOrg',
      'legalServiceOrg',
      'otherOrg',
      'total',
    ].map((c) => `applications.results.granted.${c}`);
    const column = [
      'granted', 'partiallyGranted',
      'withheld.stateSecret', 'withheld.prohibitedByLaw', 'withheld.securityStability', 'withheld.thirdPartyRights',
      'withheld.internalAffairs', 'withheld.processInformation', 'withheld.enforcementFiles', 'withheld.administrativeQuery',
      'unableToProvide.notHeld', 'unableToProvide.needsCreation', 'unableToProvide.unclearAfterCorrection',
      'notProcessed.complaint', 'notProcessed.duplicate', 'notProcessed.publication', 'notProcessed.excessive', 'notProcessed.confirmation',
      'otherHandling.overdueCorrection', 'otherHandling.overdueFee', 'otherHandling.other', 'total',
    ].map((r) => `applications.results.${r}.naturalPerson`); // prettier-ignore
    expect(plan.failedCells.map((c) => c.path).sort()).toEqual([...new Set([...granted, ...column])].sort());
    expect(plan.failedCells.every((c) => !c.inferred)).toBe(true);
    // Each failed cell is outlined along its grid cell, not just the glyphs.
    const total = plan.failedCells.find((c) => c.path === 'applications.results.granted.total')!;
    expect(total.box.map(Math.round)).toEqual([495, 234, 527, 251]);
  });

  it('places a failed cell printed blank from its row and column, in the same grid cell', () => {
    const path = 'applications.results.granted.otherOrg';
    const { [path]: gone, ...rest } = result.record.provenance;
    expect(gone.text).toBe('0');
    const page3 = result.doc.pages.find((p) => p.page === 3)!;
    const blanked = planPage(page3, { ...result.record, provenance: rest });
    const cell = blanked.failedCells.find((c) => c.path === path)!;
    expect(cell.inferred).toBe(true);
    expect(cell.box).toEqual(plan.failedCells.find((c) => c.path === path)!.box);
    expect(blanked.numbers).toHaveLength(plan.numbers.length - 1);
  });

  it('draws them onto a PNG of the page plus the label margin', () => {
    const img = decodePng(png!);
    // (page 594.96pt + 278pt margin) × 3, and 841.92pt × 3.
    expect([img.width, img.height]).toEqual([2619, 2526]);
    const s = 3;
    const red = (p: number[]) => p[0] > 200 && p[1] < 40 && p[2] < 40;
    const failed = plan.failedCells.find((c) => c.path === 'applications.results.granted.total')!.box;
    expect(red(img.px(Math.round((failed[0] + 2) * s), Math.round(failed[1] * s)))).toBe(true);
    expect(red(img.px(Math.round(failed[0] * s), Math.round((failed[1] + 8) * s)))).toBe(true);
    // A cell no check failed on (carriedOver.total): its top edge is a blue rule, not red.
    const ok = cellAround(plan.cells, result.record.provenance['applications.carriedOver.total'].bbox)!;
    const edge = img.px(Math.round((ok[0] + 3) * s), Math.round(ok[1] * s));
    expect(red(edge)).toBe(false);
    expect(edge[2] - edge[0]).toBeGreaterThan(60);
    // The label margin is drawn (light grey), right of the page.
    expect(img.px(2600, 1200)).toEqual([246, 246, 246]);
  });
});

describe('nianbao inspect (CLI)', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'nianbao-inspect-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes one PNG per page, named after the input', async () => {
    const code = await inspectCommand.run([sample('city-2021-ruled.pdf'), '--out', out, '--scale', '1']);
    expect(code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'city-2021-ruled-p1.png',
      'city-2021-ruled-p2.png',
      'city-2021-ruled-p3.png',
      'city-2021-ruled-p4.png',
    ]);
    const p3 = decodePng(readFileSync(path.join(out, 'city-2021-ruled-p3.png')));
    expect([p3.width, p3.height]).toEqual([873, 842]);
  });

  it('refuses a page that does not exist', async () => {
    await expect(
      inspectCommand.run([sample('city-2021-ruled.pdf'), '--page', '9', '--out', out]),
    ).rejects.toMatchObject({ exitCode: 2 });
  });

  it('writes nothing for plain text (no page images)', async () => {
    const before = readdirSync(out).length;
    expect(await inspectCommand.run([sample('seed-2021-flattened.txt'), '--out', out])).toBe(0);
    expect(readdirSync(out)).toHaveLength(before);
  });
});
