// Records for the review page from a JSONL file (extract -f jsonl, batch output) or a JSON array.
// Lines that are failed-file entries (an `error` and no record) are kept: they are flagged too.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { NianbaoError } from '../errors.js';
import { ReportSchema, type Report } from '../schema/record.js';

export interface FailedFile {
  file: string;
  error: string;
}

export interface Loaded {
  records: Report[];
  failedFiles: FailedFile[];
  /** Lines that were neither (1-based line number and why), reported on stderr. */
  skipped: Array<{ line: number; reason: string; file?: string }>;
}

export async function loadJsonl(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new NianbaoError('NOT_FOUND', 'no such file', file);
  }
  return parseRecords(text.replace(/^\uFEFF/, ''));
}

/** Several inputs; a directory is a batch output: its records.jsonl and errors.jsonl. */
export async function loadInputs(inputs: string[]): Promise<Loaded & { sources: string[] }> {
  const out: Loaded & { sources: string[] } = { records: [], failedFiles: [], skipped: [], sources: [] };
  const files: string[] = [];
  for (const input of inputs) {
    const isDir = await stat(input).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) files.push(input);
    else {
      const inDir = ['records.jsonl', 'errors.jsonl'].map((n) => path.join(input, n));
      const present = await Promise.all(
        inDir.map((f) =>
          stat(f).then(
            () => f,
            () => null,
          ),
        ),
      );
      const found = present.filter((f): f is string => f !== null);
      if (found.length === 0)
        throw new NianbaoError(
          'NOT_FOUND',
          'a directory without records.jsonl or errors.jsonl (not a batch output)',
          input,
        );
      files.push(...found);
    }
  }
  for (const f of files) {
    const one = await loadJsonl(f);
    out.records.push(...one.records);
    out.failedFiles.push(...one.failedFiles);
    out.skipped.push(...one.skipped.map((s) => ({ ...s, file: f })));
    out.sources.push(f);
  }
  return out;
}

export function parseRecords(text: string): Loaded {
  const out: Loaded = { records: [], failedFiles: [], skipped: [] };
  const trimmed = text.trim();
  // A JSON array (extract -f json with several files) or one pretty-printed record.
  if (trimmed.startsWith('[') || (trimmed.startsWith('{') && !firstLineParses(trimmed))) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (e) {
      out.skipped.push({ line: 1, reason: `not JSON (${(e as Error).message})` });
      return out;
    }
    (Array.isArray(value) ? value : [value]).forEach((v, k) => take(out, v, k + 1));
    return out;
  }
  text.split('\n').forEach((line, k) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      out.skipped.push({ line: k + 1, reason: `not JSON (${(e as Error).message})` });
      return;
    }
    take(out, value, k + 1);
  });
  return out;
}

function firstLineParses(text: string): boolean {
  try {
    JSON.parse(text.slice(0, text.indexOf('\n') < 0 ? undefined : text.indexOf('\n')));
    return true;
  } catch {
    return false;
  }
}

function take(out: Loaded, value: unknown, line: number): void {
  const v = value as Record<string, unknown> | null;
  // A record, or a record wrapped as { record } by a batch writer.
  const candidate = v && typeof v === 'object' && 'record' in v && v.record ? v.record : v;
  const parsed = ReportSchema.safeParse(candidate);
  if (parsed.success) {
    out.records.push(parsed.data);
    return;
  }
  // A batch error line: { path, code, message, … } (nianbao batch's errors.jsonl).
  if (
    v &&
    typeof v === 'object' &&
    !('schemaVersion' in v) &&
    typeof v.code === 'string' &&
    typeof v.message === 'string'
  ) {
    out.failedFiles.push({ file: String(v.path ?? v.file ?? `line ${line}`), error: `${v.code}: ${v.message}` });
    return;
  }
  if (v && typeof v === 'object' && 'error' in v && v.error) {
    const err = v.error as unknown;
    const message =
      typeof err === 'string'
        ? err
        : [(err as { code?: string }).code, (err as { message?: string }).message].filter(Boolean).join(': ') ||
          JSON.stringify(err);
    const file = String(v.file ?? v.path ?? (v.source as { path?: string } | undefined)?.path ?? `line ${line}`);
    out.failedFiles.push({ file, error: message });
    return;
  }
  const issue = parsed.error.issues[0];
  out.skipped.push({
    line,
    reason: `not a record (${issue ? `${issue.path.join('.') || 'top'}: ${issue.message}` : 'invalid'})`,
  });
}
