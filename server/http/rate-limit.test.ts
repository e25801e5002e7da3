import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.js';
import { startServer, type RunningServer } from '../serve.js';
import { openSqliteStore } from '../store/sqlite.js';
import { ADMIN_TOKEN, createAppFixture, NOW, postJson, TEST_CLIENT_HEADER, testClientAddress, VALID_DATA, type AppFixture } from '../test-support/app-fixture.js';
import { ORIGIN } from '../test-support/requests.js';
import { connectionAddress } from './client-address.js';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('allows `limit` requests per client and window, then 429 until the window ends', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) expect(limiter.hit('a').ok).toBe(true);
    expect(limiter.hit('a')).toEqual({ ok: false, status: 429, retryAfter: 60 });
    expect(limiter.check('a').ok).toBe(false);
    expect(limiter.hit('b').ok).toBe(true);
    now = 59_000;
    expect(limiter.hit('a')).toEqual({ ok: false, status: 429, retryAfter: 1 });
    now = 60_000;
    expect(limiter.hit('a').ok).toBe(true);
  });

  it('check() does not count', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 1000, now: () => 0 });
    for (let i = 0; i < 5; i++) expect(limiter.check('a').ok).toBe(true);
    expect(limiter.size()).toBe(0);
    expect(limiter.hit('a').ok).toBe(true);
    expect(limiter.check('a').ok).toBe(false);
  });

  it('fails closed: an unknown client, or a full table of live counters, is refused with 503', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 5, windowMs: 1000, maxClients: 2, now: () => now });
    expect(limiter.hit(undefined)).toMatchObject({ ok: false, status: 503 });
    expect(limiter.hit('')).toMatchObject({ ok: false, status: 503 });
    expect(limiter.check(undefined)).toMatchObject({ ok: false, status: 503 });
    expect(limiter.hit('a').ok).toBe(true);
    expect(limiter.hit('b').ok).toBe(true);
    expect(limiter.hit('c')).toMatchObject({ ok: false, status: 503 });
    // Known clients are still counted while the table is full.
    expect(limiter.hit('a').ok).toBe(true);
    now = 1000;
    // Expired counters make room again.
    expect(limiter.hit('c').ok).toBe(true);
    expect(limiter.size()).toBe(1);
  });

  it('refuses a rule that is not a positive whole number', () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 1, windowMs: 0.5 })).toThrow(RangeError);
  });
});

describe('connectionAddress', () => {
  const resolve = async (trustProxy: boolean, headers: Record<string, string>, env?: unknown) => {
    const app = new Hono();
    app.get('/', (c) => c.text(connectionAddress({ trustProxy })(c) ?? 'none'));
    return (await app.request('/', { headers }, env as never)).text();
  };
  const socket = { incoming: { socket: { remoteAddress: '192.0.2.7' } } };

  it('reads the connection, and the proxy header only when trusted', async () => {
    expect(await resolve(false, {}, socket)).toBe('192.0.2.7');
    expect(await resolve(false, { 'X-Forwarded-For': '203.0.113.1' }, socket)).toBe('192.0.2.7');
    expect(await resolve(true, { 'X-Forwarded-For': '203.0.113.1, 203.0.113.2' }, socket)).toBe('203.0.113.2');
    expect(await resolve(true, {}, socket)).toBe('192.0.2.7');
    expect(await resolve(false, {})).toBe('none');
  });
});

describe('rate limits of the app', () => {
  let fx: AppFixture;
  beforeEach(async () => {
    fx = await createAppFixture();
  });
  afterEach(async () => {
    await fx.cleanup();
  });

  const appWith = (limits: Parameters<typeof createApp>[0]['rateLimits'], clientAddress = testClientAddress) =>
    createApp({ store: fx.store, adminToken: ADMIN_TOKEN, clientDir: fx.clientDir, now: () => NOW, clientAddress, rateLimits: limits });
  const from = (address: string) => ({ [TEST_CLIENT_HEADER]: address });

  it('limits submissions per client with 429, Retry-After and a message, storing nothing refused', async () => {
    const app = appWith({ submissions: { limit: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data: VALID_DATA }, from('192.0.2.10')))).status).toBe(201);
    const refused = await app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data: VALID_DATA }, from('192.0.2.10')));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(((await refused.json()) as { error: string }).error).toMatch(/Trop de requêtes/);
    // Malformed submissions count too: the limit is on requests, before anything is read.
    expect((await app.request('/api/campaigns/mini-2026/answers', postJson('{', from('192.0.2.10')))).status).toBe(429);
    expect((await app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data: VALID_DATA }, from('192.0.2.11')))).status).toBe(201);
    expect(await fx.store.countAnswers('mini-2026')).toBe(4);
  });

  it('fails closed when the client address cannot be known', async () => {
    const app = appWith(undefined, () => undefined);
    const res = await app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data: VALID_DATA }));
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/rien n’a été enregistré/);
    const login = await app.request('/admin/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN }, body: `token=${ADMIN_TOKEN}` });
    expect(login.status).toBe(503);
    // Not "too many requests": this client made none; the server cannot tell.
    expect(await login.text()).toContain('ne peut pas vérifier la fréquence des requêtes');
    expect(await fx.store.countAnswers('mini-2026')).toBe(0);
  });

  it('locks the login form after repeated failures, even for the right token, for that client only', async () => {
    const app = appWith({ credentialFailures: { limit: 3, windowMs: 60_000 } });
    const post = (token: string, address: string) =>
      app.request('/admin/login', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...from(address) }, body: new URLSearchParams({ token }).toString() });
    for (let i = 0; i < 3; i++) expect((await post('not-the-token-at-all', '192.0.2.20')).status).toBe(401);
    const locked = await post(ADMIN_TOKEN, '192.0.2.20');
    expect(locked.status).toBe(429);
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect(await locked.text()).toContain('Trop de requêtes');
    expect((await post(ADMIN_TOKEN, '192.0.2.21')).status).toBe(303);
  });

  it('counts wrong bearer tokens on the API against the same limit', async () => {
    const app = appWith({ credentialFailures: { limit: 2, windowMs: 60_000 } });
    const get = (token: string) => app.request('/api/admin/campaigns', { headers: { Authorization: `Bearer ${token}`, ...from('192.0.2.30') } });
    expect((await get('wrong-token-1-wrong-token')).status).toBe(401);
    expect((await get('wrong-token-2-wrong-token')).status).toBe(401);
    expect((await get(ADMIN_TOKEN)).status).toBe(429);
  });

  it('gives a locked-out client no answer about bearer tokens on the organiser pages either', async () => {
    const app = appWith({ credentialFailures: { limit: 2, windowMs: 60_000 } });
    const page = (path: string, token: string, address = '192.0.2.40') => app.request(path, { headers: { Authorization: `Bearer ${token}`, ...from(address) } });
    // Wrong tokens on pages are counted like on the API...
    expect((await page('/admin/questionnaires', 'wrong-token-1-wrong-token')).status).toBe(303);
    expect((await page('/admin/questionnaires', 'wrong-token-2-wrong-token')).status).toBe(303);
    // ...and once locked, the right token opens nothing: guessing gains nothing by going through pages.
    expect((await page('/admin/questionnaires', ADMIN_TOKEN)).status).toBe(303);
    const home = await page('/admin', ADMIN_TOKEN);
    expect(await home.text()).not.toContain('mini-2026');
    expect((await page('/api/admin/campaigns', ADMIN_TOKEN)).status).toBe(429);
    // Another client is not held up.
    expect((await page('/admin/questionnaires', ADMIN_TOKEN, '192.0.2.41')).status).toBe(200);
  });

  it('never writes the client address anywhere', async () => {
    const log = vi.spyOn(console, 'error');
    const app = createApp({ store: fx.store, adminToken: ADMIN_TOKEN, clientDir: fx.clientDir, now: () => NOW, trustProxy: true, rateLimits: { submissions: { limit: 1, windowMs: 60_000 } } });
    const headers = { 'X-Forwarded-For': '203.0.113.99' };
    expect((await app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data: VALID_DATA }, headers))).status).toBe(201);
    expect((await app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data: VALID_DATA }, headers))).status).toBe(429);
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
    await fx.store.close();
    for (const name of readdirSync(dirname(fx.dbFile))) expect(readFileSync(join(dirname(fx.dbFile), name)).toString('latin1').includes('203.0.113.99'), name).toBe(false);
  });
});

describe('rate limits over a real connection', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('count the connection address of @hono/node-server', async () => {
    const store = openSqliteStore(':memory:');
    server = await startServer({ store, port: 0, adminToken: ADMIN_TOKEN, rateLimits: { submissions: { limit: 2, windowMs: 60_000 } } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${server.url}/api/campaigns/nope/answers`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ id: randomUUID(), data: {} }) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([404, 404, 429]);
    await server.close();
    server = undefined;
    await store.close();
  });
});
