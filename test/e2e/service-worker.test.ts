/**
 * The respondent page on a weak or absent connection (Chromium): the information notice is
 * readable without any script, the service worker makes a repeat visit load no script over
 * the network, and a page reloaded without a connection still shows the questionnaire.
 */
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { informationNotice } from '../../server/html/information-notice.js';
import { OFFLINE_PAGES_CACHE } from '../../server/html/respondent-shell.js';
import { polyvalence } from '../../survey/polyvalence/index.js';
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

const CONSENT_FR = 'Avez-vous lu ces informations et acceptez-vous de participer ?';

/** Opens the demo campaign and waits until its first question is shown. */
async function openDemo(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${server.url}/c/demo`);
  await page.locator('[data-name="consent"]').waitFor();
  return page;
}

/** Waits until the service worker controls the page and the page is kept for offline use. */
async function waitUntilKeptOffline(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // waitForFunction does not await a promise: poll the cache from here.
  for (let i = 0; i < 300; i++) {
    const kept = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, OFFLINE_PAGES_CACHE);
    if (kept >= 2) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the page was not kept for offline use');
}

describe('information notice', () => {
  it('is readable with scripts disabled, from the questionnaire definition', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/c/demo`);
      const notice = page.locator('#static-notice');
      expect(await notice.isVisible()).toBe(true);
      const expected = informationNotice(polyvalence.json, 'fr')!;
      expect(await notice.getByRole('heading', { level: 2 }).textContent()).toBe(expected.title);
      expect(await notice.textContent()).toContain('aucune adresse IP');
      expect(await notice.getByRole('group', { name: CONSENT_FR }).isVisible()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('gives way to the questionnaire’s own once it is shown', async () => {
    const context = await browser.newContext();
    try {
      const page = await openDemo(context);
      expect(await page.locator('#static-notice').count()).toBe(0);
      // The questionnaire shows the notice itself, once.
      expect(await page.getByText('aucune adresse IP').count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe('question after the notice', () => {
  it('can be answered before the bundle arrives, and the questionnaire keeps the choice', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      // Hold the page proper back until the respondent has answered the server's copy.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route(/\/assets\/mount-[\w-]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${server.url}/c/demo`, { waitUntil: 'commit' });
      const early = page.locator('#static-notice fieldset');
      await early.getByRole('radio', { name: 'Oui, je participe' }).check();
      expect(await page.locator('[data-name="consent"]').count()).toBe(0);
      release();
      const consent = page.locator('[data-name="consent"]');
      await consent.waitFor();
      await expect.poll(() => page.locator('#static-notice').count()).toBe(0);
      expect(await consent.getByRole('radio', { name: 'Oui, je participe' }).isChecked()).toBe(true);
      // The questionnaire acts on it: the question it opens is shown.
      await page.locator('[data-name="eligible"]').waitFor();
      // The focus followed the respondent into the questionnaire. survey-core moves it once
      // it has scrolled to the question (a few tens of milliseconds after the notice goes
      // with React DOM, up to about 200 ms with preact/compat): wait for it.
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[data-name="consent"]') != null), { timeout: 2000 }).toBe(true);
    } finally {
      await context.close();
    }
  });
});

describe('service worker', () => {
  it('serves the repeat visit’s scripts and stylesheets from its cache', async () => {
    const context = await browser.newContext();
    try {
      const first = await openDemo(context);
      await waitUntilKeptOffline(first);
      await first.close();

      const fromNetwork: string[] = [];
      const fromWorker: string[] = [];
      const record = async (request: Request) => {
        const type = request.resourceType();
        if (type !== 'script' && type !== 'stylesheet') return;
        const response = await request.response();
        // A request the worker itself sends to the network is listed too, with its worker.
        if (request.serviceWorker() || !response?.fromServiceWorker()) fromNetwork.push(request.url());
        else fromWorker.push(request.url());
      };
      const seen: Promise<void>[] = [];
      context.on('requestfinished', (r) => seen.push(record(r)));
      const second = await openDemo(context);
      await Promise.all(seen);
      expect(fromNetwork).toEqual([]);
      expect(fromWorker.some((u) => /\/assets\/main-[\w-]+\.js$/.test(u)), fromWorker.join(' ')).toBe(true);
      await second.close();
    } finally {
      await context.close();
    }
  });

  it('shows the questionnaire when the page is reloaded without a connection', async () => {
    const context = await browser.newContext();
    try {
      const page = await openDemo(context);
      await waitUntilKeptOffline(page);
      await context.setOffline(true);
      await page.reload();
      const consent = page.locator('[data-name="consent"]');
      await consent.waitFor();
      await consent.getByRole('radio', { name: 'Oui, je participe' }).check({ force: true });
      expect(await consent.getByRole('radio', { name: 'Oui, je participe' }).isChecked()).toBe(true);
      // A campaign page never seen is not invented.
      const other = await context.newPage();
      await expect(other.goto(`${server.url}/c/mini`)).rejects.toThrow();
      await context.setOffline(false);
    } finally {
      await context.close();
    }
  });
});
