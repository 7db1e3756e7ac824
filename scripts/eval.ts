// npm run eval [-- --engine pdfium|pdfjs] [--no-ocr] [filter]: field accuracy of `extract` on every sample with an expected record.
//   npm run eval -- --scan-draws N [--scan-seed S] [--conditions gray,bilevel]: the randomised scan
//   world (scripts/eval-scans.ts): per scan condition, min / median accuracy over N seeded draws.
//   npm run eval -- --sweep tables.labelMinSimilarity [--values 0.4,0.5,0.6]: accuracy as one
//   tolerance of src/settings.ts varies (each sample is read once; layout, sections and tables rerun;
//   a setting of the readers — ocr.*, textQuality.*, pdfText.* — reads every sample again per value;
//   --no-ocr leaves out the scanned samples).
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractReport } from '../src/pipeline/extract.js';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { PDF_ENGINES, type PdfEngine } from '../extractors/types.js';
import { IncompleteRecordError, type Violation } from '../src/checks/completeness.js';
import { INVARIANT_REPAIRED } from '../src/checks/invariant.js';
import { buildRecord } from '../src/pipeline/extract.js';
import { readSource } from '../src/pipeline/read-input.js';
import { DEFAULT_SETTINGS, EXTRACTOR_GROUP_NAMES, settingsInfo, withSetting, type Settings } from '../src/settings.js';
import { createHash } from 'node:crypto';
import type { Report } from '../src/schema/record.js';
import { evalScanDraws } from './eval-scans.js';
import { evalLegacy } from './eval-legacy.js';

async function expectedFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await expectedFiles(p)));
    else if (entry.name.endsWith('.expected.json')) out.push(p);
  }
  return out.sort();
}

/** Gaps in the completeness invariant the pipeline repaired into warnings: each a silent error here. */
const repaired = (record: Report): Violation[] =>
  record.warnings
    .filter((w) => w.code === INVARIANT_REPAIRED && w.path)
    .map((w) => ({ path: w.path!, reason: w.message }));

const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(2)}%`);

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || args.includes('-v');
  const engineAt = args.indexOf('--engine');
  const engine = engineAt >= 0 ? (args[engineAt + 1] as PdfEngine) : undefined;
  if (engine !== undefined && !PDF_ENGINES.includes(engine))
    throw new Error(`--engine takes ${PDF_ENGINES.join(' or ')}`);
  const filter = args.find((a, i) => !a.startsWith('-') && (engineAt < 0 || i !== engineAt + 1));
  const root = path.resolve('samples');
  // --no-ocr: leave out the scanned samples (as the sweep does).
  const noOcr = args.includes('--no-ocr');
  const files = (await expectedFiles(root)).filter(
    (f) => (!filter || f.includes(filter)) && !(noOcr && f.includes(`${path.sep}scanned${path.sep}`)),
  );
  const rows: string[][] = [
    ['sample', 'fields', 'exact', 'numeric exact', 'failed checks', 'silent errors', 'seconds'],
  ];
  let [all, ok, num, numOk, silent, checkMismatch] = [0, 0, 0, 0, 0, 0];
  // Samples that name their kind of source (samples/web) are also summed per kind.
  const kinds = new Map<string, { files: number; fields: number; ok: number; silent: number; failed: number }>();
  const tally = (kind: string | undefined, fields: number, okCount: number, s: number, failed: boolean) => {
    if (!kind) return;
    const k = kinds.get(kind) ?? { files: 0, fields: 0, ok: 0, silent: 0, failed: 0 };
    kinds.set(kind, {
      files: k.files + 1,
      fields: k.fields + fields,
      ok: k.ok + okCount,
      silent: k.silent + s,
      failed: k.failed + (failed ? 1 : 0),
    });
  };
  for (const file of files) {
    const expected = JSON.parse(await readFile(file, 'utf8')) as Expected;
    const input = path.join(path.dirname(file), expected.file);
    const name = path.relative(root, input);
    const t0 = performance.now();
    let record;
    // A record that breaks the completeness invariant still counts: each unflagged gap is silent.
    let violations: Violation[] = [];
    try {
      record = await extractReport(input, { engine });
    } catch (e) {
      if (!(e instanceof IncompleteRecordError)) {
        rows.push([name, '—', 'ERROR', (e as Error).message, '', '', '']);
        checkMismatch++;
        tally(expected.kind, 0, 0, 0, true);
        continue;
      }
      record = e.record;
      violations = e.violations;
    }
    violations.push(...repaired(record));
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
    tally(expected.kind, f.length, f.filter((x) => x.ok).length, s, !cmp.checksMatch || violations.length > 0);
    rows.push([
      name,
      String(f.length),
      pct(f.filter((x) => x.ok).length, f.length),
      pct(nf.filter((x) => x.ok).length, nf.length),
      cmp.checksMatch
        ? `${cmp.failedChecksActual.length} as expected`
        : `MISMATCH got [${cmp.failedChecksActual}] want [${cmp.failedChecksExpected}]`,
      String(s),
      secs,
    ]);
    if (verbose) {
      for (const x of f.filter((x) => !x.ok)) {
        console.log(
          `  ${name} ${x.path}: expected ${JSON.stringify(x.expected)}, got ${JSON.stringify(x.actual)}${x.silent ? ' (silent)' : ' (flagged)'}`,
        );
      }
      for (const v of violations) console.log(`  ${name} ${v.path}: completeness invariant: ${v.reason}`);
    }
  }
  rows.push([
    'overall',
    String(all),
    pct(ok, all),
    pct(numOk, num),
    checkMismatch ? `${checkMismatch} mismatched` : 'all as expected',
    String(silent),
    '',
  ]);
  printTable(rows);
  if (kinds.size > 0) {
    console.log('');
    const byKind = [['kind', 'files', 'fields', 'exact', 'silent errors', 'errors or check mismatches']];
    for (const [kind, k] of [...kinds].sort())
      byKind.push([kind, String(k.files), String(k.fields), pct(k.ok, k.fields), String(k.silent), String(k.failed)]);
    printTable(byKind);
  }
  console.log(`silent errors: ${silent}`);
  return ok === all && checkMismatch === 0 && silent === 0 ? 0 : 1;
}

/** Display width: CJK characters take two columns. */
const width = (s: string) => Array.from(s).reduce((n, c) => n + (/[\u2e80-\uffef]/u.test(c) ? 2 : 1), 0);

/** Values to try for a setting: its default scaled by ½ … 1½, within its bounds. */
function sweepValues(name: string, given: string | undefined): number[] {
  const info = settingsInfo().find((s) => s.name === name);
  if (!info)
    throw new Error(
      `unknown setting ${name}; known: ${settingsInfo()
        .map((s) => s.name)
        .join(', ')}`,
    );
  if (given) return given.split(',').map(Number);
  const raw = [0.5, 0.7, 0.85, 1, 1.15, 1.3, 1.5].map((f) => info.default * f);
  const vals = raw.map((v) =>
    Math.min(info.max, Math.max(info.min, info.integer ? Math.round(v) : Math.round(v * 1000) / 1000)),
  );
  return [...new Set(vals)].sort((a, b) => a - b);
}

/** Accuracy over all samples for each value of one setting. */
async function sweep(name: string, given: string | undefined, filter: string | undefined): Promise<number> {
  const values = sweepValues(name, given);
  const root = path.resolve('samples');
  // --no-ocr: leave out the scanned samples (OCR is slow; the settings swept act after it anyway).
  const noOcr = process.argv.includes('--no-ocr');
  const files = (await expectedFiles(root)).filter(
    (f) => (!filter || f.includes(filter)) && !(noOcr && f.includes(`${path.sep}scanned${path.sep}`)),
  );
  const docs = [];
  for (const file of files) {
    const expected = JSON.parse(await readFile(file, 'utf8')) as Expected;
    const input = path.join(path.dirname(file), expected.file);
    const bytes = new Uint8Array(await readFile(input));
    const doc = await readSource(bytes, { file: input });
    docs.push({ expected, bytes, doc, src: { file: input, sha256: createHash('sha256').update(bytes).digest('hex') } });
  }
  // A reader's setting acts before layout: the inputs are read again with it.
  const rereads = EXTRACTOR_GROUP_NAMES.includes(name.split('.')[0]);
  const rows: string[][] = [[name, 'fields', 'exact', 'numeric exact', 'silent errors', 'check mismatches', 'errors']];
  for (const value of values) {
    const settings: Settings = withSetting(DEFAULT_SETTINGS, name, value);
    let [all, ok, num, numOk, silent, mismatch, errors] = [0, 0, 0, 0, 0, 0, 0];
    for (const { expected, bytes, doc, src } of docs) {
      let record;
      let violations: Violation[] = [];
      try {
        record = buildRecord(rereads ? await readSource(bytes, { file: src.file, settings }) : doc, src, settings);
      } catch (e) {
        if (!(e instanceof IncompleteRecordError)) {
          errors++;
          continue;
        }
        record = e.record;
        violations = e.violations;
      }
      violations.push(...repaired(record));
      const cmp = compareRecord(record, expected);
      all += cmp.fields.length;
      ok += cmp.fields.filter((x) => x.ok).length;
      num += cmp.fields.filter((x) => x.numeric).length;
      numOk += cmp.fields.filter((x) => x.numeric && x.ok).length;
      silent += new Set([...cmp.fields.filter((x) => x.silent).map((x) => x.path), ...violations.map((v) => v.path)])
        .size;
      if (!cmp.checksMatch || violations.length) mismatch++;
    }
    const mark = value === settingsInfo().find((s) => s.name === name)!.default ? ' (default)' : '';
    rows.push([
      `${value}${mark}`,
      String(all),
      pct(ok, all),
      pct(numOk, num),
      String(silent),
      String(mismatch),
      String(errors),
    ]);
  }
  printTable(rows);
  return 0;
}

function printTable(rows: string[][]): void {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => width(r[k] ?? ''))));
  for (const r of rows) console.log(r.map((c, k) => c + ' '.repeat(widths[k] - width(c))).join('  '));
}

const argv = process.argv.slice(2);
const at = argv.indexOf('--sweep');
const drawsAt = argv.indexOf('--scan-draws');
const argOf = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
if (drawsAt >= 0) {
  process.exitCode = await evalScanDraws({
    draws: Number(argv[drawsAt + 1]),
    seed: Number(argOf('--scan-seed') ?? 1),
    only: argOf('--conditions')?.split(','),
    verbose: argv.includes('-v') || argv.includes('--verbose'),
    print: printTable,
  });
} else if (at >= 0) {
  const vAt = argv.indexOf('--values');
  const filter = argv.find((a, k) => !a.startsWith('-') && k !== at + 1 && k !== vAt + 1);
  process.exitCode = await sweep(argv[at + 1], vAt >= 0 ? argv[vAt + 1] : undefined, filter);
} else {
  const code = await main();
  // Then the generated reports for 2008–2018 (template "2008"), unless the run was narrowed to some samples.
  const narrowed = argv.some((a) => !a.startsWith('-') && argv[argv.indexOf(a) - 1] !== '--engine');
  process.exitCode = narrowed
    ? code
    : Math.max(code, await evalLegacy(argv.includes('--no-ocr') ? ['--count', '40'] : []));
}
