/**
 * Every organiser route of the app, found by enumerating `app.routes` (so a route added
 * tomorrow is checked without touching this file), refuses anonymous, wrong-token and
 * forged-cookie requests, changes nothing when refused, and works with a session.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUBLIC_ADMIN_ROUTES } from './routes/admin.js';
import { ADMIN_TOKEN, createAppFixture, TEST_CLIENT_HEADER, type AppFixture } from './test-support/app-fixture.js';
import { login, ORIGIN } from './test-support/requests.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

interface Route {
  method: string;
  path: string;
}

const isOrganiserPath = (path: string) => path === '/admin' || path.startsWith('/admin/') || path.startsWith('/api/admin/') || path === '/api/admin';

/** The app's routes (not its middleware), without duplicates. */
function routesOf(app: AppFixture['app']): Route[] {
  const seen = new Set<string>();
  return app.routes
    .filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
    // A route answering every method (app.all) is tried with GET.
    .map((r) => ({ method: r.method === 'ALL' ? 'GET' : r.method, path: r.path }))
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

function organiserRoutes(app: AppFixture['app']): Route[] {
  return routesOf(app).filter((r) => isOrganiserPath(r.path) && !PUBLIC_ADMIN_ROUTES.some((p) => p.method === r.method && p.path === r.path));
}

/** A concrete URL for a route pattern: `:id` names an existing campaign. */
function concrete(path: string): string {
  return path.replace(/:id\b/g, 'mini-2026').replace(/:[A-Za-z]+/g, 'x');
}

let client = 0;
/** A new client address per request, so that the failed-credential limit never answers instead of the guard. */
const freshClient = () => ({ [TEST_CLIENT_HEADER]: `198.51.100.${(client++ % 250) + 1}` });

async function snapshot(): Promise<string> {
  const campaigns = await fx.store.listCampaigns();
  const answers = await Promise.all(campaigns.map((c) => fx.store.countAnswers(c.id)));
  const invitations = await Promise.all(campaigns.map((c) => fx.store.countInvitations(c.id)));
  const margins = await Promise.all(campaigns.map((c) => fx.store.getMargins(c.id)));
  return JSON.stringify({ campaigns, answers, invitations, margins, questionnaires: await fx.store.listQuestionnaires() });
}

describe('organiser routes', () => {
  it('are many, and cover pages, the API, exports and the forms', () => {
    const routes = organiserRoutes(fx.app).map((r) => `${r.method} ${r.path}`);
    expect(routes.length).toBeGreaterThan(25);
    for (const r of [
      'GET /api/admin/campaigns',
      'POST /api/admin/campaigns',
      'PATCH /api/admin/campaigns/:id',
      'POST /api/admin/questionnaires',
      'POST /api/admin/campaigns/:id/invitations',
      'GET /api/admin/campaigns/:id/answers.xlsx',
      'PUT /api/admin/campaigns/:id/margins',
      'GET /admin/campaigns/:id/returns',
      'POST /admin/campaigns/:id/status',
      'POST /admin/logout',
    ]) {
      expect(routes).toContain(r);
    }
  });

  it('refuse anonymous, wrong-token and forged-cookie requests, and change nothing', async () => {
    const before = await snapshot();
    const routes = organiserRoutes(fx.app);
    const credentials: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer wrong-token-wrong-token-wrong' },
      { Authorization: `Bearer ${ADMIN_TOKEN}x` },
      { Authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
      { Cookie: 'polyvalence_admin=forged-session-id' },
      { Cookie: `polyvalence_admin=${'A'.repeat(43)}` },
    ];
    for (const route of routes) {
      const url = concrete(route.path);
      for (const cred of credentials) {
        const headers: Record<string, string> = { ...cred, ...freshClient(), Origin: ORIGIN };
        const init: RequestInit = { method: route.method, headers };
        if (!['GET', 'HEAD'].includes(route.method)) {
          headers['Content-Type'] = 'application/json';
          init.body = JSON.stringify({ count: 2, title: 'pwned', status: 'closed', id: 'pwned', questionnaireId: 'mini', questionnaireVersion: '1' });
        }
        const res = await fx.app.request(url, init);
        const what = `${route.method} ${url} ${JSON.stringify(cred)}`;
        if (url.startsWith('/api/')) {
          expect([401, 403], what).toContain(res.status);
          expect(((await res.json()) as { error: string }).error, what).toBeTruthy();
        } else {
          expect([303, 401, 403], what).toContain(res.status);
          if (res.status === 303) expect(res.headers.get('location'), what).toMatch(/^\/admin(\?lang=en)?$/);
          expect(await res.text(), what).not.toContain('mini-2026');
        }
        expect(res.headers.get('set-cookie'), what).toBeNull();
      }
    }
    expect(await snapshot()).toBe(before);
  });

  it('answer an organiser with a session (every page and download found)', async () => {
    const cookie = await login(fx.app);
    const gets = organiserRoutes(fx.app).filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(10);
    for (const route of gets) {
      const url = concrete(route.path);
      const res = await fx.app.request(url, { headers: { Cookie: cookie } });
      // The national report and the fiches exist for the polyvalence questionnaire only; margins only once uploaded.
      const expected = /(national|departement)-report$/.test(url) || /\/margins$/.test(url) ? 404 : 200;
      expect(res.status, url).toBe(expected);
      expect(res.headers.get('cache-control'), url).toBe('no-store');
      await res.arrayBuffer();
    }
  });
});

describe('every route', () => {
  it('sends a CSP without inline scripts, no framing, and no stack trace on a bad request', async () => {
    const routes = routesOf(fx.app);
    expect(routes.length).toBeGreaterThan(35);
    for (const route of routes) {
      const url = concrete(route.path.replace(':campaignId', 'mini-2026')).replace('/assets/*', '/assets/main-AbC123.js');
      const headers: Record<string, string> = { ...freshClient(), Origin: ORIGIN };
      const init: RequestInit = { method: route.method, headers };
      if (!['GET', 'HEAD'].includes(route.method)) {
        headers['Content-Type'] = 'application/json';
        init.body = '{"__proto__": {"x": 1}, "id": 1';
      }
      const res = await fx.app.request(url, init);
      const what = `${route.method} ${url}`;
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, what).toMatch(/(^|;)\s*script-src 'self'(;|$)/);
      expect(csp, what).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp, what).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(res.status, what).toBeLessThan(500);
      expect(await res.text(), what).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
    }
  });
});
