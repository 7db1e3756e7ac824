// Batch arguments → the list of files: directories (recursively), globs and @list files.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isGlob } from './glob.js';

/**
 * Every file of a directory is taken, whatever its name: the format is told from its bytes, and a
 * file nianbao cannot read becomes that file's error line (never skipped silently). Hidden files
 * and folders are left out (a result store lives in one).
 */

export interface InputFile {
  /** As the user would write it (relative to cwd when given so). */
  path: string;
  /** Absolute path, used to drop duplicates. */
  abs: string;
}

export interface ExpandedInputs {
  files: InputFile[];
  /** Arguments that named nothing: a missing file, an empty glob, an unreadable list. */
  problems: string[];
}

/**
 * `exclude`: absolute paths of the run's own outputs (records, errors, a database and its journal):
 * a directory walk leaves them out, so an output inside an input folder is not read as a report.
 */
export async function expandInputs(args: string[], cwd = process.cwd(), exclude: string[] = []): Promise<ExpandedInputs> {
  const files: InputFile[] = [];
  const excluded = (abs: string) => exclude.some((x) => abs === x || abs.startsWith(x + path.sep) || abs.startsWith(x + '-'));
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const abs = path.resolve(cwd, p);
    if (seen.has(abs)) return;
    seen.add(abs);
    files.push({ path: p, abs });
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
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
      for (const line of lines) {
        const kind = await kindOf(path.resolve(cwd, line));
        if (kind === 'dir') for (const f of await walkDir(path.resolve(cwd, line))) if (!excluded(path.resolve(cwd, line, f))) add(path.join(line, f));
        else add(line); // a missing file becomes that file's NOT_FOUND error later
      }
      continue;
    }
    const kind = await kindOf(path.resolve(cwd, arg));
    if (kind === 'dir') {
      const found = await walkDir(path.resolve(cwd, arg));
      if (found.length === 0) problems.push(`${arg}: no files in this directory`);
      for (const f of found) if (!excluded(path.resolve(cwd, arg, f))) add(path.join(arg, f));
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

/** Files under `dir`, relative to it, sorted; hidden files and folders (e.g. a result store) skipped. */
async function walkDir(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, rel: string): Promise<void> {
    const entries = await readdir(d, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const r = rel ? path.join(rel, e.name) : e.name;
      if (e.isDirectory()) await walk(path.join(d, e.name), r);
      else if (e.isFile()) out.push(r);
    }
  }
  await walk(dir, '');
  return out.sort();
}
