// Which URLs the watcher may fetch: http and https only, and no host that resolves to a loopback,
// private, link-local or otherwise internal address unless the operator listed it (--allow-host).
// The address is checked twice: a literal IP in the URL before the request, and every resolved
// address at connect time (undici's connect `lookup`), so neither a redirect nor a DNS answer that
// changes between checks (rebinding) reaches an internal address.
import dns from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { NianbaoError } from '../errors.js';

const INTERNAL = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  INTERNAL.addSubnet(net, bits, 'ipv6');

/** The code a refused connection's error carries (undici passes the lookup's error through). */
export const REFUSED_ADDRESS = 'ERR_NIANBAO_INTERNAL_ADDRESS';

/** True for loopback, private (RFC 1918, ULA), link-local, CGNAT, multicast and reserved addresses (IPv4-mapped IPv6 too). */
export function isInternalAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return INTERNAL.check(mapped[1]!, 'ipv4');
  const kind = isIP(a);
  if (kind === 0) return false;
  return INTERNAL.check(a, kind === 4 ? 'ipv4' : 'ipv6');
}

/** URL hosts the operator allowed, lower case (as `new URL().hostname` spells them, IPv6 in brackets or not). */
export type AllowHosts = readonly string[];

const allowed = (host: string, allow: AllowHosts) => {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allow.some((a) => a.replace(/^\[|\]$/g, '') === h);
};

/**
 * `url` parsed, when the watcher may request it; otherwise throws URL_REFUSED naming it: a scheme
 * other than http/https, credentials in the URL, or a literal internal address not allowed.
 */
export function checkUrl(url: string, allow: AllowHosts): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new NianbaoError('URL_REFUSED', 'not a valid URL', url);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    throw new NianbaoError('URL_REFUSED', `only http and https are fetched, not ${u.protocol}`, url);
  if (u.username || u.password) throw new NianbaoError('URL_REFUSED', 'URLs with credentials are not fetched', url);
  if (isInternalAddress(u.hostname) && !allowed(u.hostname, allow)) {
    throw new NianbaoError(
      'URL_REFUSED',
      `${u.hostname} is an internal address (loopback, private or link-local); --allow-host ${u.hostname} permits it`,
      url,
    );
  }
  return u;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net/tls.connect that resolves as dns.lookup does and fails the connection (error
 * code REFUSED_ADDRESS) when any address of a host not in `allow` is internal.
 */
export function guardedLookup(allow: AllowHosts) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const bad = addresses.find((a) => isInternalAddress(a.address));
      if (bad && !allowed(hostname, allow)) {
        const e: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to the internal address ${bad.address}; --allow-host ${hostname} permits it`,
        );
        e.code = REFUSED_ADDRESS;
        return callback(e, '');
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
