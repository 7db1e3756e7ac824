// The sources file: which 年报 columns to watch. JSON or YAML, a list of { url, agency?, match? }
// (or { sources: [...] }), validated once; a bad entry stops the run before anything is fetched.
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { NianbaoError } from '../errors.js';

const SourceSchema = z.strictObject({
  /** The list page of the agency's 年报 column (http or https). */
  url: z.string().url(),
  /** The agency's name, kept with every document fetched from this source. */
  agency: z.string().min(1).optional(),
  /** A regular expression: links whose title or URL matches are reports (instead of the built-in title rule). */
  match: z.string().min(1).optional(),
});

const SourcesSchema = z.union([z.array(SourceSchema), z.strictObject({ sources: z.array(SourceSchema) })]);

/** One source, resolved: its URL without #fragment. */
export interface WatchSource {
  url: string;
  agency: string | null;
  /** The `match` pattern compiled (case-insensitive), or null for the built-in rule. */
  match: RegExp | null;
}

/**
 * The sources of a JSON or YAML file (told by its content: JSON is YAML). Throws USAGE naming the
 * file and the first bad entry (an invalid URL, a scheme other than http/https, a bad pattern,
 * an unknown key) or NOT_FOUND when the file cannot be read.
 */
export async function readSources(file: string): Promise<WatchSource[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new NianbaoError(
      'NOT_FOUND',
      `cannot read the sources file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      file,
    );
  }
  return parseSources(text, file);
}

/** `readSources` on text already read (`file` names it in errors). */
export function parseSources(text: string, file: string): WatchSource[] {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new NianbaoError('USAGE', `not JSON or YAML (${(e as Error).message.split('\n')[0]})`, file);
  }
  const r = SourcesSchema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new NianbaoError(
      'USAGE',
      `sources: ${i.path.join('.') || 'the file'}: ${i.message} (a list of { url, agency?, match? })`,
      file,
    );
  }
  const list = Array.isArray(r.data) ? r.data : r.data.sources;
  if (list.length === 0) throw new NianbaoError('USAGE', 'the sources file lists no source', file);
  return list.map((s, k) => toSource(s, k, file));
}

function toSource(s: z.output<typeof SourceSchema>, k: number, file: string): WatchSource {
  const u = new URL(s.url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw new NianbaoError('USAGE', `sources: ${k}.url: only http and https are fetched, not ${u.protocol}`, file);
  }
  let match: RegExp | null = null;
  if (s.match) {
    try {
      match = new RegExp(s.match, 'i');
    } catch (e) {
      throw new NianbaoError('USAGE', `sources: ${k}.match: not a regular expression (${(e as Error).message})`, file);
    }
  }
  u.hash = '';
  return { url: u.toString(), agency: s.agency ?? null, match };
}
