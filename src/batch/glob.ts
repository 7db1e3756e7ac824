// Globs for batch/ingest/enqueue inputs (Node 20 has no fs.glob): picomatch decides what matches
// (*, ?, **, [abc], {a,b}, \* escapes; `a**b` stays within one folder, as in bash); the walker below
// reads the folders, follows symbolic links once each and keeps hidden entries out unless named.
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Picomatch from 'picomatch';

/**
 * picomatch, loaded on first use (synchronously, as CommonJS): importing it costs ~25 ms of CPU, which
 * a batch of plain paths or an @list never needs.
 */
let loaded: typeof Picomatch | null = null;
const picomatch = (): typeof Picomatch => (loaded ??= createRequire(import.meta.url)('picomatch') as typeof Picomatch);

/**
 * A character picomatch needs to see a glob: `*`, `?`, `[…]`, `{…}`, or `(` (extglobs and groups).
 * An argument without any is a plain path, told without loading picomatch.
 */
const GLOB_CHAR = /[*?[{(]/;

/** Whether a path argument is a glob (an escaped \* is a plain character, not a glob). */
export function isGlob(pattern: string): boolean {
  return GLOB_CHAR.test(pattern) && picomatch().scan(pattern).isGlob;
}

/** The regex for a glob over '/'-separated relative paths (hidden names are the walker's business). */
export function globToRegExp(glob: string): RegExp {
  // Parentheses are part of file names (「报告(2021).pdf」), not groups: escaped, and no extglobs
  // (bash's default), so 「报告(*).pdf」 matches 「报告(2021).pdf」 and nothing without them.
  return picomatch().makeRe(glob.replace(/(?<!\\)[()]/g, '\\$&'), { dot: true, noextglob: true });
}

/**
 * Files matching `pattern` (relative to cwd or absolute), sorted; hidden entries only when the pattern
 * names them. Symbolic links are followed, each folder at most once; a link that cannot be resolved
 * but matches is returned too (it becomes that file's error).
 */
export async function glob(pattern: string): Promise<string[]> {
  const norm = pattern.split(path.sep).join('/');
  const segments = norm.split('/');
  const firstGlob = segments.findIndex((s) => isGlob(s));
  const base = segments.slice(0, firstGlob).join('/') || (norm.startsWith('/') ? '/' : '.');
  const rest = segments.slice(firstGlob).join('/');
  const re = globToRegExp(rest);
  const deep = rest.includes('**');
  const maxDepth = deep ? Infinity : segments.length - firstGlob;
  const allowHidden = /(^|\/)\./.test(rest);
  const out: string[] = [];
  const visited = new Set<string>();
  async function walk(dir: string, rel: string, depth: number): Promise<void> {
    const s = await stat(dir).catch(() => null);
    if (!s || visited.has(`${s.dev}:${s.ino}`)) return;
    visited.add(`${s.dev}:${s.ino}`);
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') && !allowHidden) continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      const full = path.join(dir, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const t = await stat(full).catch(() => null);
        isDir = !!t?.isDirectory();
        isFile = !t || t.isFile();
      }
      if (isDir) {
        if (depth + 1 < maxDepth) await walk(full, r, depth + 1);
      } else if (isFile && re.test(r)) out.push(base === '.' && !norm.startsWith('./') ? r : path.join(base, r));
    }
  }
  await walk(base, '', 0);
  return out.sort();
}
