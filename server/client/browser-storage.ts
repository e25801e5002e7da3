/**
 * What the respondent page keeps in the browser (localStorage), under keys named after
 * the campaign. Nothing here ever leaves the browser by itself.
 *
 * localStorage can be missing, full or forbidden (private windows, strict settings):
 * every access is guarded, and a failure only means that the page cannot remember.
 */

/** The part of the Web Storage API the page uses (a Map-backed fake in tests). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'polyvalence:v1:';

/** Keys of what is kept for one campaign. */
export function storageKeys(campaignId: string) {
  return {
    /** Answers in progress and the page reached. */
    draft: `${PREFIX}draft:${campaignId}`,
    /** A completed answer waiting to be sent (offline). */
    outbox: `${PREFIX}outbox:${campaignId}`,
    /** The last resume code this browser made or used, to delete the server copy once sent. */
    resumeCode: `${PREFIX}resume-code:${campaignId}`,
  };
}

/** Key of the language chosen on the page (the same for every campaign). */
export const LOCALE_KEY = `${PREFIX}locale`;

/** The browser's localStorage, or `undefined` when the page may not use it. */
export function browserStorage(): KeyValueStorage | undefined {
  try {
    const s = globalThis.localStorage;
    // Some browsers expose it but throw on first write (quota 0): find out now.
    const probe = `${PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return undefined;
  }
}

/** Reads and parses a JSON value; `undefined` when absent, unreadable or not JSON. */
export function readJson(storage: KeyValueStorage | undefined, key: string): unknown {
  try {
    const text = storage?.getItem(key);
    return text == null ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Writes a value as JSON; returns false when the browser refused (full, forbidden). */
export function writeJson(storage: KeyValueStorage | undefined, key: string, value: unknown): boolean {
  if (!storage) return false;
  try {
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes a key; ignores a storage that refuses. */
export function removeKey(storage: KeyValueStorage | undefined, key: string): void {
  try {
    storage?.removeItem(key);
  } catch {
    // Nothing more can be done: the browser forbids storage altogether.
  }
}

/** A Map-backed storage, for tests and for browsers without localStorage. */
export function memoryStorage(): KeyValueStorage & { keys(): string[] } {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    keys: () => [...map.keys()],
  };
}
