// `nianbao export`: the database as JSON Lines or CSV.
import { existsSync } from 'node:fs';
import { exportToFiles, exportToStream } from '../../db/export.js';
import { isPostgresUrl } from '../../db/store.js';
import { NianbaoError } from '../../errors.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { CORRECTIONS_FLAG, correctionsHelp, correctionsOption } from '../corrections-option.js';
import { ALIASES_FLAG, aliasesHelp, aliasesOption } from '../aliases-option.js';
import { aliasSuggestions, exportSeries } from '../../db/export-series.js';
import { seriesCsv, seriesJson } from '../../output/series-csv.js';
import { BOM, csvLine } from '../../output/csv.js';
import { writeFileAtomic } from '../../output/atomic-write.js';

const usage = `Usage: nianbao export --db FILE.sqlite|postgres://… --format csv|jsonl|xlsx [--out DIR|FILE] [--corrections FILE] [--aliases FILE]
       nianbao export --db … --series [--format csv|json] [--out FILE] [--corrections FILE] [--aliases FILE]
       nianbao export --db … --series --suggest-aliases [--out FILE] [--aliases FILE]

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

--series: the series across years and templates — one row per agency (agencyKey, or the key
--aliases gives its printed name) and year, with the indicators comparable across the 2008, 2019
and 2021 forms: received, granted, partiallyGranted, refused, notHeld, reviewTotal, litigationTotal,
feesYuan. Each has its source paths (<name>.source), why it is flagged (<name>.flag: a failed check
or a warning on the value, its row or its table) and <name>.break (true where its definition
changed from the agency's previous row: the values do not compare as they are; docs/series.md).
CSV (default; UTF-8 with BOM) or JSON, to standard output or --out FILE.
--suggest-aliases: instead, printed names whose key is another key with a prefix or suffix added
(办公室, 管委会, a higher region) as CSV name,key,differs,years — possible aliases; nothing is
merged. Keep the lines you confirm and pass the file as --aliases.

Options:
      --db FILE|URL     the database (required): a SQLite file, or postgres://user@host/db[?schema=NAME]
  -f, --format FORMAT   jsonl, csv or xlsx (required)
  -o, --out DIR|FILE    write files instead of standard output
${correctionsHelp(24)}
${aliasesHelp(24)}
      --series          the series across years and templates (see above)
      --suggest-aliases  with --series: list possible aliases instead
  -h, --help            show this help

Exit codes: 0 written; 2 usage; 3 the database not found or unreachable; 14 disk full.`;

export const command: Command = {
  name: 'export',
  summary: 'export a database made by ingest as JSON Lines, CSV or xlsx, or the series across years',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: {
        '--db': 'db',
        '-f': 'format',
        '--format': 'format',
        '-o': 'out',
        '--out': 'out',
        ...CORRECTIONS_FLAG,
        ...ALIASES_FLAG,
      },
      booleans: { '--series': 'series', '--suggest-aliases': 'suggest' },
    });
    if (positionals.length) throw new NianbaoError('USAGE', `unexpected argument 「${positionals[0]}」 (see --help)`);
    if (typeof opts.db !== 'string') throw new NianbaoError('USAGE', 'export needs --db FILE (see --help)');
    if (opts.suggest && !opts.series) throw new NianbaoError('USAGE', '--suggest-aliases goes with --series');
    if (opts.series) return series(opts as SeriesOpts);
    const format = opts.format;
    if (format !== 'csv' && format !== 'jsonl' && format !== 'xlsx')
      throw new NianbaoError('USAGE', 'export needs --format csv, jsonl or xlsx');
    if (format === 'xlsx' && typeof opts.out !== 'string')
      throw new NianbaoError(
        'USAGE',
        'export --format xlsx needs --out DIR|FILE.xlsx (a workbook is not written to standard output)',
      );
    requireDb(opts.db);
    const options = { corrections: await correctionsOption(opts), aliases: await aliasesOption(opts) };
    if (typeof opts.out === 'string') {
      const r = await exportToFiles(opts.db, opts.out, format, options);
      process.stderr.write(
        `${r.records} records (${r.flagged} flagged), ${r.failures} failures, ${r.crossYear} cross-year checks → ${r.files[0]}\n`,
      );
      return 0;
    }
    await exportToStream(opts.db, format as 'csv' | 'jsonl', (s) => writeOut(s), options);
    return 0;
  },
};

const requireDb = (db: string) => {
  if (!isPostgresUrl(db) && !existsSync(db)) throw new NianbaoError('NOT_FOUND', 'no such database', db);
};

type SeriesOpts = Record<string, string | boolean> & { db: string };

/** --series (CSV or JSON) or --series --suggest-aliases (CSV), to standard output or --out FILE. */
async function series(opts: SeriesOpts): Promise<number> {
  const format = opts.format ?? 'csv';
  if (format !== 'csv' && format !== 'json')
    throw new NianbaoError('USAGE', 'export --series takes --format csv or json');
  if (opts.suggest && format !== 'csv')
    throw new NianbaoError('USAGE', '--suggest-aliases writes CSV (no --format json)');
  requireDb(opts.db);
  const rows = await exportSeries(opts.db, await correctionsOption(opts), await aliasesOption(opts));
  let text: string;
  let what: string;
  if (opts.suggest) {
    const found = aliasSuggestions(rows);
    text =
      BOM +
      csvLine(['name', 'key', 'differs', 'years']) +
      found.map((a) => csvLine([a.name, a.key, a.differs, a.years.join(' ')])).join('');
    what = `${found.length} possible alias${found.length === 1 ? '' : 'es'} (nothing merged)`;
  } else {
    text = format === 'json' ? seriesJson(rows) : seriesCsv(rows);
    what = `${rows.length} series rows, ${new Set(rows.map((r) => r.key)).size} agencies`;
  }
  if (typeof opts.out === 'string') {
    await writeFileAtomic(opts.out, text);
    process.stderr.write(`${what} → ${opts.out}\n`);
  } else await writeOut(text);
  return 0;
}

/** stdout with backpressure, so a large export into a slow pipe does not pile up in memory. */
function writeOut(s: string): Promise<void> | void {
  if (process.stdout.write(s)) return;
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()));
}
