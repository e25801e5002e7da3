/**
 * The network address of the client, read only to count requests for rate limiting: it
 * is never stored, logged, or passed anywhere else.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/** Finds the client's address for a request, or `undefined` when it cannot be known. */
export type ClientAddressResolver = (c: Context) => string | undefined;

/**
 * The address of the TCP connection (as @hono/node-server exposes it). Behind a reverse
 * proxy (`trustProxy`), the last entry of `X-Forwarded-For`, which the proxy appends.
 * @param options.trustProxy Trust the proxy's `X-Forwarded-For`.
 */
export function connectionAddress(options: { trustProxy: boolean }): ClientAddressResolver {
  return (c) => {
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for');
      const last = forwarded?.split(',').pop()?.trim();
      if (last) return last;
    }
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return incoming?.socket?.remoteAddress || undefined;
  };
}
