/**
 * The links respondents come by, in Chromium: an open link per local section stores the
 * section with the answer; a single-use invitation link gives one answer, and a second
 * visit is told at once that the link was used, while the store keeps no trace of which token gave
 * which answer.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestionnaire } from './answer-form.js';
import { launchBrowser } from './browser.js';
import { mini, startE2eServer, type E2eServer } from './e2e-server.js';
import { MINI_ANSWER } from './plans.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  const base = { questionnaireId: mini.id, questionnaireVersion: mini.version, status: 'open' as const };
  await server.store.createCampaign({ ...base, id: 'mini-sections', title: 'Mini par section', sections: [{ id: 'anas-13', label: 'Section des Bouches-du-Rhône' }] });
  await server.store.createCampaign({ ...base, id: 'mini-invite', title: 'Mini sur invitation', invitationMode: 'single_use' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Answers the mini questionnaire in a fresh browser (no answers kept from another test). */
async function answerAt(path: string, remarks: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}${path}`);
  await page.getByText('Acceptez-vous ?').waitFor();
  await answerQuestionnaire(page, mini, { ...MINI_ANSWER, remarks });
  return page;
}

describe('links and invitations (Chromium)', () => {
  it('stores the local section of an open section link with the answer', async () => {
    const page = await answerAt('/c/mini-sections?s=anas-13', 'par la section');
    await expect.poll(async () => (await server.answers('mini-sections')).length, { timeout: 60_000 }).toBe(1);
    const [answer] = await server.answers('mini-sections');
    expect(answer.section).toBe('anas-13');
    expect(answer.data.remarks).toBe('par la section');
    await page.context().close();
  }, 120_000);

  it('takes one answer per single-use invitation and tells a second visitor the link was used', async () => {
    const token = randomBytes(16).toString('base64url');
    await server.store.createInvitations('mini-invite', [createHash('sha256').update(token).digest('hex')]);

    const first = await answerAt(`/c/mini-invite?t=${token}`, 'première réponse');
    await expect.poll(async () => (await server.answers('mini-invite')).length, { timeout: 60_000 }).toBe(1);
    expect(await server.store.countInvitations('mini-invite')).toEqual({ issued: 1, used: 1 });
    await first.context().close();

    // A second visit is told at once, before answering anything.
    const context = await browser.newContext({ locale: 'fr-FR' });
    const second = await context.newPage();
    const response = await second.goto(`${server.url}/c/mini-invite?t=${token}`);
    expect(response?.status()).toBe(409);
    await second.getByText('Ce lien d’invitation a déjà servi', { exact: false }).waitFor({ timeout: 30_000 });
    expect(await second.getByText('Acceptez-vous ?').count()).toBe(0);
    const stored = await server.answers('mini-invite');
    expect(stored.map((a) => a.data.remarks)).toEqual(['première réponse']);
    // Neither the token nor its hash travels with the answer.
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(createHash('sha256').update(token).digest('hex'));
    await second.context().close();
  }, 120_000);
});
