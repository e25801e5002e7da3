import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildCodebook } from '../../survey/codebook.js';
import { createAppFixture, mini, type AppFixture } from '../test-support/app-fixture.js';

let fx: AppFixture;
beforeEach(async () => {
  fx = await createAppFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

describe('anonymity pages', () => {
  it('describe each campaign’s questionnaire from its schema, in French and English', async () => {
    const res = await fx.app.request('/c/mini-2026/anonymat');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('Vos données : ce qui est enregistré, ce qui ne l’est pas');
    for (const col of buildCodebook(mini).columns) expect(page).toContain(`<code>${col.name}</code>`);
    expect(page).toContain('href="/c/mini-2026/anonymat?lang=en"');
    expect(page).toMatch(/adresse IP/);
    expect(page.match(/<script/g)).toBeNull();
    const en = await (await fx.app.request('/c/mini-2026/anonymat?lang=en')).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Your data: what is stored and what is not');
  });

  it('mention the local section only for campaigns with section links', async () => {
    const without = await (await fx.app.request('/c/mini-2026/anonymat')).text();
    expect(without).not.toContain('section locale du lien utilisé');
    await fx.store.updateCampaign('mini-2026', { sections: [{ id: 'anas-01', label: 'ANAS Ain' }] });
    const withSections = await (await fx.app.request('/c/mini-2026/anonymat')).text();
    expect(withSections).toContain('section locale du lien utilisé');
  });

  it('are listed at /anonymat and linked from the home page and the questionnaire page', async () => {
    const index = await (await fx.app.request('/anonymat')).text();
    expect(index).toContain('href="/c/mini-2026/anonymat"');
    expect(index).not.toContain('mini-closed');
    const indexEn = await (await fx.app.request('/anonymat?lang=en')).text();
    expect(indexEn).toContain('href="/c/mini-2026/anonymat?lang=en"');
    expect(await (await fx.app.request('/')).text()).toContain('href="/anonymat"');
    expect(await (await fx.app.request('/?lang=en')).text()).toContain('href="/anonymat?lang=en"');
    expect(await (await fx.app.request('/c/mini-2026')).text()).toContain('href="/c/mini-2026/anonymat"');
  });

  it('answer 404 for an unknown campaign', async () => {
    expect((await fx.app.request('/c/nope/anonymat')).status).toBe(404);
    expect((await fx.app.request('/c/..%2Fadmin/anonymat')).status).toBe(404);
  });
});
