/**
 * Rate limits per client, in this process's memory: a fixed-window counter per client
 * address. The address is reduced at once to a keyed hash (a secret drawn at start-up,
 * never written anywhere), so the table of counters holds no address, and it is dropped
 * when the window ends.
 *
 * The limiter fails closed: when it cannot tell who the client is, or its table is full
 * of live counters, it refuses (503) instead of letting requests through unchecked.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import type { ClientAddressResolver } from './client-address.js';
import { requestLocale } from './locale.js';
import { msg } from './messages.js';

export interface RateLimitRule {
  /** Requests allowed per client and window. */
  limit: number;
  /** Length of a window in ms. */
  windowMs: number;
}

export interface RateLimiterOptions extends RateLimitRule {
  /** Clients tracked at most at once (default 100,000); beyond, new clients are refused. */
  maxClients?: number;
  /** Clock in ms, injectable for tests. */
  now?: () => number;
}

/** What the limiter says about one request. */
export type RateDecision = { ok: true } | { ok: false; status: 429 | 503; retryAfter: number };

export interface RateLimiter {
  /** Says whether the client may make one more request, without counting it. */
  check(address: string | undefined): RateDecision;
  /** Counts one request of the client and says whether it was allowed. */
  hit(address: string | undefined): RateDecision;
  /** Clients currently tracked (for tests). */
  size(): number;
}

interface Counter {
  start: number;
  count: number;
}

/**
 * Creates a limiter.
 * @throws RangeError on a limit or window that is not a positive integer.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const { limit, windowMs } = options;
  if (!(Number.isInteger(limit) && limit > 0) || !(Number.isInteger(windowMs) && windowMs > 0)) {
    throw new RangeError(`Rate limit must have a positive integer limit and window, got ${limit} per ${windowMs} ms`);
  }
  const maxClients = options.maxClients ?? 100_000;
  const now = options.now ?? Date.now;
  const secret = randomBytes(32);
  const counters = new Map<string, Counter>();

  const keyOf = (address: string) => createHmac('sha256', secret).update(address).digest('base64url');
  const secondsLeft = (c: Counter, t: number) => Math.max(1, Math.ceil((c.start + windowMs - t) / 1000));
  const cannotDecide = (): RateDecision => ({ ok: false, status: 503, retryAfter: Math.ceil(windowMs / 1000) });

  function purge(t: number): void {
    for (const [key, c] of counters) if (t - c.start >= windowMs) counters.delete(key);
  }

  function decide(address: string | undefined, count: boolean): RateDecision {
    if (typeof address !== 'string' || address === '') return cannotDecide();
    const t = now();
    const key = keyOf(address);
    let c = counters.get(key);
    if (c && t - c.start >= windowMs) {
      counters.delete(key);
      c = undefined;
    }
    if (!c) {
      if (!count) return { ok: true };
      if (counters.size >= maxClients) {
        purge(t);
        if (counters.size >= maxClients) return cannotDecide();
      }
      c = { start: t, count: 0 };
      counters.set(key, c);
    }
    if (c.count >= limit) return { ok: false, status: 429, retryAfter: secondsLeft(c, t) };
    if (count) c.count++;
    return { ok: true };
  }

  return {
    check: (address) => decide(address, false),
    hit: (address) => decide(address, true),
    size: () => counters.size,
  };
}

/** Sends the refusal of a limiter: 429 or 503 with Retry-After and a JSON message. */
export function refuse(c: Context, decision: Extract<RateDecision, { ok: false }>): Response {
  c.header('Retry-After', String(decision.retryAfter));
  const key = decision.status === 429 ? 'rateLimited' : 'rateUnknown';
  return c.json({ error: msg(key, requestLocale(c)) }, decision.status);
}

/**
 * Middleware counting every request against the limiter, refusing those over the limit
 * (or whose client cannot be told apart) before anything else is read.
 */
export function rateLimit(limiter: RateLimiter, clientAddress: ClientAddressResolver): MiddlewareHandler {
  return async (c, next) => {
    const decision = limiter.hit(clientAddress(c));
    if (!decision.ok) return refuse(c, decision);
    await next();
  };
}
