import { ensureDemo, saveBuiltinQuestionnaires } from '../../server/demo.js';
import { startServer } from '../../server/serve.js';
import { intOption, parseOptions } from '../args.js';
import { describeStoreLocation, openStoreAt, resolveStoreLocation, type StoreLocation } from '../store.js';

export const DEFAULT_DB = 'data/polyvalence.sqlite';
export const DEMO_DB = 'data/demo.sqlite';

/**
 * The store `serve` uses: `--db` (SQLite) first; with `--demo`, else the demo file, never
 * DATABASE_URL, so that `npm start` on a machine set up for PostgreSQL does not pour
 * synthetic answers into the shared database; otherwise DATABASE_URL, else the default file.
 */
export function serveStoreLocation(o: { db?: string; demo?: boolean }, env: Record<string, string | undefined>): StoreLocation {
  if (o.demo && !o.db) return { kind: 'sqlite', path: DEMO_DB };
  return resolveStoreLocation(o.db, env, DEFAULT_DB);
}

/**
 * `polyvalence serve [--db FILE] [--port 3000] [--host 127.0.0.1] [--demo] [--trust-proxy]`
 *
 * `--trust-proxy` (or TRUST_PROXY=1): the server runs behind a reverse proxy that
 * terminates TLS; its X-Forwarded-Proto/-Host/-For headers are believed (Secure cookies,
 * https links, the client address counted by the rate limits). Never set it when the
 * server is reachable directly: clients could then choose their address.
 */
export async function serveCommand(argv: string[]): Promise<void> {
  const o = parseOptions(argv, {
    db: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    demo: { type: 'boolean' },
    'trust-proxy': { type: 'boolean' },
  });
  const trustProxy = o['trust-proxy'] ?? ['1', 'true', 'yes'].includes((process.env.TRUST_PROXY ?? '').toLowerCase());
  const port = intOption(o.port ?? process.env.PORT, 'port', 3000, 0, 65535);
  const host = o.host ?? process.env.HOST ?? '127.0.0.1';
  const location = serveStoreLocation(o, process.env);
  const db = describeStoreLocation(location);
  const store = await openStoreAt(location, { mustExist: false });
  await saveBuiltinQuestionnaires(store);
  if (o.demo) {
    const { campaign, inserted } = await ensureDemo(store);
    if (inserted) console.log(`campagne de démonstration « ${campaign.id} » créée avec ${inserted} réponses synthétiques`);
  }
  const server = await startServer({ store, port, host, adminToken: process.env.POLYVALENCE_ADMIN_TOKEN, trustProxy });
  console.log(`polyvalence : serveur à l'écoute sur ${server.url} (base ${db})${trustProxy ? ', derrière un proxy de confiance (X-Forwarded-*)' : ''}`);
  if (o.demo) console.log(`questionnaire de démonstration : ${server.url}/c/demo`);
  console.log(`espace organisateur : ${server.url}/admin`);
  if (server.generatedToken) console.log(`jeton organisateur (généré pour cette session ; fixez POLYVALENCE_ADMIN_TOKEN pour le garder) : ${server.adminToken}`);
  const stop = async () => {
    await server.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
