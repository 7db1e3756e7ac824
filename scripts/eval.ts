// npm run eval: field accuracy of `extract` on every sample with an expected record.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractReport } from '../src/pipeline/extract.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { IncompleteRecordError, type Violation } from '../src/checks/completeness.js';

async function expectedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await expectedFiles(p)));
    else if (entry.name.endsWith('.expected.json')) out.push(p);
  }
  return out.sort();
}

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(2)}%`);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || args.includes('-v');
  const filter = args.find((a) => !a.startsWith('-'));
  const root = path.resolve('samples');
  const files = (await expectedFiles(root)).filter((f) => !filter || f.includes(filter));
  const rows: string[][] = [['sample', 'fields', 'exact', 'numeric exact', 'failed checks', 'silent errors', 'seconds']];
  let [all, ok, num, numOk, silent, checkMismatch] = [0, 0, 0, 0, 0, 0];
  for (const file of files) {
    const expected = JSON.parse(await readFile(file, 'utf8')) as Expected;
    const input = path.join(path.dirname(file), expected.file);
    const name = path.relative(root, input);
    const t0 = performance.now();
    let record;
    // A record that breaks the completeness invariant still counts: each unflagged gap is silent.
    let violations: Violation[] = [];
    try {
      record = await extractReport(input);
    } catch (e) {
      if (!(e instanceof IncompleteRecordError)) {
        rows.push([name, '—', 'ERROR', (e as Error).message, '', '', '']);
        checkMismatch++;
        continue;
      }
      record = e.record;
      violations = e.violations;
    }
    const secs = ((performance.now() - t0) / 1000).toFixed(2);
    const cmp = compareRecord(record, expected);
    const f = cmp.fields;
    const nf = f.filter((x) => x.numeric);
    // Silent: a wrong value nothing flags, or a value the invariant finds unaccounted for.
    const silentPaths = new Set([...f.filter((x) => x.silent).map((x) => x.path), ...violations.map((v) => v.path)]);
    const s = silentPaths.size;
    if (violations.length) checkMismatch++;
    all += f.length;
    ok += f.filter((x) => x.ok).length;
    num += nf.length;
    numOk += nf.filter((x) => x.ok).length;
    silent += s;
    if (!cmp.checksMatch) checkMismatch++;
    rows.push([
      name,
      String(f.length),
      pct(f.filter((x) => x.ok).length, f.length),
      pct(nf.filter((x) => x.ok).length, nf.length),
      cmp.checksMatch ? `${cmp.failedChecksActual.length} as expected` : `MISMATCH got [${cmp.failedChecksActual}] want [${cmp.failedChecksExpected}]`,
      String(s),
      secs,
    ]);
    if (verbose) {
      for (const x of f.filter((x) => !x.ok)) {
        console.log(`  ${name} ${x.path}: expected ${JSON.stringify(x.expected)}, got ${JSON.stringify(x.actual)}${x.silent ? ' (silent)' : ' (flagged)'}`);
      }
      for (const v of violations) console.log(`  ${name} ${v.path}: completeness invariant: ${v.reason}`);
    }
  }
  rows.push(['overall', String(all), pct(ok, all), pct(numOk, num), checkMismatch ? `${checkMismatch} mismatched` : 'all as expected', String(silent), '']);
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => width(r[k] ?? ''))));
  for (const r of rows) console.log(r.map((c, k) => c + ' '.repeat(widths[k] - width(c))).join('  '));
  console.log(`silent errors: ${silent}`);
  return ok === all && checkMismatch === 0 && silent === 0 ? 0 : 1;
}

/** Display width: CJK characters take two columns. */
const width = (s: string) => Array.from(s).reduce((n, c) => n + (/[\u2e80-\uffef]/u.test(c) ? 2 : 1), 0);

process.exitCode = await main();
