/**
 * Every number a reader sees in the national report's sections comes from the analysis
 * output: once the figures computed by analysis/ (evidence and chart rows), formatted as the
 * report formats them, and the definitions' own texts are taken out of a section's text, no
 * digit is left. The charts are left out here: their values are their tables' (national.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { INDICATOR_TOPICS } from '../analysis/definitions.js';
import type { GroupEstimate } from '../analysis/evidence.js';
import { parseMarginsCsv } from '../analysis/returns.js';
import type { Locale } from '../survey/types.js';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import { pValueText, signedDifference } from './evidence-html.js';
import { formatCount, formatEstimate } from './format.js';
import { visibleText } from './test-support/visible-text.js';
import { buildNationalReport } from './national.js';

describe('every number of the national report is traceable to the analysis output', async () => {
  for (const locale of ['fr', 'en'] as Locale[]) {
    it(`in ${locale}`, async () => {
      const report = await buildNationalReport({ definition: polyvalence, answers: generateAnswers({ n: 600, seed: 11 }), generatedOn: '2026-12-01', margins: parseMarginsCsv(syntheticMarginsCsv()), mapBy: null, locale });
      const evidence = report.evidence!;
      const topics = INDICATOR_TOPICS.filter((t) => evidence.indicators.some((x) => x.indicator.proposition === t));
      expect(topics.length).toBeGreaterThanOrEqual(6);
      for (const topic of topics) {
        const section = report.html.match(new RegExp(`<section id="${topic}"[\\s\\S]*?</section>`))![0];
        const allowed = new Set<string>(locale === 'fr' ? ['IC à 95 %', 'seuil de 5 %', 'de 50 %', '3e quartile'] : ['95% CI', 'the 5% level', 'above 50%', 'below 50%']);
        // The headers of the tables: titles of the breakdown columns, from the codebook.
        const cmp = polyvalencePlan.comparisons!;
        for (const c of buildCodebook(polyvalence).columns) if ([polyvalencePlan.by, cmp.territory.column, cmp.profession].includes(c.name)) allowed.add(c.title[locale]);
        for (const ev of evidence.indicators.filter((x) => x.indicator.proposition === topic)) {
          const ind = ev.indicator;
          const m = ind.measure;
          for (const t of [ind.title, ind.description, ind.unit]) if (t) allowed.add(t[locale]);
          if (ind.domain) allowed.add(`(${formatEstimate((ind.domain[0] + ind.domain[1]) / 2, 'mean', locale)})`);
          const groups: GroupEstimate[] = [ev.overall, ev.unweighted, ...ev.byTerritory, ...ev.byProfession];
          for (const g of groups) {
            allowed.add(g.label[locale]);
            if (g.n !== null) allowed.add(formatCount(g.n, locale));
            for (const v of [g.estimate, g.ciLow, g.ciHigh]) if (v !== null) allowed.add(formatEstimate(v, m, locale));
          }
          // Hidden groups are said to have fewer respondents than the threshold.
          allowed.add(`${locale === 'fr' ? 'moins de' : 'fewer than'} ${evidence.thresholds.minCell}`);
          for (const q of ev.quantiles ?? []) for (const v of [q.estimate, q.ciLower, q.ciUpper]) allowed.add(formatEstimate(v, 'mean', locale));
          if (ev.territoryTest) {
            allowed.add(signedDifference(ev.territoryTest.difference, m, locale));
            allowed.add(pValueText(ev.territoryTest.pValue, locale));
          }
          const shown = ev.byDepartement.filter((g) => !g.suppressed && g.estimate !== null);
          allowed.add(formatCount(shown.length, locale));
          allowed.add(formatCount(ev.byDepartement.filter((g) => g.suppressed).length, locale));
          for (const g of shown) allowed.add(formatEstimate(g.estimate!, m, locale));
        }
        // The topic's own texts (title and summary) come from the plan.
        const heading = section.match(/<h2[^>]*>([\s\S]*?)<\/h2>/)![1];
        const summary = section.match(/<p class="summary">([\s\S]*?)<\/p>/)?.[1] ?? '';
        let text = visibleText(section).replace(visibleText(heading).trim(), ' ').replace(visibleText(summary).trim(), ' ');
        // Longest first, so that "1 854" goes before "854" could match inside it.
        // A value is taken out whole only: "5" must not eat into "55 %".
        for (const a of [...new Set([...allowed].map((x) => x.replace(/\s+/g, ' ')))].sort((x, y) => y.length - x.length)) text = text.replace(new RegExp(`(?<![\\d.,])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d|[.,]\\d)`, 'g'), ' ');
        expect(text.match(/.{0,60}\d.{0,60}/)?.[0] ?? null, `${locale} ${topic}`).toBeNull();
      }
    }, 60_000);
  }
});
