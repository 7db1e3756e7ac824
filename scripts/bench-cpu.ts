// Where a command's CPU time goes, seen from outside: every sample reads utime+stime of each
// process under it (/proc/<pid>/stat) and keeps the last value per process, grouped by what the
// process is (its command line); also when each group was first and last seen. A process's last
// sample misses at most one period of its CPU. Linux only (elsewhere nothing is recorded).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { descendantPids } from '../src/isolation/memory.js';

/** The group `groupOf` gives a process it does not know (looked at again at the next sample). */
export const OTHER = 'other';

/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;

export interface CpuGroup {
  /** CPU seconds (user+sys) of the group's processes, as last seen. */
  cpuS: number;
  processes: number;
  /** ms since the tracker started when a process of the group was first and last seen. */
  firstMs: number;
  lastMs: number;
}

/** Samples the tree under a pid; `groups()` sums it by `groupOf(cmdline)`. */
export function cpuTracker(groupOf: (cmdline: string, isRoot: boolean) => string) {
  const t0 = performance.now();
  const seen = new Map<number, { group: string; ticks: number; first: number; last: number }>();
  const sample = (root: number) => {
    const now = performance.now() - t0;
    for (const pid of [root, ...descendantPids(root)]) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const ticks = Number(f[11]) + Number(f[12]); // utime, stime: fields 14 and 15 of proc(5)
        const prior = seen.get(pid);
        // Read again while unknown: a forked process shows its parent's command line until it execs.
        const group =
          prior && prior.group !== OTHER
            ? prior.group
            : groupOf(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '), pid === root);
        seen.set(pid, { group, ticks, first: prior?.first ?? now, last: now });
      } catch {
        // ended meanwhile
      }
    }
  };
  const groups = () => {
    const out = new Map<string, CpuGroup>();
    for (const s of seen.values()) {
      const g = out.get(s.group) ?? { cpuS: 0, processes: 0, firstMs: s.first, lastMs: s.last };
      out.set(s.group, {
        cpuS: g.cpuS + s.ticks / CLOCK_TICKS,
        processes: g.processes + 1,
        firstMs: Math.min(g.firstMs, s.first),
        lastMs: Math.max(g.lastMs, s.last),
      });
    }
    return out;
  };
  return { sample, groups };
}
