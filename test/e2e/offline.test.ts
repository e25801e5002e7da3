/**
 * Answering without a connection (Chromium's offline emulation): the form keeps working,
 * the completed answer waits in the browser with a visible status, and it is sent once
 * when the connection returns, also after the page was closed and opened again. A
 * retry after a lost response stores nothing twice, and "merci" only follows the
 * server's acknowledgement.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestionnaire } from './answer-form.js';
import { launchBrowser } from './browser.js';
import { mini, startE2eServer, type E2eServer } from './e2e-server.js';
import { MINI_ANSWER } from './plans.js';

const OFFLINE_STATUS = 'Hors ligne : votre réponse sera envoyée au retour de la connexion.';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the mini questionnaire; `form: false` when the page is expected to show no form. */
async function openMini(context: BrowserContext, form = true): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}/c/mini`);
  if (form) await page.getByText('Acceptez-vous ?').waitFor();
  return page;
}

/** Stored answers of the mini campaign whose remark is `marker`. */
async function storedWith(marker: string) {
  return (await server.answers('mini')).filter((a) => a.data.remarks === marker);
}

/** Keys the page keeps in localStorage. */
function keptKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('polyvalence:')).sort());
}

describe('offline (Chromium)', () => {
  it('keeps working offline, queues the answer with a visible status, and sends it when the connection returns', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await openMini(context);
    await context.setOffline(true);
    await page.getByText('Hors ligne : vous pouvez continuer à répondre.', { exact: false }).waitFor();
    const marker = 'hors ligne puis en ligne';
    await answerQuestionnaire(page, mini, { ...MINI_ANSWER, remarks: marker });

    await page.getByText(OFFLINE_STATUS).waitFor();
    expect(await page.getByText('Merci', { exact: false }).count()).toBe(0);
    expect(await storedWith(marker)).toEqual([]);
    expect(await keptKeys(page)).toContain('polyvalence:v1:outbox:mini');

    await context.setOffline(false);
    await page.getByText('Réponse enregistrée.').waitFor();
    await expect.poll(() => page.getByText('Merci', { exact: false }).first().isVisible()).toBe(true);
    const stored = await storedWith(marker);
    expect(stored).toHaveLength(1);
    expect(stored[0].data).toMatchObject({ ...MINI_ANSWER, remarks: marker });
    // Stored: nothing of the answer is left in the browser.
    expect(await keptKeys(page)).toEqual([]);
    await context.close();
  }, 120_000);

  it('sends the queued answer when the page is opened again, once', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const first = await openMini(context);
    const marker = 'envoyée à la réouverture';
    await context.setOffline(true);
    await answerQuestionnaire(first, mini, { ...MINI_ANSWER, remarks: marker });
    await first.getByText(OFFLINE_STATUS).waitFor();
    const queuedId = await first.evaluate(() => (JSON.parse(localStorage.getItem('polyvalence:v1:outbox:mini') ?? '{}') as { id?: string }).id);
    expect(queuedId).toMatch(/^[0-9a-f-]{36}$/);
    await first.close();

    await context.setOffline(false);
    const again = await openMini(context, false);
    await again.getByText('Réponse enregistrée.').waitFor();
    await expect.poll(() => again.getByText('Merci', { exact: false }).first().isVisible()).toBe(true);
    const stored = await storedWith(marker);
    expect(stored.map((a) => a.id)).toEqual([queuedId]);
    expect(await keptKeys(again)).toEqual([]);

    // Opening the page once more starts a new, empty questionnaire: nothing is sent again.
    const third = await openMini(context);
    expect(await third.locator('[data-name="consent"] input:checked').count()).toBe(0);
    expect(await storedWith(marker)).toHaveLength(1);
    await context.close();
  }, 120_000);

  it('stores an answer once when the response was lost and the browser sends it again', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await openMini(context);
    const marker = 'réponse perdue en route';
    const sent: { id: string }[] = [];
    let lost = false;
    await page.route('**/api/campaigns/mini/answers*', async (route) => {
      sent.push(JSON.parse(route.request().postData() ?? '{}') as { id: string });
      if (lost) return route.continue();
      // The server stores the answer, but its response never reaches the browser.
      lost = true;
      const response = await route.fetch();
      expect(response.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await answerQuestionnaire(page, mini, { ...MINI_ANSWER, remarks: marker });
    await page.getByText('L’envoi n’a pas abouti', { exact: false }).first().waitFor();
    expect(await page.getByText('Merci', { exact: false }).count()).toBe(0);
    expect(await storedWith(marker)).toHaveLength(1);

    await page.getByRole('button', { name: 'Réessayer maintenant' }).click();
    await page.getByText('Réponse enregistrée.').waitFor();
    await expect.poll(() => page.getByText('Merci', { exact: false }).first().isVisible()).toBe(true);
    expect(sent).toHaveLength(2);
    expect(sent[1].id).toBe(sent[0].id);
    expect(await storedWith(marker)).toHaveLength(1);
    await context.close();
  }, 120_000);
});
