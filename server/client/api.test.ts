import { describe, expect, it } from 'vitest';
import { answerPoster, fetchCampaign } from './api.js';
import { TEXTS } from './texts.js';

/** A fetch that answers every call with the given response, and records the calls. */
function fakeFetch(respond: () => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const impl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    return respond();
  }) as typeof fetch;
  return { impl, calls };
}

const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const ANSWER = { id: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f', data: { consent: 'yes' } };

describe('answerPoster', () => {
  it('sends the answer with the link’s section and token, in the page’s language', async () => {
    const { impl, calls } = fakeFetch(() => json({ status: 'stored' }, 201));
    const post = answerPoster('mini', () => 'en', impl);
    expect(await post({ ...ANSWER, section: 'anas-01', token: 'T'.repeat(22) })).toEqual({ ok: true, status: 'stored' });
    expect(calls[0].url).toBe('/api/campaigns/mini/answers?lang=en');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({ ...ANSWER, section: 'anas-01', token: 'T'.repeat(22) });
    // A plain link adds nothing.
    await post({ ...ANSWER, section: '', token: undefined });
    expect(JSON.parse(String(calls[1].init?.body))).toEqual(ANSWER);
  });

  it('takes the server’s acknowledgement, first or repeated', async () => {
    expect(await answerPoster('mini', () => 'fr', fakeFetch(() => json({ status: 'already_stored' }, 200)).impl)(ANSWER)).toEqual({ ok: true, status: 'already_stored' });
  });

  it('does not take a 200 that is not the server’s acknowledgement for one (a captive portal’s page, a proxy’s)', async () => {
    // Public Wi-Fi portals redirect every request to their own page, which fetch follows:
    // thanking the respondent then would lose an answer that never reached the server.
    for (const response of [
      () => new Response('<!doctype html><title>Connexion au Wi-Fi</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }),
      () => json({ welcome: true }, 200),
      () => new Response(null, { status: 204 }),
    ]) {
      const result = await answerPoster('mini', () => 'fr', fakeFetch(response).impl)(ANSWER);
      expect(result).toEqual({ ok: false, kind: 'failed', message: TEXTS.fr.networkError });
    }
  });

  it('tells invalid answers, refusals and failures worth retrying apart', async () => {
    const errors = [{ question: 'team_size', message: 'au plus 50' }];
    expect(await answerPoster('mini', () => 'fr', fakeFetch(() => json({ error: 'invalide', errors }, 422)).impl)(ANSWER)).toEqual({ ok: false, kind: 'invalid', message: 'invalide', errors });
    expect(await answerPoster('mini', () => 'fr', fakeFetch(() => json({ error: 'close' }, 410)).impl)(ANSWER)).toEqual({ ok: false, kind: 'refused', message: 'close' });
    for (const status of [429, 500, 503]) {
      expect(await answerPoster('mini', () => 'fr', fakeFetch(() => json({ error: 'plus tard' }, status)).impl)(ANSWER), String(status)).toEqual({ ok: false, kind: 'failed', message: 'plus tard' });
    }
    const offline = fakeFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    expect(await answerPoster('mini', () => 'en', offline.impl)(ANSWER)).toEqual({ ok: false, kind: 'failed', message: TEXTS.en.networkError });
  });
});

describe('fetchCampaign', () => {
  it('gives the payload, or the server’s message', async () => {
    const payload = { campaign: { id: 'mini', title: 'Mini', status: 'open' }, questionnaire: { id: 'mini', version: '1', json: { pages: [] } } };
    expect(await fetchCampaign('mini', 'fr', fakeFetch(() => json(payload, 200)).impl)).toEqual({ ok: true, payload });
    expect(await fetchCampaign('mini', 'fr', fakeFetch(() => json({ error: 'Cette enquête est close.' }, 410)).impl)).toEqual({ ok: false, message: 'Cette enquête est close.' });
  });

  it('says loading failed, rather than hanging, when a 200 is not the questionnaire', async () => {
    const portal = fakeFetch(() => new Response('<!doctype html><title>Portail</title>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(await fetchCampaign('mini', 'fr', portal.impl)).toEqual({ ok: false, message: TEXTS.fr.loadFailed });
    expect(await fetchCampaign('mini', 'en', fakeFetch(() => json({ hello: 1 }, 200)).impl)).toEqual({ ok: false, message: TEXTS.en.loadFailed });
  });
});
