import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppFixture, type AppFixture } from './test-support/app-fixture.js';
import { bearer } from './test-support/requests.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fx.cleanup();
});

const STACK = /\n\s+at |\.ts:\d+|node_modules|secret detail/;

describe('errors', () => {
  it('never show a stack trace or the error text, in JSON or HTML', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const boom = () => {
      throw new Error('secret detail at /srv/app/server/x.ts:12');
    };
    fx.app.get('/api/boom', boom);
    fx.app.get('/boom', boom);

    const api = await fx.app.request('/api/boom');
    expect(api.status).toBe(500);
    const apiText = await api.text();
    expect(JSON.parse(apiText)).toEqual({ error: expect.stringMatching(/^Erreur interne du serveur/) });
    expect(apiText).not.toMatch(STACK);

    const page = await fx.app.request('/boom?lang=en');
    expect(page.status).toBe(500);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const pageText = await page.text();
    expect(pageText).toContain('Internal server error');
    expect(pageText).not.toMatch(STACK);
    // The operator's console has it.
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('hide store failures behind organiser routes too', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    await fx.store.close();
    for (const url of ['/api/admin/campaigns', '/api/admin/campaigns/mini-2026/answers.csv', '/api/admin/campaigns/mini-2026/returns']) {
      const res = await fx.app.request(url, bearer());
      expect(res.status, url).toBe(500);
      expect(await res.text(), url).not.toMatch(STACK);
    }
    expect(log).toHaveBeenCalled();
  });
});
