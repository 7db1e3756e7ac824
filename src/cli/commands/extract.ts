// `nianbao extract`: records for one or more files, as JSON (one file) or JSON Lines.
import path from 'node:path';
import { ExtractionPool } from '../../isolation/index.js';
import { ISOLATION_BOOLEAN_FLAGS, ISOLATION_HELP, ISOLATION_VALUE_FLAGS, isolationOptions } from '../isolation-options.js';
import { isNianbaoError, NianbaoError } from '../../errors.js';
import { removeStaleTemps, writeFileAtomic } from '../../output/atomic-write.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { describeError } from '../errors-out.js';

const usage = `Usage: nianbao extract <file…> [options]

Extract the record of each 政府信息公开工作年度报告 (PDF, or text such as pdftotext output).

Options:
  -o, --out FILE         write to FILE (atomically) instead of standard output
  -f, --format FORMAT    json (one pretty record; an array for several files) or jsonl
                         (one record per line). Default: json for one file, jsonl for several
${ISOLATION_HELP}
  -h, --help             show this help

A file that cannot be read (missing, empty, not a PDF or text, encrypted, not a 年报) is
reported on standard error as one line "nianbao: FILE: reason"; the other files go on.

Exit codes: 0 all records written; 2 usage; 3 not found; 4 empty file; 5 unsupported format;
6 corrupt PDF; 7 encrypted PDF; 8 not a 年报; 9 timeout; 10 too large; 11 extraction process
crashed; 12 out of memory (over --memory);
70 internal error. With several files, the code of the first failure is returned.
Records whose arithmetic does not add up are still written (see their "checks").`;

export const command: Command = {
  name: 'extract',
  summary: 'extract report records from PDF or text files',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: {
        '-o': 'out',
        '--out': 'out',
        '-f': 'format',
        '--format': 'format',
        ...ISOLATION_VALUE_FLAGS,
      },
      booleans: ISOLATION_BOOLEAN_FLAGS,
    });
    if (positionals.length === 0) throw new NianbaoError('USAGE', 'extract needs at least one file (see --help)');
    const format = (opts.format as string | undefined) ?? (positionals.length === 1 ? 'json' : 'jsonl');
    if (format !== 'json' && format !== 'jsonl') throw new NianbaoError('USAGE', `unknown --format ${format} (json or jsonl)`);
    const records: unknown[] = [];
    let exitCode = 0;
    // pdf.js parses synchronously: only a worker that can be killed makes the timeout hard.
    const pool = new ExtractionPool(1, isolationOptions(opts));
    try {
      for (const file of positionals) {
        try {
          records.push(await pool.extract(file));
        } catch (e) {
          const err = isNianbaoError(e) ? e : new NianbaoError('INTERNAL', describeError(e), file);
          process.stderr.write(`nianbao: ${err.file ? err.toLine() : `${file}: ${err.message}`}\n`);
          exitCode ||= err.exitCode;
        }
      }
    } finally {
      await pool.close();
    }
    const text =
      format === 'jsonl'
        ? records.map((r) => JSON.stringify(r) + '\n').join('')
        : JSON.stringify(positionals.length === 1 ? records[0] : records, null, 2) + '\n';
    if (records.length > 0 || format === 'json' && positionals.length > 1) {
      if (opts.out) {
        await removeStaleTemps(path.dirname(opts.out as string), [opts.out as string]);
        await writeFileAtomic(opts.out as string, text);
      } else process.stdout.write(text);
    }
    return exitCode;
  },
};
