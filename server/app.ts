/**
 * The collection server as a Hono app: respondent pages and API, organiser pages and
 * API, static assets. It hosts any questionnaire the store holds; nothing here knows
 * the polyvalence questionnaire.
 *
 * No logger middleware is installed, on purpose: access logs would record IP addresses
 * and user agents next to the time an answer arrived.
 */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { html } from 'hono/html';
import { createSessionStore } from './auth/sessions.js';
import { hashAdminToken } from './auth/token.js';
import { cachedClientEntry, type ClientEntry } from './html/client-manifest.js';
import { page } from './html/layout.js';
import { connectionAddress, type ClientAddressResolver } from './http/client-address.js';
import { pageLocale, requestLocale } from './http/locale.js';
import { msg } from './http/messages.js';
import { createRateLimiter, type RateLimitRule } from './http/rate-limit.js';
import { securityHeaders } from './http/security-headers.js';
import { createQuestionnaireCache } from './questionnaires.js';
import { adminRoutes } from './routes/admin.js';
import { anonymityRoutes } from './routes/anonymity.js';
import { assetRoutes } from './routes/assets.js';
import { draftRoutes } from './routes/drafts.js';
import { respondentRoutes } from './routes/respondent.js';
import type { AnswerStore } from './store/types.js';

/**
 * Default rate limits per client address. Submissions allow for a whole office behind
 * one address (a département's network) answering after the same e-mail; failed
 * organiser credentials (login form or wrong bearer token) allow for typos only.
 */
export const DEFAULT_RATE_LIMITS = {
  submissions: { limit: 120, windowMs: 10 * 60 * 1000 },
  credentialFailures: { limit: 10, windowMs: 15 * 60 * 1000 },
} as const satisfies Record<string, RateLimitRule>;

export interface AppOptions {
  store: AnswerStore;
  /** The organiser token (at least 16 characters); only its hash is kept. */
  adminToken: string;
  /** Vite's output directory (holds `.vite/manifest.json` and `assets/`). */
  clientDir: string;
  /** Clock, injectable for tests; answers keep only its UTC day. */
  now?: () => Date;
  /** Lifetime of an organiser session in ms (default 8 hours). */
  sessionTtlMs?: number;
  /**
   * Behind a reverse proxy: trust its `X-Forwarded-Proto` (Secure cookies, links in
   * https), `X-Forwarded-Host` and `X-Forwarded-For` (the client address the rate limits count).
   */
  trustProxy?: boolean;
  /** How the rate limits find the client's address (default: the connection, or the proxy's header). */
  clientAddress?: ClientAddressResolver;
  /** Rate limits per client (defaults: DEFAULT_RATE_LIMITS). */
  rateLimits?: { submissions?: RateLimitRule; credentialFailures?: RateLimitRule };
}

/**
 * Builds the server app.
 * @throws when the admin token is too short.
 */
export function createApp(options: AppOptions): Hono {
  const now = options.now ?? (() => new Date());
  const trustProxy = options.trustProxy ?? false;
  const clock = () => now().getTime();
  const clientAddress = options.clientAddress ?? connectionAddress({ trustProxy });
  const limits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const auth = {
    tokenHash: hashAdminToken(options.adminToken),
    sessions: createSessionStore(options.store, { ttlMs: options.sessionTtlMs, now: clock }),
    failures: createRateLimiter({ ...limits.credentialFailures, now: clock }),
    clientAddress,
  };
  const submissions = createRateLimiter({ ...limits.submissions, now: clock });
  const questionnaires = createQuestionnaireCache(options.store);
  const clientEntry: () => ClientEntry = cachedClientEntry(options.clientDir);

  const app = new Hono();
  app.use('*', securityHeaders());

  app.route('/', assetRoutes(options.clientDir));
  app.route('/', adminRoutes({ store: options.store, questionnaires, auth, now, trustProxy }));
  app.route('/', respondentRoutes({ store: options.store, questionnaires, clientEntry, now, submissions, clientAddress }));
  app.route('/', anonymityRoutes({ store: options.store, questionnaires, now }));
  app.route('/', draftRoutes({ store: options.store, now, clientAddress }));

  app.notFound((c) => {
    if (c.req.path.startsWith('/api/')) return c.json({ error: msg('notFound', requestLocale(c)) }, 404);
    const locale = pageLocale(c);
    return c.html(page({ lang: locale, title: msg('notFound', locale), body: html`<main><h1>${msg('notFound', locale)}</h1><p><a href="/">${msg('siteTitle', locale)}</a></p></main>` }), 404);
  });

  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    // The stack goes to the operator's console, never to the client; it holds no request data.
    console.error(err);
    const locale = requestLocale(c);
    if (c.req.path.startsWith('/api/')) return c.json({ error: msg('internalError', locale) }, 500);
    return c.html(page({ lang: locale, title: msg('siteTitle', locale), body: html`<main><h1>${msg('siteTitle', locale)}</h1><p class="notice">${msg('internalError', locale)}</p></main>` }), 500);
  });

  return app;
}
