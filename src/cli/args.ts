// A small argv parser: flags with values, boolean flags, and positionals; unknown flags are errors.
import { NianbaoError } from '../errors.js';

export interface ArgSpec {
  /** Flags that take a value, e.g. { '-o': 'out', '--out': 'out' }. */
  values?: Record<string, string>;
  /** Flags without a value. */
  booleans?: Record<string, string>;
}

export interface ParsedArgs {
  opts: Record<string, string | boolean>;
  positionals: string[];
}

export function parseArgs(args: string[], spec: ArgSpec): ParsedArgs {
  const opts: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (spec.values?.[flag]) {
      const v = inline ?? args[++i];
      if (v === undefined) throw new NianbaoError('USAGE', `${flag} needs a value`);
      opts[spec.values[flag]] = v;
    } else if (spec.booleans?.[flag]) {
      opts[spec.booleans[flag]] = true;
    } else if (a.startsWith('-') && a !== '-') {
      throw new NianbaoError('USAGE', `unknown option ${a} (see --help)`);
    } else positionals.push(a);
  }
  return { opts, positionals };
}

export function intOption(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined || value === false) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new NianbaoError('USAGE', `${name} takes a positive number, not 「${value}」`);
  return n;
}
