import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import type { QuestionnaireDefinition } from '../survey/types.js';
import { anonymityPageHtml } from './anonymity-page.js';
import { escapeHtml } from './format.js';
import { axeViolations, launchBrowser } from './test-support/axe.js';

const qvt: QuestionnaireDefinition = JSON.parse(readFileSync(new URL('../test/fixtures/qvt-questionnaire.json', import.meta.url), 'utf8'));

/** The text of one section of the page, tags stripped. */
function section(html: string, id: string): string {
  const m = new RegExp(`<section id="${id}"[\\s\\S]*?</section>`).exec(html);
  if (!m) throw new Error(`no section ${id}`);
  return m[0];
}

describe('anonymityPageHtml', () => {
  for (const def of [polyvalence, qvt]) {
    it(`lists every column of ${def.id} with its label, and its quasi-identifiers as such`, () => {
      const html = anonymityPageHtml(def, { threshold: 5 });
      const stored = section(html, 'enregistre');
      const codebook = buildCodebook(def);
      for (const col of codebook.columns) {
        expect(stored).toContain(`<tr><td><code>${escapeHtml(col.name)}</code></td><td>${escapeHtml(col.title.fr)}</td>`);
      }
      const qi = section(html, 'quasi-identifiants');
      for (const col of codebook.columns.filter((c) => c.qi)) expect(qi).toContain(`<code>${escapeHtml(col.name)}</code>`);
      for (const col of codebook.columns.filter((c) => !c.qi)) expect(qi).not.toContain(`<code>${escapeHtml(col.name)}</code>`);
      const free = section(html, 'textes-libres');
      for (const col of codebook.columns.filter((c) => c.freeText)) expect(free).toContain(`<code>${escapeHtml(col.name)}</code>`);
    });
  }

  it('says in plain French what is never stored and how tables are protected', () => {
    const html = anonymityPageHtml(qvt, { threshold: 7 });
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    const never = section(html, 'jamais-enregistre');
    for (const words of ['Votre adresse IP', 'Votre navigateur et votre appareil', "L'heure de votre réponse", 'Cookies et traceurs']) {
      expect(never).toContain(escapeHtml(words));
    }
    expect(section(html, 'quasi-identifiants')).toContain('groupe de moins de 7 personnes');
    expect(section(html, 'textes-libres')).toContain('jamais publiées telles quelles');
    expect(section(html, 'enregistre')).toContain('14 colonnes');
    expect(section(html, 'enregistre')).not.toContain('section locale');
    expect(section(html, 'avant-envoi')).toContain('restent sur votre appareil');
  });

  it('lists the local section when the campaign stores it, and the draft retention', () => {
    const html = anonymityPageHtml(qvt, { sections: true, draftRetentionDays: 14 });
    expect(section(html, 'enregistre')).toContain('<dt>La section locale du lien utilisé</dt>');
    expect(section(html, 'avant-envoi')).toContain('pendant 14 jours au plus');
  });

  it('is available in English, with a link back to French', () => {
    const html = anonymityPageHtml(qvt, { locale: 'en', otherLocaleHref: '/c/qvt/anonymat?lang=fr' });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Your IP address');
    expect(html).toContain('<a href="/c/qvt/anonymat?lang=fr" hreflang="fr" lang="fr">Version française</a>');
    expect(html).toContain('group of fewer than 5 people');
    expect(html).toContain('Questionnaire “Quality of working life in social services”, version 1.0.0');
    expect(html).not.toContain('«');
  });

  it('escapes every text taken from the questionnaire', () => {
    const hostile: QuestionnaireDefinition = {
      id: 'hostile', version: '1', date: '2026-01-01',
      json: { title: '<script>alert(1)</script>', pages: [{ name: 'p', elements: [
        { type: 'comment', name: 'x"y', title: '<img src=x onerror=alert(2)>' },
        { type: 'radiogroup', name: 'r', qi: 'strong', title: 'a & b', choices: ['1'] },
      ] }] },
    };
    const html = anonymityPageHtml(hostile);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<code>x&quot;y</code>');
    expect(html).toContain('a &amp; b');
  });

  it('says so when a questionnaire has no quasi-identifier or free text', () => {
    const plain: QuestionnaireDefinition = { id: 'plain', version: '1', date: '2026-01-01', json: { pages: [{ name: 'p', elements: [{ type: 'boolean', name: 'ok' }] }] } };
    const html = anonymityPageHtml(plain);
    expect(section(html, 'quasi-identifiants')).toContain('ne marque aucune question comme quasi-identifiant');
    expect(section(html, 'textes-libres')).toContain('aucune question à réponse libre');
  });

  it('refuses a threshold that is not a positive integer', () => {
    expect(() => anonymityPageHtml(qvt, { threshold: 0 })).toThrow(/positive integer/);
    expect(() => anonymityPageHtml(qvt, { threshold: 2.5 })).toThrow(/positive integer/);
  });

  describe('accessibility', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('has no axe-core violation (WCAG 2.1 A/AA), in French and English', async () => {
      for (const locale of ['fr', 'en'] as const) {
        expect(await axeViolations(browser, anonymityPageHtml(polyvalence, { locale, otherLocaleHref: '?lang=x', sections: true }))).toEqual([]);
      }
    });
  });
});
