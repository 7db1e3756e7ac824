// Agencies renamed or merged (机构改革, a county whose reports continue under a zone administration):
// an aliases file maps printed names onto one series key. Without one, names are never merged beyond
// agencyKey's normalisation; `suggestAliases` lists names that differ only by a prefix or suffix, for
// a person to confirm. The file: CSV with the header `name,key`, one line per printed name.
import { NianbaoError } from '../errors.js';
import type { Report } from '../schema/record.js';
import type { AliasMap } from './series.js';

/** The fields of one CSV line (RFC 4180 quoting; the file is small). */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

/**
 * An aliases file's text as a map from printed name to key. Throws a one-line USAGE error naming
 * `file:line` for a missing header, a line without both fields, or a name given two different keys.
 */
export function parseAliases(text: string, file: string): Map<string, string> {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = fields(lines[0] ?? '');
  if (header[0] !== 'name' || header[1] !== 'key')
    throw new NianbaoError('USAGE', `${file}:1: the first line must be the header name,key`);
  const map = new Map<string, string>();
  lines.slice(1).forEach((raw, k) => {
    if (!raw.trim()) return;
    const [name, key] = fields(raw);
    const at = `${file}:${k + 2}`;
    if (!name || !key) throw new NianbaoError('USAGE', `${at}: a line needs a name and a key (name,key)`);
    if (map.has(name) && map.get(name) !== key)
      throw new NianbaoError('USAGE', `${at}: 「${name}」 already has the key 「${map.get(name)}」`);
    map.set(name, key);
  });
  return map;
}

/** The record under its alias: agencyKey is the alias key (agencyKeyFrom says so); unchanged without one. */
export function applyAliases(r: Report, aliases?: AliasMap): Report {
  const key = r.agency ? aliases?.get(r.agency) : undefined;
  if (key === undefined) return r;
  return { ...r, agencyKey: key, agencyKeyFrom: `alias: 「${r.agency}」 → 「${key}」 (--aliases)` };
}

export interface AliasSuggestion {
  /** The printed name that may be an alias. */
  name: string;
  /** The key it may belong to (another name's key). */
  key: string;
  /** What tells them apart, e.g. "suffix 办公室". */
  differs: string;
}

/** Shorter remainders than this are not taken as a name (「区」 alone is not an agency). */
const MIN_NAME = 3;

/**
 * Pairs of series keys where one is the other with a prefix or suffix added (「洪泽区人民政府」 and
 * 「洪泽区人民政府办公室」, 「开发区」 and 「开发区管委会」, a higher region before a name): each possible
 * alias once, the longer name suggested onto the shorter's key. Sorted; nothing is merged.
 */
export function suggestAliases(keys: Iterable<string>): AliasSuggestion[] {
  const all = new Set(keys);
  const out: AliasSuggestion[] = [];
  for (const name of all) {
    for (let cut = MIN_NAME; cut < name.length; cut++) {
      const head = name.slice(0, cut);
      const tail = name.slice(name.length - cut);
      if (all.has(head)) out.push({ name, key: head, differs: `suffix ${name.slice(cut)}` });
      if (all.has(tail) && tail !== head)
        out.push({ name, key: tail, differs: `prefix ${name.slice(0, name.length - cut)}` });
    }
  }
  return out.sort((a, b) => (a.key === b.key ? (a.name < b.name ? -1 : 1) : a.key < b.key ? -1 : 1));
}
