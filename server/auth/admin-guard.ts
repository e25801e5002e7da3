/**
 * Who is an organiser: a request with `Authorization: Bearer <token>`, or with the
 * session cookie set by the login form.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { requestLocale } from '../http/locale.js';
import { msg } from '../http/messages.js';
import type { SessionStore } from './sessions.js';
import { tokenMatches } from './token.js';

/** Name of the organiser session cookie. */
export const SESSION_COOKIE = 'polyvalence_admin';

export interface AdminAuth {
  tokenHash: Buffer;
  sessions: SessionStore;
}

function bearer(c: Context): string | undefined {
  const header = c.req.header('authorization');
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

/** True when the request carries the organiser token or a live organiser session. */
export function isAdmin(c: Context, auth: AdminAuth): boolean {
  return tokenMatches(auth.tokenHash, bearer(c)) || auth.sessions.isValid(getCookie(c, SESSION_COOKIE));
}

/** Middleware refusing non-organisers with 401 JSON (for the organiser API). */
export function requireAdmin(auth: AdminAuth): MiddlewareHandler {
  return async (c, next) => {
    if (!isAdmin(c, auth)) {
      c.header('WWW-Authenticate', 'Bearer realm="polyvalence"');
      return c.json({ error: msg('unauthorized', requestLocale(c)) }, 401);
    }
    await next();
  };
}
