// A batch's .doc/.odt/.rtf files go through ONE LibreOffice run (src/batch/office.ts): each file
// still gets its own record or error, a file that hangs LibreOffice its own TIMEOUT, and no soffice
// outlives the batch — also when `nianbao batch` itself is killed with SIGKILL. Real soffice
// (through a shim that logs each start), except where a hang is needed (a stand-in that hangs).
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { openStore } from '../src/db/store.js';
import type { Report } from '../src/index.js';
import { BIN, readJsonl, SAMPLES, tmpDir } from './batch-fixtures.js';

const FORMATS = path.join(SAMPLES, 'formats');
const hasSoffice = spawnSync('sh', ['-c', 'command -v soffice'], { stdio: 'ignore' }).status === 0;
if (!hasSoffice)
  console.warn('office-batch.test: soffice (LibreOffice) not installed (Debian: libreoffice-writer-nogui), skipped');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** The real CLI with extra environment; `onSpawn` gets its pid. */
function run(args: string[], env: NodeJS.ProcessEnv, onSpawn?: (pid: number) => void): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    onSpawn?.(child.pid!);
  });
}

/** A shell script standing in for `soffice` that appends a line to `log` per start. */
function shim(dir: string, log: string, body: string): string {
  const file = path.join(dir, 'soffice-shim');
  writeFileSync(file, `#!/bin/sh\necho start >> '${log}'\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** The temp directories of the runs (LibreOffice's profile, ~10 MB, is left there by a killed extraction process). */
const temps: string[] = [];
const runTmp = () => {
  const d = tmpDir('nianbao-office-tmp-');
  temps.push(d);
  return d;
};
afterAll(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const starts = (log: string) => readFileSync(log, 'utf8').split('\n').filter(Boolean).length;

/** The sample .doc with its FIB (the Word stream's header) overwritten: still a Word file by its streams, unreadable to LibreOffice. */
function damagedDoc(): Buffer {
  const b = readFileSync(path.join(FORMATS, 'city-2021-ruled.doc'));
  for (let k = 512; k < 1536; k++) b[k] = (k * 131 + 7) & 0xff;
  return b;
}

/** Our processes still running: their command line names `dir` (LibreOffice's profile is under it). */
/**
 * The processes whose command line names `dir`, as "pid command" (what `pgrep -a -f` prints), read
 * from /proc: pgrep (procps) is not on a fresh Debian, where it made every check here pass vacuously.
 */
function processesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
    } catch {
      continue; // ended meanwhile
    }
    if (cmd.includes(dir)) out.push(`${pid} ${cmd}`);
  }
  return out;
}

describe.skipIf(!hasSoffice)('a batch with Word, ODT and RTF files', () => {
  it('converts them in one LibreOffice run; a damaged .doc gets its own error; no soffice left', async () => {
    const dir = tmpDir();
    const tmp = runTmp();
    for (const f of ['city-2021-ruled.doc', 'city-2021-ruled.odt', 'city-2021-ruled.rtf'])
      copyFileSync(path.join(FORMATS, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'damaged.doc'), damagedDoc());
    copyFileSync(path.join(SAMPLES, 'district-2019.pdf'), path.join(dir, 'district-2019.pdf'));
    const log = path.join(tmp, 'starts.log');
    const soffice = shim(tmp, log, 'exec soffice "$@"');
    const out = path.join(tmpDir(), 'out');
    const r = await run(['batch', dir, '--out', out, '--jobs', '2', '-q'], { NIANBAO_SOFFICE: soffice, TMPDIR: tmp });
    expect(r.code).toBe(1);
    expect(starts(log)).toBe(1);
    const records = readJsonl(path.join(out, 'records.jsonl')) as Report[];
    expect(records.map((x) => [path.basename(x.source.path), x.source.format])).toEqual([
      ['city-2021-ruled.doc', 'doc'],
      ['city-2021-ruled.odt', 'odt'],
      ['city-2021-ruled.rtf', 'rtf'],
      ['district-2019.pdf', 'pdf'],
    ]);
    // Every value as in the sample's expected record (as when each file had a LibreOffice of its own).
    for (const rec of records.slice(0, 3)) {
      const expected = JSON.parse(
        readFileSync(path.join(FORMATS, `${path.basename(rec.source.path)}.expected.json`), 'utf8'),
      ) as Expected;
      const cmp = compareRecord(rec, expected);
      expect(cmp.fields.filter((x) => !x.ok)).toEqual([]);
      expect(cmp.fields.length).toBeGreaterThan(150);
    }
    const errors = readJsonl(path.join(out, 'errors.jsonl'));
    expect(errors.map((e) => [path.basename(e.path), e.code, e.message])).toEqual([
      ['damaged.doc', 'CORRUPT_FILE', 'LibreOffice could not read this .doc file (damaged, or not a document)'],
    ]);
    expect(processesUnder(tmp)).toEqual([]);
  }, 180_000);

  it('ingest converts them in one LibreOffice run too, each with its own outcome; a rerun converts only what is not stored', async () => {
    const dir = tmpDir();
    const tmp = runTmp();
    for (const f of ['city-2021-ruled.doc', 'city-2021-ruled.odt', 'city-2021-ruled.rtf'])
      copyFileSync(path.join(FORMATS, f), path.join(dir, f));
    writeFileSync(path.join(dir, 'damaged.doc'), damagedDoc());
    copyFileSync(path.join(SAMPLES, 'district-2019.pdf'), path.join(dir, 'district-2019.pdf'));
    const log = path.join(tmp, 'starts.log');
    const args = path.join(tmp, 'args.log');
    const env = { NIANBAO_SOFFICE: shim(tmp, log, `echo "$*" >> '${args}'\nexec soffice "$@"`), TMPDIR: tmp };
    const db = path.join(tmpDir(), 'reports.sqlite');
    const first = await run(['ingest', '--db', db, dir, '--jobs', '2', '-q'], env);
    expect(first.code).toBe(1);
    expect(starts(log)).toBe(1);
    const store = await openStore(db, { readonly: true });
    try {
      const records: Report[] = [];
      for await (const r of store.latestRecords()) records.push(r);
      expect(records.map((x) => [path.basename(x.source.path), x.source.format]).sort()).toEqual([
        ['city-2021-ruled.doc', 'doc'],
        ['city-2021-ruled.odt', 'odt'],
        ['city-2021-ruled.rtf', 'rtf'],
        ['district-2019.pdf', 'pdf'],
      ]);
      for (const rec of records.filter((x) => x.source.format !== 'pdf')) {
        const expected = JSON.parse(
          readFileSync(path.join(FORMATS, `${path.basename(rec.source.path)}.expected.json`), 'utf8'),
        ) as Expected;
        expect(compareRecord(rec, expected).fields.filter((x) => !x.ok)).toEqual([]);
      }
      expect((await store.failures()).map((f) => [path.basename(f.path), f.code, f.message, f.attempts])).toEqual([
        ['damaged.doc', 'CORRUPT_FILE', 'LibreOffice could not read this .doc file (damaged, or not a document)', 1],
      ]);
    } finally {
      await store.close();
    }
    expect(processesUnder(tmp)).toEqual([]);
    expect(readdirSync(tmp).filter((f) => f.startsWith('nianbao-'))).toEqual([]);
    // Again: the stored files are not converted, the failed one is (its second attempt), in one run.
    writeFileSync(log, '');
    const again = await run(['ingest', '--db', db, dir, '--jobs', '2', '-q'], env);
    expect(again.code).toBe(1);
    expect(starts(log)).toBe(1);
    const inputs = readFileSync(args, 'utf8')
      .trim()
      .split('\n')
      .pop()!
      .split(' ')
      .filter((a) => a.includes('/in/'));
    expect(inputs.map((a) => path.basename(a))).toEqual(['0.doc']);
  }, 240_000);

  it('a file that hangs LibreOffice fails alone with TIMEOUT; the files after it go to a fresh run', async () => {
    const dir = tmpDir();
    const tmp = runTmp();
    const doc = readFileSync(path.join(FORMATS, 'city-2021-ruled.doc'));
    writeFileSync(path.join(dir, 'a.doc'), doc);
    writeFileSync(path.join(dir, 'b-hangs.doc'), Buffer.concat([doc, Buffer.from('HANG')]));
    writeFileSync(path.join(dir, 'c.doc'), Buffer.concat([doc, Buffer.from('other bytes')]));
    const log = path.join(tmp, 'starts.log');
    // Stands in for soffice: says "convert" per file (as LibreOffice does once a file is loaded) and
    // writes the sample's .docx; on a file with HANG in it, hangs while "writing".
    const docx = path.join(FORMATS, 'city-2021-ruled.docx');
    const body = [
      'while [ $# -gt 0 ]; do case $1 in --outdir) out=$2; shift 2;; --convert-to) shift 2;; -*) shift;; *) break;; esac; done',
      'for f; do b=$(basename "$f"); echo "convert $f -> $out/${b%.*}.docx using filter : MS Word 2007 XML"',
      `  if grep -q HANG "$f"; then sleep 600; fi; cp '${docx}' "$out/\${b%.*}.docx"; done`,
    ].join('\n');
    const out = path.join(tmpDir(), 'out');
    const t0 = Date.now();
    const r = await run(['batch', dir, '--out', out, '--jobs', '2', '--timeout', '5', '-q'], {
      NIANBAO_SOFFICE: shim(tmp, log, body),
      TMPDIR: tmp,
    });
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(60_000);
    expect(starts(log)).toBe(2);
    expect(readJsonl(path.join(out, 'records.jsonl')).map((x: Report) => path.basename(x.source.path))).toEqual([
      'a.doc',
      'c.doc',
    ]);
    expect(readJsonl(path.join(out, 'errors.jsonl')).map((e) => [path.basename(e.path), e.code, e.message])).toEqual([
      ['b-hangs.doc', 'TIMEOUT', 'LibreOffice took longer than 5 s to convert the file and was stopped'],
    ]);
    expect(processesUnder(tmp)).toEqual([]);
  }, 120_000);

  it('no soffice outlives `nianbao batch` killed with SIGKILL', async () => {
    const dir = tmpDir();
    const tmp = runTmp();
    const doc = readFileSync(path.join(FORMATS, 'city-2021-ruled.doc'));
    for (let k = 0; k < 8; k++)
      writeFileSync(path.join(dir, `r${k}.doc`), Buffer.concat([doc, Buffer.from(`copy ${k}`)]));
    let sawSoffice = false;
    const r = await run(
      ['batch', dir, '--out', path.join(tmpDir(), 'out'), '--jobs', '2', '-q'],
      { TMPDIR: tmp },
      (pid) => {
        // Killed as soon as LibreOffice itself (soffice.bin, with its profile under tmp) is running.
        const poll = setInterval(() => {
          if (!processesUnder(tmp).some((p) => /soffice\.bin/.test(p))) return;
          clearInterval(poll);
          sawSoffice = true;
          process.kill(pid, 'SIGKILL');
        }, 50);
      },
    );
    expect(r.signal).toBe('SIGKILL');
    expect(sawSoffice).toBe(true);
    // The watchdogs poll once a second; the folder goes 2 s after LibreOffice's watchdog killed it.
    const deadline = Date.now() + 15_000;
    const left = () => [...processesUnder(tmp), ...readdirSync(tmp).filter((f) => f.startsWith('nianbao-office-'))];
    while (left().length > 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 100));
    // No process, and no temp folder (LibreOffice's profile, the converted files) left in $TMPDIR.
    expect(left()).toEqual([]);
  }, 180_000);
});
