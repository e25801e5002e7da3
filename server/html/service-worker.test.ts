import { describe, expect, it } from 'vitest';
import { ASSET_CACHE_PREFIX, OFFLINE_PAGES_CACHE } from './respondent-shell.js';
import { serviceWorkerScript } from './service-worker.js';

const ORIGIN = 'https://enquete.example';
type FakeRequest = { url: string; method: string; mode: string };
const keyOf = (r: FakeRequest | string) => (typeof r === 'string' ? new URL(r, ORIGIN).href : r.url);

class FakeCache {
  entries = new Map<string, Response>();
  constructor(private scope: { fetch: (r: FakeRequest) => Promise<Response> }) {}
  async match(r: FakeRequest | string, options?: { ignoreSearch?: boolean }) {
    const url = keyOf(r);
    const hit = this.entries.get(url) ?? (options?.ignoreSearch ? [...this.entries].find(([k]) => k.split('?')[0] === url.split('?')[0])?.[1] : undefined);
    return hit?.clone();
  }
  async put(r: FakeRequest | string, response: Response) {
    this.entries.set(keyOf(r), response);
  }
  async addAll(urls: string[]) {
    for (const u of urls) {
      const response = await this.scope.fetch({ url: keyOf(u), method: 'GET', mode: 'cors' });
      if (!response.ok) throw new TypeError(`${u}: ${response.status}`);
      this.entries.set(keyOf(u), response);
    }
  }
}

/** Runs the generated script against a fake worker scope and a fake network. */
function startWorker(assets: string[], network: (url: string) => Response | undefined) {
  const listeners = new Map<string, (e: unknown) => void>();
  const caches = new Map<string, FakeCache>();
  const fetched: string[] = [];
  let skipped = false;
  let claimed = false;
  const scope = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, l: (e: unknown) => void) => listeners.set(type, l),
    skipWaiting: async () => {
      skipped = true;
    },
    clients: {
      claim: async () => {
        claimed = true;
      },
    },
    fetch: async (r: FakeRequest) => {
      fetched.push(r.url);
      const response = network(r.url);
      if (!response) throw new TypeError('Failed to fetch');
      return response;
    },
    caches: {
      open: async (name: string) => caches.get(name) ?? caches.set(name, new FakeCache(scope)).get(name)!,
      keys: async () => [...caches.keys()],
      delete: async (name: string) => caches.delete(name),
      match: async (r: FakeRequest) => {
        for (const cache of caches.values()) {
          const hit = await cache.match(r);
          if (hit) return hit;
        }
        return undefined;
      },
    },
  };
  new Function('self', serviceWorkerScript(assets))(scope);
  const lifecycle = async (type: 'install' | 'activate') => {
    let done: Promise<unknown> = Promise.resolve();
    listeners.get(type)!({ waitUntil: (p: Promise<unknown>) => (done = p) });
    await done;
  };
  /** What the worker answers for a request, or `undefined` when it lets the network have it. */
  const request = async (path: string, init: { method?: string; mode?: string } = {}) => {
    let answer: Promise<Response> | undefined;
    listeners.get('fetch')!({ request: { url: keyOf(path), method: init.method ?? 'GET', mode: init.mode ?? 'cors' }, respondWith: (p: Promise<Response>) => (answer = p), waitUntil: () => {} });
    return answer;
  };
  return { lifecycle, request, caches, fetched, state: () => ({ skipped, claimed }) };
}

const ok = (body: string) => new Response(body, { status: 200 });

describe('service worker', () => {
  it('caches the build at install, serves it without the network, and drops older builds at activation', async () => {
    let online = true;
    const w = startWorker(['/assets/main-A.js', '/assets/mount-B.css'], (url) => (online ? ok(`from ${new URL(url).pathname}`) : undefined));
    w.caches.set(`${ASSET_CACHE_PREFIX}old`, new FakeCache({ fetch: async () => ok('') }));
    w.caches.set(OFFLINE_PAGES_CACHE, new FakeCache({ fetch: async () => ok('') }));
    await w.lifecycle('install');
    expect(w.fetched.map((u) => new URL(u).pathname).sort()).toEqual(['/assets/main-A.js', '/assets/mount-B.css', '/static/site.css']);
    expect(w.state().skipped).toBe(true);
    await w.lifecycle('activate');
    expect([...w.caches.keys()].filter((k) => k.startsWith(ASSET_CACHE_PREFIX))).toHaveLength(1);
    expect(w.caches.has(OFFLINE_PAGES_CACHE)).toBe(true);
    expect(w.state().claimed).toBe(true);

    online = false;
    w.fetched.length = 0;
    expect(await (await w.request('/assets/main-A.js'))!.text()).toBe('from /assets/main-A.js');
    expect(w.fetched).toEqual([]);
  });

  it('takes campaign pages and questionnaires from the network, and from its cache offline', async () => {
    let online = true;
    const w = startWorker([], (url) => (online ? ok(`fresh ${new URL(url).pathname}${new URL(url).search}`) : undefined));
    expect(await (await w.request('/c/demo', { mode: 'navigate' }))!.text()).toBe('fresh /c/demo');
    expect(await (await w.request('/api/campaigns/demo?lang=fr'))!.text()).toBe('fresh /api/campaigns/demo?lang=fr');
    await new Promise((r) => setTimeout(r, 0));
    online = false;
    expect(await (await w.request('/c/demo', { mode: 'navigate' }))!.text()).toBe('fresh /c/demo');
    // The questionnaire is the same whatever the language of error messages.
    expect(await (await w.request('/api/campaigns/demo?lang=en'))!.text()).toBe('fresh /api/campaigns/demo?lang=fr');
    // A page never seen is not invented.
    await expect(w.request('/c/other', { mode: 'navigate' })).rejects.toThrow('Failed to fetch');
  });

  it('leaves answers, drafts, the organisers’ area and other sites to the network', async () => {
    const w = startWorker([], (url) => ok(url));
    expect(await w.request('/api/campaigns/demo/answers', { method: 'POST' })).toBeUndefined();
    expect(await w.request('/api/campaigns/demo/drafts/ABC')).toBeUndefined();
    expect(await w.request('/admin', { mode: 'navigate' })).toBeUndefined();
    expect(await w.request('https://elsewhere.example/assets/x.js')).toBeUndefined();
  });

  it('is a new script when the build changes', () => {
    expect(serviceWorkerScript(['/assets/main-A.js'])).not.toBe(serviceWorkerScript(['/assets/main-B.js']));
    expect(serviceWorkerScript(['/assets/main-A.js'])).toBe(serviceWorkerScript(['/assets/main-A.js']));
  });
});
