// Part of `npm run bench`: Word files in one batch — BENCH_DOC (20) byte-distinct copies of
// samples/formats/city-2021-ruled.doc (a comment after the OLE data: LibreOffice reads past it, the
// store does not dedupe them) through `nianbao batch --jobs 2`: wall time, files/s, peak RSS of
// the process tree (LibreOffice included), and whether any soffice outlived the batch.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMeasured } from './bench-process.js';

/** The budget for 20 .doc files in one batch (s). */
export const DOC_BUDGET_S = 15;

/** Processes named soffice* (soffice, soffice.bin, oosplash's child) still running. */
export function sofficeLeft(): string[] {
  const r = spawnSync('pgrep', ['-a', 'soffice'], { encoding: 'utf8' });
  return (r.stdout ?? '').trim().split('\n').filter(Boolean);
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

export async function benchDoc(bin: string, root: string, count: number): Promise<void> {
  if (spawnSync('soffice', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.log('\n.doc batch: skipped (LibreOffice, soffice, is not installed)');
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-doc-'));
  try {
    const dir = path.join(work, 'in');
    mkdirSync(dir);
    for (let k = 0; k < count; k++) {
      const dest = path.join(dir, `${String(k).padStart(3, '0')}.doc`);
      copyFileSync(path.join(root, 'samples/formats/city-2021-ruled.doc'), dest);
      appendFileSync(dest, `bench copy ${k}`);
    }
    const before = sofficeLeft().length;
    const out = path.join(work, 'out');
    const m = await runMeasured(process.execPath, [bin, 'batch', dir, '--out', out, '--jobs', '2', '-q']);
    const records = readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n').filter(Boolean).length;
    const left = sofficeLeft().length - before;
    const s = m.wallMs / 1000;
    console.log(`\n${count} .doc files in one \`nianbao batch --jobs 2\`, load average ${load()}`);
    console.log(
      `  ${records}/${count} records, wall ${s.toFixed(1)} s (${(count / s).toFixed(2)} files/s; budget ${DOC_BUDGET_S} s for 20` +
        `${s > (DOC_BUDGET_S * count) / 20 ? ', OVER' : ''}), peak RSS ${m.peakRssMb?.toFixed(0) ?? '—'} MB, soffice left after: ${left}`,
    );
    if (m.status !== 0 && records !== count) console.log(`  batch exit ${m.status}: ${m.stderr.slice(0, 300)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
