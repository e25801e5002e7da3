/**
 * The outbox: a completed answer waiting for the server, kept in the browser with the
 * id made for it, so that it survives a lost connection, a closed tab or a reload, and
 * every attempt carries the same id (the server stores it once).
 */
import type { LinkContext } from './api.js';
import { readJson, removeKey, writeJson, type KeyValueStorage } from './browser-storage.js';

/** One completed answer waiting to be sent. */
export interface QueuedAnswer {
  id: string;
  data: Record<string, unknown>;
  /** Section and token of the link it was completed under: the page may be reopened by another. */
  link?: LinkContext;
}

/** The link kept with an answer, when it had a section or a token. */
function readLink(v: unknown): LinkContext | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { section, token } = v as Record<string, unknown>;
  const link = { ...(typeof section === 'string' && section ? { section } : {}), ...(typeof token === 'string' && token ? { token } : {}) };
  return Object.keys(link).length ? link : undefined;
}

export interface Outbox {
  /** The waiting answer, if any. */
  read(): QueuedAnswer | undefined;
  /** Keeps the answer; returns false when the browser refused to keep it. */
  write(answer: QueuedAnswer): boolean;
  clear(): void;
}

/**
 * The outbox of one campaign in the given storage.
 * @param key `storageKeys(id).outbox`.
 */
export function storageOutbox(storage: KeyValueStorage | undefined, key: string): Outbox {
  return {
    read() {
      const v = readJson(storage, key) as Partial<QueuedAnswer> | undefined;
      if (!v || typeof v !== 'object' || typeof v.id !== 'string' || typeof v.data !== 'object' || v.data === null || Array.isArray(v.data)) return undefined;
      const link = readLink(v.link);
      return { id: v.id, data: v.data, ...(link ? { link } : {}) };
    },
    write: (answer) => writeJson(storage, key, answer),
    clear: () => removeKey(storage, key),
  };
}
