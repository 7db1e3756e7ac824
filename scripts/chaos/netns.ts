// A network namespace joined to this one by a veth pair, for a worker whose link to the database
// can be cut and restored (`ip link set … down/up`). Addresses are this test's own, inside the
// namespaces it makes; nothing leaves the machine. Needs root and iproute2.
import { spawnSync } from 'node:child_process';

export interface Netns {
  name: string;
  /** The host side's address: what the worker inside connects to. */
  hostAddress: string;
  /** The subnet, for pg_hba.conf. */
  net: string;
  /** argv prefix that runs a command inside the namespace. */
  exec: string[];
  cut(): void;
  restore(): void;
  remove(): void;
}

function ip(args: string[]): void {
  const r = spawnSync('ip', args, { stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.toString().trim() || r.error?.message}`);
}

/** Why a namespace cannot be made here (not root, no iproute2), or null. */
export function netnsUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root';
  const r = spawnSync('ip', ['netns', 'list'], { stdio: 'pipe' });
  return r.status === 0 ? null : `ip netns does not work here (${r.stderr?.toString().trim() || r.error?.message})`;
}

export function makeNetns(tag: number): Netns {
  const name = `nbchaos${tag}`;
  const host = `nbh${tag}`;
  const peer = `nbp${tag}`;
  const octet = 10 + (tag % 200);
  const hostAddress = `10.231.${octet}.1`;
  ip(['netns', 'add', name]);
  ip(['link', 'add', host, 'type', 'veth', 'peer', 'name', peer]);
  ip(['link', 'set', peer, 'netns', name]);
  ip(['addr', 'add', `${hostAddress}/24`, 'dev', host]);
  ip(['link', 'set', host, 'up']);
  ip(['netns', 'exec', name, 'ip', 'addr', 'add', `10.231.${octet}.2/24`, 'dev', peer]);
  ip(['netns', 'exec', name, 'ip', 'link', 'set', peer, 'up']);
  ip(['netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up']);
  return {
    name,
    hostAddress,
    net: `10.231.${octet}.0/24`,
    exec: ['ip', 'netns', 'exec', name],
    cut: () => ip(['link', 'set', host, 'down']),
    restore: () => ip(['link', 'set', host, 'up']),
    remove: () => {
      spawnSync('ip', ['link', 'del', host], { stdio: 'ignore' });
      spawnSync('ip', ['netns', 'del', name], { stdio: 'ignore' });
    },
  };
}
