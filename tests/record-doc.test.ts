// docs/record.md documents every field of the record: the field paths are walked from the zod schema
// (its JSON Schema), and each must appear in the page in backticks. A new field fails here until it is
// documented. Every relative link of README.md and docs/*.md must resolve inside the repository.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WARNING_CODES } from '../core/warnings.js';
import { ReportSchema } from '../src/schema/record.js';

const root = path.resolve(__dirname, '..');
const doc = readFileSync(path.join(root, 'docs/record.md'), 'utf8');

type Json = {
  properties?: Record<string, Json>;
  items?: Json;
  anyOf?: Json[];
  oneOf?: Json[];
  additionalProperties?: Json | boolean;
  type?: string | string[];
};

const TABLES = new Set(['activeDisclosure', 'applications', 'reviewLitigation']);

/**
 * Every field path of the record: `source.path`, `sections[].key`, `provenance.*.bbox`. Inside the
 * tables, rows (`applications.results.withheld.stateSecret`) — their columns are documented once each.
 */
function fieldPaths(node: Json, at = ''): { fields: Set<string>; columns: Set<string> } {
  const fields = new Set<string>();
  const columns = new Set<string>();
  const walk = (n: Json, p: string): void => {
    for (const alt of [...(n.anyOf ?? []), ...(n.oneOf ?? [])]) walk(alt, p);
    if (n.items) walk(n.items, `${p}[]`);
    if (n.additionalProperties && typeof n.additionalProperties === 'object') walk(n.additionalProperties, `${p}.*`);
    const props = Object.entries(n.properties ?? {});
    const leafRow =
      TABLES.has(p.split('.')[0]) &&
      props.length > 0 &&
      props.every(([, v]) => !v.properties && !v.anyOf?.some((a) => a.properties));
    for (const [k, v] of props) {
      const child = p ? `${p}.${k}` : k;
      if (leafRow) columns.add(k);
      else {
        fields.add(child);
        walk(v, child);
      }
    }
  };
  walk(node, at);
  return { fields, columns };
}

const inBackticks = (name: string) => doc.includes('`' + name + '`');

describe('docs/record.md', () => {
  const { fields, columns } = fieldPaths(z.toJSONSchema(ReportSchema) as Json);

  it('documents every field of the record (walked from ReportSchema)', () => {
    expect(fields.size).toBeGreaterThan(60);
    const missing = [...fields].filter((f) => !inBackticks(f));
    expect(
      missing,
      `docs/record.md does not mention ${missing.map((m) => '`' + m + '`').join(', ')}: add a row ` +
        `"| \`${missing[0]}\` | its type | what it means |" to the table of its part in docs/record.md ` +
        '(paths are dotted from the record root, [] for array items, * for provenance keys)',
    ).toEqual([]);
  });

  it('documents every column of tables 二, 三 and 四', () => {
    const missing = [...columns].filter((c) => !inBackticks(c));
    expect(
      missing,
      `add the column(s) ${missing.join(', ')} in backticks to their table's section of docs/record.md`,
    ).toEqual([]);
  });

  it('documents every warning code', () => {
    const missing = WARNING_CODES.filter((c) => !inBackticks(c));
    expect(missing, `add "| \`${missing[0]}\` | meaning |" to the warnings table of docs/record.md`).toEqual([]);
  });
});

describe('links', () => {
  const pages = [
    'README.md',
    ...readdirSync(path.join(root, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  it.each(pages)('every relative link of %s resolves inside the repository', (page) => {
    const text = readFileSync(path.join(root, page), 'utf8');
    const bad: string[] = [];
    for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (!target || /^[a-z]+:/i.test(target)) continue;
      const abs = path.resolve(root, path.dirname(page), target);
      if (!abs.startsWith(root + path.sep) || !existsSync(abs)) bad.push(m[1]);
    }
    expect(bad, `${page}: links that leave the repository or point at nothing`).toEqual([]);
  });
});
