/**
 * axe-core (WCAG 2.0/2.1, A and AA) on every page a respondent or an organiser can see:
 * each page of the polyvalence questionnaire with its validation errors and its
 * thank-you page; the states of the respondent page (answers restored, erase
 * confirmation, resume dialog, offline status, server refusals, English); and every
 * HTML page of the server, respondent and organiser, found by enumerating the app's
 * routes, so that a page added later is checked without touching this test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { defaultClientDir } from '../../server/project-root.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { answerQuestionnaire } from './answer-form.js';
import { axeFindings } from './axe.js';
import { launchBrowser } from './browser.js';
import { E2E_ADMIN_TOKEN, mini, startE2eServer, type E2eServer } from './e2e-server.js';
import { MINI_ANSWER, richPolyvalenceAnswer } from './plans.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(30), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A context that lets the test inject axe (the app's CSP rightly forbids inline scripts). */
async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ locale: 'fr-FR', bypassCSP: true });
}

async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return page;
}

/** Fails with axe's findings, naming the page state, when there is any. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await axeFindings(page), where).toEqual([]);
}

/** Values for the route parameters of the app; a new parameter must be added here. */
const PARAMS: Record<string, string> = { campaignId: 'demo', id: 'demo' };

/** GET routes of the app, with their parameters filled in. */
function htmlRouteCandidates(filter: (path: string) => boolean): string[] {
  const app = createApp({ store: server.store, adminToken: E2E_ADMIN_TOKEN, clientDir: defaultClientDir() });
  const paths = new Set<string>();
  for (const r of app.routes) {
    if (r.method !== 'GET' || !filter(r.path) || r.path.includes('*')) continue;
    paths.add(
      r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_m, name: string) => {
        const value = PARAMS[name];
        if (!value) throw new Error(`the accessibility test has no value for the route parameter :${name} (${r.path}); add one to PARAMS`);
        return value;
      }),
    );
  }
  return [...paths].sort();
}

/** Visits a page; returns false when the response is not HTML (a download, JSON…). */
async function visitHtml(page: Page, url: string): Promise<boolean> {
  const response = await page.goto(url, { waitUntil: 'networkidle' });
  if (!response) throw new Error(`no response for ${url}`);
  return (response.headers()['content-type'] ?? '').startsWith('text/html');
}

describe('accessibility (axe-core in Chromium)', () => {
  it('finds no violation on any page of the polyvalence questionnaire, its validation errors and its thank-you page', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${server.url}/c/demo`);
    await page.locator('[data-name="consent"]').waitFor();
    await expectAccessible(page, 'first page');
    // Going on without answering a required question shows the errors (until the
    // consent is given, this page is the last one: its button is "Terminer").
    await page.locator('.sd-navigation__next-btn:visible, .sd-navigation__complete-btn:visible').first().click();
    await page.locator('.sd-question__erbox').first().waitFor();
    await expectAccessible(page, 'first page with a validation error');

    await answerQuestionnaire(page, polyvalence, richPolyvalenceAnswer(), {
      onPage: (name) => expectAccessible(page, `page ${name}`),
    });
    await page.getByText('Merci !').waitFor();
    await expectAccessible(page, 'thank-you page');
    await context.close();
  }, 180_000);

  it('finds no violation in the states of the respondent page: English, answers restored, erase confirmation, resume dialog', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${server.url}/c/mini?lang=en`);
    await page.getByText('Do you agree?').waitFor();
    await expectAccessible(page, 'English page');
    await page.getByRole('button', { name: 'Français' }).click();
    await page.getByText('Acceptez-vous ?').waitFor();

    await page.getByText('Oui', { exact: true }).click();
    // Opened again without ?lang=en: the language chosen last (French) applies.
    await page.goto(`${server.url}/c/mini`);
    await page.getByText('Vos réponses en cours ont été restaurées', { exact: false }).waitFor();
    await expectAccessible(page, 'answers restored');
    await page.getByRole('button', { name: 'Effacer mes réponses de ce navigateur' }).click();
    await page.getByRole('button', { name: 'Oui, effacer' }).waitFor();
    await expectAccessible(page, 'erase confirmation');
    await page.getByRole('button', { name: 'Annuler' }).click();

    await page.getByRole('button', { name: 'Reprendre sur un autre appareil' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reprendre sur un autre appareil' });
    await dialog.waitFor();
    await expectAccessible(page, 'resume dialog');
    await dialog.getByRole('button', { name: 'Obtenir un code' }).click();
    await dialog.locator('.resume-code').waitFor();
    await expectAccessible(page, 'resume dialog with a code');
    await dialog.getByLabel('Code de reprise (10 caractères)').fill('pas un code');
    await dialog.getByRole('button', { name: 'Reprendre avec ce code' }).click();
    await dialog.getByText('Ce code n’a pas la bonne forme', { exact: false }).waitFor();
    await expectAccessible(page, 'resume dialog with an error');
    await context.close();
  }, 120_000);

  it('finds no violation in the sending states: offline, refused as invalid, refused as closed, saved', async () => {
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${server.url}/c/mini`);
    await page.getByText('Acceptez-vous ?').waitFor();
    await context.setOffline(true);
    await page.getByText('Hors ligne : vous pouvez continuer à répondre', { exact: false }).waitFor();
    await expectAccessible(page, 'answering offline');
    await answerQuestionnaire(page, mini, { ...MINI_ANSWER, remarks: 'accessibilité hors ligne' });
    await page.getByText('Hors ligne : votre réponse sera envoyée au retour de la connexion.').waitFor();
    await expectAccessible(page, 'waiting for the connection');
    await context.setOffline(false);
    await page.getByText('Réponse enregistrée.').waitFor();
    await expectAccessible(page, 'saved');

    // The server finds the answer invalid (a rule the form does not know).
    const invalid = await newPage(context);
    await invalid.route('**/api/campaigns/mini/answers*', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'La réponse est invalide', errors: [{ question: 'team_size', message: 'doit être au plus 5' }] }),
      }),
    );
    await invalid.goto(`${server.url}/c/mini`);
    await invalid.getByText('Acceptez-vous ?').waitFor();
    await answerQuestionnaire(invalid, mini, MINI_ANSWER);
    await invalid.getByText('Le serveur n’a pas accepté vos réponses', { exact: false }).waitFor();
    await expectAccessible(invalid, 'answer refused as invalid');

    // The campaign closes while the respondent answers.
    await server.store.createCampaign({ id: 'mini-closing', title: 'Enquête qui ferme', questionnaireId: mini.id, questionnaireVersion: mini.version, status: 'open' });
    const closing = await newPage(context);
    await closing.goto(`${server.url}/c/mini-closing`);
    await closing.getByText('Acceptez-vous ?').waitFor();
    await answerQuestionnaire(closing, mini, MINI_ANSWER, {
      onPage: async (name) => {
        if (name === 'p1') await server.store.setCampaignStatus('mini-closing', 'closed');
      },
    });
    await closing.getByRole('button', { name: 'Réessayer l’envoi' }).waitFor();
    await expectAccessible(closing, 'answer refused: campaign closed');
    await context.close();
  }, 120_000);

  it('finds no violation on any respondent page the server renders, in French and English', async () => {
    const routes = htmlRouteCandidates((p) => !p.startsWith('/api/') && !p.startsWith('/admin') && !p.startsWith('/assets/') && !p.startsWith('/static/') && p !== '/favicon.ico');
    expect(routes).toEqual(expect.arrayContaining(['/', '/c/demo']));
    const messages = ['/c/inconnue', '/c/mini-closed', '/page-inexistante'];
    const context = await newContext();
    const page = await newPage(context);
    let checked = 0;
    for (const path of [...routes, ...messages]) {
      for (const query of ['', '?lang=en']) {
        if (!(await visitHtml(page, `${server.url}${path}${query}`))) continue;
        if (path === '/c/demo') await page.locator('[data-name="consent"]').waitFor();
        await expectAccessible(page, `${path}${query}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(2 * (routes.length + messages.length) - 2);
    await context.close();
  }, 120_000);

  it('finds no violation on any organiser page, before and after logging in', async () => {
    const routes = htmlRouteCandidates((p) => p === '/admin' || p.startsWith('/admin/'));
    expect(routes).toContain('/admin');
    const context = await newContext();
    const page = await newPage(context);
    await page.goto(`${server.url}/admin`);
    await expectAccessible(page, 'login page');
    await page.locator('input[type="password"]').fill('wrong-token-0123456789');
    await page.locator('form[action^="/admin/login"] button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').waitFor();
    await expectAccessible(page, 'login page after a wrong token');
    await page.locator('input[type="password"]').fill(E2E_ADMIN_TOKEN);
    await page.locator('form[action^="/admin/login"] button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === '/admin');

    const checked: string[] = [];
    for (const path of routes) {
      for (const query of ['', '?lang=en']) {
        if (!(await visitHtml(page, `${server.url}${path}${query}`))) continue;
        // The guard sends a visitor without a session to /admin, where the login form is.
        expect(new URL(page.url()).pathname, `${path} sent the organiser elsewhere`).toBe(path);
        expect(await page.locator('input[type="password"]').count(), `${path} shows the login form`).toBe(0);
        await expectAccessible(page, `organiser page ${path}${query}`);
        checked.push(path);
      }
    }
    expect(checked).toContain('/admin');
    await context.close();
  }, 120_000);
});
