// Part of `npm run bench`: Word files in one batch — BENCH_DOC (20) byte-distinct copies of
// samples/formats/city-2021-ruled.doc (a comment after the OLE data: LibreOffice reads past it, the
// store does not dedupe them) through `nianbao batch --jobs 2`: wall time, files/s, peak RSS of
// the process tree (LibreOffice included), its CPU time split by process (LibreOffice, the extraction
// processes, the batch itself), and whether any process or temp folder outlived the batch.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMeasured } from './bench-process.js';
import { cpuTracker, OTHER } from './bench-cpu.js';

/** The budget for 20 .doc files in one batch (s). */
export const DOC_BUDGET_S = 15;

/**
 * Processes of ours still running: those whose command line names `dir` (the batch's TMPDIR, where
 * LibreOffice's profile is) — not other soffice processes of the machine.
 */
export function processesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(dir)) out.push(`${pid} ${cmd}`);
    } catch {
      // ended meanwhile
    }
  }
  return out;
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');

/** What a process of the batch's tree is, for the CPU split. */
function groupOf(cmdline: string, isRoot: boolean): string {
  if (isRoot) return 'nianbao batch';
  if (/soffice|oosplash/.test(cmdline)) return 'LibreOffice';
  if (/child-(main|launch)\.js/.test(cmdline)) return 'extraction processes';
  if (/nianbao-(soffice|office-cleaner)/.test(cmdline)) return 'watchdog shells';
  return OTHER;
}

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
    const out = path.join(work, 'out');
    // The batch's own TMPDIR: its LibreOffice is told from others' by its profile path, and the
    // folder must be empty afterwards.
    const tmp = path.join(work, 'tmp');
    mkdirSync(tmp);
    const cpu = cpuTracker(groupOf);
    const m = await runMeasured(process.execPath, [bin, 'batch', dir, '--out', out, '--jobs', '2', '-q'], {
      every: 50,
      onSample: cpu.sample,
      env: { TMPDIR: tmp },
    });
    const records = readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n').filter(Boolean).length;
    const left = processesUnder(tmp).length;
    const tempsLeft = readdirSync(tmp).length;
    const s = m.wallMs / 1000;
    console.log(`\n${count} .doc files in one \`nianbao batch --jobs 2\`, load average ${load()}`);
    console.log(
      `  ${records}/${count} records, wall ${s.toFixed(1)} s, CPU ${m.cpuS?.toFixed(1) ?? '—'} s user+sys of the tree (${(count / s).toFixed(2)} files/s; budget ${DOC_BUDGET_S} s wall for 20` +
        `${s > (DOC_BUDGET_S * count) / 20 ? ', OVER' : ''}), peak RSS ${m.peakRssMb?.toFixed(0) ?? '—'} MB; left after: ${left} processes, ${tempsLeft} temp folders`,
    );
    console.log('  CPU by process (user+sys s, as last sampled; seen from–to s after the start):');
    for (const [g, c] of cpu.groups())
      console.log(
        `    ${g.padEnd(24)} ${c.cpuS.toFixed(2).padStart(6)} s  ${String(c.processes).padStart(2)} process(es)  ` +
          `${(c.firstMs / 1000).toFixed(1)}–${(c.lastMs / 1000).toFixed(1)} s`,
      );
    if (m.status !== 0 && records !== count) console.log(`  batch exit ${m.status}: ${m.stderr.slice(0, 300)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
