// Command-line arguments: node:util's parseArgs splits them into tokens; the policy is ours and the
// same for every command — flags with values (`-o FILE`, `--out FILE`, `--out=FILE`; the next
// argument is the value whatever it looks like), boolean flags, positionals (`-` is one, and all
// after `--`), and anything else that starts with `-` is a usage error naming it.
import { parseArgs as tokenize } from 'node:util';
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

type OptionConfig = { type: 'string' | 'boolean'; short?: string };

/**
 * The options and positionals of `args` under `spec` (the option's name in `opts` is the flag's
 * value in the spec; a repeated flag keeps its last value). Throws a USAGE NianbaoError for an
 * unknown option ("unknown option -x (see --help)") or a value flag at the end ("-o needs a value").
 */
export function parseArgs(args: string[], spec: ArgSpec): ParsedArgs {
  const { options, destOf } = nodeOptions(spec);
  const { tokens } = tokenize({ args, options, strict: false, allowPositionals: true, tokens: true });
  const opts: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') positionals.push(t.value);
    else if (t.kind === 'option') {
      const arg = args[t.index];
      const dest = destOf.get(t.name);
      // Only the spellings the spec lists: `-o` (not `-ofile`, `-o=x` or a group `-ox`), `--out`, `--out=x`.
      const spelled = arg === t.rawName || (t.rawName.startsWith('--') && arg.startsWith(t.rawName + '='));
      if (dest === undefined || !spelled) throw new NianbaoError('USAGE', `unknown option ${arg} (see --help)`);
      if (options[t.name].type === 'boolean') opts[dest] = true;
      else if (t.value === undefined) throw new NianbaoError('USAGE', `${t.rawName} needs a value`);
      else opts[dest] = t.value;
    }
  }
  return { opts, positionals };
}

/** The spec as parseArgs options (long flags by name, short ones attached to the long flag of the same option). */
function nodeOptions(spec: ArgSpec): { options: Record<string, OptionConfig>; destOf: Map<string, string> } {
  const options: Record<string, OptionConfig> = {};
  const destOf = new Map<string, string>();
  const flags = [
    ...Object.entries(spec.values ?? {}).map(([flag, dest]) => ({ flag, dest, type: 'string' as const })),
    ...Object.entries(spec.booleans ?? {}).map(([flag, dest]) => ({ flag, dest, type: 'boolean' as const })),
  ];
  for (const { flag, dest, type } of flags.filter((f) => f.flag.startsWith('--'))) {
    options[flag.slice(2)] = { type };
    destOf.set(flag.slice(2), dest);
  }
  for (const { flag, dest, type } of flags.filter((f) => !f.flag.startsWith('--'))) {
    const long = flags.find((f) => f.flag.startsWith('--') && f.dest === dest && f.type === type);
    // A short flag without a long one gets a name no one can type.
    const name = long ? long.flag.slice(2) : `\u0000${flag}`;
    options[name] = { ...(options[name] ?? { type }), short: flag.slice(1) };
    destOf.set(name, dest);
  }
  return { options, destOf };
}

export function intOption(value: string | boolean | undefined, name: string, fallback: number): number {
  if (value === undefined || value === false) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new NianbaoError('USAGE', `${name} takes a positive number, not 「${value}」`);
  return n;
}
