// `nianbao extract`: records for one or more files, as JSON (one file) or JSON Lines.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExtractionPool } from '../../isolation/index.js';
import {
  ISOLATION_BOOLEAN_FLAGS,
  ISOLATION_HELP,
  ISOLATION_VALUE_FLAGS,
  isolationOptions,
} from '../isolation-options.js';
import { isNianbaoError, NianbaoError } from '../../errors.js';
import { removeStaleTemps, writeFileAtomic } from '../../output/atomic-write.js';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { describeError } from '../errors-out.js';
import { pageProgressLine } from '../page-progress.js';
import { MAX_INPUT_BYTES } from '../../../core/limits.js';
import { formatsHelp } from '../../pipeline/formats.js';

const usage = `Usage: nianbao extract <file…|-> [options]

Extract the record of each 政府信息公开工作年度报告 given. "-" reads one file from standard input.

${formatsHelp()}
A document that is not a 年报 is refused from its text layer or title before any OCR (exit 8).

Options:
  -o, --out FILE         write to FILE (atomically) instead of standard output
      --name NAME        the name standard input's record (source.path) and errors get (default "-")
  -f, --format FORMAT    json (one pretty record; an array for several files) or jsonl
                         (one record per line). Default: json for one file, jsonl for several
${ISOLATION_HELP}
  -q, --quiet            no progress line (shown only when standard error is a terminal:
                         page n of N and whether its text layer or its OCR is being read)
  -h, --help             show this help

A file that cannot be read (missing, empty, of an unknown type, encrypted, not a 年报) is
reported on standard error as one line "nianbao: FILE: reason"; the other files go on.

Exit codes: 0 all records written; 2 usage; 3 not found; 4 empty file; 5 unsupported format;
6 corrupt PDF; 7 encrypted PDF; 8 not a 年报; 9 timeout; 10 too large; 11 extraction process
crashed; 12 out of memory (over --memory); 13 damaged file (a broken .docx/.odt or image);
14 disk full (writing --out); 70 internal error. With several files, the code of the first failure is returned.
Records whose arithmetic does not add up are still written (see their "checks").`;

export const command: Command = {
  name: 'extract',
  summary: 'extract report records from PDF, web pages, Word, images, Markdown or text',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: {
        '-o': 'out',
        '--out': 'out',
        '-f': 'format',
        '--format': 'format',
        '--name': 'name',
        ...ISOLATION_VALUE_FLAGS,
      },
      booleans: { ...ISOLATION_BOOLEAN_FLAGS, '-q': 'quiet', '--quiet': 'quiet' },
    });
    if (positionals.length === 0) throw new NianbaoError('USAGE', 'extract needs at least one file (see --help)');
    if (positionals.filter((p) => p === '-').length > 1)
      throw new NianbaoError('USAGE', 'standard input ("-") can be read only once');
    if (opts.name !== undefined && !positionals.includes('-'))
      throw new NianbaoError('USAGE', '--name names standard input: use it with "-"');
    const stdinName = (opts.name as string | undefined) ?? '-';
    const stdin = positionals.includes('-') ? await stdinToFile() : null;
    const format = (opts.format as string | undefined) ?? (positionals.length === 1 ? 'json' : 'jsonl');
    if (format !== 'json' && format !== 'jsonl')
      throw new NianbaoError('USAGE', `unknown --format ${format} (json or jsonl)`);
    const records: unknown[] = [];
    let exitCode = 0;
    // pdf.js parses synchronously: only a worker that can be killed makes the timeout hard.
    const pool = new ExtractionPool(1, isolationOptions(opts));
    const progress = pageProgressLine(process.stderr, !!opts.quiet);
    try {
      for (const file of positionals) {
        const shown = file === '-' ? stdinName : file;
        try {
          const onProgress = progress.forFile(shown);
          records.push(
            file === '-' && stdin
              ? await pool.extract(stdin.file, { name: stdinName, onProgress })
              : await pool.extract(file, { onProgress }),
          );
          progress.clear();
        } catch (e) {
          progress.clear();
          const err = isNianbaoError(e) ? e : new NianbaoError('INTERNAL', describeError(e), file);
          process.stderr.write(`nianbao: ${err.file ? err.toLine() : `${shown}: ${err.message}`}\n`);
          exitCode ||= err.exitCode;
        }
      }
    } finally {
      await pool.close();
      if (stdin) await rm(stdin.dir, { recursive: true, force: true });
    }
    const text =
      format === 'jsonl'
        ? records.map((r) => JSON.stringify(r) + '\n').join('')
        : JSON.stringify(positionals.length === 1 ? records[0] : records, null, 2) + '\n';
    if (records.length > 0 || (format === 'json' && positionals.length > 1)) {
      if (opts.out) {
        await removeStaleTemps(path.dirname(opts.out as string), [opts.out as string]);
        await writeFileAtomic(opts.out as string, text);
      } else process.stdout.write(text);
    }
    return exitCode;
  },
};

/** Standard input, read whole (up to the input size limit) into a private temp file for the worker. */
async function stdinToFile(): Promise<{ dir: string; file: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_INPUT_BYTES)
      throw new NianbaoError('TOO_LARGE', `standard input is over the ${MAX_INPUT_BYTES}-byte limit`, '-');
    chunks.push(chunk);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'nianbao-stdin-'));
  const file = path.join(dir, 'input');
  await writeFile(file, Buffer.concat(chunks), { mode: 0o600 });
  return { dir, file };
}
