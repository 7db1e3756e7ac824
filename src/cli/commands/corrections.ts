// `nianbao corrections ls|rm`: the reviewers' corrections stored in a database — list them, or take
// some back (the stored reports of those contents are reverted and checked again).
import { existsSync } from 'node:fs';
import { isPostgresUrl, openStore, type Store } from '../../db/store.js';
import type { CorrectionKey } from '../../db/corrections.js';
import { NianbaoError } from '../../errors.js';
import { templateCell } from '../../templates/index.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';

const usage = `Usage: nianbao corrections ls --db FILE.sqlite|postgres://… [SHA256]
       nianbao corrections rm --db FILE.sqlite|postgres://… SHA256 [PATH…]
       nianbao corrections rm --db FILE.sqlite|postgres://… --file corrections.jsonl

The corrections stored in a database (by 'nianbao ingest --corrections', or made in 'nianbao serve').

ls  prints them to standard output as JSON Lines, the --corrections format (sha256, path, value,
    note, author, time), ordered by sha256 and path; only those of one content with SHA256.
rm  removes the corrections of the cells named — PATH… of content SHA256 (every cell of it
    without a PATH), or every cell of every line of a corrections file (--file) — and reverts the
    stored reports of those contents: each cell gets its extracted value back, the checks are
    computed again, report_values.corrected goes back to 0. One transaction. It prints the removed
    corrections (JSON Lines, so 'ingest --corrections' can put them back) and a summary on standard
    error. Removing nothing is an error (exit 3).

Options:
      --db FILE|URL     the database (required): a SQLite file, or postgres://user@host/db[?schema=NAME]
      --file FILE       (rm) the cells of this corrections file
  -h, --help            show this help

Exit codes: 0 done; 2 usage; 3 the database not found or unreachable, or nothing to remove.`;

const SHA = /^[0-9a-f]{64}$/;

export const command: Command = {
  name: 'corrections',
  summary: 'list the corrections stored in a database, or remove (revert) some',
  usage,
  async run(args) {
    const [verb, ...rest] = args;
    if (verb !== 'ls' && verb !== 'rm')
      throw new NianbaoError('USAGE', `corrections takes ls or rm, not 「${verb ?? ''}」 (see --help)`);
    const { opts, positionals } = parseArgs(rest, { values: { '--db': 'db', '--file': 'file' } });
    if (typeof opts.db !== 'string')
      throw new NianbaoError('USAGE', `corrections ${verb} needs --db FILE (see --help)`);
    if (!isPostgresUrl(opts.db) && !existsSync(opts.db))
      throw new NianbaoError('NOT_FOUND', 'no such database', opts.db);
    const keys = verb === 'rm' ? await keysOf(positionals, opts.file) : null;
    if (verb === 'ls' && (positionals.length > 1 || opts.file !== undefined))
      throw new NianbaoError('USAGE', 'corrections ls takes at most one SHA256 (see --help)');
    if (verb === 'ls' && positionals[0] !== undefined) shaOf(positionals[0]);
    const store = await openStore(opts.db);
    try {
      return keys ? await remove(store, keys) : await list(store, positionals[0]);
    } finally {
      await store.close();
    }
  },
};

const line = (c: object) => JSON.stringify({ ...c, from: undefined }) + '\n';

async function list(store: Store, sha?: string): Promise<number> {
  for (const c of await store.corrections()) if (!sha || c.sha256 === sha) process.stdout.write(line(c));
  return 0;
}

async function remove(store: Store, keys: CorrectionKey[]): Promise<number> {
  const r = await store.removeCorrections(keys);
  if (r.removed.length === 0) throw new NianbaoError('NOT_FOUND', 'no stored correction of those cells', store.name);
  for (const c of r.removed) process.stdout.write(line(c));
  const n = r.removed.length;
  process.stderr.write(
    `nianbao: ${store.name}: ${n} correction${n === 1 ? '' : 's'} removed; ${r.reports} stored report${r.reports === 1 ? '' : 's'} reverted\n`,
  );
  return 0;
}

/** The cells `rm` names: SHA256 [PATH…], or the lines of --file (not both). */
async function keysOf(positionals: string[], file: string | boolean | undefined): Promise<CorrectionKey[]> {
  if (typeof file === 'string') {
    if (positionals.length) throw new NianbaoError('USAGE', 'corrections rm takes SHA256 [PATH…] or --file, not both');
    const { loadCorrections } = await import('../../corrections/index.js');
    return (await loadCorrections(file)).map((c) => ({ sha256: c.sha256, path: c.path }));
  }
  const [sha, ...paths] = positionals;
  if (sha === undefined)
    throw new NianbaoError('USAGE', 'corrections rm needs SHA256 [PATH…] or --file FILE (see --help)');
  shaOf(sha);
  for (const p of paths) {
    if (!templateCell(p))
      throw new NianbaoError(
        'USAGE',
        `unknown path 「${p}」: not a numeric cell of table 二/三/四 (e.g. applications.results.granted.naturalPerson)`,
      );
  }
  return paths.length ? paths.map((path) => ({ sha256: sha, path })) : [{ sha256: sha }];
}

function shaOf(s: string): string {
  if (!SHA.test(s))
    throw new NianbaoError(
      'USAGE',
      `「${s}」 is not a SHA-256 (64 lowercase hex characters, as in the record's source.sha256)`,
    );
  return s;
}
