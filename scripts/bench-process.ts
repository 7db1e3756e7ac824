// Runs a command and watches its process tree: wall time, and the tree's resident memory (the sum
// of VmRSS over the process and its descendants, sampled every SAMPLE_MS from /proc) — peak and
// last sample before exit — and its CPU time (user+sys of the process and the descendants it waited
// for, from our own /proc/self/stat). Linux only (elsewhere the memory and CPU figures are null).
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
  /** CPU seconds (user+sys) of the command's process tree; null without /proc. */
  cpuS: number | null;
}

export interface MeasureOptions {
  cwd?: string;
  /** Added to our environment. */
  env?: NodeJS.ProcessEnv;
  /** Sampling period (ms). Default SAMPLE_MS. */
  every?: number;
  /** Called at each sample with the command's pid (to look at its descendants). */
  onSample?: (pid: number) => void;
}

/**
 * CPU seconds (user+sys) of the descendants this process has waited for (cutime+cstime of
 * /proc/self/stat), null without /proc. The difference around one command is its tree's CPU time,
 * when nothing else of ours ends meanwhile (the bench runs one command at a time).
 */
export function childrenCpuS(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 (cutime, cstime) of proc(5); f[0] is field 3. Clock ticks: 100 a second on Linux.
    return (Number(f[13]) + Number(f[14])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ, fixed at 100 on every Linux architecture that Node runs on. */
const CLOCK_TICKS = 100;

export function runMeasured(cmd: string, args: string[], opts: MeasureOptions = {}): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const cpu0 = childrenCpuS();
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env ? { ...process.env, ...opts.env } : process.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const samples: Array<[number, number]> = [];
    const timer = setInterval(() => {
      const kb = child.pid ? treeRssKb(child.pid) : null;
      if (kb) samples.push([performance.now() - t0, kb / 1024]);
      if (child.pid) opts.onSample?.(child.pid);
    }, opts.every ?? SAMPLE_MS);
    child.on('error', (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on('close', (status) => {
      clearInterval(timer);
      const mbs = samples.map((s) => s[1]);
      const cpu1 = childrenCpuS();
      resolve({
        cpuS: cpu0 !== null && cpu1 !== null ? cpu1 - cpu0 : null,
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
