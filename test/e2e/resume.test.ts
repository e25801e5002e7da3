/**
 * Save and resume in Chromium: answers in progress survive a reload and can be erased
 * from the browser; a resume code carries them to another device (another browser
 * context), and the code never reaches the stored answer. Also the language choice,
 * kept in the browser and shown in <html lang>.
 */
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeResumeCode } from '../../server/client/resume-code.js';
import { launchBrowser } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openMini(context: BrowserContext, query = ''): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}/c/mini${query}`);
  await page.locator('[data-name="consent"]').waitFor();
  return page;
}

/** Answers the first page and part of the second, as a person does. */
async function startAnswering(page: Page, teamSize: string): Promise<void> {
  await page.getByText('Oui', { exact: true }).click();
  await page.getByRole('button', { name: 'Suivant', exact: true }).click();
  await page.locator('[data-name="dept_code"] .sd-dropdown').click();
  await page.getByRole('option', { name: 'Aisne', exact: true }).click();
  await page.locator('[data-name="team_size"] input').fill(teamSize);
  await page.locator('[data-name="topics"]').getByText('Logement', { exact: true }).click();
}

function keptKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('polyvalence:')).sort());
}

describe('save and resume (Chromium)', () => {
  it('keeps answers in progress across a reload, on the same page, and erases them on request', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await openMini(context);
    await page.getByText('Vos réponses en cours sont conservées uniquement dans ce navigateur', { exact: false }).waitFor();
    await startAnswering(page, '7');
    await expect.poll(() => keptKeys(page)).toEqual(['polyvalence:v1:draft:mini']);

    await page.reload();
    await page.getByText('Vos réponses en cours ont été restaurées', { exact: false }).waitFor();
    expect(await page.locator('[data-name="team_size"] input').inputValue()).toBe('7');
    expect(await page.locator('[data-name="dept_code"] .sd-dropdown').innerText()).toContain('Aisne');
    expect(await page.locator('[data-name="topics"] input[value="housing"]').isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Effacer mes réponses de ce navigateur' }).click();
    await page.getByText('Effacer toutes vos réponses en cours de ce navigateur ?', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Oui, effacer' }).click();
    await page.getByText('Vos réponses en cours ont été effacées de ce navigateur.').waitFor();
    expect(await keptKeys(page)).toEqual([]);
    expect(await page.locator('[data-name="consent"] input:checked').count()).toBe(0);

    await page.reload();
    await page.locator('[data-name="consent"]').waitFor();
    expect(await page.getByText('restaurées', { exact: false }).count()).toBe(0);
    expect(await page.locator('[data-name="consent"] input:checked').count()).toBe(0);
    await context.close();
  }, 120_000);

  it('resumes on another device with a code; the code never reaches the stored answer, and the server copy goes once sent', async () => {
    const laptop = await browser.newContext({ locale: 'fr-FR' });
    const office = await openMini(laptop);
    await startAnswering(office, '11');
    await office.getByRole('button', { name: 'Reprendre sur un autre appareil' }).click();
    const dialog = office.getByRole('dialog', { name: 'Reprendre sur un autre appareil' });
    await dialog.getByRole('button', { name: 'Obtenir un code' }).click();
    const code = (await dialog.locator('.resume-code').innerText()).trim();
    expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    await dialog.getByText('Valable jusqu’au', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    // A shared computer: the respondent erases the answers here before leaving.
    await office.getByRole('button', { name: 'Effacer mes réponses de ce navigateur' }).click();
    await office.getByRole('button', { name: 'Oui, effacer' }).click();
    expect(await keptKeys(office)).toEqual([]);

    const phone = await browser.newContext({ locale: 'fr-FR' });
    const home = await openMini(phone);
    await home.getByRole('button', { name: 'Reprendre sur un autre appareil' }).click();
    const homeDialog = home.getByRole('dialog', { name: 'Reprendre sur un autre appareil' });
    const field = homeDialog.getByLabel('Code de reprise (10 caractères)');
    await field.fill('ABC12');
    await homeDialog.getByRole('button', { name: 'Reprendre avec ce code' }).click();
    await homeDialog.getByText('Ce code n’a pas la bonne forme', { exact: false }).waitFor();
    await field.fill('00000-00000');
    await homeDialog.getByRole('button', { name: 'Reprendre avec ce code' }).click();
    await homeDialog.getByText('Aucune réponse en cours ne correspond à ce code', { exact: false }).waitFor();
    // Typed as a person may: lower case, a space instead of the hyphen.
    await field.fill(code.toLowerCase().replace('-', ' '));
    await homeDialog.getByRole('button', { name: 'Reprendre avec ce code' }).click();
    await homeDialog.waitFor({ state: 'hidden' });
    await home.getByText('Vos réponses ont été récupérées avec le code', { exact: false }).waitFor();
    expect(await home.locator('[data-name="team_size"] input').inputValue()).toBe('11');

    await home.locator('[data-name="views"] tr').filter({ hasText: 'Sens' }).locator('td').nth(2).locator('label').click();
    await home.getByRole('button', { name: 'Terminer', exact: true }).click();
    await home.getByText('Réponse enregistrée.').waitFor();

    const stored = (await server.answers('mini')).filter((a) => a.data.team_size === 11);
    expect(stored).toHaveLength(1);
    expect(stored[0].data).toMatchObject({ consent: 'yes', dept_code: '02D', team_size: 11, topics: ['housing'], views: { meaning: 2 } });
    const symbols = normalizeResumeCode(code)!;
    const hash = createHash('sha256').update(symbols).digest('hex');
    const storedText = JSON.stringify(stored[0]).toUpperCase();
    for (const trace of [code, symbols, hash.toUpperCase()]) expect(storedText).not.toContain(trace);
    // The server's copy was deleted with the answer stored, and this browser kept nothing.
    await expect.poll(async () => (await fetch(`${server.url}/api/campaigns/mini/drafts/${code}`)).status).toBe(404);
    expect(await keptKeys(home)).toEqual([]);
    await laptop.close();
    await phone.close();
  }, 120_000);

  it('is French by default, switches to English, keeps the choice in this browser, and sets <html lang>', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await openMini(context);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByText('Acceptez-vous ?').waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Do you agree?').waitFor();
    await page.getByRole('button', { name: 'Resume on another device' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    await page.reload();
    await page.getByText('Do you agree?').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    // A link that names the language wins over the kept choice.
    const fr = await openMini(context, '?lang=fr');
    await fr.getByText('Acceptez-vous ?').waitFor();
    expect(await fr.evaluate(() => document.documentElement.lang)).toBe('fr');
    await context.close();
  }, 120_000);
});
