/**
 * The respondent bundle leaves out survey-react-ui's icons and survey-core's style rules
 * of the question types an uploaded questionnaire may not contain
 * (`server/client/unused-icons.ts`, `unused-styles.ts`). Here a questionnaire with every
 * accepted type, in its variants that show icons (rating stars and smileys, boolean as
 * a checkbox, collapsible panel, dropdown and tagbox with their lists open, progress
 * buttons, table of contents), is accepted by the upload check, then shown in Chromium:
 * every icon it references must be in the page's icon sprite, and its elements styled.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuestionnaireFile } from '../../survey/load-questionnaire.js';
import { launchBrowser } from './browser.js';
import { startE2eServer, type E2eServer } from './e2e-server.js';

const choicesOf = (label: string) => ['a', 'b', 'c'].map((v) => ({ value: v, text: `${label} ${v}` }));
const choices = choicesOf('Choix');
const ALL_TYPES = {
  id: 'all-types',
  version: '1',
  date: '2026-12-01',
  json: {
    locale: 'fr',
    title: 'Tous les types',
    showProgressBar: true,
    progressBarType: 'buttons',
    showTOC: true,
    pages: [
      {
        name: 'p1',
        title: 'Page un',
        elements: [
          { type: 'html', name: 'intro', html: '<p>Présentation</p>' },
          { type: 'radiogroup', name: 'radio', title: 'Radio', choices, showOtherItem: true, showNoneItem: true },
          { type: 'checkbox', name: 'check', title: 'Cases', choices, showSelectAllItem: true },
          { type: 'dropdown', name: 'drop', title: 'Liste', choices: choicesOf('Liste'), allowClear: true },
          { type: 'tagbox', name: 'tags', title: 'Étiquettes', choices: choicesOf('Étiquette') },
          { type: 'boolean', name: 'bool', title: 'Oui ou non' },
          { type: 'boolean', name: 'bool_check', title: 'Case', renderAs: 'checkbox' },
          { type: 'rating', name: 'stars', title: 'Étoiles', rateType: 'stars' },
          { type: 'rating', name: 'smileys', title: 'Visages', rateType: 'smileys', rateCount: 5 },
          { type: 'rating', name: 'numbers', title: 'Note', rateCount: 5 },
          { type: 'text', name: 'text', title: 'Texte' },
          { type: 'comment', name: 'comment', title: 'Commentaire' },
          { type: 'matrix', name: 'matrix', title: 'Matrice', columns: choices, rows: [{ value: 'r1', text: 'Ligne' }] },
          { type: 'multipletext', name: 'multi', title: 'Plusieurs', items: [{ name: 'm1', title: 'Un' }, { name: 'm2', title: 'Deux' }] },
          { type: 'panel', name: 'panel', title: 'Panneau', state: 'collapsed', elements: [{ type: 'text', name: 'inner', title: 'Dedans' }] },
          { type: 'expression', name: 'expr', title: 'Calcul', expression: '1 + 1' },
        ],
      },
      { name: 'p2', title: 'Page deux', elements: [{ type: 'text', name: 'last', title: 'Dernière' }] },
    ],
  },
};

let server: E2eServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  const def = parseQuestionnaireFile(JSON.stringify(ALL_TYPES));
  await server.store.saveQuestionnaire(def);
  await server.store.createCampaign({ questionnaireId: def.id, questionnaireVersion: def.version, id: 'all-types', title: 'Tous les types', status: 'open' });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The ids of the icons used in the page that are missing from its sprite. */
const missingIcons = () =>
  [...document.querySelectorAll('svg use')]
    .map((u) => u.getAttribute('href') ?? u.getAttribute('xlink:href') ?? '')
    .filter((href) => href !== '' && (!href.startsWith('#') || !document.getElementById(href.slice(1))));

describe('icons and styles of every accepted question type (Chromium)', () => {
  it('finds every icon the questionnaire uses in the sprite, with the lists open, on a wide and a narrow screen', async () => {
    for (const viewport of [{ width: 1280, height: 900 }, { width: 380, height: 800 }]) {
      const context = await browser.newContext({ locale: 'fr-FR', viewport });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      await page.goto(`${server.url}/c/all-types`);
      await page.locator('[data-name="smileys"]').waitFor();
      await page.getByText('Panneau', { exact: true }).click();
      await page.locator('[data-name="inner"] input').waitFor();
      await page.locator('[data-name="check"]').getByText('Choix a').click();
      // On a narrow screen a rating may be drawn as a dropdown instead of its items.
      for (const item of ['[data-name="smileys"] .sd-rating__item-smiley', '[data-name="stars"] .sd-rating__item-star']) {
        if ((await page.locator(item).count()) > 0) await page.locator(item).first().click();
      }
      await page.locator('[data-name="bool_check"]').getByText('Case').click();
      expect(await page.locator('svg use').count()).toBeGreaterThan(20);
      expect(await page.evaluate(missingIcons), 'icons missing with the lists closed').toEqual([]);

      // The lists are opened with a click and chosen from with the keyboard: a click in a
      // list that is still opening (or that closes as the page scrolls) is flaky under load.
      for (const [name, box, option] of [['drop', '.sd-dropdown', 'Liste a'], ['tags', '.sd-tagbox', 'Étiquette a']]) {
        await page.locator(`[data-name="${name}"] ${box}`).click();
        await page.getByRole('option', { name: option, exact: true }).filter({ visible: true }).waitFor();
        expect(await page.evaluate(missingIcons), `icons missing with the list of ${name} open`).toEqual([]);
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Enter');
        await page.keyboard.press('Escape');
        // The question shows the chosen option (its title alone does not match).
        await expect.poll(() => page.locator(`[data-name="${name}"]`).innerText()).toMatch(new RegExp(`${option.slice(0, -1)}[abc]`));
        expect(await page.evaluate(missingIcons), `icons missing once ${name} has a value`).toEqual([]);
      }

      // Styled by survey-core's stylesheet: the rating items are laid out, the smileys sized.
      if (viewport.width > 1000) {
        const smiley = await page.locator('[data-name="smileys"] .sd-rating__item-smiley svg').first().boundingBox();
        expect(smiley?.width).toBeGreaterThan(10);
      }
      expect(await page.locator('[data-name="radio"] .sd-item__decorator').first().evaluate((e) => getComputedStyle(e).borderRadius)).not.toBe('0px');
      await context.close();
    }
  }, 120_000);
});
