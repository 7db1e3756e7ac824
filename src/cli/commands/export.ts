// `nianbao export`: the database as JSON Lines or CSV.
import { existsSync } from 'node:fs';
import { exportToFiles, exportToStream } from '../../db/export.js';
import { isPostgresUrl } from '../../db/store.js';
import { NianbaoError } from '../../errors.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { CORRECTIONS_FLAG, correctionsHelp, correctionsOption } from '../corrections-option.js';

const usage = `Usage: nianbao export --db FILE.sqlite|postgres://… --format csv|jsonl|xlsx [--out DIR|FILE] [--corrections FILE]

Write the records of a database made by 'nianbao ingest' or by queue workers ('nianbao worker'):
the latest extraction of each file.

Without --out: the records go to standard output (jsonl: one record per line; csv: the long
table, one row per number).
With --out: files laid out as 'nianbao batch' writes them, each written atomically —
  jsonl: records.jsonl, errors.jsonl (the failures table), crossyear.jsonl
  csv:   values.csv (long table), one wide table per table (activeDisclosure-2021.csv,
         activeDisclosure-2019.csv, applications.csv, reviewLitigation.csv), errors.csv,
         crossyear.csv — UTF-8 with BOM, RFC 4180 quoting, for Excel and pandas
  xlsx:  records.xlsx, one workbook (a summary sheet, one sheet per table with the form's
         printed labels and the field paths, flagged cells filled with the reason as a
         comment, the series across years), errors.csv, crossyear.csv (--out required)
  (a FILE name instead of a directory gets sibling files named after it).

Corrections stored by 'nianbao ingest --corrections' are in the records already: the corrected
value in the table, the record's 'corrections' list with the printed value, the CSV's 'corrected'
column true (values.csv) or naming the cells (wide tables). --corrections FILE applies more on top,
for this export only (the database is not changed).

Options:
      --db FILE|URL     the database (required): a SQLite file, or postgres://user@host/db[?schema=NAME]
  -f, --format FORMAT   jsonl, csv or xlsx (required)
  -o, --out DIR|FILE    write files instead of standard output
${correctionsHelp(24)}
  -h, --help            show this help`;

export const command: Command = {
  name: 'export',
  summary: 'export a database made by ingest as JSON Lines or CSV',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: { '--db': 'db', '-f': 'format', '--format': 'format', '-o': 'out', '--out': 'out', ...CORRECTIONS_FLAG },
    });
    if (positionals.length) throw new NianbaoError('USAGE', `unexpected argument 「${positionals[0]}」 (see --help)`);
    if (typeof opts.db !== 'string') throw new NianbaoError('USAGE', 'export needs --db FILE (see --help)');
    const format = opts.format;
    if (format !== 'csv' && format !== 'jsonl' && format !== 'xlsx') throw new NianbaoError('USAGE', 'export needs --format csv, jsonl or xlsx');
    if (format === 'xlsx' && typeof opts.out !== 'string') throw new NianbaoError('USAGE', 'export --format xlsx needs --out DIR|FILE.xlsx (a workbook is not written to standard output)');
    if (!isPostgresUrl(opts.db) && !existsSync(opts.db)) throw new NianbaoError('NOT_FOUND', 'no such database', opts.db);
    const corrections = await correctionsOption(opts);
    if (typeof opts.out === 'string') {
      const r = await exportToFiles(opts.db, opts.out, format, corrections);
      process.stderr.write(`${r.records} records (${r.flagged} flagged), ${r.failures} failures, ${r.crossYear} cross-year checks → ${r.files[0]}\n`);
      return 0;
    }
    await exportToStream(opts.db, format as 'csv' | 'jsonl', (s) => writeOut(s), corrections);
    return 0;
  },
};

/** stdout with backpressure, so a large export into a slow pipe does not pile up in memory. */
function writeOut(s: string): Promise<void> | void {
  if (process.stdout.write(s)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}
