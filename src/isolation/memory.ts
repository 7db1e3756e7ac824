// Real memory of extraction processes, and the defaults that keep `jobs × cap` inside the machine.
// RSS counts what the V8 heap cap does not: ArrayBuffers (decompressed PDF streams, images), WASM
// memory (tesseract), native allocations.
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';

/** RSS in kB of a process and all its descendants, from /proc; null where /proc is not there. */
export function treeRssKb(pid: number): number | null {
  let total = 0;
  let seen = false;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    let status: string;
    try {
      status = readFileSync(`/proc/${p}/status`, 'utf8');
    } catch {
      continue; // gone meanwhile, or no /proc
    }
    seen = true;
    const m = /VmRSS:\s+(\d+)/.exec(status);
    total += m ? Number(m[1]) : 0;
    try {
      for (const tid of readdirSync(`/proc/${p}/task`)) {
        const kids = readFileSync(`/proc/${p}/task/${tid}/children`, 'utf8').trim();
        if (kids) stack.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      // no children file (older kernels): the process alone
    }
  }
  return seen ? total : null;
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
export function defaultJobs(memoryMb = defaultMemoryMb(), machineMb = machineMemoryMb(), cores = os.availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor((machineMb * MEMORY_SHARE) / memoryMb)));
}
