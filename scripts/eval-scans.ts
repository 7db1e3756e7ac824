// npm run eval -- --scan-draws N [--scan-seed S] [--conditions gray,bilevel,…] [-v]: the randomised
// scan world. Each condition of scripts/scan/draws.ts is drawn N times (parameters from its ranges,
// seeded), each draw a scan of a text sample made into a scratch folder (never committed) and read
// through `extractReport`; the table gives per condition the fields exact at minimum and median over
// its draws, the silent errors of each draw (a gap the pipeline repaired into an `invariant-repaired`
// warning counts as one), the runs that failed (an exit code; "not a 年报" on a scan of one is a
// failure) and the OCR seconds per page. Needs poppler-utils, ImageMagick and img2pdf.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { compareRecord, type Expected } from '../src/eval/compare.js';
import { INVARIANT_REPAIRED } from '../src/checks/invariant.js';
import { IncompleteRecordError } from '../src/checks/completeness.js';
import { isNianbaoError } from '../core/errors.js';
import { extractReport } from '../src/pipeline/extract.js';
import { closeOcr } from '../extractors/ocr/pool.js';
import { conditionOf, describeDraw, drawScans } from './scan/draws.js';
import { makeScan, type ScanSpec } from './scan/make-scan.js';

export interface DrawResult {
  spec: ScanSpec;
  condition: string;
  fields: number;
  exact: number;
  silent: number;
  /** The error code of a run that gave no record (e.g. NOT_A_REPORT, INTERNAL). */
  error?: string;
  seconds: number;
  /** CPU seconds of this process (its OCR workers' threads included): fairer than wall time on a loaded host. */
  cpu: number;
  pages: number;
}

/** One draw: scanned, read, compared with its source's expected record. */
async function runDraw(spec: ScanSpec, tmp: string, verbose: boolean): Promise<DrawResult> {
  const samples = path.resolve('samples');
  const pdf = path.join(tmp, `${spec.name}.pdf`);
  makeScan(spec, path.join(samples, `${spec.source}.pdf`), pdf, tmp, false);
  const expected = JSON.parse(readFileSync(path.join(samples, `${spec.source}.expected.json`), 'utf8')) as Expected;
  const base = { spec, condition: conditionOf(spec), fields: 0, exact: 0, silent: 0, seconds: 0, cpu: 0, pages: 0 };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const cpu = () => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  try {
    const record = await extractReport(pdf);
    const seconds = (performance.now() - t0) / 1000;
    const cmp = compareRecord(record, expected);
    const repaired = record.warnings.filter((w) => w.code === INVARIANT_REPAIRED).map((w) => w.path);
    const silent = new Set([...cmp.fields.filter((f) => f.silent).map((f) => f.path), ...repaired]);
    if (verbose) {
      for (const f of cmp.fields.filter((x) => !x.ok)) {
        console.log(
          `  ${spec.name} ${f.path}: expected ${JSON.stringify(f.expected)}, got ${JSON.stringify(f.actual)}${f.silent ? ' (SILENT)' : ''}`,
        );
      }
      for (const p of repaired) console.log(`  ${spec.name} ${p}: invariant repaired (SILENT)`);
    }
    return {
      ...base,
      fields: cmp.fields.length,
      exact: cmp.fields.filter((f) => f.ok).length,
      silent: silent.size,
      seconds,
      cpu: cpu(),
      pages: record.source.ocrPages.length,
    };
  } catch (e) {
    const code = e instanceof IncompleteRecordError ? 'INTERNAL (invariant)' : isNianbaoError(e) ? e.code : String(e);
    if (verbose) console.log(`  ${spec.name}: ERROR ${code}: ${(e as Error).message}`);
    return { ...base, error: code, seconds: (performance.now() - t0) / 1000, cpu: cpu() };
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number) => (Number.isNaN(x) ? '—' : `${x.toFixed(2)}%`);

/** The per-condition table of `results`, as rows of cells (the first the header). */
export function conditionTable(results: DrawResult[]): string[][] {
  const rows = [
    ['condition', 'draws', 'min exact', 'median exact', 'silent per draw', 'failed runs', 's/page', 'cpu s/page'],
  ];
  const conds = [...new Set(results.map((r) => r.condition))];
  const line = (name: string, rs: DrawResult[]) => {
    // A run without a record read nothing: 0% for the minimum and median.
    const acc = rs.map((r) => (r.fields ? (100 * r.exact) / r.fields : 0));
    const pages = rs.reduce((n, r) => n + r.pages, 0);
    const secs = rs.filter((r) => r.pages).reduce((n, r) => n + r.seconds, 0);
    const cpu = rs.filter((r) => r.pages).reduce((n, r) => n + r.cpu, 0);
    const failed = rs.filter((r) => r.error).map((r) => r.error!);
    return [
      name,
      String(rs.length),
      pct(Math.min(...acc)),
      pct(median(acc)),
      rs.map((r) => (r.error ? 'x' : String(r.silent))).join(' '),
      failed.length ? failed.join(', ') : '0',
      pages ? (secs / pages).toFixed(2) : '—',
      pages ? (cpu / pages).toFixed(2) : '—',
    ];
  };
  for (const c of conds)
    rows.push(
      line(
        c,
        results.filter((r) => r.condition === c),
      ),
    );
  rows.push(line('all', results));
  return rows;
}

/** Run the draws and print the table; the exit code is 0 only with no silent error and no failed run. */
export async function evalScanDraws(opts: {
  draws: number;
  seed: number;
  only?: string[];
  verbose: boolean;
  print: (rows: string[][]) => void;
}): Promise<number> {
  const specs = drawScans(opts);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-scan-draws-'));
  const results: DrawResult[] = [];
  try {
    for (const [k, spec] of specs.entries()) {
      const r = await runDraw(spec, tmp, opts.verbose);
      results.push(r);
      const acc = r.fields ? `${((100 * r.exact) / r.fields).toFixed(2)}%` : r.error;
      process.stderr.write(
        `[${k + 1}/${specs.length}] ${spec.name} (${describeDraw(spec)}): ${acc}, silent ${r.silent}, ${r.seconds.toFixed(1)} s (cpu ${r.cpu.toFixed(1)} s)\n`,
      );
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    await closeOcr();
  }
  console.log(`scan draws: ${opts.draws} per condition, seed ${opts.seed}`);
  opts.print(conditionTable(results));
  return results.some((r) => r.error || r.silent) ? 1 : 0;
}
