/**
 * Organiser sessions, kept in the store so that several server instances behind a load
 * balancer share them: a random id in an HttpOnly cookie, of which the store holds only
 * the SHA-256 and the expiry.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AnswerStore } from '../store/types.js';

/** Default lifetime of an organiser session. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** Session ids are 32 random bytes in base64url: anything else is not ours. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface SessionStore {
  /** Opens a session and returns its id and expiry (ms since epoch). */
  create(): Promise<{ id: string; expiresAt: number }>;
  /** True when the id names a live session. */
  isValid(id: string | undefined): Promise<boolean>;
  /** Ends a session (nothing happens for an unknown id). */
  destroy(id: string | undefined): Promise<void>;
}

/** SHA-256 (hex) of a session id: what the store keeps. */
export function sessionIdHash(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/**
 * Creates the organiser sessions on top of a store.
 * @param store Where sessions are kept (shared by every instance using the same database).
 * @param options.ttlMs Session lifetime (default 8 hours).
 * @param options.now Clock in ms, injectable for tests.
 */
export function createSessionStore(
  store: Pick<AnswerStore, 'createSession' | 'getSession' | 'deleteSession'>,
  options: { ttlMs?: number; now?: () => number } = {},
): SessionStore {
  const ttl = options.ttlMs ?? SESSION_TTL_MS;
  const now = options.now ?? Date.now;
  return {
    async create() {
      const id = randomBytes(32).toString('base64url');
      const expiresAt = now() + ttl;
      await store.createSession({ idHash: sessionIdHash(id), expiresAt });
      return { id, expiresAt };
    },
    async isValid(id) {
      if (typeof id !== 'string' || !SESSION_ID.test(id)) return false;
      return (await store.getSession(sessionIdHash(id), now())) !== undefined;
    },
    async destroy(id) {
      if (typeof id === 'string' && SESSION_ID.test(id)) await store.deleteSession(sessionIdHash(id));
    },
  };
}
