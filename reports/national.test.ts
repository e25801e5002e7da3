import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalenceIndicators } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { answersTable } from '../analysis/load.js';
import { fixtureAnswers, fixtureDefinition, fixturePlan } from '../analysis/test-support/fixture.js';
import { formatEstimate } from './format.js';
import { buildNationalReport } from './national.js';
import { writeReport } from './write.js';
import { COLLECTIVITIES } from '../survey/polyvalence/collectivities.js';
import { htmlDocument } from './document.js';
import { INDICATOR_TOPICS } from '../analysis/definitions.js';
import { axeViolations, launchBrowser } from './test-support/axe.js';

/** The HTML of one indicator's article. */
function article(html: string, id: string): string {
  const m = html.match(new RegExp(`<article class="indicator" id="ind-${id}">[\\s\\S]*?</article>`));
  if (!m) throw new Error(`no article for ${id}`);
  return m[0];
}

const fixed = { definition: fixtureDefinition, plan: fixturePlan, generatedOn: '2026-11-24' } as const;

describe('buildNationalReport', () => {
  it('produces the expected document for a small fixed input', async () => {
    const { html } = await buildNationalReport({ ...fixed, answers: fixtureAnswers({ urban: 10, periurban: 3, rural: 8 }) });
    await expect(html).toMatchFileSnapshot('./__snapshots__/national.fixture.html');
  });

  it('shows no value for suppressed groups, in the chart or the table', async () => {
    const { html, rows } = await buildNationalReport({ ...fixed, answers: fixtureAnswers({ urban: 10, periurban: 3, rural: 8 }) });
    const a = article(html, 'reception_filtering');
    // Periurban has 3 respondents: suppressed; rural is hidden too, or the total would reveal periurban.
    expect(a).toContain('<tr><th scope="row">Périurbain</th><td class="num">moins de 5</td><td class="suppressed" colspan="2">effectif insuffisant</td></tr>');
    expect(a).toContain('<tr><th scope="row">Rural</th><td class="num">masqué</td><td class="suppressed" colspan="2">masqué (secret statistique)</td></tr>');
    // Only the published groups have values in the chart: urban (6 of 8) and overall.
    const published = rows.filter((r) => r.indicatorId === 'reception_filtering' && !r.suppressed);
    expect(published.map((r) => r.group)).toEqual(['urban', 'ensemble']);
    const labels = a.match(/<g class="mark-text role-mark value_labels_marks"[^>]*>([\s\S]*?)<\/g>/)![1];
    expect([...labels.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual([formatEstimate(0.75, 'share', 'fr'), formatEstimate(12 / 17, 'share', 'fr')]);
    const notes = a.match(/<g class="mark-text role-mark suppression_notes_marks"[^>]*>([\s\S]*?)<\/g>/)![1];
    expect([...notes.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['effectif insuffisant', 'masqué (secret statistique)']);
    for (const r of rows.filter((x) => x.suppressed)) expect(r.estimate).toBeNull();
  });

  it('puts the n of every group and of the total under each figure', async () => {
    const { html, rows } = await buildNationalReport({ ...fixed, answers: fixtureAnswers({ urban: 10, periurban: 6, rural: 8 }) });
    for (const ind of fixturePlan.indicators) {
      const a = article(html, ind.id);
      const caption = a.match(/<\/svg><\/div>\n<figcaption class="n">([^<]*)<\/figcaption>\n<\/figure>/);
      expect(caption, ind.id).not.toBeNull();
      for (const r of rows.filter((x) => x.indicatorId === ind.id)) {
        expect(caption![1]).toContain(`${r.groupLabel.fr}\u00a0: ${r.n}`);
      }
    }
  });

  it('escapes interpolated text', async () => {
    const { html } = await buildNationalReport({ ...fixed, answers: fixtureAnswers({ urban: 6, periurban: 6, rural: 6 }) });
    expect(html).toContain('P4 — Accueil &lt;inconditionnel&gt;');
    expect(html).toContain('Introduction « de test » &amp; &lt;neutre&gt;.');
    expect(html).not.toContain('<inconditionnel>');
  });

  it('reports in English when asked', async () => {
    const { html } = await buildNationalReport({ ...fixed, locale: 'en', answers: fixtureAnswers({ urban: 6, periurban: 6, rural: 6 }) });
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Report generated on 24 November 2026');
    expect(html).toContain('Reception filtered by the secretariat');
    expect(html).toContain('Questionnaire “Fixture survey” (identifier fixture)');
    expect(html).not.toContain('«');
  });

  it('accepts a flat table instead of answers', async () => {
    const answers = fixtureAnswers({ urban: 6, periurban: 6, rural: 6 });
    const table = await answersTable(buildCodebook(fixtureDefinition), answers);
    const fromTable = await buildNationalReport({ ...fixed, table });
    const fromAnswers = await buildNationalReport({ ...fixed, answers });
    expect(fromTable.html).toBe(fromAnswers.html);
  });

  it('leaves out answers to another version and says so; refuses another questionnaire or ambiguous input', async () => {
    const answers = [
      ...fixtureAnswers({ urban: 6, periurban: 6, rural: 6 }).map((a) => ({ ...a, questionnaireId: 'fixture', questionnaireVersion: '0.0.1' })),
      { data: { consent: 'yes', eligible: 'yes', territory_3: 'rural' }, questionnaireId: 'fixture', questionnaireVersion: '0.0.0' },
    ];
    const { html, respondents } = await buildNationalReport({ ...fixed, answers });
    expect(respondents).toBe(18);
    expect(html).toContain('Réponses à une autre version du questionnaire, non incluses\u00a0: 1.');
    await expect(buildNationalReport({ ...fixed, answers: [{ data: {}, questionnaireId: 'other' }] })).rejects.toThrow(/belongs to questionnaire "other"/);
    await expect(buildNationalReport({ ...fixed })).rejects.toThrow(/either answers or table/);
    await expect(buildNationalReport({ ...fixed, answers: [], generatedOn: '24/11/2026' })).rejects.toThrow(/Not an ISO day/);
    await expect(buildNationalReport({ definition: fixtureDefinition, answers: [], generatedOn: '2026-11-24' })).rejects.toThrow(/No analysis plan for questionnaire "fixture"/);
  });

  it('reports the polyvalence questionnaire from synthetic answers, one chart per headline indicator', async () => {
    const answers = generateAnswers({ n: 120, seed: 7 });
    const { html, rows, respondents } = await buildNationalReport({ definition: polyvalence, answers, generatedOn: '2026-11-24' });
    expect(respondents).toBeGreaterThan(0);
    expect(respondents).toBeLessThanOrEqual(120);
    for (const ind of polyvalenceIndicators) {
      const a = article(html, ind.id);
      expect(a).toContain(`<h3>${ind.title.fr.replace(/'/g, '&#39;')}</h3>`);
      expect(a.match(/<svg/g)?.length).toBe(1);
    }
    for (const topic of ['P1', 'P2', 'P3', 'P4', 'P5', 'workload', 'wellbeing']) expect(html).toContain(`<section id="${topic}"`);
    expect(html).toContain('version 0.1.0 du 23 novembre 2026');
    expect(rows.filter((r) => r.group === 'ensemble')).toHaveLength(polyvalenceIndicators.length);
  });
});

describe('national report figures and maps', () => {
  it('gives every chart and map its table, and maps the main indicators by collectivity without suppressed values', async () => {
    const { html, figures } = await buildNationalReport({ definition: polyvalence, answers: generateAnswers({ n: 600, seed: 7 }), generatedOn: '2026-11-24' });
    const inTopicOrder = INDICATOR_TOPICS.flatMap((t) => polyvalenceIndicators.filter((i) => i.proposition === t));
    expect(figures.map((f) => f.id)).toEqual([...inTopicOrder.map((i) => `chart-${i.id}`), ...polyvalenceIndicators.filter((i) => i.map).map((i) => `map-${i.id}`)]);
    expect(html).toContain('<section id="collectivites"');
    for (const f of figures) {
      expect(html, f.id).toContain(f.svg);
      if (f.kind !== 'map') continue;
      // One row per collectivity, then "region only", then all respondents.
      expect(f.table.rows.map((r) => r.code)).toEqual([...COLLECTIVITIES.map((c) => c.code), 'region_only', 'ensemble']);
      for (const r of f.table.rows) {
        if (typeof r.n === 'number') continue;
        // A suppressed row: its value cells hold the note, and the map draws it hatched with the note only.
        expect([r.estimate, r.ci_low, r.ci_high].every((v) => typeof v === 'string'), `${f.id} ${r.code}`).toBe(true);
        if (r.code === 'region_only' || r.code === 'ensemble') continue;
        const shape = f.svg.match(new RegExp(`<g><title>([^<]*)</title>(?:<rect[^>]*/>)?<(?:path|circle) [^>]*fill="([^"]*)"[^>]*data-code="${r.code}"`));
        expect(shape, `${f.id} ${r.code}`).not.toBeNull();
        expect(shape![1]).toMatch(/: (effectif insuffisant|masqué \(secret statistique\))$/);
        expect(shape![2]).toMatch(/^url\(#m-[\w-]+-hatch\)$/);
      }
    }
    const suppressedShare = figures.filter((f) => f.kind === 'map').flatMap((f) => f.table.rows).filter((r) => typeof r.n === 'string').length;
    expect(suppressedShare).toBeGreaterThan(0);
  });

  it('has no map for a questionnaire without collectivities, and refuses a map column that does not exist', async () => {
    const answers = fixtureAnswers({ urban: 6, periurban: 6, rural: 6 });
    const { figures, html } = await buildNationalReport({ ...fixed, answers });
    expect(figures.map((f) => f.kind)).toEqual(fixturePlan.indicators.map(() => 'chart'));
    expect(html).not.toContain('collectivites');
    await expect(buildNationalReport({ ...fixed, answers, mapBy: 'dept_code' })).rejects.toThrow(/no column "dept_code" to map/);
  });
});

describe('writeReport', () => {
  it('writes index.html into a new directory, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'report-'));
    try {
      const out = join(dir, 'a', 'b');
      const file = await writeReport(out, { html: '<!doctype html><p>ok</p>' });
      expect(file).toBe(join(out, 'index.html'));
      expect(await readFile(file, 'utf8')).toBe('<!doctype html><p>ok</p>');
      await writeReport(out, { html: 'second' });
      expect(await readFile(file, 'utf8')).toBe('second');
      expect(await readdir(out)).toEqual(['index.html']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('national report accessibility', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has no axe-core violation on a map and its table', async () => {
    const { html } = await buildNationalReport({ definition: polyvalence, answers: generateAnswers({ n: 300, seed: 7 }), generatedOn: '2026-11-24' });
    const mapArticle = html.match(/<article class="indicator map-article"[\s\S]*?<\/article>/)![0];
    expect(await axeViolations(browser, htmlDocument({ locale: 'fr', title: 'Carte', body: `<main><h1>Carte</h1>\n<h2>Cartes</h2>\n${mapArticle.replace('<details class="map-values">', '<details class="map-values" open>')}</main>` }))).toEqual([]);
  });

  it('has no axe-core violation (WCAG 2.1 A/AA), charts included', async () => {
    const { html } = await buildNationalReport({ ...fixed, answers: fixtureAnswers({ urban: 10, periurban: 3, rural: 8 }) });
    expect(await axeViolations(browser, html)).toEqual([]);
  });
});
