// The watch command's loop: read the sources once, run, print the summary; with --every, sleep and
// run again until SIGINT/SIGTERM (which stop the sleep at once, or end the run in progress).
import type { IsolationOptions } from '../isolation/pool.js';
import type { FetchLimits } from './options.js';
import { watchOnce, watchSummaryText } from './run.js';
import { readSources } from './sources.js';

/** The watch command's options, parsed and checked. */
export interface WatchCliOptions {
  sourcesFile: string;
  db: string;
  limits: Readonly<FetchLimits>;
  /** null: one run. */
  everyMs: number | null;
  jobs: number;
  isolation: IsolationOptions;
  quiet: boolean;
}

/** Run the watch as the CLI does; resolves to the exit code (1: a source failed as a whole in the last run). */
export async function runWatch(o: WatchCliOptions): Promise<number> {
  const sources = await readSources(o.sourcesFile);
  let stop = false;
  let sleeping = false;
  let wake: () => void = () => {};
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      // A second signal, or one during a run: leave now (a killed run resumes next time).
      if (stop || !sleeping) process.exit(sig === 'SIGINT' ? 130 : 143);
      stop = true;
      wake();
    });
  }
  for (;;) {
    const s = await watchOnce({ db: o.db, sources, limits: o.limits, jobs: o.jobs, isolation: o.isolation });
    const failed =
      s.sources.some((r) => r.error) || s.sources.some((r) => r.failures.length) || s.ingest.failed.length > 0;
    if (!o.quiet || failed) process.stderr.write(watchSummaryText(s) + '\n');
    const code = s.sources.some((r) => r.error) ? 1 : 0;
    if (o.everyMs === null || stop) return code;
    sleeping = true;
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, o.everyMs!);
      wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
    sleeping = false;
    if (stop) return code;
  }
}
