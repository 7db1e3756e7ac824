// One version from one place: package.json's `version` is what `--version` prints, what records'
// extractorVersion says, and CHANGELOG.md has a heading for it (or an Unreleased one naming it).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../src/version.js';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

describe('version', () => {
  it('package.json, EXTRACTOR_VERSION and `nianbao --version` agree', () => {
    expect(EXTRACTOR_VERSION).toBe(pkg.version);
    const out = execFileSync(process.execPath, [path.join(root, 'bin/nianbao.js'), '--version'], { encoding: 'utf8' });
    expect(out).toBe(`${pkg.version}\n`);
  });

  it('CHANGELOG.md starts with an Unreleased heading and names the version', () => {
    const log = readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    expect(log.match(/^## .*/m)?.[0]).toMatch(/^## Unreleased/);
    expect(log).toMatch(new RegExp(`^## .*${pkg.version.replace(/\./g, '\\.')}`, 'm'));
  });
});
