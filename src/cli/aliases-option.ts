// `--aliases FILE`, shared by export, ingest and compare: printed agency names mapped onto one series key.
import { readFile } from 'node:fs/promises';
import { NianbaoError } from '../errors.js';
import { parseAliases } from '../output/aliases.js';

export const ALIASES_FLAG = { '--aliases': 'aliases' } as const;

/** The --help lines, starting at column `col`. */
export function aliasesHelp(col: number): string {
  const flag = '      --aliases FILE';
  const pad = ' '.repeat(col);
  return [
    `${flag}${' '.repeat(Math.max(2, col - flag.length))}printed agency names onto one series key (CSV with the header`,
    `${pad}name,key; one line per printed name): renamed or merged agencies`,
    `${pad}pair across years. Without it, names are never merged beyond agencyKey`,
  ].join('\n');
}

/** The aliases file named by --aliases, parsed (a bad line is a one-line usage error); undefined without it. */
export async function aliasesOption(opts: Record<string, string | boolean>): Promise<Map<string, string> | undefined> {
  if (typeof opts.aliases !== 'string') return undefined;
  const text = await readFile(opts.aliases, 'utf8').catch(() => {
    throw new NianbaoError('NOT_FOUND', 'cannot read the aliases file', opts.aliases as string);
  });
  return parseAliases(text, opts.aliases);
}
