/**
 * Who is an organiser: a request with `Authorization: Bearer <token>`, or with the
 * session cookie set by the login form. Wrong tokens count against the same per-client
 * limit as failed logins, so the token cannot be guessed through the API either.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ClientAddressResolver } from '../http/client-address.js';
import { requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import { refuse, type RateLimiter } from '../http/rate-limit.js';
import { isSameOrigin } from '../http/same-origin.js';
import type { SessionStore } from './sessions.js';
import { tokenMatches } from './token.js';

/** Name of the organiser session cookie. */
export const SESSION_COOKIE = 'polyvalence_admin';

export interface AdminAuth {
  tokenHash: Buffer;
  sessions: SessionStore;
  /** Counts failed credentials (login form and wrong bearer tokens) per client. */
  failures: RateLimiter;
  clientAddress: ClientAddressResolver;
}

/** How a request proved it comes from an organiser. */
export type AdminCredential = 'token' | 'session';

function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

/**
 * The organiser credential the request carries, if it carries a valid one.
 * A wrong bearer token is counted as a failure for its client, and a client locked out
 * by its failures has no bearer token checked at all: otherwise the pages, which do not
 * refuse locked clients themselves, would let guessing go on past the limit.
 */
export async function adminCredential(c: Context, auth: AdminAuth): Promise<AdminCredential | undefined> {
  const token = bearer(c);
  if (token !== undefined) {
    const address = auth.clientAddress(c);
    if (auth.failures.check(address).ok) {
      if (tokenMatches(auth.tokenHash, token)) return 'token';
      auth.failures.hit(address);
    }
  }
  return (await auth.sessions.isValid(getCookie(c, SESSION_COOKIE))) ? 'session' : undefined;
}

/** True when the request carries the organiser token or a live organiser session. */
export async function isAdmin(c: Context, auth: AdminAuth): Promise<boolean> {
  return (await adminCredential(c, auth)) !== undefined;
}

const UNSAFE = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

/**
 * Middleware for the organiser API: refuses non-organisers with 401 JSON, clients that
 * failed too often with 429, and (CSRF) changes made with the session cookie from
 * another site with 403. Requests with the bearer token are not cookies: no CSRF check.
 */
export function requireAdmin(auth: AdminAuth): MiddlewareHandler {
  return async (c, next) => {
    const locked = auth.failures.check(auth.clientAddress(c));
    if (!locked.ok) return refuse(c, locked);
    const credential = await adminCredential(c, auth);
    if (!credential) {
      c.header('WWW-Authenticate', 'Bearer realm="polyvalence"');
      return c.json({ error: msg('unauthorized', requestLocale(c)) }, 401);
    }
    if (credential === 'session' && UNSAFE(c.req.method) && !isSameOrigin(c)) {
      return c.json({ error: msg('forbiddenOrigin', requestLocale(c)) }, 403);
    }
    await next();
  };
}

/**
 * Middleware for organiser pages: a visitor without a credential is sent to the login
 * form (303 to `/admin`, keeping the language).
 */
export function requireAdminPage(auth: AdminAuth): MiddlewareHandler {
  return async (c, next) => {
    if (!(await isAdmin(c, auth))) return c.redirect(`/admin${c.req.query('lang') === 'en' ? '?lang=en' : ''}`, 303);
    await next();
  };
}
