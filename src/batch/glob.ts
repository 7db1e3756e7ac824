// A small glob matcher (Node 20 has no fs.glob): *, ?, **, [abc], {a,b}.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const GLOB_CHARS = /[*?[{]/;

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

/** The regex for a glob over '/'-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // '**/' matches zero or more whole directories; a trailing '**' matches anything.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:[^/]+/)*' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = end;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\\]}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'u');
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
