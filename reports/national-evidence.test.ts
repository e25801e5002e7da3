import { describe, expect, it } from 'vitest';
import { CHAPTER_TOPICS } from '../analysis/definitions.js';
import type { GroupEstimate } from '../analysis/evidence.js';
import { parseMarginsCsv } from '../analysis/returns.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import { formatEstimate } from './format.js';
import { buildNationalReport } from './national.js';
import { pValueText, signedDifference } from './evidence-html.js';

const margins = parseMarginsCsv(syntheticMarginsCsv());

/** The HTML of one indicator's article. */
function article(html: string, id: string): string {
  const m = html.match(new RegExp(`<article class="indicator" id="ind-${id}">[\\s\\S]*?</article>`));
  if (!m) throw new Error(`no article for ${id}`);
  return m[0];
}

/** The HTML of one proposition's section. */
function section(html: string, topic: string): string {
  const m = html.match(new RegExp(`<section id="${topic}"[\\s\\S]*?</section>`));
  if (!m) throw new Error(`no section for ${topic}`);
  return m[0];
}

const escaped = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

describe('the national report carries the weighted evidence', async () => {
  const answers = generateAnswers({ n: 600, seed: 11 });
  const fr = await buildNationalReport({ definition: polyvalence, answers, generatedOn: '2026-12-01', margins, mapBy: null });

  it('is weighted to the margins given and says so in the method', () => {
    expect(fr.evidence).not.toBeNull();
    expect(fr.evidence!.weighting.applied).toBe(true);
    expect(fr.html).toContain('Pondération appliquée');
    expect(fr.html).not.toContain('sans pondération. Elles décrivent');
  });

  it('puts every indicator\'s weighted estimate, CI bounds, n and unweighted value in its own article', () => {
    for (const ev of fr.evidence!.indicators) {
      const a = article(fr.html, ev.indicator.id);
      const m = ev.indicator.measure;
      const o = ev.overall;
      if (o.suppressed) continue;
      expect(a, ev.indicator.id).toContain(`<strong>${formatEstimate(o.estimate!, m, 'fr')}</strong>`);
      expect(a).toContain(`${formatEstimate(o.ciLow!, m, 'fr')} – ${formatEstimate(o.ciHigh!, m, 'fr')}`);
      expect(a).toContain(`n = ${new Intl.NumberFormat('fr-FR').format(o.n!)}`);
      expect(a).toContain(`Non pondérée\u00a0: ${formatEstimate(ev.unweighted.estimate!, m, 'fr')}`);
    }
  });

  it('draws the weighted estimates by territory in the chart table', () => {
    for (const ev of fr.evidence!.indicators) {
      const figure = fr.figures.find((f) => f.id === `chart-${ev.indicator.id.replace(/[^\w-]/g, '_')}`)!;
      const shown = ev.byTerritory.filter((g) => !g.suppressed && g.estimate !== null);
      for (const g of shown) {
        const row = figure.table.rows.find((r) => r.group === g.label.fr)!;
        expect(row.n, `${ev.indicator.id} ${g.group}`).toBe(g.n);
      }
    }
  });

  it('says the urban − rural test in words, with its p-value and significance at 5 %', () => {
    let tested = 0;
    for (const ev of fr.evidence!.indicators) {
      const a = article(fr.html, ev.indicator.id);
      const t = ev.territoryTest;
      if (!t) {
        expect(a).toContain('Écart urbain − rural\u00a0: non testé');
        continue;
      }
      tested++;
      const words = t.significant ? 'significatif au seuil de 5 %' : 'non significatif au seuil de 5 %';
      expect(a).toContain(escaped(`Écart urbain − rural\u00a0: ${signedDifference(t.difference, ev.indicator.measure, 'fr')} (${pValueText(t.pValue, 'fr')}), ${words}.`));
    }
    expect(tested).toBeGreaterThan(0);
  });

  it('gives the spread across published départements and the table by profession, without suppressed values', () => {
    for (const ev of fr.evidence!.indicators) {
      const a = article(fr.html, ev.indicator.id);
      const m = ev.indicator.measure;
      const shown = ev.byDepartement.filter((g) => !g.suppressed && g.estimate !== null).map((g) => g.estimate!);
      const hidden = ev.byDepartement.filter((g) => g.suppressed).length;
      if (shown.length) expect(a).toContain(`de ${formatEstimate(Math.min(...shown), m, 'fr')} à ${formatEstimate(Math.max(...shown), m, 'fr')} (${shown.length} départements publiés, ${hidden} masqués`);
      const table = a.match(/<table class="by-profession">[\s\S]*?<\/table>/)![0];
      for (const g of ev.byProfession.filter((x: GroupEstimate) => x.suppressed)) {
        expect(table).toContain(`<th scope="row">${escaped(g.label.fr)}</th>`);
        expect(g.estimate).toBeNull();
      }
      for (const g of ev.byProfession.filter((x) => !x.suppressed && x.estimate !== null)) {
        expect(table).toContain(`<td class="num">${formatEstimate(g.estimate!, m, 'fr')}</td>`);
      }
    }
  });

  it('opens each proposition with its findings, one item per indicator linked to it, that describe without claiming proof', () => {
    for (const topic of new Set(fr.evidence!.indicators.map((x) => x.indicator.proposition))) {
      const s = section(fr.html, topic);
      const finding = s.match(/<ul class="finding">([\s\S]*?)<\/ul>/);
      expect(finding, topic).not.toBeNull();
      const items = [...finding![1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => m[1]);
      const evidence = fr.evidence!.indicators.filter((x) => x.indicator.proposition === topic);
      expect(items).toHaveLength(evidence.length);
      evidence.forEach((ev, k) => {
        expect(items[k]).toContain(`<a href="#ind-${ev.indicator.id}">${escaped(ev.indicator.title.fr)}</a>`);
        if (!ev.overall.suppressed) expect(items[k]).toContain(formatEstimate(ev.overall.estimate!, ev.indicator.measure, 'fr'));
        if (ev.territoryTest) expect(items[k]).toMatch(ev.territoryTest.significant ? / significatif au seuil de 5 %\.$/ : / non significatif au seuil de 5 %\.$/);
        expect(s).toContain(`id="ind-${ev.indicator.id}"`);
      });
      expect(finding![1]).not.toMatch(/démontre que|prouve/);
    }
  });

  it('gives the weighted median and third quartile of the delay to a first appointment, with their intervals', () => {
    const ev = fr.evidence!.indicators.find((x) => x.indicator.id === 'delay_first_appt_mean')!;
    expect(ev.quantiles!.map((q) => q.p)).toEqual([0.5, 0.75]);
    const [median, q3] = ev.quantiles!;
    expect(median.estimate).toBeLessThanOrEqual(q3.estimate);
    expect(median.ciLower).toBeLessThanOrEqual(median.estimate);
    const f = (v: number) => formatEstimate(v, 'mean', 'fr');
    expect(fr.html).toContain(`Médiane\u00a0: ${f(median.estimate)} jours (IC à 95 % ${f(median.ciLower)} – ${f(median.ciUpper)}) ; 3e quartile\u00a0: ${f(q3.estimate)} jours`);
  });

  it('reads a share as a majority or a minority of respondents only when its whole interval says so', () => {
    // Chapters describe: their shares are never read as a majority for or against a claim.
    for (const ev of fr.evidence!.indicators.filter((x) => x.indicator.measure === 'share' && !x.overall.suppressed)) {
      const item = section(fr.html, ev.indicator.proposition).match(new RegExp(`<li><a href="#ind-${ev.indicator.id}">[\\s\\S]*?</li>`))![0];
      if (CHAPTER_TOPICS.has(ev.indicator.proposition)) expect(item).not.toMatch(/majorité|minorité/);
      else if (ev.overall.ciLow! > 0.5) expect(item).toContain('Une majorité des répondant·es');
      else if (ev.overall.ciHigh! < 0.5) expect(item).toContain('Une minorité des répondant·es');
      else expect(item).not.toMatch(/majorité|minorité/);
    }
  });

  it('maps the weighted estimates by département under the evidence\'s disclosure control', async () => {
    const mapped = await buildNationalReport({ definition: polyvalence, answers, generatedOn: '2026-12-01', margins });
    const mains = mapped.evidence!.indicators.filter((ev) => ev.indicator.map);
    // The main indicators are mapped, and only they.
    expect(mapped.figures.filter((f) => f.kind === 'map').map((f) => f.id)).toEqual(mains.map((ev) => `map-${ev.indicator.id.replace(/[^\w-]/g, '_')}`));
    for (const ev of mains) {
      const table = mapped.figures.find((f) => f.id === `map-${ev.indicator.id.replace(/[^\w-]/g, '_')}`)!.table;
      for (const g of ev.byDepartement) {
        const row = table.rows.find((r) => r.code === g.group)!;
        if (g.suppressed) {
          // Hidden in the evidence, hidden on the map: no number in any cell of the row.
          expect(['n', 'estimate', 'ci_low', 'ci_high'].map((k) => typeof row[k]), `${ev.indicator.id} ${g.group}`).not.toContain('number');
        } else if (g.estimate !== null) {
          expect(row.n).toBe(g.n);
          expect(row.estimate).toBeCloseTo(ev.indicator.measure === 'share' ? g.estimate * 100 : g.estimate, 1);
        }
      }
      expect(ev.byDepartement.some((g) => g.suppressed)).toBe(true);
    }
    // Hidden collectivities are hatched on the map, those without respondents are not.
    expect(mapped.figures.find((f) => f.kind === 'map')!.svg).toMatch(/pattern/);
  });

  it('is written in English on request', async () => {
    const en = await buildNationalReport({ definition: polyvalence, answers, generatedOn: '2026-12-01', margins, mapBy: null, locale: 'en' });
    const ev = en.evidence!.indicators.find((x) => x.territoryTest)!;
    const a = article(en.html, ev.indicator.id);
    expect(a).toContain('Weighted estimate: <strong>');
    expect(a).toMatch(/Difference urban − rural: [+−][\d.]+( pts)? \(p (&lt;|=) [\d.]+\), (not )?significant at the 5% level\./);
    expect(en.html).toContain('<ul class="finding">');
    expect(en.html).not.toContain('significatif');
  });

  it('is unweighted without margins, and says why', async () => {
    const plain = await buildNationalReport({ definition: polyvalence, answers: generateAnswers({ n: 200, seed: 11 }), generatedOn: '2026-12-01', mapBy: null });
    expect(plain.evidence!.weighting.applied).toBe(false);
    expect(plain.html).toContain(escaped(`Sans pondération\u00a0: ${plain.evidence!.weighting.reason!.fr}.`));
  });
});
