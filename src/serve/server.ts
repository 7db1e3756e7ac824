// Listening: the app over a store, on the resolved host and port, until closed.
import { serve as listen } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openStore, type Store } from '../db/store.js';
import { NianbaoError } from '../errors.js';
import { createApp } from './app.js';
import { resolveServeOptions, type ServeOptions } from './options.js';

export interface RunningServer {
  /** http://host:port/ (IPv6 hosts in brackets). */
  url: string;
  port: number;
  store: Store;
  /** Stop listening, then close the store. */
  close(): Promise<void>;
}

/**
 * Open the store (readable and writable: corrections and uploads write to it) and listen. Rejects
 * with a USAGE NianbaoError for bad options, NOT_FOUND for a database that cannot be opened, and
 * USAGE when the port is taken.
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const opts = resolveServeOptions(o);
  const store = await openStore(opts.db);
  const app = createApp(store, opts);
  try {
    const { server, port } = await new Promise<{ server: ReturnType<typeof listen>; port: number }>(
      (resolve, reject) => {
        const server = listen({ fetch: app.fetch, hostname: opts.host, port: opts.port }, (info: AddressInfo) =>
          resolve({ server, port: info.port }),
        );
        server.once('error', (e: NodeJS.ErrnoException) =>
          reject(
            new NianbaoError(
              'USAGE',
              e.code === 'EADDRINUSE'
                ? `port ${opts.port} is in use (--port N, or 0 for any free port)`
                : `cannot listen on ${opts.host}:${opts.port} (${e.message})`,
            ),
          ),
        );
      },
    );
    const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
    return {
      url: `http://${host}:${port}/`,
      port,
      store,
      async close() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await store.close();
      },
    };
  } catch (e) {
    await store.close();
    throw e;
  }
}
