/**
 * Security headers on every response. The Content-Security-Policy allows scripts from
 * this site only (no inline script, no CDN); inline styles stay allowed because
 * survey-core writes its theme into <style> elements.
 */
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/** The secure-headers middleware configured for this app. */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    // No other site learns that a visitor comes from the survey. Not `no-referrer`:
    // with it, browsers send `Origin: null` on our own form posts.
    referrerPolicy: 'same-origin',
    xFrameOptions: 'DENY',
  });
}
