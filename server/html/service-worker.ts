/**
 * The service worker of the respondent pages, generated from the Vite manifest so that it
 * lists the hashed files of the current build. A new build changes the script, so browsers
 * install the new worker, which caches the new files and deletes the old ones.
 *
 * - The bundle (`/assets/*`, immutable) and the site stylesheet: served from the cache, so a
 *   repeat visit loads no script over the network.
 * - Campaign pages and questionnaires: from the network while there is one (a campaign may
 *   close, a questionnaire be fixed), from the cache when there is none, so that a page
 *   reloaded offline still works. The page puts itself there once loaded (see
 *   `server/client/offline-cache.ts`).
 * - Everything else (answers, drafts, the organisers' area) is left to the network.
 */
import { createHash } from 'node:crypto';
import { ASSET_CACHE_PREFIX, OFFLINE_PAGES_CACHE, SERVICE_WORKER_SCOPE } from './respondent-shell.js';
import { STYLESHEET, STYLESHEET_PATH } from './stylesheet.js';

/** The parts of a service worker's global scope the worker uses (the DOM library has no WebWorker types here). */
export interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: { origin: string };
  caches: CacheStorage;
  fetch: typeof fetch;
}
export interface ExtendableEventLike {
  waitUntil(promise: Promise<unknown>): void;
}
export interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

export interface WorkerConfig {
  /** This build's cache: `ASSET_CACHE_PREFIX` + a hash of the file list. */
  assetCache: string;
  assetCachePrefix: string;
  pagesCache: string;
  /** Files to cache at install. */
  precache: string[];
  /** Path prefix of the pages kept for offline use. */
  scope: string;
  stylesheet: string;
}

/**
 * The worker itself. Runs in the browser: its source text is sent (`serviceWorkerScript`),
 * so it refers to nothing outside its parameters.
 */
export function serviceWorker(self: WorkerScope, config: WorkerConfig): void {
  const isQuestionnaire = (path: string) => /^\/api\/campaigns\/[^/]+$/.test(path);

  self.addEventListener('install', (event) => {
    event.waitUntil(
      self.caches
        .open(config.assetCache)
        .then((cache) => cache.addAll(config.precache))
        .then(() => self.skipWaiting()),
    );
  });

  self.addEventListener('activate', (event) => {
    event.waitUntil(
      self.caches
        .keys()
        .then((keys) => Promise.all(keys.filter((k) => k.startsWith(config.assetCachePrefix) && k !== config.assetCache).map((k) => self.caches.delete(k))))
        .then(() => self.clients.claim()),
    );
  });

  const cacheFirst = async (request: Request): Promise<Response> => {
    const hit = await self.caches.match(request);
    if (hit) return hit;
    const response = await self.fetch(request);
    if (response.ok) {
      const copy = response.clone();
      void self.caches.open(config.assetCache).then((cache) => cache.put(request, copy));
    }
    return response;
  };

  const networkFirst = async (request: Request, ignoreSearch: boolean): Promise<Response> => {
    try {
      const response = await self.fetch(request);
      if (response.ok) {
        const copy = response.clone();
        void self.caches.open(config.pagesCache).then((cache) => cache.put(request, copy));
      }
      return response;
    } catch (e) {
      const cache = await self.caches.open(config.pagesCache);
      const hit = (await cache.match(request)) ?? (ignoreSearch ? await cache.match(request, { ignoreSearch: true }) : undefined);
      if (hit) return hit;
      throw e;
    }
  };

  self.addEventListener('fetch', (event) => {
    const request = event.request;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (url.pathname.startsWith('/assets/') || url.pathname === config.stylesheet) {
      event.respondWith(cacheFirst(request));
    } else if (request.mode === 'navigate' && url.pathname.startsWith(config.scope)) {
      event.respondWith(networkFirst(request, false));
    } else if (isQuestionnaire(url.pathname)) {
      // The questionnaire does not depend on `?lang=` (only error messages do).
      event.respondWith(networkFirst(request, true));
    }
  });
}

/**
 * The service worker script for a build.
 * @param assets URLs of every file of the build (from `readClientEntry(...).assets`).
 */
export function serviceWorkerScript(assets: readonly string[]): string {
  const precache = [...new Set([...assets, STYLESHEET_PATH])].sort();
  const source = serviceWorker.toString();
  // The stylesheet is served from the cache too: a new one must make a new worker.
  const version = createHash('sha256').update(source).update(JSON.stringify(precache)).update(STYLESHEET).digest('hex').slice(0, 16);
  const config: WorkerConfig = {
    assetCache: ASSET_CACHE_PREFIX + version,
    assetCachePrefix: ASSET_CACHE_PREFIX,
    pagesCache: OFFLINE_PAGES_CACHE,
    precache,
    scope: SERVICE_WORKER_SCOPE,
    stylesheet: STYLESHEET_PATH,
  };
  // Under tsx (esbuild's keepNames), the function's text calls a `__name` helper of the module
  // it came from; an identity stands in for it in the worker.
  return `// polyvalence service worker, build ${version}\n'use strict';\nconst __name = (f) => f;\n(${source})(self, ${JSON.stringify(config)});\n`;
}
