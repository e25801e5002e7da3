/**
 * A server of the demo campaign (the polyvalence questionnaire, campaign `demo`) for the
 * respondent page's benchmark and browser tests, which records the path of every request
 * that reaches it: what a browser fetched over the network, as opposed to from its caches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.js';
import { ensurePolyvalenceCampaign } from '../server/demo.js';
import { defaultClientDir } from '../server/project-root.js';
import { openSqliteStore } from '../server/store/sqlite.js';

export interface PageServer {
  url: string;
  /** Paths (with query) of the requests received, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1, serving the built bundle (`npm run build` first). */
export async function startPageServer(): Promise<PageServer> {
  const dir = mkdtempSync(join(tmpdir(), 'polyvalence-page-'));
  const store = openSqliteStore(join(dir, 'page.sqlite'));
  await store.migrate();
  await ensurePolyvalenceCampaign(store, 'demo', 'Enquête polyvalence de secteur');
  const app = createApp({ store, adminToken: 'page-bench-organiser-token-0123', clientDir: defaultClientDir() });
  const requests: string[] = [];
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      {
        fetch: (req, env) => {
          const url = new URL(req.url);
          requests.push(url.pathname + url.search);
          return app.fetch(req, env);
        },
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
