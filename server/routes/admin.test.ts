import { randomUUID } from 'node:crypto';
import Papa from 'papaparse';
import type { ReturnsResult } from '../../analysis/returns.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCodebook } from '../../survey/codebook.js';
import { createApp } from '../app.js';
import { ADMIN_TOKEN, createAppFixture, mini, NOW, postJson, testClientAddress, TODAY, VALID_DATA, type AppFixture } from '../test-support/app-fixture.js';

let fx: AppFixture;

beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const bearer = (token = ADMIN_TOKEN) => ({ headers: { Authorization: `Bearer ${token}` } });
const ORIGIN = 'http://localhost';

function loginRequest(token: string, headers: Record<string, string> = { Origin: ORIGIN }): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ token }).toString() };
}

/** Logs in through the form and returns the Cookie header to send back. */
async function login(): Promise<string> {
  const res = await fx.app.request('/admin/login', loginRequest(ADMIN_TOKEN));
  expect(res.status).toBe(303);
  const setCookie = res.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0];
}

async function submit(data: Record<string, unknown> = VALID_DATA): Promise<void> {
  const res = await fx.app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data }));
  expect(res.status).toBe(201);
}

describe('organiser API authentication', () => {
  const routes = ['/api/admin/campaigns', '/api/admin/campaigns/mini-2026/answers.csv', '/api/admin/campaigns/mini-2026/returns', '/api/admin/anything'];

  it.each(routes)('%s refuses anonymous, wrong-token and wrong-cookie requests with 401 JSON', async (route) => {
    for (const init of [
      {},
      bearer('wrong-token-wrong-token-wrong'),
      bearer(ADMIN_TOKEN + 'x'),
      { headers: { Authorization: ADMIN_TOKEN } },
      { headers: { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` } },
      { headers: { Cookie: 'polyvalence_admin=forged-session-id' } },
    ]) {
      const res = await fx.app.request(route, init);
      expect(res.status, JSON.stringify(init)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(((await res.json()) as { error: string }).error).toMatch(/jeton/);
    }
  });

  it('refuses a token shorter than 16 characters at start-up', () => {
    expect(() => createApp({ store: fx.store, adminToken: 'short', clientDir: fx.clientDir })).toThrow(/at least 16/);
  });
});

describe('organiser API', () => {
  it('lists campaigns with their answer counts', async () => {
    await submit();
    await submit({ consent: 'no' });
    const res = await fx.app.request('/api/admin/campaigns', bearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { campaigns } = (await res.json()) as { campaigns: { id: string; answers: number; questionnaireVersion: string; status: string }[] };
    expect(campaigns.map((c) => [c.id, c.answers])).toEqual([
      ['mini-2026', 2],
      ['mini-closed', 0],
      ['mini-ended', 0],
      ['mini-later', 0],
    ]);
    expect(campaigns[0]).toMatchObject({ questionnaireVersion: '1', status: 'open' });
  });

  it('reports returns by day, hiding counts under the threshold', async () => {
    await submit();
    const one = (await (await fx.app.request('/api/admin/campaigns/mini-2026/returns', bearer())).json()) as { campaignId: string; byDay: ReturnsResult; byGroup: ReturnsResult };
    expect(one.campaignId).toBe('mini-2026');
    // One answer: no count is shown anywhere, not even the total.
    expect(one.byDay.total).toMatchObject({ started: null, suppressed: true });
    expect(one.byGroup.rows.every((r) => r.started === null || r.started === 0)).toBe(true);
    for (let i = 0; i < 5; i++) await submit();
    const six = (await (await fx.app.request('/api/admin/campaigns/mini-2026/returns', bearer())).json()) as { byDay: ReturnsResult };
    expect(six.byDay.rows.find((r) => r.group === TODAY)).toMatchObject({ started: 6, suppressed: false });
    expect(six.byDay.total.started).toBe(6);
    expect((await fx.app.request('/api/admin/campaigns/nope/returns', bearer())).status).toBe(404);
  });

  it('exports the answers as UTF-8 CSV with BOM and codebook columns', async () => {
    await submit();
    await submit({ consent: 'no' });
    const res = await fx.app.request('/api/admin/campaigns/mini-2026/answers.csv', bearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="mini-2026-answers-${TODAY}.csv"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const parsed = Papa.parse<Record<string, string>>(text, { header: true });
    expect(parsed.errors).toEqual([]);
    const codebook = buildCodebook(mini);
    expect(parsed.meta.fields).toEqual(['campaign_id', 'questionnaire_version', 'submitted_on', ...codebook.columns.map((c) => c.name)]);
    expect(parsed.data).toHaveLength(2);
    const full = parsed.data.find((r) => r.consent === 'yes')!;
    expect(full).toMatchObject({
      campaign_id: 'mini-2026',
      questionnaire_version: '1',
      submitted_on: TODAY,
      dept_code: '01D',
      team_size: '12',
      'topics.housing': '1',
      'topics.food': '0',
      'topics.other': '1',
      'views.meaning': '2',
      remarks: 'Très bien, « merci »',
      big_team: 'yes',
    });
    // Free text that a spreadsheet would run as a formula is neutralised.
    expect(full['topics-Comment']).toBe(`'${VALID_DATA['topics-Comment']}`);
    const refused = parsed.data.find((r) => r.consent === 'no')!;
    expect(refused.dept_code).toBe('');
    expect(refused['topics.housing']).toBe('');
  });

  it('streams a large export in several chunks and keeps every row', async () => {
    // Enough rows for several of the stream's 64 KB chunks.
    const rows = 6000;
    for (let i = 0; i < rows; i++) {
      await fx.store.insertAnswer({ id: randomUUID(), campaignId: 'mini-2026', questionnaireId: 'mini', questionnaireVersion: '1', submittedOn: TODAY, data: { consent: 'no' } });
    }
    const res = await fx.app.request('/api/admin/campaigns/mini-2026/answers.csv', bearer());
    const reader = res.body!.getReader();
    let chunks = 0;
    let text = '';
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    expect(chunks).toBeGreaterThan(2);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(rows);
  });

  it('exports only a header for a campaign without answers, and 404 for an unknown one', async () => {
    const res = await fx.app.request('/api/admin/campaigns/mini-closed/answers.csv', bearer());
    const text = (await res.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')).toHaveLength(1);
    expect(text.startsWith('campaign_id,questionnaire_version,submitted_on,consent,')).toBe(true);
    expect((await fx.app.request('/api/admin/campaigns/nope/answers.csv', bearer())).status).toBe(404);
  });
});

describe('organiser pages', () => {
  it('shows anonymous visitors a French login form and no campaign data', async () => {
    await submit();
    for (const init of [{}, { headers: { Cookie: 'polyvalence_admin=forged' } }, bearer('wrong-token-wrong-token-wrong')]) {
      const res = await fx.app.request('/admin', init);
      const body = await res.text();
      expect(body).toContain('<html lang="fr">');
      expect(body).toContain('<form method="post" action="/admin/login">');
      expect(body).toContain('<label for="token">');
      expect(body).not.toMatch(/mini-2026|Enquête mini|answers\.csv/);
    }
  });

  it('logs in with the token, lists campaigns with version, status and answers, and logs out', async () => {
    await submit();
    const cookie = await login();
    expect(cookie).toMatch(/^polyvalence_admin=[A-Za-z0-9_-]{40,}$/);

    const res = await fx.app.request('/admin', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    expect(body).toContain('Enquête mini 2026');
    expect(body).toMatch(/mini \(1\)/);
    expect(body).toMatch(/<td>ouverte<\/td>[\s\S]*<td class="num">1<\/td>/);
    expect(body).toContain('href="/api/admin/campaigns/mini-2026/answers.csv"');
    expect(body.match(/<script/g)).toBeNull();

    // The session cookie authorises the export too.
    const csv = await fx.app.request('/api/admin/campaigns/mini-2026/answers.csv', { headers: { Cookie: cookie } });
    expect(csv.status).toBe(200);

    const out = await fx.app.request('/admin/logout', { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN } });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/polyvalence_admin=;.*Max-Age=0/);
    // The session is gone server-side, even if the browser kept the cookie.
    expect(await (await fx.app.request('/admin', { headers: { Cookie: cookie } })).text()).not.toContain('Enquête mini 2026');
    expect((await fx.app.request('/api/admin/campaigns', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Strict cookie, Secure over https', async () => {
    const plain = await fx.app.request('/admin/login', loginRequest(ADMIN_TOKEN));
    const attrs = plain.headers.get('set-cookie')!;
    expect(attrs).toMatch(/HttpOnly/);
    expect(attrs).toMatch(/SameSite=Strict/);
    expect(attrs).toMatch(/Path=\//);
    expect(attrs).not.toMatch(/Secure/);
    const tls = await fx.app.request('https://survey.example/admin/login', loginRequest(ADMIN_TOKEN, { Origin: 'https://survey.example' }));
    expect(tls.status).toBe(303);
    expect(tls.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses a wrong token with 401 and the form again', async () => {
    const res = await fx.app.request('/admin/login', loginRequest('not-the-token-at-all'));
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    const body = await res.text();
    expect(body).toContain('Jeton incorrect');
    expect(body).toContain('aria-invalid="true"');
  });

  it('refuses form posts from another site (CSRF)', async () => {
    for (const headers of [
      {},
      { Origin: 'https://evil.example' },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site', Origin: 'https://other.localhost' },
      { 'Sec-Fetch-Site': 'cross-site', Origin: ORIGIN },
    ] as Record<string, string>[]) {
      const res = await fx.app.request('/admin/login', loginRequest(ADMIN_TOKEN, headers));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
    // Same origin by Sec-Fetch-Site is accepted, even when the Origin is hidden.
    expect((await fx.app.request('/admin/login', loginRequest(ADMIN_TOKEN, { 'Sec-Fetch-Site': 'same-origin' }))).status).toBe(303);
    expect((await fx.app.request('/admin/login', loginRequest(ADMIN_TOKEN, { 'Sec-Fetch-Site': 'same-origin', Origin: 'null' }))).status).toBe(303);
    // Behind a TLS proxy the browser's origin is https while the server sees http.
    expect((await fx.app.request('/admin/login', loginRequest(ADMIN_TOKEN, { Origin: 'https://localhost' }))).status).toBe(303);
    // Logout from another site does not end the session.
    const cookie = await login();
    expect((await fx.app.request('/admin/logout', { method: 'POST', headers: { Cookie: cookie, Origin: 'https://evil.example' } })).status).toBe(403);
    expect((await fx.app.request('/api/admin/campaigns', { headers: { Cookie: cookie } })).status).toBe(200);
  });

  it('expires sessions', async () => {
    let now = NOW.getTime();
    const app = createApp({ store: fx.store, adminToken: ADMIN_TOKEN, clientDir: fx.clientDir, now: () => new Date(now), sessionTtlMs: 60_000, clientAddress: testClientAddress });
    const res = await app.request('/admin/login', loginRequest(ADMIN_TOKEN));
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    expect(res.headers.get('set-cookie')).toMatch(/Max-Age=60/);
    expect((await app.request('/api/admin/campaigns', { headers: { Cookie: cookie } })).status).toBe(200);
    now += 61_000;
    expect((await app.request('/api/admin/campaigns', { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('speaks English on request', async () => {
    const body = await (await fx.app.request('/admin?lang=en')).text();
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('Organiser token');
    expect(body).toContain('action="/admin/login?lang=en"');
  });
});
