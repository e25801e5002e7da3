/**
 * Keeps the respondent page usable without a connection across reloads: registers the
 * service worker (which serves the bundle from its cache) and puts this page and its
 * questionnaire in the cache the worker falls back on when the network is gone.
 * Called once the questionnaire is shown, so that none of it competes with the first load.
 */
import { OFFLINE_PAGES_CACHE, SERVICE_WORKER_PATH, SERVICE_WORKER_SCOPE } from '../html/respondent-shell.js';
import type { CampaignPayload } from './api.js';

/**
 * Registers the worker and caches the page and its questionnaire. Failures are silent:
 * without a service worker (an old browser, a private window) the page works as before.
 * @param apiUrl The URL the questionnaire was loaded from.
 */
export function keepPageForOffline(apiUrl: string, payload: CampaignPayload): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || typeof caches === 'undefined') return;
  navigator.serviceWorker.register(SERVICE_WORKER_PATH, { scope: SERVICE_WORKER_SCOPE }).catch(() => undefined);
  const page = window.location.href;
  caches
    .open(OFFLINE_PAGES_CACHE)
    .then(async (cache) => {
      // The questionnaire as received: no second download.
      await cache.put(apiUrl, new Response(JSON.stringify(payload), { headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
      // The page itself came before the worker existed: fetch it once (a few KB) unless the worker already kept it.
      if (!(await cache.match(page))) await cache.add(page);
    })
    .catch(() => undefined);
}
