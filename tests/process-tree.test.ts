// Memory pressure and stray processes (issue 30), seen from outside as an operator would with ps:
// - the per-file memory cap counts what a file makes its extraction process start — LibreOffice for a
//   .doc (OCR runs in threads of the process itself, so its RSS is the process's) — and holds;
// - nothing a file started outlives it: killed for memory, for time, or with the whole batch killed
//   by kill -9, no soffice process remains (soffice leads a process group of its own, so killing the
//   extraction process's group alone left it running).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { descendantPids, treeRssKb } from '../src/isolation/memory.js';
import { tmpDir } from './batch-fixtures.js';
import { alive, cmdline } from './proc.js';

const root = path.resolve(__dirname, '..');
const DOC = path.join(root, 'samples/formats/city-2021-ruled.doc');
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
if (!soffice) console.log('process-tree tests skipped: soffice (LibreOffice Writer) is not installed');
/** The cap for the memory case: the extraction process alone stays under it (~110 MB), with LibreOffice converting (~200 MB more) it does not. */
const CAP_MB = 200;
/** The pool reads RSS every 25 ms: what can grow in between, and our own sampling's lag. */
const OVERSHOOT_MB = 120;

const isSoffice = (c: string) => /soffice\.bin/.test(c);
const isExtraction = (c: string) => /child-(main|launch)\.js/.test(c);

/** Samples the batch's process tree every 20 ms: soffice processes seen, highest RSS of an extraction process with its descendants. */
function watch(batch: ChildProcess) {
  const seen = { soffice: new Set<number>(), extraction: new Set<number>(), peakKb: 0 };
  const timer = setInterval(() => {
    for (const pid of descendantPids(batch.pid!)) {
      const c = cmdline(pid);
      if (isSoffice(c)) seen.soffice.add(pid);
      if (isExtraction(c)) {
        seen.extraction.add(pid);
        seen.peakKb = Math.max(seen.peakKb, treeRssKb(pid) ?? 0);
      }
    }
  }, 20);
  return { seen, stop: () => clearInterval(timer) };
}

/** nianbao batch on the .doc (or `input`), its temp files (soffice's work folder and profile) under dir/tmp. */
function batch(dir: string, extra: string[], input = DOC) {
  return run(dir, ['batch', input, '--out', path.join(dir, 'out'), '--jobs', '1', '-q', ...extra]);
}

/** A nianbao command, its temp files under dir/tmp. */
function run(dir: string, args: string[]) {
  mkdirSync(path.join(dir, 'tmp'));
  const child = spawn(process.execPath, [path.join(root, 'bin/nianbao.js'), ...args], {
    stdio: 'ignore',
    env: { ...process.env, TMPDIR: path.join(dir, 'tmp') },
  });
  const done = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, done };
}

/** Every live process on the machine whose command line names `dir` (soffice's names its work folder there). */
const leftovers = (dir: string) =>
  readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid && cmdline(Number(p)).includes(dir) && alive(Number(p)))
    .map((p) => `${p} ${cmdline(Number(p)).slice(0, 100)}`);

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  for (const t0 = Date.now(); Date.now() - t0 < ms; await new Promise((r) => setTimeout(r, 50)))
    if (cond()) return true;
  return cond();
}

const errorsOf = (dir: string) => {
  const f = path.join(dir, 'out/errors.jsonl');
  return existsSync(f)
    ? readFileSync(f, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { code: string; message: string })
    : [];
};

describe.skipIf(!soffice)('what a file starts is capped and does not outlive it', () => {
  it(
    'a .doc whose LibreOffice takes the process past --memory fails OUT_OF_MEMORY, and no soffice remains',
    { timeout: 180_000 },
    async () => {
      const dir = tmpDir('nianbao-tree-mem-');
      // `extract` converts inside the extraction process, whose tree the pool reads every 25 ms (a batch
      // converts in its own LibreOffice run, read every 250 ms, which a fast conversion can finish between).
      const b = run(dir, ['extract', DOC, '-o', path.join(dir, 'out.json'), '--memory', String(CAP_MB)]);
      const w = watch(b.child);
      expect(await b.done).toBe(12); // OUT_OF_MEMORY
      w.stop();
      // The cap saw LibreOffice (it ran under the extraction process) and stopped the tree near the cap.
      expect(w.seen.soffice.size).toBeGreaterThan(0);
      console.log(
        `.doc under --memory ${CAP_MB}: peak RSS of the extraction tree seen from outside ${Math.round(w.seen.peakKb / 1024)} MB`,
      );
      expect(w.seen.peakKb / 1024).toBeLessThan(CAP_MB + OVERSHOOT_MB);
      expect(await until(() => [...w.seen.soffice, ...w.seen.extraction].every((p) => !alive(p)), 3000)).toBe(true);
      expect(await until(() => leftovers(dir).length === 0, 3000), leftovers(dir).join('\n')).toBe(true);
    },
  );

  it(
    'a .doc stopped at the time limit while LibreOffice converts leaves no soffice behind',
    { timeout: 180_000 },
    async () => {
      const dir = tmpDir('nianbao-tree-time-');
      // `extract` converts inside the extraction process, under the file's own limit: 1 s stops it while
      // soffice is still starting. (A batch converts its .doc files in one LibreOffice run of its own,
      // limited to at least 5 s a file, which a fast machine may finish in time: tests/office-batch.)
      const b = run(dir, ['extract', DOC, '-o', path.join(dir, 'out.json'), '--timeout', '1']);
      const w = watch(b.child);
      expect(await b.done).toBe(9); // TIMEOUT
      w.stop();
      expect(w.seen.soffice.size).toBeGreaterThan(0);
      expect(await until(() => leftovers(dir).length === 0, 3000), leftovers(dir).join('\n')).toBe(true);
    },
  );

  it(
    'kill -9 of nianbao batch while LibreOffice converts: the extraction process and soffice end within seconds',
    { timeout: 180_000 },
    async () => {
      const dir = tmpDir('nianbao-tree-kill-');
      const b = batch(dir, ['--timeout', '120']);
      const w = watch(b.child);
      expect(await until(() => w.seen.soffice.size > 0, 60_000)).toBe(true);
      b.child.kill('SIGKILL');
      await b.done;
      w.stop();
      // The extraction process's watchdog notices it is orphaned within a second, and ends its tree.
      const gone = await until(
        () => [...w.seen.extraction].every((p) => !alive(p)) && leftovers(dir).length === 0,
        5000,
      );
      expect(gone, leftovers(dir).join('\n')).toBe(true);
    },
  );
});

// OCR runs in worker threads of the extraction process (tesseract.js), so its memory is the process's
// own RSS: a scan OCR'd under a cap too small for it is stopped near the cap, seen from outside.
describe('OCR under the memory cap', () => {
  it(
    'a scan whose OCR passes --memory fails OUT_OF_MEMORY, the process tree stopped near the cap',
    { timeout: 180_000 },
    async () => {
      const dir = tmpDir('nianbao-tree-ocr-');
      const cap = 300;
      const b = batch(
        dir,
        ['--memory', String(cap), '--timeout', '120'],
        path.join(root, 'samples/scanned/bureau-2021-split.bilevel200.pdf'),
      );
      const w = watch(b.child);
      expect(await b.done).toBe(1);
      w.stop();
      expect(errorsOf(dir).map((e) => e.code)).toEqual(['OUT_OF_MEMORY']);
      console.log(
        `scan under --memory ${cap}: peak RSS of the extraction tree seen from outside ${Math.round(w.seen.peakKb / 1024)} MB`,
      );
      expect(w.seen.peakKb / 1024).toBeGreaterThan(cap * 0.8);
      expect(w.seen.peakKb / 1024).toBeLessThan(cap + OVERSHOOT_MB);
      expect(await until(() => [...w.seen.extraction].every((p) => !alive(p)), 3000)).toBe(true);
    },
  );
});
