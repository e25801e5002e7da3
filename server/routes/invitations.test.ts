import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppFixture, postJson, VALID_DATA, type AppFixture } from '../test-support/app-fixture.js';
import { adminJson, bearer, formPost, login } from '../test-support/requests.js';
import type { StoredAnswer } from '../store/types.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
  await fx.store.createCampaign({ id: 'mini-sections', title: 'Sections', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open', sections: [{ id: 'anas-01', label: 'ANAS Ain' }] });
  await fx.store.createCampaign({ id: 'mini-invite', title: 'Invitations', questionnaireId: 'mini', questionnaireVersion: '1', status: 'open', invitationMode: 'single_use' });
});
afterEach(async () => {
  await fx.cleanup();
});

async function stored(): Promise<StoredAnswer[]> {
  const out: StoredAnswer[] = [];
  for await (const a of fx.store.iterateAnswers()) out.push(a);
  return out;
}
const answer = (campaign: string, extra: Record<string, unknown>, id = randomUUID()) => fx.app.request(`/api/campaigns/${campaign}/answers`, postJson({ id, data: VALID_DATA, ...extra }));

/** Asks for `count` invitations through the API and returns their tokens. */
async function issue(count: number): Promise<string[]> {
  const res = await fx.app.request('/api/admin/campaigns/mini-invite/invitations', adminJson('POST', { count }));
  expect(res.status).toBe(200);
  const lines = (await res.text()).trimEnd().split('\r\n');
  expect(lines[0]).toBe('url');
  return lines.slice(1).map((url) => new URL(url).searchParams.get('t')!);
}

describe('open links per local section', () => {
  it('passes the section to the page and stores it with the answer', async () => {
    const page = await (await fx.app.request('/c/mini-sections?s=anas-01')).text();
    expect(page).toContain('data-section="anas-01"');
    expect(page).not.toContain('data-invitation-token');
    expect((await answer('mini-sections', { section: 'anas-01' })).status).toBe(201);
    expect((await answer('mini-sections', {})).status).toBe(201);
    expect((await stored()).map((a) => a.section ?? null).sort()).toEqual(['anas-01', null]);
  });

  it('answers an unknown section with a clear 404 page, and refuses it in a submission', async () => {
    const res = await fx.app.request('/c/mini-sections?s=anas-99');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Ce lien de section locale n’existe pas pour cette enquête.');
    const post = await answer('mini-sections', { section: 'anas-99' });
    expect(post.status).toBe(400);
    expect(((await post.json()) as { error: string }).error).toMatch(/section locale/);
    expect((await answer('mini-sections', { section: { $ne: 1 } })).status).toBe(400);
    expect(await stored()).toEqual([]);
  });

  it('acknowledges the retry of an answer stored before its section was removed', async () => {
    const id = randomUUID();
    expect((await answer('mini-sections', { section: 'anas-01' }, id)).status).toBe(201);
    await fx.store.updateCampaign('mini-sections', { sections: [{ id: 'anas-02', label: 'ANAS Aisne' }] });
    // The response was lost and the browser sends the same answer again: it is safe, say so.
    const retry = await answer('mini-sections', { section: 'anas-01' }, id);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'already_stored' });
    // A new answer with the removed section is still refused.
    expect((await answer('mini-sections', { section: 'anas-01' })).status).toBe(400);
    expect(await stored()).toHaveLength(1);
  });

  it('exports the section column for campaigns with sections', async () => {
    await answer('mini-sections', { section: 'anas-01' });
    const csv = (await (await fx.app.request('/api/admin/campaigns/mini-sections/answers.csv', bearer())).text()).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n')[0]).toMatch(/^campaign_id,questionnaire_version,submitted_on,section,consent,/);
    expect(csv.split('\r\n')[1]).toMatch(/^mini-sections,1,2026-11-15,anas-01,yes,/);
  });
});

describe('single-use invitations', () => {
  it('issues a batch as a CSV of links, stores only hashes, and counts them', async () => {
    const res = await fx.app.request('/api/admin/campaigns/mini-invite/invitations', adminJson('POST', { count: 3 }));
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mini-invite-invitations-2026-11-15\.csv"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    for (const url of lines.slice(1)) expect(url).toMatch(/^http:\/\/localhost\/c\/mini-invite\?t=[A-Za-z0-9_-]{22}$/);
    const tokens = lines.slice(1).map((u) => new URL(u).searchParams.get('t')!);
    expect(new Set(tokens).size).toBe(3);
    expect(await (await fx.app.request('/api/admin/campaigns/mini-invite/invitations', bearer())).json()).toMatchObject({ issued: 3, used: 0 });

    // The tokens themselves are nowhere in the database files.
    await fx.store.close();
    for (const name of readdirSync(dirname(fx.dbFile))) {
      const bytes = readFileSync(join(dirname(fx.dbFile), name)).toString('latin1');
      for (const t of tokens) expect(bytes.includes(t), name).toBe(false);
    }
  });

  it('refuses bad counts and open-link campaigns', async () => {
    for (const count of [0, -1, 1.5, '3', 10_001, null]) {
      expect((await fx.app.request('/api/admin/campaigns/mini-invite/invitations', adminJson('POST', { count }))).status, String(count)).toBe(422);
    }
    const open = await fx.app.request('/api/admin/campaigns/mini-2026/invitations', adminJson('POST', { count: 2 }));
    expect(open.status).toBe(409);
    expect(((await open.json()) as { error: string }).error).toMatch(/liens ouverts/);
  });

  it('hands the token to the page, takes one answer per token, and says why others are refused', async () => {
    const log = vi.spyOn(console, 'error');
    const [t1, t2] = await issue(2);
    const page = await (await fx.app.request(`/c/mini-invite?t=${t1}`)).text();
    expect(page).toContain(`data-invitation-token="${t1}"`);

    const without = await fx.app.request('/c/mini-invite');
    expect(without.status).toBe(403);
    expect(await without.text()).toContain('lien d’invitation personnel');
    expect((await fx.app.request('/c/mini-invite?t=%3Cscript%3E')).status).toBe(403);

    const none = await answer('mini-invite', {});
    expect(none.status).toBe(403);
    expect(((await none.json()) as { error: string }).error).toMatch(/lien d’invitation personnel/);
    const unknown = await answer('mini-invite', { token: 'A'.repeat(22) });
    expect(unknown.status).toBe(403);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/n’est pas valable/);

    const id = randomUUID();
    expect((await answer('mini-invite', { token: t1 }, id)).status).toBe(201);
    // A retry of the same answer is acknowledged again, not refused as a reused token.
    const retry = await answer('mini-invite', { token: t1 }, id);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'already_stored' });
    const reused = await answer('mini-invite', { token: t1 });
    expect(reused.status).toBe(409);
    expect(((await reused.json()) as { error: string }).error).toBe('Ce lien d’invitation a déjà servi : une invitation permet une seule réponse.');
    expect((await answer('mini-invite', { token: t2 })).status).toBe(201);

    expect(await (await fx.app.request('/api/admin/campaigns/mini-invite/invitations', bearer())).json()).toMatchObject({ issued: 2, used: 2 });
    const rows = await stored();
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toMatch(new RegExp(`${t1}|${t2}`));
    // Nothing was logged, tokens least of all.
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  });

  it('says on opening the page that a link was already used or is unknown, before any answer', async () => {
    const [t1] = await issue(1);
    expect((await fx.app.request(`/c/mini-invite?t=${t1}`)).status).toBe(200);
    const unknown = await fx.app.request(`/c/mini-invite?t=${'B'.repeat(22)}`);
    expect(unknown.status).toBe(403);
    expect(await unknown.text()).toContain('n’est pas valable');
    expect((await answer('mini-invite', { token: t1 })).status).toBe(201);
    const used = await fx.app.request(`/c/mini-invite?t=${t1}`);
    expect(used.status).toBe(409);
    expect(await used.text()).toContain('Ce lien d’invitation a déjà servi');
    expect((await fx.app.request(`/c/mini-invite?t=${t1}&lang=en`)).status).toBe(409);
    expect(await (await fx.app.request('/api/admin/campaigns/mini-invite/invitations', bearer())).json()).toMatchObject({ issued: 1, used: 1 });
  });

  it('ignores a token sent to an open-link campaign', async () => {
    expect((await answer('mini-2026', { token: 'A'.repeat(22) })).status).toBe(201);
  });

  it('issues invitations from the campaign page form as a download', async () => {
    const cookie = await login(fx.app);
    const page = await (await fx.app.request('/admin/campaigns/mini-invite', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('action="/admin/campaigns/mini-invite/invitations"');
    expect(page).toContain('0 invitation(s) émise(s), 0 utilisée(s).');
    const res = await fx.app.request('/admin/campaigns/mini-invite/invitations', formPost({ count: '5' }, cookie));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await res.text()).trimEnd().split('\r\n')).toHaveLength(6);
    const bad = await fx.app.request('/admin/campaigns/mini-invite/invitations', formPost({ count: 'many' }, cookie));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('un entier de 1 à 10000');
  });
});
