// Which processes descend from which, and their real memory (RSS), where /proc is missing (macOS,
// the BSDs): one `ps -A -o pid= -o ppid= -o rss=` lists every process with its parent and RSS in
// kB (POSIX fields; the same on macOS, the BSDs and Linux procps). A run costs a few ms, so a
// snapshot is reused for PS_SNAPSHOT_MS, and the pool polls RSS less often on this path.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** How the memory of a process tree is read: /proc, `ps`, or not at all. */
export type MemorySource = 'proc' | 'ps' | 'none';

/** A `ps` snapshot this young (ms) is reused: the pool's slots and the LibreOffice guard poll at once. */
const PS_SNAPSHOT_MS = 100;
/** `ps` that has not answered by then is taken as missing (a hung NFS mount in the table, say). */
const PS_TIMEOUT_MS = 5_000;

/** One process: its parent and RSS (kB). */
export interface ProcessRow {
  ppid: number;
  rssKb: number;
}

/** Parses `ps -A -o pid= -o ppid= -o rss=` output (three numbers a line) into pid → row. */
export function parsePs(out: string): Map<number, ProcessRow> {
  const rows = new Map<number, ProcessRow>();
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/.exec(line);
    if (m) rows.set(Number(m[1]), { ppid: Number(m[2]), rssKb: Number(m[3]) });
  }
  return rows;
}

let snapshot: { at: number; rows: Map<number, ProcessRow> | null } | null = null;

/**
 * Every process with its parent and RSS, from `ps`: a snapshot up to `maxAgeMs` old (0: a fresh one,
 * as killing a tree needs); null if ps cannot run.
 */
export function psTable(maxAgeMs = PS_SNAPSHOT_MS): Map<number, ProcessRow> | null {
  const now = Date.now();
  if (snapshot && now - snapshot.at < maxAgeMs) return snapshot.rows;
  const r = spawnSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'rss='], {
    encoding: 'utf8',
    timeout: PS_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const rows = r.status === 0 ? parsePs(r.stdout) : null;
  rows?.delete(r.pid); // ps itself, a child of ours: not part of a tree we measure
  snapshot = { at: now, rows: rows && rows.size > 0 ? rows : null };
  return snapshot.rows;
}

/** Every descendant of `pid` in a process table (children, their children, …). */
export function descendantsIn(rows: Map<number, ProcessRow>, pid: number): number[] {
  const kids = new Map<number, number[]>();
  for (const [p, r] of rows) kids.set(r.ppid, [...(kids.get(r.ppid) ?? []), p]);
  const out: number[] = [];
  const stack = [pid];
  while (stack.length) {
    for (const k of kids.get(stack.pop()!) ?? []) {
      out.push(k);
      stack.push(k);
    }
  }
  return out;
}

/** RSS (kB) of `pid` and its descendants in a process table; null when `pid` is not in it. */
export function treeRssIn(rows: Map<number, ProcessRow>, pid: number): number | null {
  const own = rows.get(pid);
  if (!own) return null;
  return descendantsIn(rows, pid).reduce((kb, p) => kb + (rows.get(p)?.rssKb ?? 0), own.rssKb);
}

/**
 * How this machine's process-tree memory can be read: /proc (Linux), else `ps`, else not at all.
 * The probes are parameters so each path can be chosen (and tested) on any machine.
 */
export function selectMemorySource(
  hasProc: () => boolean = () => existsSync('/proc/self/status'),
  hasPs: () => boolean = () => psTable() !== null,
): MemorySource {
  if (hasProc()) return 'proc';
  return hasPs() ? 'ps' : 'none';
}

let detected: MemorySource | null = null;

/** This machine's memory source, probed once (or as set by setMemorySource). */
export function memorySource(): MemorySource {
  detected ??= selectMemorySource();
  return detected;
}

/** Use `source` from now on instead of the probed one (null: probe again) — how tests take the ps path on Linux. */
export function setMemorySource(source: MemorySource | null): void {
  detected = source;
}

/** What to tell the user when the memory cap cannot be enforced from `source`; null when it can. */
export function uncappedWarning(source: MemorySource): string | null {
  return source === 'none'
    ? 'nianbao: warning: the memory cap (--memory) is off: neither /proc nor ps can be read here, so a ' +
        "process's real memory cannot be measured (only the JavaScript heap is capped)"
    : null;
}
