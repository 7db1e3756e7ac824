// Where a batch writes: --out DIR gets fixed names inside it; --out FILE gets siblings named after it.
import { statSync } from 'node:fs';
import path from 'node:path';
import { WIDE_TABLES } from '../output/csv.js';

export type Format = 'jsonl' | 'json' | 'csv' | 'xlsx';
export const FORMATS: Format[] = ['jsonl', 'json', 'csv', 'xlsx'];

export interface OutputLayout {
  format: Format;
  dir: string;
  /** Records (json/jsonl), the long table (csv), or the workbook (xlsx; its side files are CSV). */
  records: string;
  /** csv only: table name → wide table file. */
  wide: Record<string, string>;
  errors: string;
  crossYear: string;
  /** Inputs with the same content as an earlier input: path, sha256, duplicateOf. */
  duplicates: string;
  /** The result store (a cache keyed by content and extractor version). */
  store: string;
}

const EXT_FORMAT: Record<string, Format> = {
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.json': 'json',
  '.csv': 'csv',
  '.xlsx': 'xlsx',
};

export function isDirTarget(out: string): boolean {
  if (out.endsWith('/') || out.endsWith(path.sep)) return true;
  try {
    return statSync(out).isDirectory();
  } catch {
    return path.extname(out) === '';
  }
}

export function outputLayout(out: string, format?: Format, store?: string): OutputLayout {
  if (isDirTarget(out)) {
    const fmt = format ?? 'jsonl';
    const ext = fmt === 'xlsx' ? 'csv' : fmt;
    const wide =
      fmt === 'csv' ? Object.fromEntries(WIDE_TABLES.map((t) => [t.name, path.join(out, `${t.name}.csv`)])) : {};
    return {
      format: fmt,
      dir: out,
      records: path.join(out, fmt === 'csv' ? 'values.csv' : `records.${fmt}`),
      wide,
      errors: path.join(out, `errors.${ext}`),
      crossYear: path.join(out, `crossyear.${ext}`),
      duplicates: path.join(out, `duplicates.${ext}`),
      store: store ?? path.join(out, '.nianbao-cache'),
    };
  }
  const extName = path.extname(out);
  const fmt = format ?? EXT_FORMAT[extName.toLowerCase()] ?? 'jsonl';
  const dir = path.dirname(out);
  const stem = EXT_FORMAT[extName.toLowerCase()] ? out.slice(0, -extName.length) : out;
  const sibling = (name: string) => `${stem}.${name}.${fmt === 'xlsx' ? 'csv' : fmt}`;
  return {
    format: fmt,
    dir,
    records: out,
    wide: fmt === 'csv' ? Object.fromEntries(WIDE_TABLES.map((t) => [t.name, sibling(t.name)])) : {},
    errors: sibling('errors'),
    crossYear: sibling('crossyear'),
    duplicates: sibling('duplicates'),
    store: store ?? path.join(dir, '.nianbao-cache'),
  };
}
