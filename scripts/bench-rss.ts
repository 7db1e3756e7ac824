// Part of `npm run bench` (`--only rss`): memory of the extraction processes over a long batch.
// BENCH_RSS (2000) byte-distinct inputs — the bench corpus's text PDFs, with one in ten an HTML
// page and one in twenty a .docx — through `nianbao batch --jobs 2 --no-ocr`. From outside, every
// RSS_SAMPLE_MS, each pool child's RSS (with its descendants, from /proc) is read beside the number
// of results in the store, so memory is seen against files done: peak per child, the pool's RSS
// over the first and the last 200 files (flat is the target), and the children started (recycled).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMeasured } from './bench-process.js';
import { descendantPids, treeRssKb } from '../src/isolation/memory.js';

const RSS_SAMPLE_MS = 200;
/** Files at each end of the run whose RSS samples are compared (the issue's "first 200 vs last 200"). */
const WINDOW = 200;
/** RSS growth (MB) between the two windows still taken as flat: allocator and JIT noise. */
const FLAT_MB = 25;
/** Pool size of the run (the issue's `--jobs 2`). */
const JOBS = 2;

/** HTML and DOCX samples mixed in (each read without OCR, as the PDFs are). */
const HTML = ['samples/formats/city-2021-ruled.cms.html', 'samples/formats/bureau-2021-split.cms-gbk.html'];
const DOCX = ['samples/formats/city-2021-ruled.docx', 'samples/formats/district-2019.docx'];

/** Live pool children at one moment: files in the store then, and each child's RSS (kB). */
interface Sample {
  files: number;
  rss: Map<number, number>;
}

/**
 * `total` byte-distinct inputs written to `dir`: copies of `pdfs` (a comment after %%EOF), every
 * 10th an HTML page instead (a trailing comment) and every 20th a .docx (a ZIP archive comment).
 */
export function mixedInputs(root: string, pdfs: string[], total: number, dir: string): Record<string, number> {
  mkdirSync(dir, { recursive: true });
  const kinds: Record<string, number> = { pdf: 0, html: 0, docx: 0 };
  for (let k = 0; k < total; k++) {
    const name = path.join(dir, String(k).padStart(5, '0'));
    if (k % 10 === 9) {
      const src = HTML[kinds.html++ % HTML.length];
      writeFileSync(
        `${name}.html`,
        `${readFileSync(path.join(root, src), 'latin1')}\n<!-- bench copy ${k} -->\n`,
        'latin1',
      );
    } else if (k % 20 === 10) {
      const src = DOCX[kinds.docx++ % DOCX.length];
      writeFileSync(`${name}.docx`, withZipComment(readFileSync(path.join(root, src)), `bench copy ${k}`));
    } else {
      const src = pdfs[kinds.pdf++ % pdfs.length];
      copyFileSync(src, `${name}.pdf`);
      writeFileSync(`${name}.pdf`, `\n%bench copy ${k}\n`, { flag: 'a' });
    }
  }
  return kinds;
}

/** A ZIP archive (without a comment) given `comment` as its archive comment: still a valid archive. */
export function withZipComment(zip: Buffer, comment: string): Buffer {
  const eocd = zip.length - 22;
  if (zip.readUInt32LE(eocd) !== 0x06054b50 || zip.readUInt16LE(eocd + 20) !== 0)
    throw new Error('expected a ZIP archive without a comment');
  const bytes = Buffer.from(comment);
  const out = Buffer.concat([zip, bytes]);
  out.writeUInt16LE(bytes.length, eocd + 20);
  return out;
}

/** Extraction processes (pool children) under `pid`. */
function poolChildren(pid: number): number[] {
  return descendantPids(pid).filter((p) => {
    try {
      return /child-(main|launch)\.js/.test(readFileSync(`/proc/${p}/cmdline`, 'utf8'));
    } catch {
      return false; // ended meanwhile
    }
  });
}

/** Results (records and failures) in a result store, over its version folders. */
function storedResults(store: string): number {
  let n = 0;
  try {
    for (const v of readdirSync(store)) n += readdirSync(path.join(store, v)).filter((f) => f.endsWith('.json')).length;
  } catch {
    // not made yet
  }
  return n;
}

/** One sample of the pool under the batch process `pid`. */
function sample(pid: number, store: string): Sample {
  const rss = new Map<number, number>();
  for (const c of poolChildren(pid)) {
    const kb = treeRssKb(c);
    if (kb !== null) rss.set(c, kb);
  }
  return { files: storedResults(store), rss };
}

function lineCount(file: string): number {
  try {
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const mbOf = (kb: number) => (Number.isNaN(kb) ? '—' : (kb / 1024).toFixed(0));

/** One pool child over its life: the files done (store count) when first and last seen, RSS (kB). */
export interface ChildLife {
  from: number;
  to: number;
  peakKb: number;
  /** Median RSS while the store held its first / last WINDOW files of the child's life. */
  startKb: number;
  endKb: number;
  /** Median RSS over its files WINDOW–2·WINDOW, once warmed up. */
  warmKb: number;
  /** Median RSS over each tenth of its life (by files done). */
  curveKb: number[];
}

/** Each pool child's life, from the samples. */
export function perChild(samples: Sample[]): Map<number, ChildLife> {
  const seen = new Map<number, Array<[number, number]>>();
  for (const s of samples) for (const [pid, kb] of s.rss) seen.set(pid, [...(seen.get(pid) ?? []), [s.files, kb]]);
  const out = new Map<number, ChildLife>();
  for (const [pid, xs] of seen) {
    const from = xs[0][0];
    const to = xs[xs.length - 1][0];
    const within = (lo: number, hi: number) => median(xs.filter(([f]) => f >= lo && f <= hi).map(([, kb]) => kb));
    out.set(pid, {
      from,
      to,
      peakKb: Math.max(...xs.map(([, kb]) => kb)),
      startKb: within(from, from + WINDOW),
      endKb: within(to - WINDOW, to),
      warmKb: within(from + WINDOW, from + 2 * WINDOW),
      curveKb: Array.from({ length: 10 }, (_, d) =>
        within(from + ((to - from) * d) / 10, from + ((to - from) * (d + 1)) / 10),
      ),
    });
  }
  return out;
}

/**
 * The pool's RSS per child (kB; the median over the samples taken while the store held files in
 * `[lo, hi)`, of each sample's largest child) — the figure compared between the first and last files.
 */
export function windowKb(samples: Sample[], lo: number, hi: number): number {
  const xs = samples
    .filter((s) => s.files >= lo && s.files < hi && s.rss.size > 0)
    .map((s) => Math.max(...s.rss.values()));
  return median(xs);
}

export async function benchRss(bin: string, root: string, pdfs: string[], total: number, work: string): Promise<void> {
  const dir = path.join(work, 'rss-in');
  const kinds = mixedInputs(root, pdfs, total, dir);
  const out = path.join(work, 'rss-out');
  const store = path.join(work, 'rss-store');
  const samples: Sample[] = [];
  process.stderr.write(`rss: ${total} files, load ${load()}\n`);
  const m = await runMeasured(
    process.execPath,
    [bin, 'batch', dir, '--out', out, '--store', store, '--jobs', String(JOBS), '--no-ocr', '-q'],
    { every: RSS_SAMPLE_MS, onSample: (pid) => samples.push(sample(pid, store)) },
  );
  const done = storedResults(store);
  const records = lineCount(path.join(out, 'records.jsonl'));
  const children = perChild(samples);
  const first = windowKb(samples, 0, WINDOW);
  const last = windowKb(samples, total - WINDOW, total + 1);
  const growthMb = (last - first) / 1024;
  console.log(
    `\nmemory over a long batch: ${total} files (${kinds.pdf} text PDFs, ${kinds.html} HTML, ${kinds.docx} DOCX), ` +
      `batch --jobs ${JOBS} --no-ocr, load average ${load()}`,
  );
  console.log(
    `  ${done}/${total} results (${records} records), exit ${m.status}; wall ${(m.wallMs / 1000).toFixed(1)} s, CPU ${m.cpuS?.toFixed(1) ?? '—'} s (user+sys of the tree)`,
  );
  console.log(`  child pid   files (seen from–to)   peak RSS MB   RSS MB, its first / last ${WINDOW} files`);
  for (const [pid, c] of children)
    console.log(
      `  ${String(pid).padEnd(10)}  ${`${c.from}–${c.to}`.padEnd(21)}  ${mbOf(c.peakKb).padStart(11)}   ${mbOf(c.startKb)} / ${mbOf(c.endKb)}`,
    );
  console.log("  RSS MB over each tenth of a child's life (long-lived children):");
  for (const [pid, c] of children)
    if (c.to - c.from >= WINDOW) console.log(`  ${String(pid).padEnd(10)}  ${c.curveKb.map(mbOf).join(' ')}`);
  console.log(
    `  children started: ${children.size} for --jobs ${JOBS} (${Math.max(0, children.size - JOBS)} recycled or replaced)`,
  );
  const flat = Number.isFinite(growthMb) && growthMb <= FLAT_MB;
  console.log(
    `  RSS of the largest child, median: first ${WINDOW} files ${mbOf(first)} MB, last ${WINDOW} files ${mbOf(last)} MB ` +
      `(${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(0)} MB); target flat (≤ +${FLAT_MB} MB): ${flat ? 'met' : 'NOT met'}`,
  );
  // A child's first WINDOW files are its warm-up (JIT code, the heap sized to the work): a leak
  // shows as growth after them.
  const steady = [...children]
    .filter(([, c]) => c.to - c.from >= 4 * WINDOW)
    .map(([pid, c]) => {
      const perK = ((c.endKb - c.warmKb) / 1024 / (c.to - c.from - 2 * WINDOW)) * 1000;
      return `${pid} ${perK >= 0 ? '+' : ''}${perK.toFixed(1)}`;
    });
  console.log(
    `  after warm-up (its files ${WINDOW}–${2 * WINDOW} → its last ${WINDOW}), MB per 1000 files: ${steady.join(', ') || '—'}`,
  );
  if (m.status !== 0) console.log(`  batch stderr: ${m.stderr.slice(0, 300)}`);
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
