// One LibreOffice for all the .doc/.wps/.odt/.rtf files of a batch: a single `soffice --convert-to
// docx` run over the list (start-up, 2–3 s, is paid once instead of once per file), in the batch
// process, writing into a temp directory the extraction processes read the .docx files from.
// Each file keeps its own outcome: LibreOffice converts the list in order and prints a line per file
// ("convert … -> …" once it is loaded, before it is written; "Error: …" if it cannot be loaded), so
// a file that hangs it (the per-file time limit) or makes it crash or pass the memory cap gets that
// error alone, and the files after it go to a fresh run.
// No soffice outlives the batch: it runs in a process group of its own, killed whole when the batch
// ends (also on SIGINT/SIGTERM, which exit through process.exit), and a watchdog shell in that
// group kills the group once the batch process is gone (kill -9), as the extraction children do;
// a second shell, outside that group, then removes the temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NianbaoError } from '../errors.js';
import { killProcessTree, treeRssKb } from '../isolation/memory.js';
import { DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_MS, type IsolationOptions } from '../isolation/pool.js';
import { readInputFile } from '../pipeline/input-file.js';
import { SOFFICE_INSTALL_HINT, sofficeCommand } from '../../extractors/soffice.js';

export type OfficeFormat = 'doc' | 'odt' | 'rtf' | 'wps';

export interface OfficeInput {
  /** The file (its raw bytes when its name is not UTF-8). */
  file: string | Buffer;
  format: OfficeFormat;
  /** Names the file in its errors. */
  label: string;
}

/** A .docx LibreOffice made of the input, or why it could not. */
export type Converted = { docx: string } | { error: NianbaoError };

/** How often the RSS of a running LibreOffice is read (it is capped like an extraction process). */
const RSS_POLL_MS = 250;

/**
 * `sh -c` script: `$1` is the batch's pid, the rest the command. A background loop polls the shell's
 * parent once a second and, when it is no longer the batch (orphaned: the batch was killed), kills
 * the whole process group — LibreOffice's soffice.bin included.
 */
const WATCHDOG = [
  'p=$1; shift',
  '( exec </dev/null >/dev/null 2>&1',
  '  while :; do',
  '    if [ -r /proc/$$/stat ]; then read -r _ _ _ pp _ < /proc/$$/stat; [ "$pp" = "$p" ] || break',
  '    else kill -0 "$p" || break; fi',
  '    sleep 1',
  '  done',
  '  kill -KILL 0 ) &',
  'w=$!',
  '"$@"',
  's=$?',
  'kill $w',
  'exit $s',
].join('\n');

/**
 * `sh -c` script: `$1` is the batch's pid, `$2` the work folder. Once a second, while the folder is
 * there: when the batch is gone (orphaned: killed), wait for WATCHDOG to have killed LibreOffice
 * (it polls once a second too), then remove the folder — a kill -9'd batch leaves nothing in $TMPDIR.
 * It runs in a process group of its own (it must outlive LibreOffice's) and the batch kills it on close.
 */
const CLEANER = [
  'p=$1; w=$2',
  'exec </dev/null >/dev/null 2>&1',
  'while [ -d "$w" ]; do',
  '  if [ -r /proc/$$/stat ]; then read -r _ _ _ pp _ < /proc/$$/stat; [ "$pp" = "$p" ] || break',
  '  else kill -0 "$p" || break; fi',
  '  sleep 1',
  'done',
  '[ -d "$w" ] || exit 0',
  'sleep 2',
  'rm -rf "$w"',
].join('\n');

/** LibreOffice runs still alive in this process, killed on exit. */
const live = new Set<OfficeBatch>();
let exitHook = false;

/**
 * Converts `inputs` in one LibreOffice run (more if one fails mid-list). `result(k)` settles as soon
 * as input k is converted; `close()` stops LibreOffice and removes the .docx files.
 */
export class OfficeBatch {
  private readonly work: string;
  private readonly settled: Array<((c: Converted) => void) | null>;
  private readonly results: Array<Promise<Converted>>;
  private child: ChildProcess | null = null;
  /** Removes the work folder if the batch is killed (CLEANER). */
  private readonly cleaner: ChildProcess | null;
  private closed = false;

  /** `timeoutMs`: the per-file limit (the first file's includes start-up); `memoryMb`: LibreOffice's RSS cap. */
  constructor(
    private readonly inputs: readonly OfficeInput[],
    private readonly opts: { timeoutMs: number; memoryMb: number },
  ) {
    this.work = mkdtempSync(path.join(tmpdir(), 'nianbao-office-'));
    this.cleaner = inputs.length > 0 ? startCleaner(this.work) : null;
    this.settled = inputs.map(() => null);
    this.results = inputs.map((_, k) => new Promise<Converted>((r) => (this.settled[k] = r)));
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.once('exit', () => {
        for (const b of live) b.close();
      });
    }
    if (inputs.length > 0) void this.runAll();
  }

  result(k: number): Promise<Converted> {
    return this.results[k];
  }

  /** Kill LibreOffice (its whole group) and remove the temp directory; unsettled files fail. */
  close(): void {
    this.closed = true;
    live.delete(this);
    killGroup(this.child);
    this.child = null;
    killGroup(this.cleaner);
    rmSync(this.work, { recursive: true, force: true });
    this.inputs.forEach((inp, k) =>
      this.settle(k, {
        error: new NianbaoError('INTERNAL', 'the batch ended before LibreOffice converted this file', inp.label),
      }),
    );
  }

  private settle(k: number, c: Converted): void {
    const s = this.settled[k];
    this.settled[k] = null;
    s?.(c);
  }

  private output(k: number): string {
    return path.join(this.work, 'out', `${k}.docx`);
  }

  /** Input k as LibreOffice is told it (its converted file is named after it). */
  private staged(k: number): string {
    const inp = this.inputs[k];
    const dest = path.join(this.work, 'in', `${k}.${inp.format}`);
    try {
      symlinkSync(inp.file, dest);
    } catch {
      copyFileSync(inp.file, dest);
    }
    return dest;
  }

  /** Runs LibreOffice over what is left until every file has its outcome. */
  private async runAll(): Promise<void> {
    mkdirSync(path.join(this.work, 'in'));
    mkdirSync(path.join(this.work, 'out'));
    let pending = this.inputs.map((_, k) => k);
    const staged = new Map<number, string>();
    try {
      for (const k of pending) staged.set(k, this.staged(k));
    } catch (e) {
      for (const k of pending)
        this.settle(k, {
          error: new NianbaoError(
            'INTERNAL',
            `could not prepare the file for LibreOffice: ${(e as Error).message}`,
            this.inputs[k].label,
          ),
        });
      return;
    }
    while (pending.length > 0 && !this.closed) {
      const run = await this.runOnce(
        pending.map((k) => staged.get(k)!),
        (i) => this.judge(pending[i]),
      );
      if (run.missing) {
        for (const k of pending) this.settle(k, { error: missingError(this.inputs[k]) });
        return;
      }
      if (run.code === 0 && !run.stopped) {
        for (const k of pending) this.judge(k);
        return;
      }
      // LibreOffice stopped on pending[at] (being written if its line was "convert", else being
      // loaded): that file has the error, those before it are done, the rest go to a fresh run.
      const at = Math.min(run.last === 'convert' ? run.lines - 1 : run.lines, pending.length - 1);
      for (const k of pending.slice(0, at)) this.judge(k);
      const inp = this.inputs[pending[at]];
      this.settle(pending[at], {
        error: run.stopped
          ? new NianbaoError(run.stopped.code, run.stopped.message, inp.label)
          : crashError(inp, run.code),
      });
      pending = pending.slice(at + 1);
    }
  }

  /** Input k's outcome once LibreOffice is past it: its .docx, else it could not be read. */
  private judge(k: number): void {
    const inp = this.inputs[k];
    if (existsSync(this.output(k))) this.settle(k, { docx: this.output(k) });
    else
      this.settle(k, {
        error: new NianbaoError(
          'CORRUPT_FILE',
          `LibreOffice could not read this .${inp.format} file (damaged, or not a document)`,
          inp.label,
        ),
      });
  }

  /**
   * One LibreOffice run over `files`, in order; `progressed(i)` once it is past files[i] (a line for
   * a later file, or its own "Error:" line). Resolves to the lines it printed for files and the kind
   * of the last, its exit code, and why we stopped it (a file's time limit or memory cap).
   */
  private runOnce(files: string[], progressed: (i: number) => void): Promise<RunOutcome> {
    return new Promise((resolve) => {
      const argv = [
        '-c',
        WATCHDOG,
        'nianbao-soffice',
        String(process.pid),
        sofficeCommand(),
        ...this.sofficeArgs(files),
      ];
      const child = spawn('sh', argv, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      this.child = child;
      let stopped: NianbaoError | null = null;
      const guard = this.guard(child, (e) => {
        stopped ??= e;
        killGroup(child);
      });
      const seen = fileLines(files.length, progressed, () => stopped !== null, guard.restart);
      lines(child.stdout!, seen.onLine);
      lines(child.stderr!, seen.onLine);
      child.on('error', () => undefined); // sh itself missing: 'close' follows with code null
      child.on('close', (code) => {
        guard.clear();
        if (this.child === child) this.child = null;
        const missing = !stopped && seen.count() === 0 && (code === 126 || code === 127);
        resolve({ lines: seen.count(), last: seen.last(), code, stopped, missing });
      });
    });
  }

  /** LibreOffice's arguments: its own profile in the work folder, every file converted to .docx. */
  private sofficeArgs(files: string[]): string[] {
    return [
      `-env:UserInstallation=${pathToFileURL(path.join(this.work, 'profile')).href}`,
      '--headless',
      '--norestore',
      '--nolockcheck',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      path.join(this.work, 'out'),
      ...files,
    ];
  }

  /**
   * The per-file time limit (restarted at each file's line) and the memory cap on the soffice tree;
   * `stop` is called with the reason when either is passed.
   */
  private guard(child: ChildProcess, stop: (e: NianbaoError) => void): { restart: () => void; clear: () => void } {
    const secs = Math.round(this.opts.timeoutMs / 1000);
    const limit = () =>
      setTimeout(
        () =>
          stop(
            new NianbaoError('TIMEOUT', `LibreOffice took longer than ${secs} s to convert the file and was stopped`),
          ),
        this.opts.timeoutMs,
      );
    let timer = limit();
    const poll = setInterval(() => {
      const kb = child.pid ? treeRssKb(child.pid) : null;
      if (kb !== null && kb > this.opts.memoryMb * 1024) {
        stop(
          new NianbaoError(
            'OUT_OF_MEMORY',
            `LibreOffice needed more than the ${this.opts.memoryMb} MB memory limit to convert the file and was stopped (--memory)`,
          ),
        );
      }
    }, RSS_POLL_MS);
    return {
      restart: () => {
        clearTimeout(timer);
        timer = limit();
      },
      clear: () => {
        clearTimeout(timer);
        clearInterval(poll);
      },
    };
  }
}

/**
 * Follows LibreOffice's line per file: `progressed(i)` once it is past file i (a line for a later
 * file, or its own "Error:" line), `next()` at each file's line. Ignores lines once `stopped()`.
 */
function fileLines(total: number, progressed: (i: number) => void, stopped: () => boolean, next: () => void) {
  let count = 0;
  let reported = 0;
  let last: RunOutcome['last'] = null;
  const onLine = (line: string) => {
    const kind = FILE_LINE.exec(line)?.[1];
    if (!kind || count >= total || stopped()) return;
    last = kind === 'Error:' ? 'error' : 'convert';
    // A line about file `count`: every file before it is written; one that failed to load is done too.
    while (reported < count || (last === 'error' && reported === count)) progressed(reported++);
    count++;
    next();
  };
  return { onLine, count: () => count, last: () => last };
}

interface RunOutcome {
  /** Files LibreOffice printed a line for (loaded, or failed to load). */
  lines: number;
  last: 'convert' | 'error' | null;
  code: number | null;
  stopped: NianbaoError | null;
  /** The command could not be run (exit 126/127 from the shell). */
  missing: boolean;
}

/** LibreOffice's line for each file of the list: loaded and being converted, or not loaded (stdout or stderr). */
const FILE_LINE = /^(convert |Error:)/;

function lines(stream: NodeJS.ReadableStream, onLine: (l: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (d: string) => {
    const parts = (rest + d).split('\n');
    rest = parts.pop()!;
    for (const l of parts) onLine(l.trim());
  });
}

/** CLEANER for a work folder, in a process group of its own (not killed with LibreOffice's); null if sh cannot start. */
function startCleaner(work: string): ChildProcess | null {
  try {
    const c = spawn('sh', ['-c', CLEANER, 'nianbao-office-cleaner', String(process.pid), work], {
      stdio: 'ignore',
      detached: true,
    });
    c.on('error', () => undefined);
    c.unref();
    return c;
  } catch {
    return null;
  }
}

/** The soffice run's group and every descendant (the pool's own tree kill, so one that left the group dies too). */
function killGroup(child: ChildProcess | null): void {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  killProcessTree(child.pid);
}

function missingError(inp: OfficeInput): NianbaoError {
  return new NianbaoError(
    'UNSUPPORTED_FORMAT',
    `reading a .${inp.format} file needs LibreOffice, which is not installed: ${SOFFICE_INSTALL_HINT}`,
    inp.label,
  );
}

function crashError(inp: OfficeInput, code: number | null): NianbaoError {
  return new NianbaoError(
    'CORRUPT_FILE',
    `LibreOffice stopped (${code === null ? 'killed' : `exit ${code}`}) while converting this .${inp.format} file (damaged?)`,
    inp.label,
  );
}

/**
 * One LibreOffice run over `inputs` (null when there are none) with the limits of an extraction under
 * `isolation`: each file a little under the file's time limit (as a conversion inside an extraction
 * process gets), LibreOffice's RSS under the same memory cap.
 */
export function startOfficeBatch(inputs: OfficeInput[], isolation: IsolationOptions = {}): OfficeBatch | null {
  if (inputs.length === 0) return null;
  const timeoutMs = Math.max(5_000, Math.round((isolation.timeoutMs ?? DEFAULT_TIMEOUT_MS) * 0.9));
  return new OfficeBatch(inputs, { timeoutMs, memoryMb: isolation.memoryMb ?? DEFAULT_MEMORY_MB });
}

/**
 * The LibreOffice format of a file whose first bytes are `head` (told as the extraction process
 * will tell it), or null: only a possible container (OLE, ZIP, RTF) is read whole and sniffed.
 */
export async function officeFormatOf(head: Buffer, file: string | Buffer, label: string): Promise<OfficeFormat | null> {
  return mayBeOffice(head) ? officeFormat(file, label) : null;
}

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** Whether a file starting with `head` may be for LibreOffice: an OLE or ZIP container, or RTF. */
export function mayBeOffice(head: Buffer): boolean {
  const starts = (magic: number[]) => magic.every((b, k) => head[k] === b);
  return starts(OLE_MAGIC) || starts(ZIP_MAGIC) || /^\s*\{\\rtf/.test(head.toString('latin1'));
}

/** The LibreOffice format of a file, from its bytes as the extraction process will tell it (sniffFormat), or null. */
export async function officeFormat(file: string | Buffer, label: string): Promise<OfficeFormat | null> {
  const bytes = await readInputFile(file, label).catch(() => null);
  if (!bytes || bytes.length === 0) return null;
  const { sniffFormat } = await import('../pipeline/sniff.js');
  const format = sniffFormat(bytes, label).format;
  return format === 'doc' || format === 'odt' || format === 'rtf' || format === 'wps' ? format : null;
}
