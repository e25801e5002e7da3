/**
 * The whole polyvalence questionnaire completed with the keyboard alone: Tab and
 * Shift+Tab to move, arrows and Space to choose, typing, Enter to go on. The page counts
 * every real mouse or touch event, and the test requires none.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { polyvalence } from '../../survey/polyvalence/index.js';
import { answerQuestionnaire, tabTo } from './answer-form.js';
import { launchBrowser } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';
import { richPolyvalenceAnswer } from './plans.js';

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('keyboard only (Chromium)', () => {
  it('completes the whole polyvalence questionnaire, and the answer stored is the one typed', async () => {
    const plan = { ...richPolyvalenceAnswer(), comment_general: 'Saisi « au clavier » seulement.' };
    const context = await browser.newContext({ locale: 'fr-FR' });
    // Trusted pointer events only come from a real mouse, pen or finger.
    await context.addInitScript(() => {
      const w = window as unknown as { pointerEvents: number };
      w.pointerEvents = 0;
      for (const type of ['pointerdown', 'mousedown', 'touchstart']) {
        window.addEventListener(type, (e) => e.isTrusted && w.pointerEvents++, true);
      }
    });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/c/demo`);
    await answerQuestionnaire(page, polyvalence, plan, { mode: 'keyboard' });
    await expect.poll(() => page.getByText('Merci !').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { pointerEvents: number }).pointerEvents)).toBe(0);

    const [stored] = await server.answers('demo');
    expect(stored).toBeDefined();
    for (const [name, value] of Object.entries(plan)) expect(stored.data[name], name).toEqual(value);
    await context.close();
  }, 240_000);

  it('reaches the language switch and the resume dialog, and Escape closes the dialog', async () => {
    const context = await browser.newContext({ locale: 'fr-FR' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(`${server.url}/c/mini`);
    await page.getByText('Acceptez-vous ?').waitFor();

    await tabTo(page, 'button[lang="en"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByText('Do you agree?').waitFor();

    await tabTo(page, '.draft-actions button:first-child');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Resume on another device' });
    await dialog.waitFor();
    // The modal dialog holds the focus.
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // And gives it back to the button that opened it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Resume on another device');
    await context.close();
  }, 120_000);
});
