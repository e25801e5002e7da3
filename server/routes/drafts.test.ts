import { describe, expect, it } from 'vitest';
import { createAppFixture, postJson, TODAY as FIXTURE_TODAY } from '../test-support/app-fixture.js';
import { formatResumeCode, normalizeResumeCode } from '../client/resume-code.js';
import type { Campaign, Draft } from '../store/types.js';
import { draftRoutes, MAX_DRAFT_BYTES, resumeCodeHash, type DraftDeps, type DraftStore } from './drafts.js';

const TODAY = '2026-11-15';

/** The draft half of a store, in memory, with the campaigns the tests need. */
function memoryStore() {
  const drafts = new Map<string, Draft>();
  const campaigns: Campaign[] = [
    { id: 'open-one', title: 'Ouverte', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' },
    { id: 'other-open', title: 'Autre', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open' },
    { id: 'closed-one', title: 'Close', questionnaireId: 'mini', questionnaireVersion: '1', status: 'closed' },
  ];
  const purges: string[] = [];
  const store: DraftStore = {
    async getCampaign(id) {
      return campaigns.find((c) => c.id === id);
    },
    async saveDraft(d) {
      drafts.set(d.codeHash, structuredClone(d));
    },
    async getDraft(hash, today) {
      const d = drafts.get(hash);
      return d && d.expiresOn >= today ? structuredClone(d) : undefined;
    },
    async deleteDraft(hash) {
      drafts.delete(hash);
    },
    async purgeExpiredDrafts(today) {
      purges.push(today);
      let n = 0;
      for (const [k, d] of drafts) if (d.expiresOn < today) (drafts.delete(k), n++);
      return n;
    },
  };
  return { store, drafts, purges };
}

function setup(overrides: Partial<DraftDeps> = {}) {
  const mem = memoryStore();
  let now = new Date(`${TODAY}T10:11:12Z`);
  const app = draftRoutes({ store: mem.store, now: () => now, ...overrides });
  return { ...mem, app, setNow: (d: Date) => (now = d) };
}

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json', 'x-test-client': 'creator' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function createDraft(app: ReturnType<typeof setup>['app'], data: Record<string, unknown>, campaign = 'open-one') {
  const res = await app.request(`/api/campaigns/${campaign}/drafts`, json({ data }));
  expect(res.status).toBe(201);
  return (await res.json()) as { code: string; expiresOn: string };
}

describe('draft routes', () => {
  it('hands out a code for the answers in progress and gives them back on any device', async () => {
    const { app, drafts } = setup();
    const data = { consent: 'yes', team_size: 3, remarks: 'en cours' };
    const { code, expiresOn } = await createDraft(app, data);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(expiresOn).toBe('2026-12-15');

    // Only the hash is stored: the code appears nowhere in what the store holds.
    const stored = [...drafts.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]).toEqual({ codeHash: resumeCodeHash(normalizeResumeCode(code)!), campaignId: 'open-one', data, expiresOn });
    const storedText = JSON.stringify(stored);
    expect(storedText).not.toContain(code);
    expect(storedText).not.toContain(normalizeResumeCode(code)!);

    // Typed in lower case, with spaces, O for 0 and I for 1, it still works.
    const typed = code.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'i');
    const res = await app.request(`/api/campaigns/open-one/drafts/${encodeURIComponent(typed)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ data, expiresOn });
  });

  it('makes a different code each time', async () => {
    const { app } = setup();
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) codes.add((await createDraft(app, { i })).code);
    expect(codes.size).toBe(20);
  });

  it('refuses what is not a JSON object of answers, with a message', async () => {
    const { app, drafts } = setup();
    const cases: [RequestInit, number, RegExp][] = [
      [json('{not json'), 400, /JSON valide/],
      [json([1, 2]), 400, /objet JSON/],
      [json({ data: [1] }), 400, /objet JSON/],
      [json({ data: 'x' }), 400, /objet JSON/],
      [json({}), 400, /objet JSON/],
      [json(null), 400, /objet JSON/],
      [{ method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{"data":{}}' }, 415, /JSON/],
      [json({ data: { remarks: 'x'.repeat(MAX_DRAFT_BYTES) } }), 413, /trop volumineuses/],
    ];
    for (const [init, status, message] of cases) {
      const res = await app.request('/api/campaigns/open-one/drafts', init);
      expect(res.status, String(init.body).slice(0, 30)).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect(drafts.size).toBe(0);
  });

  it('refuses bytes that are not UTF-8 rather than keep replacement characters that would reach the answer', async () => {
    const { app, drafts } = setup();
    const [before, after] = JSON.stringify({ data: { remarks: 'MARK' } }).split('MARK');
    const body = new Uint8Array([...Buffer.from(before), 0xff, 0xfe, ...Buffer.from(after)]);
    const res = await app.request('/api/campaigns/open-one/drafts', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/UTF-8/);
    expect(drafts.size).toBe(0);
  });

  it('answers in English when asked', async () => {
    const { app } = setup();
    const res = await app.request('/api/campaigns/open-one/drafts/ZZZZZ?lang=en');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/^This code is not well formed/);
  });

  it('refuses unknown and closed campaigns, and a code of another campaign', async () => {
    const { app, drafts } = setup();
    expect((await app.request('/api/campaigns/nope/drafts', json({ data: {} }))).status).toBe(404);
    expect((await app.request('/api/campaigns/closed-one/drafts', json({ data: {} }))).status).toBe(410);
    expect(drafts.size).toBe(0);
    const { code } = await createDraft(app, { a: 1 });
    const res = await app.request(`/api/campaigns/other-open/drafts/${code}`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/Aucune réponse en cours/);
  });

  it('tells a malformed code from an unknown one', async () => {
    const { app } = setup();
    for (const bad of ['ABC', 'ABCDE-FGHJK-M', 'UUUUU-UUUUU', '%20']) {
      const res = await app.request(`/api/campaigns/open-one/drafts/${bad}`);
      expect(res.status, bad).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/bonne forme/);
    }
    const res = await app.request('/api/campaigns/open-one/drafts/00000-00000');
    expect(res.status).toBe(404);
  });

  it('forgets a draft after its expiry day and purges expired drafts', async () => {
    const { app, drafts, purges, setNow } = setup();
    const { code } = await createDraft(app, { a: 1 });
    setNow(new Date('2026-12-15T23:00:00Z'));
    expect((await app.request(`/api/campaigns/open-one/drafts/${code}`)).status).toBe(200);
    setNow(new Date('2026-12-16T00:00:01Z'));
    expect((await app.request(`/api/campaigns/open-one/drafts/${code}`)).status).toBe(404);
    await createDraft(app, { b: 2 });
    expect(purges).toEqual(['2026-11-15', '2026-12-16']);
    expect([...drafts.values()].map((d) => d.data)).toEqual([{ b: 2 }]);
  });

  it('deletes a draft with its code, and answers the same whether or not it existed', async () => {
    const { app, drafts } = setup();
    const { code } = await createDraft(app, { a: 1 });
    expect((await app.request(`/api/campaigns/other-open/drafts/${code}`, { method: 'DELETE' })).status).toBe(204);
    expect(drafts.size).toBe(1);
    expect((await app.request(`/api/campaigns/open-one/drafts/${code}`, { method: 'DELETE' })).status).toBe(204);
    expect(drafts.size).toBe(0);
    expect((await app.request(`/api/campaigns/open-one/drafts/${code}`, { method: 'DELETE' })).status).toBe(204);
    expect((await app.request(`/api/campaigns/open-one/drafts/${code}`)).status).toBe(404);
  });

  it('limits wrong guesses per client and for all clients together, until the window has passed', async () => {
    const minute = { windowMs: 60_000 };
    const { app, setNow } = setup({
      clientAddress: (c) => c.req.header('x-test-client'),
      limits: { failedLookupsPerClient: { limit: 3, ...minute }, failedLookups: { limit: 5, ...minute } },
    });
    const from = (client: string) => ({ headers: { 'x-test-client': client } });
    const { code } = await createDraft(app, { a: 1 });
    const wrong = formatResumeCode(normalizeResumeCode(code)!.replace(/^./, (c) => (c === '0' ? '1' : '0')));
    const get = (c: string, client: string) => app.request(`/api/campaigns/open-one/drafts/${c}`, from(client));

    for (let i = 0; i < 3; i++) expect((await get(wrong, 'a')).status).toBe(404);
    const locked = await get(wrong, 'a');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await locked.json()) as { error: string }).error).toMatch(/Trop de codes erronés/);
    // Even the right code gets no answer while locked: the lock gives nothing away.
    expect((await get(code, 'a')).status).toBe(429);
    // Another client is not held up by the first one...
    expect((await get(code, 'b')).status).toBe(200);
    expect((await get(wrong, 'b')).status).toBe(404);
    expect((await get(wrong, 'b')).status).toBe(404);
    // ...until wrong guesses from everyone reach the global ceiling.
    expect((await get(code, 'c')).status).toBe(429);

    setNow(new Date(`${TODAY}T10:12:13Z`));
    expect((await get(code, 'a')).status).toBe(200);
  });

  it('fails closed when it cannot tell who the client is', async () => {
    const { app } = setup({ clientAddress: () => undefined });
    expect((await app.request('/api/campaigns/open-one/drafts/00000-00000')).status).toBe(503);
    expect((await app.request('/api/campaigns/open-one/drafts', json({ data: { a: 1 } }))).status).toBe(503);
  });

  it('limits how many codes are handed out, per client and in all', async () => {
    const minute = { windowMs: 60_000 };
    const { app, drafts } = setup({
      clientAddress: (c) => c.req.header('x-test-client'),
      limits: { newDraftsPerClient: { limit: 2, ...minute }, newDrafts: { limit: 3, ...minute } },
    });
    const post = (client: string, a: number) => app.request('/api/campaigns/open-one/drafts', { ...json({ data: { a } }), headers: { 'Content-Type': 'application/json', 'x-test-client': client } });
    expect((await post('a', 1)).status).toBe(201);
    expect((await post('a', 2)).status).toBe(201);
    const res = await post('a', 3);
    expect(res.status).toBe(429);
    expect(((await res.json()) as { error: string }).error).toMatch(/Trop de codes ont été demandés/);
    expect((await post('b', 4)).status).toBe(201);
    expect((await post('c', 5)).status).toBe(429);
    expect(drafts.size).toBe(3);
  });
});

describe('draft routes in the app, with the SQLite store', () => {
  it('keeps only the hash of the code, gives the data back, deletes it on request, and never touches answers', async () => {
    const fx = await createAppFixture();
    try {
      const data = { consent: 'yes', team_size: 4 };
      const res = await fx.app.request('/api/campaigns/mini-2026/drafts', postJson({ data }));
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { code } = (await res.json()) as { code: string };
      const hash = resumeCodeHash(normalizeResumeCode(code)!);
      expect(await fx.store.getDraft(hash, FIXTURE_TODAY)).toEqual({ codeHash: hash, campaignId: 'mini-2026', data, expiresOn: '2026-12-15' });
      const back = await fx.app.request(`/api/campaigns/mini-2026/drafts/${code}`);
      expect(await back.json()).toEqual({ data, expiresOn: '2026-12-15' });
      expect(await fx.store.countAnswers('mini-2026')).toBe(0);
      expect((await fx.app.request(`/api/campaigns/mini-2026/drafts/${code}`, { method: 'DELETE' })).status).toBe(204);
      expect(await fx.store.getDraft(hash, FIXTURE_TODAY)).toBeUndefined();
      expect((await fx.app.request('/api/campaigns/mini-closed/drafts', postJson({ data }))).status).toBe(410);
    } finally {
      await fx.cleanup();
    }
  });

  it('refuses, with a 400 and a message, a draft the store cannot keep faithfully', async () => {
    const fx = await createAppFixture();
    try {
      let deep: Record<string, unknown> = { leaf: 1 };
      for (let i = 0; i < 200; i++) deep = { d: deep };
      for (const data of [{ remarks: 'a\u0000b' }, { remarks: 'x\ud800y' }, deep]) {
        const res = await fx.app.request('/api/campaigns/mini-2026/drafts', postJson({ data }));
        expect(res.status).toBe(400);
        expect(((await res.json()) as { error: string }).error).toMatch(/objet JSON|réponses en cours/);
      }
    } finally {
      await fx.cleanup();
    }
  });
});
