// One request at a time per host, with a pause between the end of one and the start of the next.
// Different hosts proceed in parallel; a robots.txt Crawl-delay longer than ours is honoured.

interface HostSlot {
  /** The tail of this host's queue: the next request starts after it. */
  tail: Promise<void>;
  /** When the last request to this host ended (ms since the epoch). */
  lastEnd: number;
  delayMs: number;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A queue per host (`host:port`), each running one task at a time, `delayMs` apart. */
export class HostQueues {
  private readonly slots = new Map<string, HostSlot>();

  constructor(private readonly delayMs: number) {}

  private slot(host: string): HostSlot {
    let s = this.slots.get(host);
    if (!s) {
      s = { tail: Promise.resolve(), lastEnd: 0, delayMs: this.delayMs };
      this.slots.set(host, s);
    }
    return s;
  }

  /** Wait at least `ms` between this host's requests from now on (never less than the default). */
  slowDown(host: string, ms: number): void {
    const s = this.slot(host);
    s.delayMs = Math.max(s.delayMs, ms);
  }

  /**
   * Run `task` when this host's earlier tasks are done and its delay has passed; resolves or
   * rejects as the task does (a failed task does not stop the queue).
   */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const s = this.slot(host);
    const result = s.tail.then(async () => {
      const wait = s.lastEnd + s.delayMs - Date.now();
      if (s.lastEnd && wait > 0) await sleep(wait);
      try {
        return await task();
      } finally {
        s.lastEnd = Date.now();
      }
    });
    s.tail = result.then(
      () => {},
      () => {},
    );
    return result;
  }
}
