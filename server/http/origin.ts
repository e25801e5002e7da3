/**
 * The address the public sees the server at, for links the organiser pages hand out
 * (open links, section links, invitation links), and whether the request came over https.
 */
import type { Context } from 'hono';

/** True when the request came over https (behind a trusted proxy: as the proxy says). */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0].trim() === 'https';
}

/**
 * `https://host[:port]` as the browser reached us: the Host header, or behind a trusted
 * proxy its `X-Forwarded-Host` and `X-Forwarded-Proto`.
 */
export function publicOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  const forwardedHost = trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0].trim() : undefined;
  const host = forwardedHost || c.req.header('host') || url.host;
  return `${isHttps(c, trustProxy) ? 'https' : url.protocol.replace(':', '')}://${host}`;
}
