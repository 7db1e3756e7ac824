// robots.txt, fetched once per origin per run and asked before every other request to it.
// 4xx (no robots.txt) allows everything; a server error or an unreachable file disallows the whole
// origin for this run (RFC 9309 §2.3.1.4: assume complete disallow while the server fails).
import robotsParserModule from 'robots-parser';
import { NianbaoError } from '../errors.js';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}

// The package is CommonJS (module.exports = the function); its typings describe an ES default export.
const robotsParser = robotsParserModule as unknown as (url: string, text: string) => Robot;

/** What one origin's robots.txt says: a parsed file, everything allowed, or nothing (with why). */
type OriginRules =
  | { kind: 'rules'; robot: Robot }
  | { kind: 'all' }
  | { kind: 'none'; why: string }
  | { kind: 'refused'; error: NianbaoError };

/** Fetches robots.txt (status and bytes, or throws); supplied by the fetcher, with no robots check of its own. */
export type RobotsGet = (url: string) => Promise<{ status: number; text: string }>;

/** robots.txt rules per origin, each fetched at most once (concurrent askers share the fetch). */
export class RobotsCache {
  private readonly origins = new Map<string, Promise<OriginRules>>();

  constructor(
    private readonly get: RobotsGet,
    private readonly userAgent: string,
    /** Told the Crawl-delay (ms) of an origin whose robots.txt names one. */
    private readonly onCrawlDelay: (host: string, ms: number) => void,
  ) {}

  private rules(u: URL): Promise<OriginRules> {
    let p = this.origins.get(u.origin);
    if (!p) {
      p = this.load(u);
      this.origins.set(u.origin, p);
    }
    return p;
  }

  private async load(u: URL): Promise<OriginRules> {
    const robotsUrl = `${u.origin}/robots.txt`;
    let r: { status: number; text: string };
    try {
      r = await this.get(robotsUrl);
    } catch (e) {
      // The origin itself is refused (an internal address): say that, not "robots.txt unreadable".
      if (e instanceof NianbaoError && e.code === 'URL_REFUSED') return { kind: 'refused', error: e };
      return { kind: 'none', why: `robots.txt could not be read (${(e as Error).message})` };
    }
    if (r.status >= 400 && r.status < 500) return { kind: 'all' };
    if (r.status >= 300) return { kind: 'none', why: `robots.txt answered HTTP ${r.status}` };
    const robot = robotsParser(robotsUrl, r.text);
    const delay = robot.getCrawlDelay(this.userAgent);
    if (delay) this.onCrawlDelay(u.host, delay * 1000);
    return { kind: 'rules', robot };
  }

  /** Resolves when robots.txt lets our User-Agent fetch `u`; throws URL_REFUSED naming the URL otherwise. */
  async check(u: URL): Promise<void> {
    if (u.pathname === '/robots.txt') return;
    const r = await this.rules(u);
    if (r.kind === 'all') return;
    if (r.kind === 'refused') throw new NianbaoError('URL_REFUSED', r.error.message, u.toString());
    if (r.kind === 'none') throw new NianbaoError('URL_REFUSED', `not fetched: ${r.why}`, u.toString());
    // isAllowed answers undefined for a URL of another origin: never the case here (rules are per origin).
    if (r.robot.isAllowed(u.toString(), this.userAgent) === false) {
      throw new NianbaoError('URL_REFUSED', 'disallowed by robots.txt', u.toString());
    }
  }
}
