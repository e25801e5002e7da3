/**
 * Organiser sessions, held in this process's memory: a random id in an HttpOnly cookie
 * maps to an expiry time. Restarting the server logs organisers out, which is fine for
 * a handful of organisers. (Several instances behind a load balancer would need the
 * sessions in the shared database.)
 */
import { randomBytes } from 'node:crypto';

/** Default lifetime of an organiser session. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface SessionStore {
  /** Opens a session and returns its id and expiry (ms since epoch). */
  create(): { id: string; expiresAt: number };
  /** True when the id names a live session. */
  isValid(id: string | undefined): boolean;
  /** Ends a session (nothing happens for an unknown id). */
  destroy(id: string | undefined): void;
}

/**
 * Creates an in-memory session store.
 * @param options.ttlMs Session lifetime (default 8 hours).
 * @param options.now Clock, injectable for tests.
 */
export function createSessionStore(options: { ttlMs?: number; now?: () => number } = {}): SessionStore {
  const ttl = options.ttlMs ?? SESSION_TTL_MS;
  const now = options.now ?? Date.now;
  const sessions = new Map<string, number>();

  function purge(): void {
    const t = now();
    for (const [id, exp] of sessions) if (exp <= t) sessions.delete(id);
  }

  return {
    create() {
      purge();
      const id = randomBytes(32).toString('base64url');
      const expiresAt = now() + ttl;
      sessions.set(id, expiresAt);
      return { id, expiresAt };
    },
    isValid(id) {
      if (!id) return false;
      const exp = sessions.get(id);
      if (exp === undefined) return false;
      if (exp <= now()) {
        sessions.delete(id);
        return false;
      }
      return true;
    },
    destroy(id) {
      if (id) sessions.delete(id);
    },
  };
}
