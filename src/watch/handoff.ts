// New documents → the existing ingest path. SQLite: each pending document written to a private
// temp file and given to `ingest` (isolated extraction, claims, failures with attempts), labelled by
// its URL. PostgreSQL: one pg-boss job per content (bytes already in `files`), so the workers of
// every host extract what this watcher found. A document stays pending until its hand-off is
// recorded, so a watcher killed midway hands it over on its next run; the ingest path's own keys
// (sha256 + extractor version) keep it from being extracted twice.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { InputFile } from '../batch/inputs.js';
import type { Outcome } from '../batch/progress.js';
import { ingest } from '../db/ingest.js';
import { isPostgresUrl } from '../db/store.js';
import type { IsolationOptions } from '../isolation/pool.js';
import { EXTRACTOR_VERSION } from '../version.js';
import type { UrlFailure } from './runs.js';
import type { PendingDocument, WatchStore } from './store.js';

/** Where and how the new documents are ingested. */
export interface HandoffOptions {
  /** The --db target (the same database as the store). */
  db: string;
  jobs?: number;
  isolation?: IsolationOptions;
}

/** What the hand-off of one run did. */
export interface HandoffSummary {
  /** Pending documents handed over. */
  documents: number;
  /** SQLite: extracted into reports now (or found already stored). */
  ingested: number;
  /** Of those, records with a failed check. */
  flagged: number;
  /** PostgreSQL: queued for the workers. */
  queued: number;
  /** Documents the ingest path refused (not a report, unreadable…), with why. */
  failed: UrlFailure[];
  /** Being extracted by another run; handed over again next time. */
  waiting: number;
}

/** Unique labels: a URL that served several pending contents gets `#sha256=…` on the later ones. */
function labels(docs: PendingDocument[]): Map<string, PendingDocument> {
  const out = new Map<string, PendingDocument>();
  for (const d of docs) out.set(out.has(d.firstUrl) ? `${d.firstUrl}#sha256=${d.sha256.slice(0, 12)}` : d.firstUrl, d);
  return out;
}

/** SQLite: pending documents through `ingest`, each outcome recorded on its document. */
async function ingestPending(
  store: WatchStore,
  docs: PendingDocument[],
  opts: HandoffOptions,
  s: HandoffSummary,
): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'nianbao-watch-'));
  try {
    const byLabel = labels(docs);
    const files: InputFile[] = [];
    for (const [label, d] of byLabel) {
      // Named by content, with the extension the sniffer needs for .wps: no server-given name becomes a path.
      const abs = path.join(tmp, d.sha256 + (d.extension ? `.${d.extension}` : ''));
      await writeFile(abs, await store.bytes(d.sha256));
      files.push({ path: label, abs });
    }
    const outcomes: Array<[string, Outcome, string | undefined]> = [];
    const progress = {
      start() {},
      end() {},
      file: (name: string, o: Outcome, detail?: string) => void outcomes.push([name, o, detail]),
    };
    await ingest({ db: opts.db, inputs: [], files, jobs: opts.jobs, isolation: opts.isolation, progress });
    for (const [label, outcome, detail] of outcomes) await record(store, byLabel.get(label)!, outcome, detail, s);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function record(
  store: WatchStore,
  d: PendingDocument,
  outcome: Outcome,
  detail: string | undefined,
  s: HandoffSummary,
): Promise<void> {
  if (outcome === 'failed') {
    const [code, ...rest] = (detail ?? 'INTERNAL: failed').split(': ');
    s.failed.push({ url: d.firstUrl, code: code!, message: rest.join(': ') });
    return store.markIngest(d.sha256, 'failed', detail ?? null);
  }
  if (outcome === 'skipped' && detail === 'being extracted by another run') {
    s.waiting++;
    return;
  }
  if (outcome === 'flagged') s.flagged++;
  s.ingested++;
  await store.markIngest(d.sha256, 'ingested', outcome === 'skipped' ? (detail ?? null) : outcome);
}

/** PostgreSQL: one queue job per pending content (its bytes are in `files`); marked queued. */
async function enqueuePending(
  store: WatchStore,
  docs: PendingDocument[],
  opts: HandoffOptions,
  s: HandoffSummary,
): Promise<void> {
  const {
    openBoss,
    jobId,
    singletonKey,
    QUEUE,
    DEFAULT_MAX_ATTEMPTS,
    DEFAULT_RETRY_DELAY_SECONDS,
    DEFAULT_LEASE_SECONDS,
  } = await import('../queue/boss.js');
  const { parsePgUrl } = await import('../db/postgres/connect.js');
  const boss = await openBoss(parsePgUrl(opts.db));
  try {
    for (const [label, d] of labels(docs)) {
      const data = { sha256: d.sha256, version: EXTRACTOR_VERSION, path: label, file: label, stored: true };
      // The job id is the content's: a second watcher sending it again adds nothing.
      const id = await boss.send(QUEUE, data, {
        id: jobId(d.sha256, EXTRACTOR_VERSION),
        singletonKey: singletonKey(d.sha256, EXTRACTOR_VERSION),
        retryLimit: DEFAULT_MAX_ATTEMPTS - 1,
        retryDelay: DEFAULT_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: DEFAULT_LEASE_SECONDS,
      });
      await store.markIngest(d.sha256, 'queued', null);
      // null: the job was there already (the other watcher sent it first): it counts it, not us.
      if (id !== null) s.queued++;
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/** Hand every pending document of the store to the ingest path of its backend. */
export async function handOff(store: WatchStore, opts: HandoffOptions): Promise<HandoffSummary> {
  const s: HandoffSummary = { documents: 0, ingested: 0, flagged: 0, queued: 0, failed: [], waiting: 0 };
  const docs = await store.pending();
  s.documents = docs.length;
  if (!docs.length) return s;
  if (isPostgresUrl(opts.db)) await enqueuePending(store, docs, opts, s);
  else await ingestPending(store, docs, opts, s);
  return s;
}
