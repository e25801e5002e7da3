import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app.js';
import { createAppFixture, mini, NOW, postJson, testClientAddress, TODAY, VALID_DATA, type AppFixture } from '../test-support/app-fixture.js';
import type { StoredAnswer } from '../store/types.js';

let fx: AppFixture;

beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

async function stored(): Promise<StoredAnswer[]> {
  const out: StoredAnswer[] = [];
  for await (const a of fx.store.iterateAnswers()) out.push(a);
  return out;
}

const answersUrl = (campaign = 'mini-2026') => `/api/campaigns/${campaign}/answers`;

describe('home page', () => {
  it('is French by default, links English and lists only campaigns open today', async () => {
    const res = await fx.app.request('/');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<html lang="fr">');
    expect(body).toContain('href="/?lang=en"');
    expect(body).toContain('href="/c/mini-2026"');
    expect(body).not.toMatch(/mini-closed|mini-later|mini-ended/);
    const en = await (await fx.app.request('/?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('href="/c/mini-2026?lang=en"');
  });
});

describe('respondent page', () => {
  it('is an HTML shell loading the hashed bundle from the manifest, without inline script', async () => {
    const res = await fx.app.request('/c/mini-2026');
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<html lang="fr">');
    expect(body).toContain('data-campaign-id="mini-2026"');
    expect(body).toContain('<script type="module" src="/assets/main-AbC123.js"></script>');
    expect(body).toContain('<link rel="stylesheet" href="/assets/main-Def456.css">');
    expect(body).toContain('<link rel="stylesheet" href="/assets/vendor-Ghi789.css">');
    expect(body).toContain('<link rel="modulepreload" href="/assets/vendor-XyZ.js">');
    // The questionnaire is fetched with the bundle, not after it.
    expect(body).toContain('<link rel="preload" as="fetch" crossorigin="anonymous" href="/api/campaigns/mini-2026?lang=fr">');
    expect(body).toContain('<title>Enquête mini 2026</title>');
    // Every <script> has a src: nothing inline, so a strict CSP holds.
    expect(body.match(/<script(?![^>]*\bsrc=)[^>]*>/g)).toBeNull();
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('is sent compressed when the browser accepts it, never cached, and asks for no favicon', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const plain = await fx.app.request('/c/mini-2026');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    const text = await plain.text();
    // An empty inline icon: the browser does not request /favicon.ico (img-src allows data:).
    expect(text).toContain('<link rel="icon" href="data:,">');
    expect(plain.headers.get('content-security-policy')).toMatch(/img-src 'self' data:/);
    for (const [accept, encoding, decode] of [['gzip, deflate, br', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync]] as const) {
      const res = await fx.app.request('/c/mini-2026', { headers: { 'Accept-Encoding': accept } });
      expect(res.headers.get('content-encoding')).toBe(encoding);
      expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.headers.get('content-length')).toBe(String(body.length));
      expect(body.length).toBeLessThan(Buffer.byteLength(text));
      expect(decode(body).toString('utf8')).toBe(text);
    }
  });

  it('stays French whatever the browser prefers, and is English on ?lang=en', async () => {
    const fr = await (await fx.app.request('/c/mini-2026', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })).text();
    expect(fr).toContain('<html lang="fr">');
    expect(fr).toContain('data-locale="fr"');
    const en = await (await fx.app.request('/c/mini-2026?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('data-locale="en"');
  });

  it('carries the questionnaire’s information notice, readable before any script runs', async () => {
    const withIntro = {
      ...mini,
      id: 'intro',
      version: '1',
      json: { ...mini.json, pages: [{ name: 'p0', title: { default: 'About', fr: 'Présentation' }, elements: [{ type: 'html', name: 'intro', html: { default: '<p>Anonymous.</p>', fr: '<p>Anonyme.</p>' } }, ...mini.json.pages![0].elements!] }, ...mini.json.pages!.slice(1)] },
    };
    await fx.store.saveQuestionnaire(withIntro);
    await fx.store.createCampaign({ id: 'intro-2026', title: 'Enquête <intro>', questionnaireId: 'intro', questionnaireVersion: '1', status: 'open' });
    const fr = await (await fx.app.request('/c/intro-2026')).text();
    expect(fr).toMatch(/<div id="static-notice" class="static-notice">\s*<h1>Enquête &lt;intro&gt;<\/h1>\s*<h2>Présentation<\/h2>\s*<p>Anonyme.<\/p>/);
    const en = await (await fx.app.request('/c/intro-2026?lang=en')).text();
    expect(en).toContain('<h2>About</h2>');
    expect(en).toContain('<p>Anonymous.</p>');
    // The mini questionnaire opens on its consent question: nothing to show ahead.
    expect(await (await fx.app.request('/c/mini-2026')).text()).not.toContain('static-notice');
  });

  it('says so when the campaign is unknown or closed', async () => {
    expect((await fx.app.request('/c/nope')).status).toBe(404);
    expect((await fx.app.request('/c/Bad%20Id')).status).toBe(404);
    const closed = await fx.app.request('/c/mini-closed');
    expect(closed.status).toBe(410);
    expect(await closed.text()).toContain('close');
  });

  it('answers 503 with a clear message when the bundle is not built', async () => {
    const { rmSync } = await import('node:fs');
    rmSync(join(fx.clientDir, '.vite'), { recursive: true });
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await fx.app.request('/c/mini-2026');
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect(String(log.mock.calls[0]?.[0])).toMatch(/manifest\.json is missing/);
    log.mockRestore();
  });
});

describe('assets', () => {
  it('serves bundle files with long cache headers and nothing outside assets/', async () => {
    const res = await fx.app.request('/assets/main-AbC123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect(await res.text()).toContain('bundle');
    for (const path of ['/assets/../../secret.js', '/assets/%2e%2e/%2e%2e/secret.js', '/assets/..%2f..%2fsecret.js', '/assets/missing.js']) {
      expect((await fx.app.request(path)).status, path).toBe(404);
    }
  });
});

describe('service worker', () => {
  it('is a script listing every file of the build, revalidated at each visit, that changes with the build', async () => {
    const res = await fx.app.request('/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const script = await res.text();
    for (const file of ['/assets/main-AbC123.js', '/assets/main-Def456.css', '/assets/vendor-XyZ.js', '/assets/vendor-Ghi789.css', '/static/site.css']) {
      expect(script).toContain(`"${file}"`);
    }
    expect(() => new Function(script)).not.toThrow();
    const version = script.match(/polyvalence-assets-(\w+)/)![1];

    const manifestFile = join(fx.clientDir, '.vite', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, { file: string }>;
    manifest['main.tsx'].file = 'assets/main-NeW999.js';
    const { writeFileSync, utimesSync } = await import('node:fs');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    // The manifest is re-read when its modification time changes.
    utimesSync(manifestFile, new Date(), new Date(Date.now() + 5000));
    const rebuilt = await (await fx.app.request('/sw.js')).text();
    expect(rebuilt).toContain('"/assets/main-NeW999.js"');
    expect(rebuilt).not.toContain('"/assets/main-AbC123.js"');
    expect(rebuilt.match(/polyvalence-assets-(\w+)/)![1]).not.toBe(version);
  });

  it('answers 503 when the bundle is not built', async () => {
    const { rmSync } = await import('node:fs');
    rmSync(join(fx.clientDir, '.vite'), { recursive: true });
    expect((await fx.app.request('/sw.js')).status).toBe(503);
  });
});

describe('GET /api/campaigns/:id', () => {
  it('returns the campaign and its questionnaire JSON when open', async () => {
    const res = await fx.app.request('/api/campaigns/mini-2026');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { campaign: unknown; questionnaire: { id: string; version: string; json: { pages: unknown[] } } };
    expect(body.campaign).toEqual({ id: 'mini-2026', title: 'Enquête mini 2026', status: 'open', invitationMode: 'open' });
    expect(body.questionnaire.id).toBe('mini');
    expect(body.questionnaire.version).toBe('1');
    expect(body.questionnaire.json.pages).toHaveLength(2);
  });

  it('sends the questionnaire compressed when the browser accepts it', async () => {
    const { brotliDecompressSync, gunzipSync } = await import('node:zlib');
    const plain = await fx.app.request('/api/campaigns/mini-2026');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    const text = await plain.text();
    for (const [accept, encoding, decode] of [['gzip, deflate, br', 'br', brotliDecompressSync], ['gzip', 'gzip', gunzipSync]] as const) {
      for (let i = 0; i < 2; i++) {
        // The second time comes from the memo: the same bytes.
        const res = await fx.app.request('/api/campaigns/mini-2026', { headers: { 'Accept-Encoding': accept } });
        expect(res.headers.get('content-encoding')).toBe(encoding);
        expect(res.headers.get('cache-control')).toBe('no-store');
        const body = Buffer.from(await res.arrayBuffer());
        expect(res.headers.get('content-length')).toBe(String(body.length));
        expect(body.length).toBeLessThan(Buffer.byteLength(text));
        expect(decode(body).toString('utf8')).toBe(text);
      }
    }
  });

  it('refuses unknown (404), closed (410) and not yet open (409) campaigns with a JSON message', async () => {
    for (const [id, status, text] of [
      ['nope', 404, 'n’existe pas'],
      ['mini-closed', 410, 'close'],
      ['mini-ended', 410, 'close'],
      ['mini-later', 409, 'pas encore ouverte'],
    ] as const) {
      const res = await fx.app.request(`/api/campaigns/${id}`);
      expect(res.status, id).toBe(status);
      expect(((await res.json()) as { error: string }).error).toContain(text);
    }
  });
});

describe('POST /api/campaigns/:id/answers', () => {
  it('stores a valid answer once, with the day only; a retry with the same id stores nothing new', async () => {
    const id = randomUUID();
    const first = await fx.app.request(answersUrl(), postJson({ id, data: VALID_DATA }));
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ status: 'stored' });
    const retry = await fx.app.request(answersUrl(), postJson({ id: id.toUpperCase(), data: VALID_DATA }));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'already_stored' });

    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, campaignId: 'mini-2026', questionnaireId: 'mini', questionnaireVersion: '1', submittedOn: TODAY });
    // The questionnaire's calculated value is recomputed by the server.
    expect(rows[0].data).toEqual({ ...VALID_DATA, big_team: 'yes' });
  });

  it('refuses an invalid answer with 422 naming the question, and stores nothing', async () => {
    const res = await fx.app.request(answersUrl(), postJson({ id: randomUUID(), data: { ...VALID_DATA, team_size: 80, dept_code: undefined } }));
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; errors: { question: string; message: string }[] };
    expect(body.error).toMatch(/^La réponse est invalide/);
    expect(body.error).toContain('team_size');
    expect(body.errors.map((e) => e.question)).toContain('team_size');
    expect(body.errors.find((e) => e.question === 'team_size')?.message).toContain('au plus 50');
    expect(await stored()).toEqual([]);
  });

  it('speaks English with ?lang=en or Accept-Language: en', async () => {
    const bad = { id: randomUUID(), data: { consent: 'maybe' } };
    const viaQuery = (await (await fx.app.request(`${answersUrl()}?lang=en`, postJson(bad))).json()) as { error: string; errors: { message: string }[] };
    expect(viaQuery.error).toMatch(/^The answer is invalid: consent: /);
    expect(viaQuery.errors[0].message).toBe('value is not one of the choices offered');
    const viaHeader = (await (await fx.app.request(answersUrl(), postJson(bad, { 'Accept-Language': 'en-GB,en;q=0.9,fr;q=0.5' }))).json()) as { error: string };
    expect(viaHeader.error).toMatch(/^The answer is invalid/);
    const french = (await (await fx.app.request(answersUrl(), postJson(bad, { 'Accept-Language': 'fr-FR,fr;q=0.9,en;q=0.8' }))).json()) as { error: string };
    expect(french.error).toMatch(/^La réponse est invalide/);
  });

  it('refuses unknown (404) and closed (410) or not yet open (409) campaigns', async () => {
    const post = (campaign: string) => fx.app.request(answersUrl(campaign), postJson({ id: randomUUID(), data: VALID_DATA }));
    expect((await post('nope')).status).toBe(404);
    const closed = await post('mini-closed');
    expect(closed.status).toBe(410);
    expect(((await closed.json()) as { error: string }).error).toMatch(/close/);
    expect((await post('mini-ended')).status).toBe(410);
    expect((await post('mini-later')).status).toBe(409);
    expect(await stored()).toEqual([]);
  });

  it('tells a respondent retrying after the campaign closed that the answer is safe', async () => {
    const id = randomUUID();
    expect((await fx.app.request(answersUrl(), postJson({ id, data: VALID_DATA }))).status).toBe(201);
    await fx.store.setCampaignStatus('mini-2026', 'closed');
    const retry = await fx.app.request(answersUrl(), postJson({ id, data: VALID_DATA }));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'already_stored' });
    expect((await fx.app.request(answersUrl(), postJson({ id: randomUUID(), data: VALID_DATA }))).status).toBe(410);
  });

  it('prepares each questionnaire version once, not per request', async () => {
    const store = fx.store;
    let reads = 0;
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'getQuestionnaire') return (...args: Parameters<typeof store.getQuestionnaire>) => (reads++, target.getQuestionnaire(...args));
        return Reflect.get(target, prop, receiver);
      },
    });
    const app = createApp({ store: counting, adminToken: 'a-long-enough-admin-token', clientDir: fx.clientDir, now: () => NOW, clientAddress: testClientAddress });
    const results = await Promise.all([
      app.request(answersUrl(), postJson({ id: randomUUID(), data: VALID_DATA })),
      app.request(answersUrl(), postJson({ id: randomUUID(), data: { consent: 'maybe' } })),
      app.request('/api/campaigns/mini-2026'),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 422, 200]);
    await app.request(answersUrl(), postJson({ id: randomUUID(), data: VALID_DATA }));
    expect(reads).toBe(1);
  });

  it('refuses malformed JSON (400), a missing or bad id (400), a wrong content type (415)', async () => {
    const bad = await fx.app.request(answersUrl(), postJson('{"id": "x", "data": {'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/JSON/);
    expect((await fx.app.request(answersUrl(), postJson({ data: VALID_DATA }))).status).toBe(400);
    expect((await fx.app.request(answersUrl(), postJson({ id: 'not-a-uuid', data: VALID_DATA }))).status).toBe(400);
    expect((await fx.app.request(answersUrl(), postJson([1, 2]))).status).toBe(400);
    const form = await fx.app.request(answersUrl(), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'id=1' });
    expect(form.status).toBe(415);
    const none = await fx.app.request(answersUrl(), { method: 'POST', body: JSON.stringify({ id: randomUUID(), data: VALID_DATA }) });
    expect(none.status).toBe(415);
    // A data field that is not an object is an invalid answer.
    expect((await fx.app.request(answersUrl(), postJson({ id: randomUUID(), data: 'yes' }))).status).toBe(422);
    expect(await stored()).toEqual([]);
  });

  it('refuses a body over 256 KiB with 413, with or without Content-Length', async () => {
    const big = JSON.stringify({ id: randomUUID(), data: { ...VALID_DATA, remarks: 'x'.repeat(300 * 1024) } });
    const withLength = await fx.app.request(answersUrl(), postJson(big, { 'Content-Length': String(Buffer.byteLength(big)) }));
    expect(withLength.status).toBe(413);
    expect(((await withLength.json()) as { error: string }).error).toMatch(/volumineuse/);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        const bytes = new TextEncoder().encode(big);
        for (let i = 0; i < bytes.length; i += 65536) controller.enqueue(bytes.subarray(i, i + 65536));
        controller.close();
      },
    });
    const chunked = await fx.app.request(answersUrl(), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: streamed, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(await stored()).toEqual([]);
  });

  it('never stores the client IP address or user agent', async () => {
    const ip = '203.0.113.77';
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) UniqueAgent/9.9.9';
    const res = await fx.app.request(
      answersUrl(),
      postJson({ id: randomUUID(), data: VALID_DATA }, { 'X-Forwarded-For': ip, 'X-Real-IP': ip, Forwarded: `for=${ip}`, 'User-Agent': ua }),
    );
    expect(res.status).toBe(201);
    const rows = await stored();
    expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113\.77|UniqueAgent/);
    await fx.store.close();
    const dbDir = dirname(fx.dbFile);
    for (const name of readdirSync(dbDir)) {
      const bytes = readFileSync(join(dbDir, name)).toString('latin1');
      expect(bytes.includes(ip), name).toBe(false);
      expect(bytes.includes('UniqueAgent'), name).toBe(false);
    }
  });

  it('answers errors without a stack trace', async () => {
    await fx.store.close(); // every store call now throws
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await fx.app.request(answersUrl(), postJson({ id: randomUUID(), data: VALID_DATA }, { 'User-Agent': 'UniqueAgent/1' }));
    expect(res.status).toBe(500);
    // The operator's log gets the error, and nothing about the request.
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toMatch(/not open/);
    expect(JSON.stringify(log.mock.calls)).not.toContain('UniqueAgent');
    log.mockRestore();
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/Erreur interne/) });
    expect(text).not.toMatch(/at |\.ts|sqlite/i);
  });
});
