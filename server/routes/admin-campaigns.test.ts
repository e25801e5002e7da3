import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppFixture, postJson, TODAY, VALID_DATA, type AppFixture } from '../test-support/app-fixture.js';
import { adminJson, bearer, formPost, login, ORIGIN } from '../test-support/requests.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

const NEW = { id: 'mini-2027', title: 'Enquête mini 2027', questionnaireId: 'mini', questionnaireVersion: '1' };
const submit = (campaign: string, extra: Record<string, unknown> = {}) => fx.app.request(`/api/campaigns/${campaign}/answers`, postJson({ id: randomUUID(), data: VALID_DATA, ...extra }));

describe('campaign API', () => {
  it('creates a campaign closed by default, with open links and no sections', async () => {
    const res = await fx.app.request('/api/admin/campaigns', adminJson('POST', NEW));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { campaign: unknown }).campaign).toEqual({ ...NEW, status: 'closed', invitationMode: 'open', sections: [] });
    // Closed until the organiser opens it.
    expect((await submit('mini-2027')).status).toBe(410);
  });

  it('opens, closes, and changes dates and sections; answers follow', async () => {
    await fx.app.request('/api/admin/campaigns', adminJson('POST', NEW));
    expect((await fx.app.request('/api/admin/campaigns/mini-2027/open', { method: 'POST', ...bearer() })).status).toBe(200);
    expect((await submit('mini-2027')).status).toBe(201);

    const patched = await fx.app.request('/api/admin/campaigns/mini-2027', adminJson('PATCH', { closesOn: '2026-11-14', sections: [{ id: 'anas-01', label: 'ANAS Ain' }] }));
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { campaign: unknown }).campaign).toMatchObject({ closesOn: '2026-11-14', sections: [{ id: 'anas-01', label: 'ANAS Ain' }], status: 'open' });
    // The closing day has passed: refused with a clear message.
    const late = await submit('mini-2027');
    expect(late.status).toBe(410);
    expect(((await late.json()) as { error: string }).error).toMatch(/close/);

    await fx.app.request('/api/admin/campaigns/mini-2027', adminJson('PATCH', { closesOn: null }));
    expect((await submit('mini-2027')).status).toBe(201);
    expect((await fx.app.request('/api/admin/campaigns/mini-2027/close', { method: 'POST', ...bearer() })).status).toBe(200);
    const closed = await submit('mini-2027');
    expect(closed.status).toBe(410);
    expect(((await closed.json()) as { error: string }).error).toBe('Cette enquête est close : elle n’accepte plus de réponses. Merci de votre intérêt.');

    const detail = (await (await fx.app.request('/api/admin/campaigns/mini-2027', bearer())).json()) as { campaign: { status: string }; answers: number };
    expect(detail).toMatchObject({ campaign: { status: 'closed' }, answers: 2 });
    // Every answer keeps the questionnaire version it was given.
    for await (const a of fx.store.iterateAnswers({ campaignId: 'mini-2027' })) expect(a.questionnaireVersion).toBe('1');
  });

  it('refuses bad input field by field, duplicates with 409 and unknown campaigns with 404', async () => {
    const bad = await fx.app.request('/api/admin/campaigns', adminJson('POST', { id: 'Bad Id', title: '', questionnaireId: 'mini', questionnaireVersion: '9', opensOn: '2026-02-30', invitationMode: 'email', extra: 1 }));
    expect(bad.status).toBe(422);
    const { errors } = (await bad.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field).sort()).toEqual(['extra', 'id', 'invitationMode', 'opensOn', 'questionnaire', 'title']);

    const order = await fx.app.request('/api/admin/campaigns', adminJson('POST', { ...NEW, opensOn: '2026-12-01', closesOn: '2026-11-01' }));
    expect(order.status).toBe(422);
    expect(((await order.json()) as { error: string }).error).toMatch(/clôture précède/);

    expect((await fx.app.request('/api/admin/campaigns', adminJson('POST', { ...NEW, id: 'mini-2026' }))).status).toBe(409);
    expect((await fx.app.request('/api/admin/campaigns', adminJson('POST', '{'))).status).toBe(400);
    expect((await fx.app.request('/api/admin/campaigns/nope', adminJson('PATCH', { title: 'x' }))).status).toBe(404);
    expect((await fx.app.request('/api/admin/campaigns/mini-2026', adminJson('PATCH', { invitationMode: 'single_use' }))).status).toBe(422);
    expect((await fx.app.request('/api/admin/campaigns/mini-2026', adminJson('PATCH', { opensOn: '2027-01-01', closesOn: '2026-01-01' }))).status).toBe(422);
  });

  it('sets disclosure thresholds at creation and by PATCH, refuses bad ones with 422 and a message, and null goes back to the defaults', async () => {
    const created = await fx.app.request('/api/admin/campaigns', adminJson('POST', { ...NEW, disclosure: { minGroup: 20 } }));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { campaign: unknown }).campaign).toMatchObject({ disclosure: { minGroup: 20, minCell: 5, k: 5 } });

    const low = await fx.app.request('/api/admin/campaigns/mini-2027', adminJson('PATCH', { disclosure: { minCell: 2, k: 'cinq' } }));
    expect(low.status).toBe(422);
    const body = (await low.json()) as { error: string; errors: { field: string; message: string }[] };
    expect(body.errors.map((e) => e.field)).toEqual(['disclosure', 'disclosure']);
    expect(body.error).toMatch(/minCell doit être un nombre entier de 5 à 1000.*reçu 2/);
    expect((await fx.store.getCampaign('mini-2027'))?.disclosure).toEqual({ minGroup: 20, minCell: 5, k: 5 });
    const order = await fx.app.request('/api/admin/campaigns/mini-2027?lang=en', adminJson('PATCH', { disclosure: { minGroup: 6, minCell: 8 } }));
    expect(order.status).toBe(422);
    expect(((await order.json()) as { error: string }).error).toMatch(/minGroup \(6\) cannot be smaller than minCell \(8\)/);
    expect((await fx.app.request('/api/admin/campaigns', adminJson('POST', { ...NEW, id: 'other', disclosure: [10] }))).status).toBe(422);

    const patched = await fx.app.request('/api/admin/campaigns/mini-2027', adminJson('PATCH', { disclosure: { minGroup: 15, minCell: 6, k: 8 } }));
    expect(((await patched.json()) as { campaign: unknown }).campaign).toMatchObject({ disclosure: { minGroup: 15, minCell: 6, k: 8 } });
    const reset = await fx.app.request('/api/admin/campaigns/mini-2027', adminJson('PATCH', { disclosure: null }));
    expect(((await reset.json()) as { campaign: { disclosure?: unknown } }).campaign.disclosure).toBeUndefined();
  });

  it('refuses changes made with the session cookie from another site', async () => {
    const cookie = await login(fx.app);
    const evil = await fx.app.request('/api/admin/campaigns/mini-2026/close', { method: 'POST', headers: { Cookie: cookie, Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect((await fx.store.getCampaign('mini-2026'))?.status).toBe('open');
    const same = await fx.app.request('/api/admin/campaigns/mini-2026/close', { method: 'POST', headers: { Cookie: cookie, Origin: ORIGIN } });
    expect(same.status).toBe(200);
  });
});

describe('campaign pages', () => {
  it('creates a campaign through the form, with sections from the textarea, and shows its links', async () => {
    const cookie = await login(fx.app);
    const form = await fx.app.request('/admin/campaigns/new', { headers: { Cookie: cookie } });
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('<option value="mini@1"');
    expect(formHtml).toMatch(/name="invitationMode" value="open" checked/);

    const res = await fx.app.request(
      '/admin/campaigns',
      formPost({ id: 'mini-2027', title: 'Enquête 2027', questionnaire: 'mini@1', opensOn: '', closesOn: '2026-12-31', invitationMode: 'open', sections: 'anas-01 ; ANAS Ain\nANAS Bouches-du-Rhône\n\n', openNow: 'yes' }, cookie),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/campaigns/mini-2027?done=created');
    const campaign = await fx.store.getCampaign('mini-2027');
    expect(campaign).toMatchObject({ status: 'open', closesOn: '2026-12-31', sections: [{ id: 'anas-01', label: 'ANAS Ain' }, { id: 'anas-bouches-du-rhone', label: 'ANAS Bouches-du-Rhône' }] });

    const page = await (await fx.app.request('/admin/campaigns/mini-2027?done=created', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('La campagne a été créée.');
    expect(page).toContain('href="http://localhost/c/mini-2027"');
    expect(page).toContain('href="http://localhost/c/mini-2027?s=anas-bouches-du-rhone"');
    expect(page).toContain('href="/api/admin/campaigns/mini-2027/answers.xlsx"');
    expect(page).toContain('href="/admin/campaigns/mini-2027/returns"');
    expect(page).toContain('anas-01 ; ANAS Ain');
    expect(page.match(/<script/g)).toBeNull();
  });

  it('shows the form again with the errors and the values typed', async () => {
    const cookie = await login(fx.app);
    const res = await fx.app.request('/admin/campaigns', formPost({ id: 'Mauvais id', title: 'Titre gardé', questionnaire: 'mini@1', sections: 'Bad Id ; x ; y\n' }, cookie));
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('role="alert"');
    expect(page).toContain('identifiant non valable');
    expect(page).toContain('value="Titre gardé"');
    expect(page).toMatch(/id="id"[^>]*aria-invalid="true"/);
    const dup = await fx.app.request('/admin/campaigns', formPost({ id: 'mini-2026', title: 'x', questionnaire: 'mini@1' }, cookie));
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain('Une campagne porte déjà cet identifiant.');
  });

  it('opens and closes a campaign, and edits its title, dates and sections', async () => {
    const cookie = await login(fx.app);
    const close = await fx.app.request('/admin/campaigns/mini-2026/status', formPost({ status: 'closed' }, cookie));
    expect(close.status).toBe(303);
    expect(close.headers.get('location')).toBe('/admin/campaigns/mini-2026?done=closed');
    expect((await fx.store.getCampaign('mini-2026'))?.status).toBe('closed');
    await fx.app.request('/admin/campaigns/mini-2026/status?lang=en', formPost({ status: 'open' }, cookie));
    expect((await fx.store.getCampaign('mini-2026'))?.status).toBe('open');

    const edit = await fx.app.request('/admin/campaigns/mini-2026', formPost({ title: 'Nouveau titre', opensOn: TODAY, closesOn: '', sections: 's1 ; Section une' }, cookie));
    expect(edit.status).toBe(303);
    expect(await fx.store.getCampaign('mini-2026')).toMatchObject({ title: 'Nouveau titre', opensOn: TODAY, sections: [{ id: 's1', label: 'Section une' }] });
    const bad = await fx.app.request('/admin/campaigns/mini-2026', formPost({ title: 'x', opensOn: '2027-01-02', closesOn: '2027-01-01', sections: '' }, cookie));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('la date de clôture précède la date d’ouverture');
    expect((await fx.app.request('/admin/campaigns/nope', { headers: { Cookie: cookie } })).status).toBe(404);
  });

  it('shows the campaign’s disclosure thresholds and edits them, refusing values under 5', async () => {
    const cookie = await login(fx.app);
    const page = await (await fx.app.request('/admin/campaigns/mini-2026', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('un groupe n’est publié qu’avec au moins 10 répondant·es');
    expect(page).toContain('(seuils par défaut)');
    expect(page).toContain('href="/api/admin/campaigns/mini-2026/answers-anonymised.csv"');
    expect(page).toMatch(/<input type="number" id="minGroup" name="minGroup"[^>]*value="10"/);
    const form = { title: 'Mini', opensOn: '', closesOn: '', sections: '' };
    const edit = await fx.app.request('/admin/campaigns/mini-2026', formPost({ ...form, minGroup: '12', minCell: '6', k: '7' }, cookie));
    expect(edit.status).toBe(303);
    expect((await fx.store.getCampaign('mini-2026'))?.disclosure).toEqual({ minGroup: 12, minCell: 6, k: 7 });
    const after = await (await fx.app.request('/admin/campaigns/mini-2026?lang=en', { headers: { Cookie: cookie } })).text();
    expect(after).toContain('a group is published only with at least 12 respondents; no count from 1 to 5 is shown');
    const bad = await fx.app.request('/admin/campaigns/mini-2026', formPost({ ...form, minGroup: '12', minCell: '3', k: '7' }, cookie));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('minCell doit être un nombre entier de 5 à 1000');
    expect((await fx.store.getCampaign('mini-2026'))?.disclosure).toEqual({ minGroup: 12, minCell: 6, k: 7 });
  });

  it('speaks English on ?lang=en', async () => {
    const cookie = await login(fx.app);
    const page = await (await fx.app.request('/admin/campaigns/mini-2026?lang=en', { headers: { Cookie: cookie } })).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Close the campaign');
    expect(page).toContain('action="/admin/campaigns/mini-2026/status?lang=en"');
  });
});
