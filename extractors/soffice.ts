// .doc, .wps, .odt, .rtf → .docx with LibreOffice (headless), then read as DOCX. Each conversion
// runs in its own temp directory with its own user profile (parallel runs do not share a lock), in a
// process group of its own that is killed whole when the time limit passes.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NianbaoError } from '../core/errors.js';

/** The command: NIANBAO_SOFFICE if set, else `soffice` from PATH. */
export const sofficeCommand = (): string => process.env.NIANBAO_SOFFICE || 'soffice';

export const SOFFICE_INSTALL_HINT =
  'install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install --cask libreoffice) or save the file as .docx';

/** Default limit for one conversion when the caller gives none (first runs build a profile: seconds). */
export const DEFAULT_CONVERT_TIMEOUT_MS = 120_000;

export async function convertWithSoffice(
  bytes: Uint8Array,
  format: 'doc' | 'odt' | 'rtf' | 'wps',
  opts: { file: string | null; timeoutMs?: number },
): Promise<Uint8Array> {
  const work = await mkdtemp(path.join(tmpdir(), 'nianbao-soffice-'));
  try {
    const input = path.join(work, `input.${format}`);
    await writeFile(input, bytes, { mode: 0o600 });
    // Inside an isolated job the worker's own timer also runs: stop LibreOffice a little before it.
    const limit = Math.max(5_000, Math.round((opts.timeoutMs ?? DEFAULT_CONVERT_TIMEOUT_MS) * 0.9));
    const args = [
      `-env:UserInstallation=${pathToFileURL(path.join(work, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      work,
      input,
    ];
    const result = await run(sofficeCommand(), args, limit);
    if (result === 'missing') {
      throw new NianbaoError(
        'UNSUPPORTED_FORMAT',
        `reading a .${format} file needs LibreOffice, which is not installed: ${SOFFICE_INSTALL_HINT}`,
        opts.file,
      );
    }
    if (result === 'timeout')
      throw new NianbaoError(
        'TIMEOUT',
        `LibreOffice took longer than ${Math.round(limit / 1000)} s to convert the .${format} file and was stopped`,
        opts.file,
      );
    try {
      return new Uint8Array(await readFile(path.join(work, 'input.docx')));
    } catch {
      throw new NianbaoError(
        'CORRUPT_FILE',
        `LibreOffice could not read this .${format} file (damaged, or not a document)`,
        opts.file,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Runs the command in its own process group; 'missing' if it cannot be started. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<'ok' | 'failed' | 'missing' | 'timeout'> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL'); // soffice starts soffice.bin: kill the whole group
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(e.code === 'ENOENT' || e.code === 'EACCES' ? 'missing' : 'failed');
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(timedOut ? 'timeout' : code === 0 ? 'ok' : 'failed');
    });
  });
}
