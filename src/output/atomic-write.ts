// Write a file so that readers see either the old content or the whole new one, never a part.
// The temp file sits beside the target, named after it and the writing process, so a later run
// can tell the leftovers of a killed writer (`kill -9`, power loss) from a live writer's file.
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A temp file of an unknown (older-format) writer is removed once this old. */
const STALE_TMP_MS = 10 * 60_000;
/** `.<target name>.<pid>-<12 hex>.tmp`; before the pid was added, `.<target name>.<12 hex>.tmp`. */
const TEMP_NAME = /^\.(.+)\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/;

/** The temp path a writer of `target` uses. */
export function tempPathFor(target: string): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`,
  );
}

/**
 * Write `data` to `file` atomically: into a temp file beside it, fsynced, renamed over it. On any
 * failure (a full disk included) the temp file is removed and `file` is as it was.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  // `-o /dev/null`, `-o /dev/stdout`, a named pipe: written in place. Renaming a temp file over a
  // device replaces the device itself (as root, /dev/null became a regular file).
  if (await isSpecialFile(file)) return writeFile(file, data);
  const tmp = tempPathFor(file);
  const fh = await open(tmp, 'w');
  try {
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    // A file handle's write error names no path: name the target, for the one-line message.
    const err = e as { path?: unknown } | null;
    if (err && typeof err === 'object' && err.path === undefined) err.path = file;
    throw e;
  }
}

/**
 * Remove the temp files that killed writers left in `dir` (only for the target names given, if
 * any): those of a process that no longer runs, and old ones without a pid. Returns how many.
 */
export async function removeStaleTemps(dir: string, targets?: string[]): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const only = targets ? new Set(targets.map((t) => path.basename(t))) : null;
  let removed = 0;
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || (only && !only.has(m[1]))) continue;
    const p = path.join(dir, name);
    let stale: boolean;
    if (m[2] !== undefined) stale = Number(m[2]) !== process.pid && !isAlive(Number(m[2]));
    else {
      const s = await stat(p).catch(() => null);
      stale = !!s && Date.now() - s.mtimeMs > STALE_TMP_MS;
    }
    if (
      stale &&
      (await unlink(p).then(
        () => true,
        () => false,
      ))
    )
      removed++;
  }
  return removed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The path exists and is not a regular file (a device, a FIFO, a socket): never rename over it. */
export async function isSpecialFile(file: string): Promise<boolean> {
  const s = await stat(file).catch(() => null);
  return !!s && !s.isFile() && !s.isDirectory();
}
