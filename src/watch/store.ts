// The watcher's memory in the database: what each URL served last (validators, content, an
// article's attachments), the documents by sha256 with their bytes, every version of a URL, claims
// that keep two watchers off one URL, and the runs. Every write that must not half-happen is one
// transaction, so a watcher killed at any moment leaves either the document with its version or
// neither (the next run fetches it again).
import { ownerAlive } from '../db/write.js';
import type { Sql } from './sql.js';

/** What the store knows of a URL. */
export interface UrlState {
  etag: string | null;
  lastModified: string | null;
  sha256: string | null;
  /** An article's attachment URLs, as found the last time it was read. */
  children: string[] | null;
  /** When it was last answered (ISO 8601), by any watcher. */
  lastFetchedAt: string | null;
}

/** Where a URL was found: the source (its list page URL) and the agency. */
export interface Origin {
  source: string;
  agency: string | null;
}

/** A fetched document to keep. */
export interface NewDocument extends Origin {
  url: string;
  finalUrl: string;
  bytes: Buffer;
  sha256: string;
  headers: Record<string, string>;
  fetchedAt: Date;
  fileName: string | null;
  extension: string | null;
}

/** What storing a document did: a content never seen, a new version at a known URL, or nothing new. */
export type PutOutcome =
  { kind: 'new' } | { kind: 'changed'; previous: string } | { kind: 'unchanged'; firstUrl: string };

/** A kept document not yet handed to the ingest path. */
export interface PendingDocument {
  sha256: string;
  firstUrl: string;
  extension: string | null;
  agency: string | null;
}

const urlLock = (url: string) => `url:${url}`;
const validators = (h: Record<string, string>) => [h.etag ?? null, h['last-modified'] ?? null];

/** The watch tables of one database (see schema.ts). */
export class WatchStore {
  constructor(readonly sql: Sql) {}

  async urlState(url: string): Promise<UrlState | null> {
    type Row = {
      etag: string | null;
      last_modified: string | null;
      sha256: string | null;
      children: string | null;
      last_fetched_at: string | null;
    };
    const rows = await this.sql.all<Row>(
      'SELECT etag, last_modified, sha256, children, last_fetched_at FROM watch_urls WHERE url = $1',
      [url],
    );
    const r = rows[0];
    if (!r) return null;
    const children = r.children ? (JSON.parse(r.children) as string[]) : null;
    return {
      etag: r.etag,
      lastModified: r.last_modified,
      sha256: r.sha256,
      children,
      lastFetchedAt: r.last_fetched_at,
    };
  }

  /**
   * Take `url` for this watcher for `ttlMs`: false when another live watcher holds it (a claim
   * expires, or lapses at once when its process on this host is gone).
   */
  async claimUrl(url: string, kind: 'article' | 'document', o: Origin, owner: string, ttlMs: number): Promise<boolean> {
    return this.sql.tx(urlLock(url), async (q) => {
      const now = Date.now();
      const rows = await q.all<{ claimed_by: string | null; claim_expires: string | number | null }>(
        'SELECT claimed_by, claim_expires FROM watch_urls WHERE url = $1',
        [url],
      );
      const c = rows[0];
      if (c?.claimed_by && c.claimed_by !== owner && Number(c.claim_expires) > now && ownerAlive(c.claimed_by))
        return false;
      await q.run(
        `INSERT INTO watch_urls (url, kind, source, agency, claimed_by, claim_expires) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (url) DO UPDATE SET claimed_by = excluded.claimed_by, claim_expires = excluded.claim_expires`,
        [url, kind, o.source, o.agency, owner, now + ttlMs],
      );
      return true;
    });
  }

  /** Give a claim back without visiting (another watcher visited the URL during this run). */
  async releaseUrl(url: string, owner: string): Promise<void> {
    await this.sql.run(
      'UPDATE watch_urls SET claimed_by = NULL, claim_expires = NULL WHERE url = $1 AND claimed_by = $2',
      [url, owner],
    );
  }

  /** An answer without a new document (304, an article page, or a failure): validators and status kept, claim released. */
  async recordVisit(
    url: string,
    v: {
      status: number;
      headers?: Record<string, string>;
      sha256?: string | null;
      children?: string[];
      error?: string;
    },
  ): Promise<void> {
    const [etag, lastModified] = v.headers && v.status !== 304 ? validators(v.headers) : [undefined, undefined];
    await this.sql.run(
      `UPDATE watch_urls SET last_status = $2, last_fetched_at = $3, last_error = $4, claimed_by = NULL, claim_expires = NULL,
         etag = CASE WHEN $5 = 1 THEN $6 ELSE etag END, last_modified = CASE WHEN $5 = 1 THEN $7 ELSE last_modified END,
         sha256 = COALESCE($8, sha256), children = COALESCE($9, children)
       WHERE url = $1`,
      [
        url,
        v.status,
        new Date().toISOString(),
        v.error ?? null,
        etag === undefined ? 0 : 1,
        etag ?? null,
        lastModified ?? null,
        v.sha256 ?? null,
        v.children ? JSON.stringify(v.children) : null,
      ],
    );
  }

  /**
   * Keep a fetched document, in one transaction: its bytes and document row (once per sha256), the
   * (URL, content) version linked to the content it replaced, and the URL's new state.
   */
  async putDocument(d: NewDocument): Promise<PutOutcome> {
    return this.sql.tx(urlLock(d.url), async (q) => {
      const prev =
        (await q.all<{ sha256: string | null }>('SELECT sha256 FROM watch_urls WHERE url = $1', [d.url]))[0]?.sha256 ??
        null;
      const at = d.fetchedAt.toISOString();
      await q.run('INSERT INTO files (sha256, bytes, size) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING', [
        d.sha256,
        d.bytes,
        d.bytes.length,
      ]);
      const fresh = await q.run(
        `INSERT INTO watch_documents (sha256, size, media_type, file_name, extension, first_url, agency, first_fetched_at, ingest_state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending') ON CONFLICT (sha256) DO NOTHING`,
        [d.sha256, d.bytes.length, d.headers['content-type'] ?? null, d.fileName, d.extension, d.url, d.agency, at],
      );
      await q.run(
        `INSERT INTO watch_versions (url, sha256, previous_sha256, final_url, fetched_at, headers, source, agency)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (url, sha256) DO NOTHING`,
        [
          d.url,
          d.sha256,
          prev === d.sha256 ? null : prev,
          d.finalUrl,
          at,
          JSON.stringify(d.headers),
          d.source,
          d.agency,
        ],
      );
      const [etag, lastModified] = validators(d.headers);
      await q.run(
        `UPDATE watch_urls SET sha256 = $2, etag = $3, last_modified = $4, last_status = 200, last_fetched_at = $5, last_error = NULL,
           claimed_by = NULL, claim_expires = NULL WHERE url = $1`,
        [d.url, d.sha256, etag, lastModified, at],
      );
      if (fresh) return prev ? { kind: 'changed', previous: prev } : { kind: 'new' };
      const first = (
        await q.all<{ first_url: string }>('SELECT first_url FROM watch_documents WHERE sha256 = $1', [d.sha256])
      )[0]!.first_url;
      return { kind: 'unchanged', firstUrl: first };
    });
  }

  /** Documents not yet handed to the ingest path (or handed over by a run that died before it finished). */
  async pending(): Promise<PendingDocument[]> {
    const rows = await this.sql.all<{
      sha256: string;
      first_url: string;
      extension: string | null;
      agency: string | null;
    }>(
      "SELECT sha256, first_url, extension, agency FROM watch_documents WHERE ingest_state = 'pending' ORDER BY first_fetched_at, sha256",
    );
    return rows.map((r) => ({ sha256: r.sha256, firstUrl: r.first_url, extension: r.extension, agency: r.agency }));
  }

  async bytes(sha256: string): Promise<Buffer> {
    const r = (await this.sql.all<{ bytes: Uint8Array }>('SELECT bytes FROM files WHERE sha256 = $1', [sha256]))[0];
    if (!r) throw new Error(`watch: document ${sha256} has no bytes in files (a broken invariant)`);
    return Buffer.from(r.bytes);
  }

  /** The ingest path's answer for a document: ingested, queued (PostgreSQL), or failed with why. */
  async markIngest(sha256: string, state: 'ingested' | 'queued' | 'failed', detail: string | null): Promise<void> {
    await this.sql.run(
      'UPDATE watch_documents SET ingest_state = $2, ingest_detail = $3, ingested_at = $4 WHERE sha256 = $1',
      [sha256, state, detail, new Date().toISOString()],
    );
  }
}
