import { DEFAULT_RATE_LIMITS, type AppOptions } from '../../server/app.js';
import { ensureDemo, saveBuiltinQuestionnaires } from '../../server/demo.js';
import { startServer } from '../../server/serve.js';
import { intOption, parseOptions, UsageError } from '../args.js';
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

/** Environment variable raising the submission limit, for crash tests and benchmarks only. */
export const TEST_SUBMISSION_LIMIT_ENV = 'POLYVALENCE_TEST_SUBMISSION_LIMIT';

/**
 * The rate limits `serve` applies: the defaults, unless POLYVALENCE_TEST_SUBMISSION_LIMIT
 * sets how many submissions one client address may make per window. It exists so that a
 * load test from 127.0.0.1 (one address) is not refused; a real deployment leaves it unset.
 * @throws UsageError when the variable is set but is not a whole number from 1 to 10,000,000.
 */
export function serveRateLimits(env: Record<string, string | undefined>): AppOptions['rateLimits'] | undefined {
  const raw = env[TEST_SUBMISSION_LIMIT_ENV]?.trim();
  if (!raw) return undefined;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= 1 && n <= 10_000_000)) {
    throw new UsageError(`${TEST_SUBMISSION_LIMIT_ENV} must be a whole number from 1 to 10000000 (submissions per client address and window), got "${raw}"`);
  }
  return { submissions: { limit: n, windowMs: DEFAULT_RATE_LIMITS.submissions.windowMs } };
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
  const rateLimits = serveRateLimits(process.env);
  const location = serveStoreLocation(o, process.env);
  const db = describeStoreLocation(location);
  const store = await openStoreAt(location, { mustExist: false });
  await saveBuiltinQuestionnaires(store);
  if (o.demo) {
    const { campaign, inserted } = await ensureDemo(store);
    if (inserted) console.log(`campagne de démonstration « ${campaign.id} » créée avec ${inserted} réponses synthétiques`);
  }
  const server = await startServer({ store, port, host, adminToken: process.env.POLYVALENCE_ADMIN_TOKEN, trustProxy, rateLimits });
  console.log(`polyvalence : serveur à l'écoute sur ${server.url} (base ${db})${trustProxy ? ', derrière un proxy de confiance (X-Forwarded-*)' : ''}`);
  if (rateLimits?.submissions) {
    // Said at every start, so that a test setting left in a real deployment shows.
    console.log(`limite de soumissions relevée pour les tests (${TEST_SUBMISSION_LIMIT_ENV}) : ${rateLimits.submissions.limit} par adresse et ${rateLimits.submissions.windowMs / 60_000} min`);
  }
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
