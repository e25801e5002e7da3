/**
 * The servers the HTTP submission benchmark drives, each in its own process:
 * `app <sqlite file>` runs the real server (store migrated, a polyvalence campaign
 * "bench", durable SQLite commits as in production) with the submission rate limit
 * raised so that 64 connections from 127.0.0.1 are not refused; `bare` runs a bare Hono
 * JSON endpoint on @hono/node-server, the ceiling. Each prints `{"url": …}` once listening.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { ensurePolyvalenceCampaign } from '../server/demo.js';
import { startServer } from '../server/serve.js';
import { openSqliteStore } from '../server/store/sqlite.js';

const [kind, dbFile] = process.argv.slice(2);
if (kind === 'bare') {
  const app = new Hono();
  app.post('/x', (c) => c.json({ ok: true }));
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(JSON.stringify({ url: `http://127.0.0.1:${info.port}` })));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else if (kind === 'app' && dbFile) {
  const store = openSqliteStore(dbFile);
  await store.migrate();
  await ensurePolyvalenceCampaign(store, 'bench', 'Bench');
  const running = await startServer({
    store,
    port: 0,
    adminToken: 'bench-organiser-token-0123456789',
    clientDir: mkdtempSync(join(tmpdir(), 'polyvalence-bench-client-')),
    // The defaults (120 answers per 10 min per address) would refuse the benchmark's
    // traffic from one address; the defaults themselves stay as they are.
    rateLimits: { submissions: { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } },
  });
  console.log(JSON.stringify({ url: running.url }));
  process.on('SIGTERM', () => {
    void running.close().then(() => store.close()).then(() => process.exit(0));
  });
} else {
  console.error('usage: http-server.ts bare | app <sqlite file>');
  process.exit(2);
}
