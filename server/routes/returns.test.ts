import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReturnsResult } from '../../analysis/returns.js';
import { createAppFixture, postJson, TODAY, VALID_DATA, type AppFixture } from '../test-support/app-fixture.js';
import { bearer, login, multipartPost } from '../test-support/requests.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
  // Groups of 5 are published here, so that small fixtures show figures; the default (10) is tested below.
  await fx.store.updateCampaign('mini-2026', { sections: [{ id: 'anas-01', label: 'ANAS Ain' }], disclosure: { minGroup: 5, minCell: 5, k: 5 } });
});
afterEach(async () => {
  await fx.cleanup();
});

const MARGINS = 'dept_code;name;population\r\n01D;Ain;120\r\n02D;Aisne;60\r\n';
const putMargins = (body: string, type = 'text/csv', query = '') =>
  fx.app.request(`/api/admin/campaigns/mini-2026/margins${query}`, { method: 'PUT', headers: { ...bearer().headers, 'Content-Type': type }, body });

async function answers(n: number, data: Record<string, unknown>, section?: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    const res = await fx.app.request('/api/campaigns/mini-2026/answers', postJson({ id: randomUUID(), data, ...(section ? { section } : {}) }));
    expect(res.status).toBe(201);
  }
}

interface ReturnsBody {
  groupColumn: string;
  byGroup: ReturnsResult;
  byDay: ReturnsResult;
  bySection: ReturnsResult;
  margins: { stored: boolean; problems?: string[] };
}

describe('margins', () => {
  it('are checked against the questionnaire, stored, and read back', async () => {
    const ok = await putMargins(MARGINS);
    expect(ok.status).toBe(200);
    const back = await fx.app.request('/api/admin/campaigns/mini-2026/margins', bearer());
    expect(await back.text()).toBe(MARGINS);

    const bad = await putMargins('dept_code,population\n01D,12.5\n99D,3\n01D,4\n');
    expect(bad.status).toBe(422);
    const { problems } = (await bad.json()) as { problems: string[] };
    expect(problems).toEqual([expect.stringMatching(/^ligne 2: population « 12\.5 »/), expect.stringMatching(/^ligne 3: code « 99D » inconnu/)]);
    expect((await putMargins('code,n\n1,2\n')).status).toBe(422);
    const wrongType = await putMargins(MARGINS, 'application/json');
    expect(wrongType.status).toBe(415);
    const { error } = (await wrongType.json()) as { error: string };
    expect(error).toMatch(/CSV/);
    expect(error).not.toMatch(/JSON/);
    expect((await putMargins(MARGINS, 'text/csv', '?by=remarks')).status).toBe(422);
    // The refused files did not replace the good one.
    expect(await fx.store.getMargins('mini-2026')).toBe(MARGINS);
  });

  it('are uploaded through the campaign page form', async () => {
    const cookie = await login(fx.app);
    const res = await fx.app.request('/admin/campaigns/mini-2026/margins', multipartPost({ by: 'dept_code' }, { file: ['marges.csv', MARGINS] }, cookie));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/campaigns/mini-2026?done=margins');
    expect(await fx.store.getMargins('mini-2026')).toBe(MARGINS);
    const bad = await fx.app.request('/admin/campaigns/mini-2026/margins', multipartPost({}, { file: ['marges.csv', 'dept_code,population\n01D,-4\n'] }, cookie));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('un nombre entier positif ou nul');
  });
});

describe('live returns', () => {
  it('count answers per département against the margins, per day and per section, with rates', async () => {
    await putMargins(MARGINS);
    await answers(6, VALID_DATA, 'anas-01');
    await answers(6, { ...VALID_DATA, dept_code: '02D' });
    const body = (await (await fx.app.request('/api/admin/campaigns/mini-2026/returns', bearer())).json()) as ReturnsBody;
    expect(body.groupColumn).toBe('dept_code');
    expect(body.margins).toEqual({ stored: true });
    expect(body.byGroup.rows.find((r) => r.group === '01D')).toMatchObject({ population: 120, started: 6, complete: 6, responseRate: 0.05, completionRate: 1, suppressed: false });
    expect(body.byGroup.rows.find((r) => r.group === '02D')).toMatchObject({ population: 60, started: 6, responseRate: 0.1 });
    expect(body.byGroup.total).toMatchObject({ population: 180, started: 12 });
    expect(body.byDay.rows.find((r) => r.group === TODAY)).toMatchObject({ started: 12 });
    expect(body.bySection.rows.find((r) => r.group === 'anas-01')).toMatchObject({ started: 6 });
    expect(body.bySection.rows.find((r) => r.kind === 'missing')).toMatchObject({ started: 6 });
  });

  it('never show a count between 1 and 4', async () => {
    await putMargins(MARGINS);
    await answers(7, VALID_DATA, 'anas-01');
    await answers(2, { ...VALID_DATA, dept_code: '02D' });
    const body = (await (await fx.app.request('/api/admin/campaigns/mini-2026/returns', bearer())).json()) as ReturnsBody;
    for (const result of [body.byGroup, body.byDay, body.bySection]) {
      for (const row of result.rows) {
        for (const n of [row.started, row.complete]) expect(n === null || n === 0 || n >= 5, JSON.stringify(row)).toBe(true);
      }
    }
    expect(body.byGroup.rows.find((r) => r.group === '02D')).toMatchObject({ suppressed: true, started: null, population: 60 });
  });

  it('apply the campaign’s thresholds (default: groups of 10) and state them', async () => {
    await fx.store.updateCampaign('mini-2026', { disclosure: null });
    await putMargins(MARGINS);
    await answers(7, VALID_DATA);
    await answers(12, { ...VALID_DATA, dept_code: '02D' });
    const body = (await (await fx.app.request('/api/admin/campaigns/mini-2026/returns', bearer())).json()) as ReturnsBody & { disclosure: unknown };
    expect(body.disclosure).toEqual({ minGroup: 10, minCell: 5, k: 5 });
    // 7 answers in 01D: under the default group minimum, hidden, and 02D with it (or 01D = total − 02D).
    expect(body.byGroup.rows.find((r) => r.group === '01D')).toMatchObject({ suppressed: true, started: null });
    expect(body.byGroup.rows.find((r) => r.group === '02D')).toMatchObject({ suppressed: true, started: null });
    await fx.store.updateCampaign('mini-2026', { disclosure: { minGroup: 7, minCell: 5, k: 5 } });
    const relaxed = (await (await fx.app.request('/api/admin/campaigns/mini-2026/returns', bearer())).json()) as ReturnsBody;
    expect(relaxed.byGroup.rows.find((r) => r.group === '01D')).toMatchObject({ suppressed: false, started: 7 });
    const cookie = await login(fx.app);
    const page = await (await fx.app.request('/admin/campaigns/mini-2026/returns', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('un groupe n’est publié qu’avec au moins 7 répondant·es');
    const report = await (await fx.app.request('/admin/campaigns/mini-2026/report?lang=en', { headers: { Cookie: cookie } })).text();
    expect(report).toContain('a group is published only with at least 7 respondents');
    const estimates = (await (await fx.app.request('/api/admin/campaigns/mini-2026/estimates', bearer())).json()) as { disclosure: unknown };
    expect(estimates.disclosure).toEqual({ minGroup: 7, minCell: 5, k: 5 });
  });

  it('are shown on the returns page, with the tables and their disclosure note', async () => {
    await putMargins(MARGINS);
    await answers(6, VALID_DATA);
    const cookie = await login(fx.app);
    const res = await fx.app.request('/admin/campaigns/mini-2026/returns', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<table class="returns">');
    expect(page).toContain('Par jour de réponse');
    expect(page).toContain('Par section locale');
    expect(page).toMatch(/<th scope="row">Ain<\/th><td class="num">120<\/td><td class="num">6<\/td>/);
    expect(page).toContain('Aucun effectif n’est affiché pour un groupe de 1 à 4');
    expect(page.match(/<script/g)).toBeNull();
    expect((await fx.app.request('/admin/campaigns/mini-2026/returns?by=nope', { headers: { Cookie: cookie } })).status).toBe(404);
    expect((await fx.app.request('/api/admin/campaigns/mini-2026/returns?by=nope', bearer())).status).toBe(400);
  });

  it('say when the stored margins do not fit the grouping asked for', async () => {
    await fx.store.saveMargins('mini-2026', 'dept_code,population\n01D,x\n');
    const body = (await (await fx.app.request('/api/admin/campaigns/mini-2026/returns', bearer())).json()) as ReturnsBody;
    expect(body.margins.problems?.[0]).toMatch(/^ligne 2/);
    expect(body.byGroup.rows.find((r) => r.group === '01D')?.population).toBeNull();
  });
});
