// A private PostgreSQL cluster for fault injection: its own data directory and port, so restarting
// it (or cutting a worker's link to it) disturbs nothing else on the machine. Needs the Debian
// PostgreSQL binaries (/usr/lib/postgresql/<v>/bin); as root, the server runs as user postgres.
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Cluster {
  port: number;
  /** postgres://postgres@HOST:PORT/chaos */
  url(host?: string): string;
  stop(): void;
  start(): void;
  /** Remove the data directory (after stop). */
  destroy(): void;
}

/** The newest installed PostgreSQL's bin directory, or null. */
export function pgBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin/initdb')));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

const asRoot = process.getuid?.() === 0;

/** Run a PostgreSQL binary, as user postgres when we are root (the server refuses root). */
function pg(bin: string, args: string[]): void {
  const r = asRoot
    ? spawnSync('su', ['postgres', '-c', [bin, ...args].map(quote).join(' ')], { stdio: 'pipe' })
    : spawnSync(bin, args, { stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} failed: ${r.stderr.toString().trim()}`);
}
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * initdb into a temp directory, trust authentication, listening on 127.0.0.1 and on `extraAddress`
 * (a veth address for a worker in a network namespace), on a free port; a database `chaos`.
 */
export function startCluster(opts: { extraAddress?: string; extraNet?: string } = {}): Cluster {
  const bin = pgBin();
  if (!bin) throw new Error('PostgreSQL binaries not found (apt-get install postgresql)');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-chaos-pg-'));
  if (asRoot)
    chownSync(
      dir,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
  const data = path.join(dir, 'data');
  pg(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres']);
  if (opts.extraNet) appendFileSync(path.join(data, 'pg_hba.conf'), `host all all ${opts.extraNet} trust\n`);
  const port = 40000 + (process.pid % 20000);
  const listen = ['127.0.0.1', opts.extraAddress].filter(Boolean).join(',');
  const pgOpts = `-p ${port} -k ${dir} -c listen_addresses=${listen} -c max_connections=200`;
  const ctl = (...a: string[]) => pg(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'log'), ...a]);
  const c: Cluster = {
    port,
    url: (host = '127.0.0.1') => `postgres://postgres@${host}:${port}/chaos`,
    start: () => ctl('-o', pgOpts, 'start'),
    stop: () => ctl('-m', 'fast', 'stop'),
    destroy: () => rmSync(dir, { recursive: true, force: true }),
  };
  c.start();
  pg(path.join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'chaos']);
  return c;
}
