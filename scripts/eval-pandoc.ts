// npm run eval:pandoc [-- --to markdown,gfm] [-v]: field accuracy on REAL pandoc output (issue 26). Every
// sample DOCX (samples/formats, samples/word) and every agency page of samples/formats and samples/web is
// converted by the `pandoc` on PATH to each output format and extracted; fields exact / flagged / silent
// per format, for clean inputs and, apart, for the pages with markup faults (pandoc's own HTML reader
// drops table rows of those: flagged, but not ours to recover). A GBK page is recoded to UTF-8 first
// (pandoc reads UTF-8 only); a page with an invalid byte is left out (pandoc then reads it all as Latin-1).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IncompleteRecordError, type Violation } from '../src/checks/completeness.js';
import type { Report } from '../src/schema/record.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { buildRecord } from '../src/pipeline/build-record.js';
import { readSource } from '../src/pipeline/read-input.js';

const FORMATS = ['markdown', 'gfm', 'commonmark', 'markdown_strict', 'plain'];
/** Pages whose tables pandoc's HTML reader breaks: markup faults a browser repairs, WeChat's drawn tables. */
const FAULTY = /(all-faults|no-td-close|open-font|stray-div-close|stray-p|wechat)/;

interface Input {
  file: string;
  from: 'docx' | 'html';
  expected: Expected;
  faulty: boolean;
}

function inputs(root: string): Input[] {
  const out: Input[] = [];
  for (const dir of ['formats', 'word', 'web']) {
    for (const f of readdirSync(path.join(root, dir)).filter((n) => n.endsWith('.expected.json'))) {
      const expected = JSON.parse(readFileSync(path.join(root, dir, f), 'utf8')) as Expected;
      const name = dir === 'word' ? expected.file.replace(/\.pdf$/, '.docx') : expected.file;
      const from = name.endsWith('.docx') ? 'docx' : /\.html?$/.test(name) ? 'html' : null;
      if (!from || name.includes('bad-byte')) continue;
      out.push({ file: path.join(root, dir, name), from, expected, faulty: FAULTY.test(name) });
    }
  }
  return out;
}

interface Tally {
  files: number;
  fields: number;
  exact: number;
  flagged: number;
  silent: number;
}

/** One input through pandoc to `to` and back: its fields counted into `t`. */
async function one(input: Input, to: string, work: string, t: Tally, verbose: boolean): Promise<void> {
  let src = input.file;
  if (src.includes('gbk')) {
    src = path.join(work, path.basename(src) + '.utf8.html');
    writeFileSync(src, new TextDecoder('gb18030').decode(readFileSync(input.file)));
  }
  const text = execFileSync('pandoc', ['-f', input.from, '-t', to, src], { maxBuffer: 1 << 26 });
  const name = `${path.basename(input.file)}.${to}`;
  const doc = await readSource(new Uint8Array(text), { file: name });
  let r: Report;
  let gaps: Violation[] = [];
  try {
    r = buildRecord(doc, { file: name, sha256: '0' });
  } catch (e) {
    if (!(e instanceof IncompleteRecordError)) throw e;
    [r, gaps] = [e.record, e.violations];
  }
  const cmp = compareRecord(r, input.expected);
  const silent = new Set([...cmp.fields.filter((x) => x.silent).map((x) => x.path), ...gaps.map((v) => v.path)]);
  t.files++;
  t.fields += cmp.fields.length;
  t.exact += cmp.fields.filter((x) => x.ok).length;
  t.flagged += cmp.fields.filter((x) => !x.ok && !x.silent).length;
  t.silent += silent.size;
  if (verbose && (silent.size || cmp.fields.some((x) => !x.ok))) {
    console.log(
      `  ${to} ${name}: ${cmp.fields.filter((x) => x.ok).length}/${cmp.fields.length}, silent ${silent.size}`,
    );
    for (const p of silent) console.log(`    silent: ${p}`);
  }
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--to');
  const formats = at >= 0 ? args[at + 1].split(',') : FORMATS;
  const verbose = args.includes('-v') || args.includes('--verbose');
  try {
    console.log(execFileSync('pandoc', ['--version']).toString().split('\n')[0]);
  } catch {
    console.error('pandoc is not installed (Debian package pandoc)');
    return 2;
  }
  // Strict: a gap in the completeness invariant is thrown (and counted as silent), not repaired.
  process.env.NIANBAO_STRICT_INVARIANT = '1';
  const work = mkdtempSync(path.join(tmpdir(), 'nianbao-eval-pandoc-'));
  const rows = [['format', 'inputs', 'files', 'fields', 'exact', 'flagged', 'silent']];
  let silent = 0;
  try {
    const all = inputs(path.resolve('samples'));
    for (const to of formats) {
      for (const faulty of [false, true]) {
        const t: Tally = { files: 0, fields: 0, exact: 0, flagged: 0, silent: 0 };
        for (const input of all.filter((i) => i.faulty === faulty)) await one(input, to, work, t, verbose);
        silent += t.silent;
        const pct = t.fields ? `${((100 * t.exact) / t.fields).toFixed(2)}%` : '—';
        rows.push([
          to,
          faulty ? 'faulty, WeChat' : 'clean',
          String(t.files),
          String(t.fields),
          pct,
          String(t.flagged),
          String(t.silent),
        ]);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
  for (const r of rows) console.log(r.map((c, k) => c.padEnd(widths[k])).join('  '));
  console.log(`silent errors: ${silent}`);
  return silent === 0 ? 0 : 1;
}

process.exitCode = await main();
