// `nianbao review`: records → review entries (flagged first, with crops) → one HTML page.
import { failedPaths, locateCell } from '../inspect/locate.js';
import type { Report } from '../schema/record.js';
import { EXTRACTOR_VERSION } from '../version.js';
import { findSource, makeCrops, cropRequests, type CropRequest } from './crops.js';
import { renderPage, type Issue, type ReviewEntry, type Status } from './html.js';
import type { FailedFile } from './load.js';
import { findingMessage, warningMessage } from './messages.js';
import { failedFindings } from '../findings/findings.js';

export interface ReviewOptions {
  /** Where relative source paths are resolved (default: the current directory). */
  baseDir?: string;
  /** false: no page crops (faster; no PDFs needed). */
  crops?: boolean;
  /** At most this many crops per report (OCR can warn about many cells). */
  maxCropsPerReport?: number;
  title?: string;
  /** Named in the footer. */
  input: string;
  /** Progress line per report with crops (stderr in the CLI). */
  onProgress?: (done: number, total: number) => void;
}

const ORDER: Record<Status, number> = { failed: 0, error: 1, warnings: 2, clean: 3 };

export async function buildReview(
  input: { records: Report[]; failedFiles: FailedFile[] },
  opts: ReviewOptions,
): Promise<{ html: string; entries: ReviewEntry[] }> {
  const entries: ReviewEntry[] = [
    ...input.records.map(entryOf),
    ...input.failedFiles.map((f): ReviewEntry => ({
      status: 'error',
      record: null,
      failedFile: f,
      issues: [],
      cropNote: null,
      failedPaths: new Set(),
      warnedPaths: [],
    })),
  ];
  const key = (e: ReviewEntry) => e.record?.source.path ?? e.failedFile?.file ?? '';
  const failedCount = (e: ReviewEntry) => e.issues.filter((i) => i.kind === 'check').length;
  entries.sort(
    (a, b) => ORDER[a.status] - ORDER[b.status] || failedCount(b) - failedCount(a) || key(a).localeCompare(key(b)),
  );

  if (opts.crops !== false) {
    const flagged = entries.filter((e) => e.record && e.issues.length > 0);
    let done = 0;
    for (const e of flagged) {
      await addCrops(e, opts);
      opts.onProgress?.(++done, flagged.length);
    }
  } else {
    for (const e of entries) if (e.issues.length) e.cropNote = 'page crops not made (--no-crops)';
  }
  const html = renderPage(entries, {
    title: opts.title ?? 'nianbao review — 政府信息公开工作年度报告',
    generated: new Date().toISOString(),
    version: EXTRACTOR_VERSION,
    input: opts.input,
  });
  return { html, entries };
}

export function entryOf(record: Report): ReviewEntry {
  // A column of totals left blank is one issue, not one per row.
  const failedChecks = failedFindings(record.checks);
  const issues: Issue[] = [
    ...failedChecks.map((f): Issue => ({
      kind: 'check',
      id: f.id,
      text: findingMessage(f),
      paths: f.paths,
      crops: [],
    })),
    ...record.warnings.map((w): Issue => ({
      kind: 'warning',
      id: w.code,
      text: warningMessage(w),
      paths: w.path ? cellsUnder(record, w.path) : [],
      crops: [],
    })),
  ];
  const status: Status = failedChecks.length ? 'failed' : record.warnings.length ? 'warnings' : 'clean';
  return {
    status,
    record,
    issues,
    cropNote: null,
    failedPaths: failedPaths(record),
    warnedPaths: record.warnings.flatMap((w) => (w.path ? [w.path] : [])),
  };
}

/** The cells a warning's path names: the cell itself, or the printed cells of a row or table. */
function cellsUnder(record: Report, path: string): string[] {
  if (record.provenance[path] || locateCell(record, path)) return [path];
  return Object.keys(record.provenance).filter((p) => p.startsWith(path + '.'));
}

async function addCrops(e: ReviewEntry, opts: ReviewOptions): Promise<void> {
  const record = e.record!;
  const source = await findSource(record, opts.baseDir ?? process.cwd());
  if (!source.ok) {
    e.cropNote = `No page crops: ${source.reason}.`;
    return;
  }
  const max = opts.maxCropsPerReport ?? 12;
  const requests: Array<{ issue: Issue; req: CropRequest }> = [];
  for (const issue of e.issues) {
    for (const req of cropRequests(record, [issue.paths])) requests.push({ issue, req });
  }
  const kept = requests.slice(0, max);
  try {
    const crops = await makeCrops(
      record,
      source,
      kept.map((r) => r.req),
    );
    crops.forEach((c, k) => {
      if (c) kept[k].issue.crops.push(c);
    });
    if (requests.length > max)
      e.cropNote = `${requests.length - max} more crops not shown (at most ${max} per report).`;
  } catch (err) {
    e.cropNote = `No page crops: the source PDF could not be rendered (${(err as Error).message}).`;
  }
}
