/**
 * The fiche of a département: its structure on a fixed synthetic data set, every number
 * traceable to analysis/departement.ts, no value of a small département anywhere, and the
 * files written by the same writer as the national report (PDF pages read back).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import { INDICATOR_TOPICS } from '../analysis/definitions.js';
import type { GroupEstimate } from '../analysis/evidence.js';
import { parseMarginsCsv } from '../analysis/returns.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import type { Locale } from '../survey/types.js';
import { buildDepartementReport, UnknownDepartementError, type DepartementReport } from './departement.js';
import { pValueText, signedDifference } from './evidence-html.js';
import { formatCount, formatEstimate } from './format.js';
import { visibleText } from './test-support/visible-text.js';
import { writeReportOutputs } from './write.js';

const margins = parseMarginsCsv(syntheticMarginsCsv());
const answers = [...generateAnswers({ n: 1500, seed: 11 })];
const build = (code: string, locale: Locale = 'fr') => buildDepartementReport({ definition: polyvalence, code, answers, generatedOn: '2026-12-01', margins, locale, command: `polyvalence report --departement ${code}` });

describe('buildDepartementReport', async () => {
  // The most and a least represented collectivities of the data set.
  const sizes = new Map<string, number>();
  for (const a of answers) {
    const d = (a.data as Record<string, unknown>).dept_code;
    if (typeof d === 'string' && d !== 'region_only') sizes.set(d, (sizes.get(d) ?? 0) + 1);
  }
  const bySize = [...sizes.entries()].sort((a, b) => b[1] - a[1]);
  const large = bySize[0][0];
  const small = bySize.find(([, n]) => n >= 1 && n < 5)![0];
  const fr = await build(large);

  it('has a section per topic, a summary row and a chart per indicator, and the method', () => {
    for (const topic of INDICATOR_TOPICS) expect(fr.html).toContain(`<section id="${topic}"`);
    for (const ind of polyvalencePlan.indicators) {
      expect(fr.html).toContain(`<a href="#ind-${ind.id}">`);
      const article = fr.html.match(new RegExp(`<article class="indicator" id="ind-${ind.id}">[\\s\\S]*?</article>`))![0];
      expect(article.match(/<svg/g)).toHaveLength(1);
      expect(article).toContain('Écart avec le reste de la France');
    }
    expect(fr.figures.map((f) => f.id)).toEqual(INDICATOR_TOPICS.flatMap((t) => polyvalencePlan.indicators.filter((i) => i.proposition === t)).map((i) => `chart-${i.id}`));
    expect(fr.html).toContain(`<h1>${fr.comparison.label.fr} (${large})</h1>`);
    expect(fr.html).toContain('<section id="methode">');
    expect(fr.html).toContain(`polyvalence report --departement ${large}`);
    expect(fr.comparison.published).toBe(true);
  });

  it('draws in each chart the département, its type and France, with the same values as its table', () => {
    for (const f of fr.figures) {
      expect(f.table.rows.map((r) => r.group)).toEqual([`${fr.comparison.label.fr} (${large})`, `Même type (${fr.comparison.territoryType!.label.fr.toLowerCase()})`, 'France']);
      for (const r of f.table.rows) expect(f.svg).toContain(String(r.group).replace(/'/g, '&#39;'));
      const d = fr.comparison.indicators.find((x) => `chart-${x.indicator.id}` === f.id)!;
      const share = d.indicator.measure === 'share';
      [d.departement, d.sameType!, d.national].forEach((g, k) => {
        if (g.suppressed) return expect(typeof f.table.rows[k].estimate).toBe('string');
        expect(f.table.rows[k].n).toBe(g.n);
        expect(f.table.rows[k].estimate).toBeCloseTo(share ? g.estimate! * 100 : g.estimate!, share ? 1 : 2);
      });
    }
  });

  for (const locale of ['fr', 'en'] as Locale[]) {
    it(`has no number in ${locale} that does not come from the analysis output`, async () => {
      const report: DepartementReport = locale === 'fr' ? fr : await build(large, 'en');
      const c = report.comparison;
      const allowed = new Set<string>([c.code, `(${c.code})`, formatCount(c.respondents!, locale), formatCount(report.respondents, locale), formatCount(c.sameTypeDepartements.length, locale)]);
      for (const d of c.sameTypeDepartements) allowed.add(`${d.label[locale]} (${d.code})`);
      for (const x of locale === 'fr' ? ['IC à 95 %', 'intervalles de confiance à 95 %', 'seuil de 5 %', 'significatif à 5 %', 'p < 0,05', 'moins de 2 répondant·es'] : ['95% CI', '95% confidence intervals', 'the 5% level', 'significant at 5%', 'p < 0.05', 'fewer than 2 respondents']) allowed.add(x);
      for (const d of c.indicators) {
        const m = d.indicator.measure;
        for (const t of [d.indicator.title, d.indicator.description, d.indicator.unit]) if (t) allowed.add(t[locale]);
        for (const g of [d.departement, d.sameType, d.national].filter((x): x is GroupEstimate => x !== null)) {
          if (g.n !== null) allowed.add(formatCount(g.n, locale));
          for (const v of [g.estimate, g.ciLow, g.ciHigh]) if (v !== null) allowed.add(formatEstimate(v, m, locale));
        }
        for (const t of [d.vsRest, d.vsSameType]) if (t) {
          allowed.add(signedDifference(t.difference, m, locale));
          allowed.add(pValueText(t.pValue, locale));
        }
      }
      const topics = INDICATOR_TOPICS.map((t) => report.html.match(new RegExp(`<section id="${t}"[\\s\\S]*?</section>`))![0]);
      const lire = report.html.match(/<section id="lire">[\s\S]*?<\/section>/)![0];
      for (const section of [lire, ...topics]) {
        // The charts' value tables are the figures' tables, checked against the comparison above.
        let text = visibleText(section.replace(/<h2[^>]*>[\s\S]*?<\/h2>/, '').replace(/<caption>[\s\S]*?<\/caption>/g, '').replace(/<details class="values">[\s\S]*?<\/details>/g, ''));
        for (const a of [...new Set([...allowed].map((x) => x.replace(/\s+/g, ' ')))].sort((x, y) => y.length - x.length)) text = text.replace(new RegExp(`(?<![\\d.,])${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\d|[.,]\\d)`, 'g'), ' ');
        expect(text.match(/.{0,60}\d.{0,60}/)?.[0] ?? null, `${locale}`).toBeNull();
      }
    }, 60_000);
  }

  it('gives for a small département no figure of its own, anywhere, and the national ones', async () => {
    const report = await build(small);
    expect(report.comparison.published).toBe(false);
    expect(report.html).toContain('trop peu de répondant·es pour être publié');
    expect(report.html).not.toContain('Type de territoire :');
    // Its true values, as an open computation would give them, appear in no file.
    const open = await buildDepartementReport({ definition: polyvalence, code: small, answers, generatedOn: '2026-12-01', margins, disclosure: { minGroup: 1, minCell: 1, k: 1, maxSuppressedShare: 1 } as never });
    const leaks = new Set<string>();
    for (const d of open.comparison.indicators) {
      const g = d.departement;
      for (const v of [g.estimate, g.ciLow, g.ciHigh]) if (v !== null && /\.\d{5,}/.test(String(v))) leaks.add(String(v));
    }
    expect(leaks.size).toBeGreaterThan(10);
    for (const v of leaks) expect(report.html.includes(v)).toBe(false);
    // Nothing of its own to chart: the summary tables give France only.
    expect(report.figures).toEqual([]);
    expect(report.html).not.toContain('<svg');
    expect(report.html.match(/<thead><tr>(.*?)<\/tr><\/thead>/)![1]).toBe('<th scope="col">Indicateur</th><th scope="col">France</th>');
    for (const d of report.comparison.indicators) if (d.national.estimate !== null) expect(report.html).toContain(formatEstimate(d.national.estimate, d.indicator.measure, 'fr'));
  });

  it('refuses a code that is not a collectivity of the questionnaire', async () => {
    await expect(build('00')).rejects.toThrow(UnknownDepartementError);
    await expect(build('region_only')).rejects.toThrow(/unknown département "region_only"/);
  });
});

describe('the fiche as files', () => {
  let dir: string;
  let report: DepartementReport;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fiche-'));
    report = await build('59D');
    await writeReportOutputs(dir, report, { locale: 'fr', formats: ['html', 'pdf', 'csv'], title: 'Fiche départementale — Nord (59D)' });
  }, 240_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints a PDF with numbered pages, its title on every page, and every topic', async () => {
    const pdf = await getDocumentProxy(new Uint8Array(await readFile(join(dir, 'report.pdf'))));
    const pages = (await extractText(pdf, { mergePages: false })).text;
    expect(pages.length).toBeGreaterThan(5);
    pages.forEach((p, i) => {
      expect(p).toContain(`${i + 1} / ${pages.length}`);
      expect(p).toContain('Fiche départementale — Nord (59D)');
    });
    const all = pages.join('\n');
    for (const topic of INDICATOR_TOPICS) expect(all).toContain(polyvalencePlan.topics[topic]!.title.fr.slice(0, 30));
    expect(report.comparison.published).toBe(true);
    expect(await readFile(join(dir, 'tables', 'chart-rsa_referent_share.csv'), 'utf8')).toContain('Nord (59D)');
  }, 60_000);
});
