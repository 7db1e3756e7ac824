// Part of `npm run bench`: how fast documents that are not 年报 are refused (exit 8) by a cold
// `nianbao extract` — a 17-page English text PDF (refused from its text layer, no OCR), a 10-page scan
// of such prose (refused after OCR of its first two pages) and the one-page Chinese notice of
// samples/bad. Documents from scripts/samples/non-report.ts; wall time and peak RSS of the process.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMeasured } from './bench-process.js';
import { nonReportScanPdf, nonReportTextPdf } from './samples/non-report.js';

/** Prints one line per document: exit code, wall seconds, peak RSS. Throws when one is not refused. */
export async function benchRefusal(bin: string, root: string): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-refusal-'));
  try {
    const docs: Array<[string, string]> = [
      ['17-page English text PDF', write(dir, 'handbook.pdf', nonReportTextPdf(17, 11))],
      ['10-page scan of English prose', write(dir, 'handbook-scan.pdf', nonReportScanPdf(10, 11))],
      ['1-page Chinese notice (samples/bad)', path.join(root, 'samples/bad/not-a-report.pdf')],
    ];
    console.log(`\nrefusal of documents that are not 年报 (cold \`nianbao extract\`, one run each), load ${load()}`);
    for (const [what, file] of docs) {
      const m = await runMeasured(process.execPath, [bin, 'extract', file]);
      if (m.status !== 8) throw new Error(`${what}: exit ${m.status}, not 8: ${m.stderr.slice(0, 300)}`);
      const s = (m.wallMs / 1000).toFixed(2);
      console.log(`  ${what.padEnd(36)} exit 8 in ${s.padStart(6)} s, peak RSS ${m.peakRssMb?.toFixed(0) ?? '—'} MB`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function write(dir: string, name: string, bytes: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
