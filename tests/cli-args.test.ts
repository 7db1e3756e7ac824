// The argument parser every command uses: the spellings it takes, and its usage errors, exactly.
import { describe, expect, it } from 'vitest';
import { intOption, parseArgs, type ArgSpec } from '../src/cli/args.js';

const spec: ArgSpec = {
  values: { '-o': 'out', '--out': 'out', '--max-pages': 'maxPages', '-p': 'page' },
  booleans: { '--no-ocr': 'noOcr', '-q': 'quiet', '--quiet': 'quiet' },
};
const usage = (args: string[]) => {
  try {
    parseArgs(args, spec);
  } catch (e) {
    return [(e as { code: string }).code, (e as Error).message];
  }
  return null;
};

describe('parseArgs', () => {
  it('takes values after the flag or after =, booleans, positionals, "-" and everything after "--"', () => {
    expect(parseArgs(['a.pdf', '-o', 'x.json', '--max-pages=3', '-q', '-', '--no-ocr', '-p', '2'], spec)).toEqual({
      opts: { out: 'x.json', maxPages: '3', quiet: true, noOcr: true, page: '2' },
      positionals: ['a.pdf', '-'],
    });
    expect(parseArgs(['--out', 'a', '--out=b', '--', '-o', '--x'], spec)).toEqual({
      opts: { out: 'b' },
      positionals: ['-o', '--x'],
    });
  });

  it('takes the next argument as the value whatever it looks like', () => {
    expect(parseArgs(['-o', '-'], spec).opts).toEqual({ out: '-' });
    expect(parseArgs(['--max-pages', '-5'], spec).opts).toEqual({ maxPages: '-5' });
    expect(parseArgs(['-o', '--'], spec)).toEqual({ opts: { out: '--' }, positionals: [] });
    expect(parseArgs(['--out='], spec).opts).toEqual({ out: '' });
    expect(parseArgs(['--no-ocr=yes'], spec).opts).toEqual({ noOcr: true });
  });

  it('refuses unknown options and spellings the spec does not list, naming the argument as given', () => {
    expect(usage(['--foo'])).toEqual(['USAGE', 'unknown option --foo (see --help)']);
    expect(usage(['--foo=bar'])).toEqual(['USAGE', 'unknown option --foo=bar (see --help)']);
    expect(usage(['-x'])).toEqual(['USAGE', 'unknown option -x (see --help)']);
    expect(usage(['-5'])).toEqual(['USAGE', 'unknown option -5 (see --help)']);
    expect(usage(['-ofile'])).toEqual(['USAGE', 'unknown option -ofile (see --help)']);
    expect(usage(['-o=file'])).toEqual(['USAGE', 'unknown option -o=file (see --help)']);
    expect(usage(['-qo', 'x'])).toEqual(['USAGE', 'unknown option -qo (see --help)']);
    expect(usage(['a', '-o'])).toEqual(['USAGE', '-o needs a value']);
    expect(usage(['--out'])).toEqual(['USAGE', '--out needs a value']);
  });

  it('reads a positive number or the fallback', () => {
    expect(intOption(undefined, '--jobs', 4)).toBe(4);
    expect(intOption('2.5', '--jobs', 4)).toBe(2.5);
    expect(() => intOption('0', '--jobs', 4)).toThrow('--jobs takes a positive number, not 「0」');
  });
});
