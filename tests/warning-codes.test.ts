// Warning codes are one typed list (core/warnings.ts): every code the source emits is in it (tsc checks
// the typed emitters; this test catches a string literal that slipped past a cast), and README lists each.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WARNING_CODES } from '../core/warnings.js';
import { warningMessage } from '../src/review/messages.js';

const root = path.resolve(__dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Codes written as `code: '…'` in warnings pushed by src/ and extractors/. */
function emittedCodes(): string[] {
  const files = [...tsFiles(path.join(root, 'src')), ...tsFiles(path.join(root, 'extractors'))];
  const found = new Set<string>();
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\bcode: '([a-z]+(?:-[a-z]+)*)'/g)) found.add(m[1]);
    for (const m of text.matchAll(/\.warn\(\s*'([a-z-]+)'/g)) found.add(m[1]);
  }
  return [...found];
}

/** The codes of README's table "warning `code` | meaning". */
function readmeCodes(): string[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\s*\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
}

describe('warning codes', () => {
  it('every code emitted in the source is in WARNING_CODES (core/warnings.ts)', () => {
    const known = new Set<string>(WARNING_CODES);
    // Error codes (core/errors.ts) are upper case and do not match; the lower-case ones must be warnings.
    expect(emittedCodes().filter((c) => !known.has(c))).toEqual([]);
  });

  it('README.md lists every code, once, in the table "warning `code` | meaning"', () => {
    const listed = readmeCodes();
    const missing = WARNING_CODES.filter((c) => !listed.includes(c));
    expect(missing, `add a row "| \`${missing[0]}\` | what it means |" to README.md's warning table`).toEqual([]);
    expect(listed.filter((c) => !(WARNING_CODES as readonly string[]).includes(c))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it('every code has its Chinese message on the review page', () => {
    for (const code of WARNING_CODES) {
      const { zh } = warningMessage({ code, message: 'm', path: 'applications' });
      expect(zh, code).not.toContain('见英文）');
      expect(zh.length, code).toBeGreaterThan(4);
    }
  });
});
