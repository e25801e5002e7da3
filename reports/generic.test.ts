import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { QuestionnaireDefinition } from '../survey/types.js';
import { formatEstimate } from './format.js';
import { buildGenericReport } from './generic.js';
import { axeViolations, launchBrowser } from './test-support/axe.js';

const def: QuestionnaireDefinition = JSON.parse(readFileSync(new URL('../test/fixtures/qvt-questionnaire.json', import.meta.url), 'utf8'));
const DEPTS = ['01D', '02D', '03D', 'region_only'];
const JOBS = ['as', 'cesf', 'es'];

/** Deterministic answers to the qvt fixture, as the store yields them. */
function qvtAnswers(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    questionnaireId: 'qvt',
    questionnaireVersion: '1.0.0',
    data: {
      dept_code: DEPTS[i % 3],
      job: i % 10 === 9 ? 'other' : JOBS[i % 3],
      ...(i % 10 === 9 ? { 'job-Comment': 'Moniteur <b>éducateur</b>' } : {}),
      seniority_years: i % 30,
      satisfaction: 1 + (i % 5),
      workload: ['too_high', 'right', 'too_high', 'dk'][i % 4],
      support: i % 7 === 0 ? ['none'] : ['colleagues', ...(i % 2 ? ['manager'] : [])],
      telework: i % 3 !== 0,
      wellbeing: { meaning: 1 + (i % 4), recognition: 1 + ((i * 3) % 4) },
      remarks: i === 0 ? 'Mme Dupont, CMS de Bourg' : undefined,
    },
  }));
}

/** The HTML of one question's article. */
function article(html: string, id: string): string {
  const m = new RegExp(`<article class="question" id="q-${id}">[\\s\\S]*?</article>`).exec(html);
  if (!m) throw new Error(`no article for ${id}`);
  return m[0];
}

describe('buildGenericReport', () => {
  it('gives one article per question, titled from the codebook, with a chart per closed question', async () => {
    const { html, respondents, estimates } = await buildGenericReport({ definition: def, answers: qvtAnswers(60), generatedOn: '2026-12-20' });
    expect(respondents).toBe(60);
    expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
    expect(html).toContain('<h1>Qualité de vie au travail en service social</h1>');
    for (const b of estimates.blocks) expect(html).toContain(`<article class="question" id="q-${b.id.replace(/\./g, '_')}">\n<h3>${b.title.fr.replace(/'/g, '&#39;')}</h3>`);
    // Sections follow the questionnaire's pages.
    expect(html).toContain('<h2 id="h-page-profil">Vous</h2>');
    expect(html).toContain('<h2 id="h-page-conditions">Vos conditions de travail</h2>');
    const workload = article(html, 'workload');
    expect(workload).toContain('<svg');
    // 15 of 60 answered "dk".
    expect(workload).toContain(`<tr><th scope="row">Je ne sais pas</th><td class="num">${formatEstimate(0.25, 'share', 'fr')}</td>`);
    expect(workload).toContain('(n = 60 répondant·es à cette question)');
    const satisfaction = article(html, 'satisfaction');
    expect(satisfaction).not.toContain('<svg');
    expect(satisfaction).toContain(`<td class="num">60</td><td class="num">${formatEstimate(3, 'mean', 'fr')}</td>`);
    expect(article(html, 'support')).toContain('Part cochée');
  });

  it('never shows free texts, and says they are redacted before sharing', async () => {
    const { html } = await buildGenericReport({ definition: def, answers: qvtAnswers(60), generatedOn: '2026-12-20' });
    expect(html).not.toContain('Dupont');
    expect(html).not.toContain('Moniteur');
    expect(html).toContain('Réponses libres non publiées (relues et expurgées avant tout partage)');
    expect(html).toContain('Autre chose à ajouter ?');
  });

  it('masks small counts of quasi-identifying questions and marks them', async () => {
    const { html } = await buildGenericReport({ definition: def, answers: qvtAnswers(60), generatedOn: '2026-12-20' });
    const dept = article(html, 'dept_code');
    expect(dept).toContain('Quasi-identifiant (fort)');
    // Nobody chose region_only: 0 % reveals nobody.
    expect(dept).toContain(`<th scope="row">Je préfère ne pas le dire</th><td class="num">${formatEstimate(0, 'share', 'fr')}</td>`);
    // job: "other" has 6 of 60 answers, shown; with 40 answers it has 4 and is hidden.
    const small = await buildGenericReport({ definition: def, answers: qvtAnswers(40), generatedOn: '2026-12-20' });
    expect(article(small.html, 'job')).toMatch(/<tr><th scope="row">Autre \(préciser\)<\/th><td class="suppressed" colspan="2">effectif insuffisant<\/td><\/tr>/);
  });

  it('breaks results down by a column, with the group n and suppressed groups', async () => {
    const answers = [...qvtAnswers(60), ...qvtAnswers(2).map((a) => ({ ...a, data: { ...a.data, dept_code: 'region_only' } }))];
    const { html, estimates } = await buildGenericReport({ definition: def, answers, generatedOn: '2026-12-20', by: 'dept_code' });
    expect(estimates.by?.column).toBe('dept_code');
    const sat = article(html, 'satisfaction');
    expect(sat).toContain('<th scope="col">Dans quel département exercez-vous ?</th><th scope="col">n</th><th scope="col">Moyenne</th>');
    // 2 answers with region_only: too few, and one other group (the first of the smallest) is hidden so that they cannot be recovered.
    expect(sat).toContain('<tr><th scope="row">Je préfère ne pas le dire</th><td class="num">moins de 5</td><td class="suppressed" colspan="2">effectif insuffisant</td></tr>');
    expect(sat).toContain('<tr><th scope="row">Ain</th><td class="num">masqué</td><td class="suppressed" colspan="2">masqué (secret statistique)</td></tr>');
    expect(sat).toContain('<tr><th scope="row">Aisne</th><td class="num">20</td>');
    expect(sat).toContain('<tr><th scope="row"><strong>Ensemble</strong></th><td class="num">62</td>');
    expect(article(html, 'workload')).not.toContain('<svg');
    expect(html).toContain('Les résultats sont détaillés selon «\u00a0Dans quel département exercez-vous ?\u00a0».');
  });

  it('restricts to a population described from the codebook, and reports in English', async () => {
    const { html, respondents } = await buildGenericReport({
      definition: def, answers: qvtAnswers(60), generatedOn: '2026-12-20', locale: 'en',
      population: [{ column: 'job', values: ['as', 'cesf'] }], charts: false,
    });
    expect(respondents).toBe(36);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Answers kept: “What is your profession?” = Social worker (AS) or Family and social economy adviser (CESF).');
    expect(html).toContain('36 answers analysed (60 answers stored).');
    expect(html).not.toContain('<svg');
  });

  it('leaves out answers to other versions and refuses answers to another questionnaire', async () => {
    const answers = [...qvtAnswers(10), { ...qvtAnswers(1)[0], questionnaireVersion: '0.9' }];
    const { html, respondents } = await buildGenericReport({ definition: def, answers, generatedOn: '2026-12-20' });
    expect(respondents).toBe(10);
    expect(html).toContain('Réponses à une autre version du questionnaire, non incluses : 1.');
    await expect(buildGenericReport({ definition: def, answers: [{ ...qvtAnswers(1)[0], questionnaireId: 'polyvalence' }], generatedOn: '2026-12-20' })).rejects.toThrow(/belongs to questionnaire "polyvalence"/);
  });

  it('keeps pages and questions apart whose names give the same HTML id', async () => {
    const clash: QuestionnaireDefinition = {
      id: 'clash', version: '1', date: '2026-01-01',
      json: { pages: [
        { name: 'p 1', title: 'Première', elements: [{ type: 'radiogroup', name: 'a_b', choices: ['x'] }] },
        { name: 'p_1', title: 'Seconde', elements: [{ type: 'matrix', name: 'a', columns: ['x'], rows: ['b'] }] },
      ] },
    };
    const { html } = await buildGenericReport({ definition: clash, answers: Array.from({ length: 6 }, () => ({ data: { a_b: 'x', a: { b: 'x' } } })), generatedOn: '2026-01-02', charts: false });
    const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // Each page keeps its own section and title.
    expect(html).toMatch(/<h2 id="h-page-p_1">Première<\/h2>\n<article class="question" id="q-a_b">/);
    expect(html).toMatch(/<h2 id="h-page-p_1-2">Seconde<\/h2>\n<article class="question" id="q-a_b-2">/);
  });

  it('escapes every text from the questionnaire', async () => {
    const hostile: QuestionnaireDefinition = {
      id: 'x', version: '1', date: '2026-01-01',
      json: { title: '<script>x</script>', pages: [{ name: 'p"1', title: '<i>page</i>', elements: [{ type: 'radiogroup', name: 'r', title: '<img src=x>', choices: [{ value: 'a', text: '<b>A</b>' }] }] }] },
    };
    const { html } = await buildGenericReport({ definition: hostile, answers: Array.from({ length: 6 }, () => ({ data: { r: 'a' } })), generatedOn: '2026-01-02' });
    expect(html).not.toMatch(/<script>x|<img|<b>A|<i>page/);
    expect(html).toContain('&lt;img src=x&gt;');
  });

  describe('accessibility', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it('has no axe-core violation (WCAG 2.1 A/AA), overall and by group', async () => {
      for (const by of [undefined, 'job']) {
        const { html } = await buildGenericReport({ definition: def, answers: qvtAnswers(60), generatedOn: '2026-12-20', by });
        expect(await axeViolations(browser, html)).toEqual([]);
      }
    });
  });
});
