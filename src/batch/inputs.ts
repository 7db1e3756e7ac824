// Batch arguments → the list of files: directories (recursively), globs and @list files.
// Directories are read as bytes, so a file whose name is not valid UTF-8 is still opened by its real
// name; symbolic links are followed, each folder at most once (a link back up is a loop, not walked).
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ErrorCode } from '../errors.js';
import { glob, isGlob } from './glob.js';

// Every file of a directory is taken, whatever its name: the format is told from its bytes, and a
// file nianbao cannot read becomes that file's error line (never skipped silently).

export interface InputFile {
  /** As the user would write it (relative to cwd when given so); bytes that are not UTF-8 as \xNN. */
  path: string;
  /** Absolute path, used to drop duplicates (same escaping as `path`). */
  abs: string;
  /** The absolute path's bytes when the name is not valid UTF-8: only they open the file. */
  rawPath?: Buffer;
  /** Why the file cannot be read, found while listing (a dangling symbolic link, a link loop). */
  error?: { code: ErrorCode; message: string };
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Arguments that named nothing: a missing file, an empty glob, an unreadable list. */
  problems: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file name's bytes as text: UTF-8 where valid, other bytes as \xNN (as ls -b and git show them). */
export function displayName(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    let out = '';
    for (let i = 0; i < bytes.length;) {
      const n = utf8SequenceLength(bytes, i);
      if (n > 0) {
        out += bytes.subarray(i, i + n).toString('utf8');
        i += n;
      } else out += `\\x${bytes[i++].toString(16).padStart(2, '0')}`;
    }
    return out;
  }
}

/** Length of the valid UTF-8 sequence at i, or 0. */
function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  const n = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  try {
    utf8.decode(b.subarray(i, i + n));
    return n;
  } catch {
    return 0;
  }
}

const isUtf8 = (b: Buffer) => {
  try {
    utf8.decode(b);
    return true;
  } catch {
    return false;
  }
};

/**
 * `exclude`: absolute paths of the run's own outputs (records, errors, a database and its journal):
 * a directory walk leaves them out, so an output inside an input folder is not read as a report.
 */
export async function expandInputs(
  args: string[],
  cwd = process.cwd(),
  exclude: string[] = [],
): Promise<ExpandedInputs> {
  const files: InputFile[] = [];
  const excluded = (abs: string) => exclude.some((x) => abs === x || abs.startsWith(x + '-'));
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (p: string, extra: Partial<InputFile> = {}) => {
    const abs = path.resolve(cwd, p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: p, abs, ...extra });
  };
  const addDir = async (arg: string) => {
    const found = await walkDir(Buffer.from(path.resolve(cwd, arg)), problems, arg);
    for (const f of found) {
      const rel = path.join(arg, displayName(f.rel));
      if (excluded(path.resolve(cwd, rel))) continue;
      add(rel, {
        ...(f.abs && !isUtf8(f.abs) ? { rawPath: f.abs } : {}),
        ...(f.error ? { error: f.error } : {}),
      });
    }
    return found.length;
  };
  for (const arg of args) {
    if (arg.startsWith('@')) {
      const list = arg.slice(1);
      let text: string;
      try {
        text = await readFile(path.resolve(cwd, list), 'utf8');
      } catch {
        problems.push(`${list}: cannot read the list file`);
        continue;
      }
      // One path per line, relative to the current directory; blank lines and # comments skipped.
      const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#'));
      for (const line of lines) {
        const kind = await kindOf(path.resolve(cwd, line));
        if (kind === 'dir') await addDir(line);
        else add(line); // a missing file becomes that file's NOT_FOUND error later
      }
      continue;
    }
    const kind = await kindOf(path.resolve(cwd, arg));
    if (kind === 'dir') {
      if ((await addDir(arg)) === 0) problems.push(`${arg}: no files in this directory`);
    } else if (kind === 'file') add(arg);
    else if (isGlob(arg)) {
      const found = await glob(path.isAbsolute(arg) ? arg : path.join(cwd, arg));
      if (found.length === 0) problems.push(`${arg}: the pattern matches no files`);
      for (const f of found) add(path.isAbsolute(arg) ? f : path.relative(cwd, f));
    } else add(arg);
  }
  return { files, problems };
}

async function kindOf(p: string): Promise<'file' | 'dir' | null> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

interface Found {
  /** Relative to the walked directory, as bytes. */
  rel: Buffer;
  abs: Buffer;
  error?: InputFile['error'];
}

const SEP = Buffer.from(path.sep);
const join = (a: Buffer, b: Buffer) => (a.length === 0 ? b : Buffer.concat([a, SEP, b]));

/**
 * Files under `dir` (bytes), sorted by name; hidden files and folders (e.g. a result store)
 * skipped. A symbolic link is followed: to a file, it is taken like a file; to a folder, the folder is
 * walked unless it was walked already (a loop or a second link, noted in `problems`). A link that cannot be resolved
 * (dangling, or a loop of links) becomes a file with an `error`.
 */
async function walkDir(dir: Buffer, problems: string[], label: string): Promise<Found[]> {
  const out: Found[] = [];
  const visited = new Set<string>();
  const rootStat = await stat(dir);
  visited.add(`${rootStat.dev}:${rootStat.ino}`);
  async function walk(d: Buffer, rel: Buffer): Promise<void> {
    const entries = await readdir(d, { withFileTypes: true, encoding: 'buffer' });
    entries.sort((a, b) => Buffer.compare(a.name, b.name)); // which of two links to a folder is walked: always the same
    for (const e of entries) {
      if (e.name[0] === 0x2e) continue; // '.'
      const r = join(rel, e.name);
      const full = join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      let id: string | null = null;
      if (e.isSymbolicLink() || isDir) {
        let s;
        try {
          s = await stat(full);
        } catch (err) {
          const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
          const message = loop
            ? 'a loop of symbolic links; not followed'
            : 'a symbolic link to nothing (its target does not exist)';
          out.push({ rel: r, abs: full, error: { code: 'NOT_FOUND', message } });
          continue;
        }
        isDir = s.isDirectory();
        isFile = s.isFile();
        id = `${s.dev}:${s.ino}`;
      }
      if (isDir) {
        if (visited.has(id!)) {
          problems.push(
            `${path.join(label, displayName(r))}: the same folder as one already searched (a symbolic link loop or a second link); not searched again`,
          );
          continue;
        }
        visited.add(id!);
        await walk(full, r);
      } else if (isFile) out.push({ rel: r, abs: full });
    }
  }
  await walk(dir, Buffer.alloc(0));
  return out.sort((a, b) => Buffer.compare(a.rel, b.rel));
}
