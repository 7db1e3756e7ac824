// `nianbao watch`: find, fetch and ingest newly posted reports on agency websites. The watcher's own
// flags are declared once below (FLAGS): the parser's spec and their --help lines come from it.
import { NianbaoError } from '../../errors.js';
import * as D from '../../watch/options.js';
import type { FetchLimits } from '../../watch/options.js';
import { DOCUMENT_EXTENSIONS } from '../../watch/disposition.js';
import { intOption, parseArgs } from '../args.js';
import type { Command } from '../command.js';
import {
  ISOLATION_BOOLEAN_FLAGS,
  ISOLATION_HELP,
  ISOLATION_VALUE_FLAGS,
  isolationOptions,
  JOBS_HELP,
  jobsOption,
} from '../isolation-options.js';

interface Flag {
  flag: string;
  arg: string;
  help: string;
  /** Its value into the fetch limits. */
  apply?: (v: string, l: Partial<FetchLimits>) => void;
}

const seconds = (v: string, name: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0)
    throw new NianbaoError('USAGE', `${name} takes seconds (a number ≥ 0), not 「${v}」`);
  return Math.round(n * 1000);
};

const FLAGS: Flag[] = [
  {
    flag: '--db',
    arg: 'FILE|URL',
    help: 'the database (required): a SQLite file, or postgres://user@host/db[?schema=NAME]',
  },
  {
    flag: '--every',
    arg: 'DURATION',
    help: 'run again and again, this long apart (30m, 6h, 1d); stop with Ctrl-C or SIGTERM',
  },
  { flag: '--allow-host', arg: 'HOST', help: 'fetch from HOST although it is a loopback/private address (repeatable)' },
  {
    flag: '--delay',
    arg: 'SECONDS',
    help: `pause between two requests to one host (default ${D.DEFAULT_HOST_DELAY_MS / 1000})`,
    apply: (v, l) => void (l.hostDelayMs = seconds(v, '--delay')),
  },
  {
    flag: '--fetch-timeout',
    arg: 'SECONDS',
    help: `wait this long for the headers, and again for the body (default ${D.DEFAULT_HEADERS_TIMEOUT_MS / 1000}/${D.DEFAULT_BODY_TIMEOUT_MS / 1000})`,
    apply: (v, l) => void (l.headersTimeoutMs = l.bodyTimeoutMs = Math.max(1, seconds(v, '--fetch-timeout'))),
  },
  {
    flag: '--retries',
    arg: 'N',
    help: `retries after a 5xx, 429 or timeout, ${D.DEFAULT_BACKOFF_MS / 1000} s, then doubled each time (default ${D.DEFAULT_RETRIES})`,
    apply: (v, l) => void (l.retries = Number.isInteger(Number(v)) ? Number(v) : NaN),
  },
  {
    flag: '--max-bytes',
    arg: 'MB',
    help: `largest response kept (default ${D.DEFAULT_MAX_BYTES / 1048576})`,
    apply: (v, l) => void (l.maxBytes = Math.round(intOption(v, '--max-bytes', 1) * 1048576)),
  },
  {
    flag: '--max-list-pages',
    arg: 'N',
    help: `list pages read per source, pagination included (default ${D.DEFAULT_MAX_LIST_PAGES})`,
    apply: (v, l) => void (l.maxListPages = Math.floor(intOption(v, '--max-list-pages', 1))),
  },
];

const flagLines = FLAGS.map((f) => `      ${`${f.flag} ${f.arg}`.padEnd(25)}${f.help}`).join('\n');

/** The attachments kept, as --help names them (PDF/DOC/…). */
const ATTACHMENTS = DOCUMENT_EXTENSIONS.map((e) => e.toUpperCase()).join('/');

const usage = `Usage: nianbao watch SOURCES --db FILE.sqlite|postgres://… [--once | --every DURATION] [options]

Find newly posted 政府信息公开工作年度报告 on agency websites, fetch them and ingest them.
SOURCES is a JSON or YAML file: a list of { url, agency?, match? } — url is the list page of an
agency's 年报 column, agency a name kept with every document, match a regular expression for report
links (default: titles naming a 政府信息公开…年度报告 with a year). For each source the watcher reads
the list page and its pagination (下一页, page numbers, index_N.html, pageNum=N), opens each report
link, and keeps its ${ATTACHMENTS} attachments (download.jsp links too) or, without attachments,
the page itself. Every document is kept in the database by sha256 with its URL, agency, fetch time
and response headers (tables files, watch_documents, watch_versions); new bytes at a known URL are a
new version linked to the old one. New documents go through 'ingest' (SQLite) or onto the queue
(PostgreSQL, for 'nianbao worker'). A second run asks with If-None-Match/If-Modified-Since and
fetches nothing unchanged; a killed run resumes; two watchers on one database share the work.

Politeness: robots.txt is obeyed; one request at a time per host; retries with backoff on 5xx/429
and timeouts (Retry-After honoured); at most ${D.DEFAULT_MAX_REDIRECTS} redirects; only http/https; hosts that
resolve to loopback/private/link-local addresses are refused unless --allow-host names them.
User-Agent: ${D.DEFAULT_USER_AGENT}

Options:
      --once                   one run, then exit (the default)
${flagLines}
  -q, --quiet                  print the summary only when something failed
  -h, --help                   show this help

Extracting the new documents (SQLite; on PostgreSQL the workers' own options apply):
${JOBS_HELP}
${ISOLATION_HELP}

Exit codes: 0 every source was read (documents that failed are listed in the summary); 1 a source
failed as a whole (its list page unreachable or refused); 2 usage. 'nianbao status --db …' shows the
last run of every source.`;

/** Every `--allow-host H` / `--allow-host=H` (repeatable, comma lists too), and the other arguments. */
function takeAllowHosts(args: string[]): { hosts: string[]; rest: string[] } {
  const hosts: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--allow-host') {
      if (i + 1 >= args.length) throw new NianbaoError('USAGE', '--allow-host needs a value');
      hosts.push(...args[++i]!.split(','));
    } else if (a.startsWith('--allow-host=')) hosts.push(...a.slice('--allow-host='.length).split(','));
    else rest.push(a);
  }
  return { hosts: hosts.map((h) => h.trim()).filter(Boolean), rest };
}

export const command: Command = {
  name: 'watch',
  summary: 'find, fetch and ingest newly posted reports from agency websites (polite, resumable)',
  usage,
  async run(args) {
    const { hosts, rest } = takeAllowHosts(args);
    const values = Object.fromEntries(FLAGS.filter((f) => f.flag !== '--allow-host').map((f) => [f.flag, f.flag]));
    const { opts, positionals } = parseArgs(rest, {
      values: { ...values, '-j': '--jobs', '--jobs': '--jobs', ...ISOLATION_VALUE_FLAGS },
      booleans: { ...ISOLATION_BOOLEAN_FLAGS, '--once': 'once', '-q': 'quiet', '--quiet': 'quiet' },
    });
    if (positionals.length !== 1) throw new NianbaoError('USAGE', 'watch needs exactly one SOURCES file (see --help)');
    const db = opts['--db'];
    if (typeof db !== 'string') throw new NianbaoError('USAGE', 'watch needs --db FILE|postgres://… (see --help)');
    if (opts.once && opts['--every']) throw new NianbaoError('USAGE', '--once and --every exclude each other');
    const limits: Partial<FetchLimits> = { allowHosts: hosts };
    for (const f of FLAGS) if (f.apply && typeof opts[f.flag] === 'string') f.apply(opts[f.flag] as string, limits);
    const isolation = isolationOptions(opts);
    const { runWatch } = await import('../../watch/cli.js');
    return runWatch({
      sourcesFile: positionals[0]!,
      db,
      limits: D.resolveFetchLimits(limits),
      everyMs: typeof opts['--every'] === 'string' ? D.parseDuration(opts['--every']) : null,
      jobs: jobsOption({ jobs: opts['--jobs'] ?? false }, isolation),
      isolation,
      quiet: !!opts.quiet,
    });
  },
};
