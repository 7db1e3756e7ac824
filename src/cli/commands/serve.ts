// `nianbao serve`: the local web app over a database.
import { existsSync } from 'node:fs';
import { isPostgresUrl } from '../../db/store.js';
import { NianbaoError } from '../../errors.js';
import { DEFAULT_HOST, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_FILES, DEFAULT_PORT } from '../../serve/options.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';

const usage = `Usage: nianbao serve --db FILE.sqlite|postgres://… [--host H] [--port N] [--token T] [options]

A local web app over a database made by 'nianbao ingest' (or queue workers), in the browser at
http://${DEFAULT_HOST}:${DEFAULT_PORT}/ — it loads nothing from the network and works offline:
  - the reports, with filters (flagged only, agency, year, template, format, text) and counts;
    downloads of the selection as CSV (the long table), JSON, JSON Lines or xlsx;
  - a report: its tables as printed, the failed checks and warnings under the table they concern,
    the page image with the box of every number read; click a number for its box and provenance;
    correct it (value, note, reviewer): the correction is stored (as 'ingest --corrections' stores
    them) and the checks run again; revert it (as 'nianbao corrections rm');
  - upload: drop files on the list page (any format 'extract' reads); they are extracted as
    'nianbao ingest' does, with progress;
  - an agency's two years side by side (compare), and its applications received over the years as a
    chart (template changes marked).
The JSON API under /api/ serves scripts too (writes need the session's CSRF token from
GET /api/session in X-CSRF-Token, or, with --token, 'Authorization: Bearer T').

Options:
      --db FILE|URL        the database (required): a SQLite file, or postgres://user@host/db[?schema=NAME]
      --host H             the address to listen on (default ${DEFAULT_HOST}); anything but loopback needs --token
      --port N             the port (default ${DEFAULT_PORT}; 0: any free port)
      --token T            an access token (≥ 16 characters) every request must carry: open /?token=T once
                           in the browser, or send 'Authorization: Bearer T'
      --base DIR           resolve relative source paths of records from DIR, for page images (default: .)
      --uploads DIR        keep uploaded files in DIR (default: a temporary directory)
      --max-upload-mb N    refuse an uploaded file larger than N MB (default ${DEFAULT_MAX_UPLOAD_BYTES / 1024 / 1024})
      --max-upload-files N refuse an upload of more than N files (default ${DEFAULT_MAX_UPLOAD_FILES})
  -h, --help               show this help

Stop it with Ctrl-C. Exit codes: 2 usage; 3 the database not found or unreachable.`;

export const command: Command = {
  name: 'serve',
  summary: 'a local web app: review, correct, upload, compare and chart reports in a database',
  usage,
  async run(args) {
    const { opts, positionals } = parseArgs(args, {
      values: {
        '--db': 'db',
        '--host': 'host',
        '--port': 'port',
        '--token': 'token',
        '--base': 'base',
        '--uploads': 'uploads',
        '--max-upload-mb': 'mb',
        '--max-upload-files': 'files',
      },
    });
    if (positionals.length) throw new NianbaoError('USAGE', `unexpected argument 「${positionals[0]}」 (see --help)`);
    if (typeof opts.db !== 'string') throw new NianbaoError('USAGE', 'serve needs --db FILE (see --help)');
    if (!isPostgresUrl(opts.db) && !existsSync(opts.db))
      throw new NianbaoError('NOT_FOUND', 'no such database', opts.db);
    const port = opts.port === undefined ? undefined : Number(opts.port);
    const { startServer } = await import('../../serve/server.js');
    const server = await startServer({
      db: opts.db,
      host: opts.host as string | undefined,
      port,
      token: opts.token as string | undefined,
      baseDir: opts.base as string | undefined,
      uploadDir: opts.uploads as string | undefined,
      maxUploadBytes:
        opts.mb === undefined ? undefined : Math.round(intOption(opts.mb, '--max-upload-mb', 50) * 1024 * 1024),
      maxUploadFiles:
        opts.files === undefined
          ? undefined
          : Math.floor(intOption(opts.files, '--max-upload-files', DEFAULT_MAX_UPLOAD_FILES)),
    });
    process.stderr.write(`nianbao serve: ${server.url} (${server.store.name}); Ctrl-C stops\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await server.close();
    return 0;
  },
};
