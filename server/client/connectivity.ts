/**
 * The browser's view of the connection: `navigator.onLine`, which is reliable when it
 * says offline, and the `online` / `offline` events.
 */
import type { Connectivity } from './submission.js';

/** Connectivity of this browser window. */
export function browserConnectivity(): Connectivity {
  return {
    isOnline: () => navigator.onLine !== false,
    onOnline(listener) {
      window.addEventListener('online', listener);
      return () => window.removeEventListener('online', listener);
    },
  };
}

/**
 * Subscribes to both connection events, for React's useSyncExternalStore.
 * @returns The unsubscribe function.
 */
export function subscribeConnectivity(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}
