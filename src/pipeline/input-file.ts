// A file's bytes, or a one-line error naming why they cannot be read. Kept apart from the format
// readers (read-input.ts) so a process that only checks and hashes files (the batch parent, the
// ingest loop) does not load them.
import { lstat, readFile, stat } from 'node:fs/promises';
import { NianbaoError } from '../errors.js';
import { MAX_INPUT_BYTES } from '../../core/limits.js';

export { MAX_INPUT_BYTES };

/** The bytes of a file. `path` may be raw bytes (a name that is not UTF-8); `label` names it in errors. */
export async function readInputFile(path: string | Buffer, label: string = String(path)): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(path);
    if (s.isDirectory()) throw new NianbaoError('UNSUPPORTED_FORMAT', 'is a directory, not a file', label);
    size = s.size;
  } catch (e) {
    if (e instanceof NianbaoError) throw e;
    throw new NianbaoError('NOT_FOUND', await missingReason(path, e), label);
  }
  if (size > MAX_INPUT_BYTES)
    throw new NianbaoError('TOO_LARGE', `file is ${size} bytes, over the ${MAX_INPUT_BYTES}-byte limit`, label);
  return new Uint8Array(await readFile(path));
}

/** Why stat failed, in words: no such file, a dangling link, a loop of links, no permission. */
export async function missingReason(path: string | Buffer, e: unknown): Promise<string> {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'EACCES') return 'permission denied';
  if (
    code === 'ENOENT' &&
    (await lstat(path).then(
      (s) => s.isSymbolicLink(),
      () => false,
    ))
  ) {
    return 'a symbolic link to nothing (its target does not exist)';
  }
  return 'no such file';
}
