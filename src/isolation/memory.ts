// Real memory of extraction processes, and the defaults that keep `jobs × cap` inside the machine.
// RSS counts what the V8 heap cap does not: ArrayBuffers (decompressed PDF streams, images), WASM
// memory (tesseract), native allocations.
import { closeSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
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
 * The RSS of one process tree read again and again (the pool's poll, every 25 ms while a file runs),
 * as treeRssKb reads it from /proc — the same files, every thread's children and every process's
 * VmRSS at each read — but each file is opened once and read again from its start (a /proc file
 * is produced anew at each read from offset 0): one system call a file instead of four (open,
 * fstat, read, close), about a third of the CPU of a read. An open /proc file stays bound to its
 * process: once that ends, reading it fails (never another process that got the pid). Files of
 * processes and threads no longer in the tree are closed at the next read; `close()` closes all.
 */
export class ProcTreeRss {
  private readonly files = new Map<string, number>();
  private readonly buf = Buffer.alloc(4096);

  constructor(private readonly pid: number) {}

  /** RSS in kB of the process and its descendants; null when the process is gone. */
  read(): number | null {
    const used = new Set<string>();
    let total = 0;
    let seen = false;
    for (const p of this.tree(used)) {
      const status = this.text(`/proc/${p}/status`, used);
      if (status === null) continue; // gone meanwhile
      seen = true;
      const m = /VmRSS:\s+(\d+)/.exec(status);
      total += m ? Number(m[1]) : 0;
    }
    for (const [file, fd] of this.files) {
      if (used.has(file)) continue;
      this.files.delete(file);
      closeQuietly(fd);
    }
    return seen ? total : null;
  }

  close(): void {
    for (const fd of this.files.values()) closeQuietly(fd);
    this.files.clear();
  }

  /** The process and its descendants, as procDescendantPids lists them. */
  private tree(used: Set<string>): number[] {
    const out = [this.pid];
    const stack = [this.pid];
    while (stack.length) {
      const p = stack.pop()!;
      let tids: string[];
      try {
        tids = readdirSync(`/proc/${p}/task`);
      } catch {
        continue; // gone meanwhile
      }
      for (const tid of tids) {
        const kids = this.text(`/proc/${p}/task/${tid}/children`, used)?.trim();
        for (const k of kids ? kids.split(/\s+/).map(Number) : []) {
          out.push(k);
          stack.push(k);
        }
      }
    }
    return out;
  }

  /** A /proc file's text, read from its start through a descriptor kept open; null if it cannot be read. */
  private text(file: string, used: Set<string>): string | null {
    let fd = this.files.get(file);
    try {
      if (fd === undefined) this.files.set(file, (fd = openSync(file, 'r')));
      let n = 0;
      for (let r; n < this.buf.length && (r = readSync(fd, this.buf, n, this.buf.length - n, n)) > 0;) n += r;
      used.add(file);
      // A file larger than the buffer (a status of far more than its usual ~1.5 kB) is read whole.
      return n < this.buf.length ? this.buf.toString('utf8', 0, n) : readFileSync(file, 'utf8');
    } catch {
      // Its process or thread ended: the descriptor is dropped (the path may later name another).
      if (fd !== undefined) {
        this.files.delete(file);
        closeQuietly(fd);
      }
      return null;
    }
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // closed already
  }
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
