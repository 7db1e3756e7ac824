// Runs a command and watches its process tree: wall time, and the tree's resident memory (the sum
// of VmRSS over the process and its descendants, sampled every SAMPLE_MS from /proc) — peak and
// last sample before exit. Linux only (elsewhere the memory figures are null).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const SAMPLE_MS = 100;

export interface Measured {
  status: number | null;
  stderr: string;
  wallMs: number;
  /** MB; null where /proc is not readable. */
  peakRssMb: number | null;
  endRssMb: number | null;
  /** [ms since start, MB] samples. */
  samples: Array<[number, number]>;
}

export function runMeasured(cmd: string, args: string[], opts: { cwd?: string } = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const samples: Array<[number, number]> = [];
    const timer = setInterval(() => {
      const kb = child.pid ? treeRssKb(child.pid) : null;
      if (kb) samples.push([performance.now() - t0, kb / 1024]);
    }, SAMPLE_MS);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearInterval(timer);
      const mbs = samples.map((s) => s[1]);
      resolve({
        status,
        stderr,
        wallMs: performance.now() - t0,
        peakRssMb: mbs.length ? Math.max(...mbs) : null,
        endRssMb: mbs.length ? mbs[mbs.length - 1] : null,
        samples,
      });
    });
  });
}

/** VmRSS (kB) of `pid` and all its descendants; null if /proc has nothing for it. */
function treeRssKb(pid: number): number | null {
  let total = 0;
  let found = false;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) {
        total += Number(m[1]);
        found = true;
      }
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // the process ended between listing and reading
    }
  }
  return found ? total : null;
}
