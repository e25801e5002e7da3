/**
 * The organiser token: generated or read from the environment, kept in memory only as
 * its SHA-256 hash, and compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Shortest organiser token accepted: the login form must not be guessable. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** A fresh random organiser token (256 bits, base64url). */
export function generateAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Hashes a token for keeping in memory instead of the token itself.
 * @throws when the token is shorter than MIN_ADMIN_TOKEN_LENGTH characters.
 */
export function hashAdminToken(token: string): Buffer {
  if (typeof token !== 'string' || token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new Error(`The organiser token (POLYVALENCE_ADMIN_TOKEN) must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters long`);
  }
  return sha256(token);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * True when `candidate` is the token whose hash is `expectedHash`. Hashing first gives
 * both sides the same length, so timingSafeEqual leaks nothing about the token.
 */
export function tokenMatches(expectedHash: Buffer, candidate: string | undefined): boolean {
  if (typeof candidate !== 'string' || candidate === '') return false;
  return timingSafeEqual(expectedHash, sha256(candidate));
}
