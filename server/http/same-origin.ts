/**
 * CSRF protection for form posts: on top of the SameSite=Strict cookie, a state-changing
 * request must come from a page of this site. Browsers that send `Sec-Fetch-Site` (a
 * header scripts cannot forge) are taken at their word; otherwise the `Origin` header
 * must name this host. Hosts are compared rather than full origins so that the check
 * still works behind a proxy that terminates TLS (the browser says https, we see http).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { requestLocale } from './locale.js';
import { msg } from './messages.js';

/** True when the request demonstrably comes from this site. */
export function isSameOrigin(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('origin');
  if (origin === undefined || origin === 'null') return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return originHost === (c.req.header('host') ?? new URL(c.req.url).host);
}

/** Middleware refusing unsafe methods that do not come from this site (403 HTML text). */
export function requireSameOrigin(): MiddlewareHandler {
  return async (c, next) => {
    if (!['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !isSameOrigin(c)) {
      return c.text(msg('forbiddenOrigin', requestLocale(c)), 403);
    }
    await next();
  };
}
