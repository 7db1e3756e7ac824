// Real memory of extraction processes, and the defaults that keep `jobs × cap` inside the machine.
// RSS counts what the V8 heap cap does not: ArrayBuffers (decompressed PDF streams, images), WASM
// memory (tesseract), native allocations.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { descendantsIn, memorySource, psTable, treeRssIn, type MemorySource } from './process-table.js';

/**
 * RSS in kB of a process and all its descendants: from /proc, else from `ps` (macOS, the BSDs);
 * null where neither can be read, or the process is gone.
 */
export function treeRssKb(pid: number, source: MemorySource = memorySource()): number | null {
  if (source === 'ps') {
    const rows = psTable();
    return rows ? treeRssIn(rows, pid) : null;
  }
  return source === 'proc' ? procTreeRssKb(pid) : null;
}

/** Every descendant of a process (children, their children, …): from /proc, else `ps`; [] where neither is there. */
export function descendantPids(pid: number, source: MemorySource = memorySource()): number[] {
  if (source === 'ps') {
    // Fresh: a tree is listed to kill it, and a process started since the last snapshot must be in it.
    const rows = psTable(0);
    return rows ? descendantsIn(rows, pid) : [];
  }
  return source === 'proc' ? procDescendantPids(pid) : [];
}

function procTreeRssKb(pid: number): number | null {
  let total = 0;
  let seen = false;
  for (const p of [pid, ...procDescendantPids(pid)]) {
    let status: string;
    try {
      status = readFileSync(`/proc/${p}/status`, 'utf8');
    } catch {
      continue; // gone meanwhile, or no /proc
    }
    seen = true;
    const m = /VmRSS:\s+(\d+)/.exec(status);
    total += m ? Number(m[1]) : 0;
  }
  return seen ? total : null;
}

function procDescendantPids(pid: number): number[] {
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        for (const k of kids ? kids.split(/\s+/).map(Number) : []) {
          out.push(k);
          stack.push(k);
        }
      }
    } catch {
      // gone meanwhile, no /proc, or no children file (older kernels)
    }
  }
  return out;
}

/**
 * SIGKILL a process, its process group and every descendant with theirs. A descendant may lead a
 * group of its own (soffice does, so its own time limit can kill it whole): killing our group alone
 * would leave it running, reparented away. The process group is stopped first, so nothing new is
 * spawned between listing the descendants and killing them.
 */
export function killProcessTree(pid: number): void {
  const kill = (target: number, signal: NodeJS.Signals) => {
    try {
      process.kill(target, signal);
      return true;
    } catch {
      return false; // gone already, or not a group leader
    }
  };
  if (!kill(-pid, 'SIGSTOP')) kill(pid, 'SIGSTOP');
  const tree = descendantPids(pid);
  if (!kill(-pid, 'SIGKILL')) kill(pid, 'SIGKILL');
  for (const p of tree) {
    kill(-p, 'SIGKILL');
    kill(p, 'SIGKILL');
  }
}

/** Memory this process may use, in MB: physical memory, or the container's (cgroup) limit if lower. */
export function machineMemoryMb(): number {
  const total = os.totalmem();
  const constrained = typeof process.constrainedMemory === 'function' ? process.constrainedMemory() : 0;
  const limit = constrained && constrained > 0 && constrained < total ? constrained : total;
  return Math.floor(limit / 2 ** 20);
}

/** Share of the machine's memory the extraction processes together may take by default. */
export const MEMORY_SHARE = 0.75;
/** The per-process cap never goes below this: a process with pdf.js and OCR loaded needs it. */
export const MIN_MEMORY_MB = 384;
/**
 * Default per-process cap where the machine has room for it. A scan's OCR with two tesseract
 * workers and the second engine peaks at ~1030 MB (measured on samples/scanned), so 1024 was too
 * tight and failed good scans as OUT_OF_MEMORY.
 */
export const PREFERRED_MEMORY_MB = 1536;

/** The default memory cap per extraction process (MB): 1536, less on a small machine. */
export function defaultMemoryMb(machineMb = machineMemoryMb()): number {
  return Math.max(MIN_MEMORY_MB, Math.min(PREFERRED_MEMORY_MB, Math.floor(machineMb * MEMORY_SHARE)));
}

/** The default number of parallel extractions: one per core, but no more than fit `memoryMb` each. */
export function defaultJobs(
  memoryMb = defaultMemoryMb(),
  machineMb = machineMemoryMb(),
  cores = os.availableParallelism(),
): number {
  return Math.max(1, Math.min(cores, Math.floor((machineMb * MEMORY_SHARE) / memoryMb)));
}
