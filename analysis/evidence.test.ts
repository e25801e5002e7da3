import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { syntheticMarginsCsv } from '../survey/polyvalence/synthetic-profiles.js';
import { deriveVariables, filterPopulation } from './derive.js';
import { computeEvidence, type GroupEstimate } from './evidence.js';
import { answersTable } from './load.js';
import { parseMarginsCsv } from './returns.js';

const codebook = buildCodebook(polyvalence);
const margins = parseMarginsCsv(syntheticMarginsCsv());

async function analysed(n: number, seed = 20261201) {
  const t = await answersTable(codebook, generateAnswers({ n, seed }));
  return deriveVariables(filterPopulation(t, polyvalencePlan.population), polyvalencePlan.derived);
}

const shown = (rows: GroupEstimate[]) => rows.filter((r) => !r.suppressed);

describe('computeEvidence', async () => {
  const table = await analysed(1500);
  const weighted = computeEvidence(table, polyvalencePlan, { codebook, margins });
  const plain = computeEvidence(table, polyvalencePlan, { codebook });

  it('estimates every indicator of the plan, weighted to the margins, with the questions it comes from', () => {
    expect(weighted.weighting.applied).toBe(true);
    expect(weighted.indicators.map((e) => e.indicator.id)).toEqual(polyvalencePlan.indicators.map((i) => i.id));
    for (const e of weighted.indicators) {
      expect(e.questions.length).toBeGreaterThan(0);
      const o = e.overall;
      expect(o.suppressed).toBe(false);
      expect(o.se).toBeGreaterThan(0);
      expect(o.ciLow!).toBeLessThanOrEqual(o.estimate!);
      expect(o.ciHigh!).toBeGreaterThanOrEqual(o.estimate!);
      if (e.indicator.measure === 'share') expect(o.ciLow! >= 0 && o.ciHigh! <= 1).toBe(true);
      expect(e.weightingShift).toBeCloseTo(o.estimate! - e.unweighted.estimate!, 12);
    }
  });

  it('without margins, is unweighted and says why; the weighted and unweighted figures then agree', () => {
    expect(plain.weighting.applied).toBe(false);
    expect(plain.weighting.reason?.en).toMatch(/no population margins/);
    for (const e of plain.indicators) expect(e.weightingShift).toBe(0);
    // The unweighted share is the plain proportion among respondents who answered.
    const filtering = plain.indicators.find((e) => e.indicator.id === 'reception_filtering_share')!;
    const values = (table.array('reception_nonts_decides') as ArrayLike<number | null>);
    let n = 0;
    let ones = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) { n++; ones += values[i]!; }
    expect(filtering.overall.n).toBe(n);
    expect(filtering.overall.estimate).toBeCloseTo(ones / n, 12);
  });

  it('weights change the estimates (the synthetic response rates differ between départements)', () => {
    expect(weighted.indicators.some((e) => Math.abs(e.weightingShift ?? 0) > 1e-4)).toBe(true);
    expect(weighted.weighting.effectiveSampleSize).toBeLessThan(weighted.designRespondents);
  });

  it('tests urban against rural with the design, the difference being that of the two domain estimates', () => {
    const filtering = weighted.indicators.find((e) => e.indicator.id === 'reception_filtering_share')!;
    const test = filtering.territoryTest!;
    expect(test.groups).toEqual(['rural', 'urban']);
    const urban = filtering.byTerritory.find((g) => g.group === 'urban')!;
    const rural = filtering.byTerritory.find((g) => g.group === 'rural')!;
    expect(test.difference).toBeCloseTo(urban.estimate! - rural.estimate!, 10);
    expect(test.pValue).toBeGreaterThanOrEqual(0);
    expect(test.significant).toBe(test.pValue < 0.05);
    // The generator builds in more filtering in urban sectors.
    expect(test.difference).toBeGreaterThan(0);
  });

  it('never shows a département under the group threshold, nor a share whose yes or no count is 1 to 4', () => {
    for (const e of weighted.indicators) {
      for (const g of shown(e.byDepartement)) expect(g.n === 0 || g.n! >= weighted.thresholds.minGroup).toBe(true);
      if (e.indicator.measure === 'share') {
        const depts = table.array('dept_code') as ArrayLike<string | null>;
        const y = table.array(e.indicator.variable) as ArrayLike<unknown>;
        for (const g of shown(e.byDepartement)) {
          let ones = 0;
          let n = 0;
          // Over the respondents in the weighted design (those without any region are outside it).
          const rows = weighted.weighting.rows ?? Array.from({ length: depts.length }, (_, i) => i);
          for (const i of rows) if (depts[i] === g.group && typeof y[i] === 'number') { n++; ones += y[i] as number; }
          expect(n).toBe(g.n);
          expect(ones >= 1 && ones < 5).toBe(false);
          expect(n - ones >= 1 && n - ones < 5).toBe(false);
        }
      }
      for (const g of e.byDepartement.filter((x) => x.suppressed)) expect([g.n, g.estimate, g.se, g.ciLow, g.ciHigh]).toEqual([null, null, null, null, null]);
    }
  });

  it('gives a share hidden for a small yes or no count its own reason, never "too few respondents"', () => {
    const depts = table.array('dept_code') as ArrayLike<string | null>;
    const rows = weighted.weighting.rows ?? Array.from({ length: depts.length }, (_, i) => i);
    let cells = 0;
    for (const e of weighted.indicators.filter((x) => x.indicator.measure === 'share')) {
      const y = table.array(e.indicator.variable) as ArrayLike<unknown>;
      for (const g of e.byDepartement.filter((x) => x.suppression === 'cell')) {
        cells++;
        let n = 0, ones = 0;
        for (const i of rows) if (depts[i] === g.group && typeof y[i] === 'number') { n++; ones += y[i] as number; }
        // A big enough group, hidden only because one side counts 1 to minCell − 1.
        expect(n).toBeGreaterThanOrEqual(weighted.thresholds.minGroup);
        expect((ones >= 1 && ones < weighted.thresholds.minCell) || (n - ones >= 1 && n - ones < weighted.thresholds.minCell)).toBe(true);
      }
    }
    expect(cells).toBeGreaterThan(0);
  });

  it('hides enough départements that no hidden count can be recovered from the overall count', () => {
    const values = table.array('dept_code') as ArrayLike<string | null>;
    for (const e of weighted.indicators) {
      const y = table.array(e.indicator.variable) as ArrayLike<unknown>;
      const hidden = new Set(e.byDepartement.filter((g) => g.suppressed).map((g) => g.group));
      let hiddenN = 0;
      let hiddenOnes = 0;
      for (let i = 0; i < values.length; i++) {
        if (!hidden.has(String(values[i])) || typeof y[i] !== 'number') continue;
        hiddenN++;
        if (y[i] === 1) hiddenOnes++;
      }
      const small = (c: number) => c >= 1 && c < weighted.thresholds.minCell;
      expect(small(hiddenN)).toBe(false);
      if (e.indicator.measure === 'share') expect(small(hiddenOnes) || small(hiddenN - hiddenOnes)).toBe(false);
    }
  });

  it('uses the configured thresholds', () => {
    const strict = computeEvidence(table, polyvalencePlan, { codebook, margins, thresholds: { minGroup: 40 } });
    expect(strict.thresholds).toEqual({ minGroup: 40, minCell: 5 });
    for (const e of strict.indicators) for (const g of shown(e.byDepartement)) expect(g.n === 0 || g.n! >= 40).toBe(true);
    expect(() => computeEvidence(table, polyvalencePlan, { codebook, thresholds: { minCell: 0 } })).toThrow(/minCell must be a positive whole number/);
  });

  it('hides every breakdown of an indicator answered by fewer respondents than the cell threshold', async () => {
    const few = await analysed(12, 7);
    const evidence = computeEvidence(few, polyvalencePlan, { codebook });
    for (const e of evidence.indicators) {
      if (e.overall.suppressed) {
        expect(e.territoryTest).toBeNull();
        for (const g of [...e.byTerritory, ...e.byDepartement, ...e.byProfession]) expect(g.estimate).toBeNull();
      }
    }
  });
});

describe('computeEvidence against R (survey::postStratify on the same weighting cells)', async () => {
  const { readFileSync } = await import('node:fs');
  const expected = JSON.parse(readFileSync(new URL('../test/fixtures/evidence-r/expected.json', import.meta.url), 'utf8'));
  const evidence = computeEvidence(await analysed(1500), polyvalencePlan, { codebook, margins });
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

  it('has the same respondents and weights', () => {
    expect(evidence.designRespondents).toBe(expected.n);
    expect(evidence.weighting.design.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(expected.weights_sum, 6);
  });

  it('reproduces the weighted share, its standard error, logit interval and domain estimates', () => {
    const e = evidence.indicators.find((x) => x.indicator.variable === 'reception_nonts_decides')!;
    expect(rel(e.overall.estimate!, expected.filtering_mean.estimate)).toBeLessThan(1e-9);
    expect(rel(e.overall.se!, expected.filtering_mean.se)).toBeLessThan(1e-6);
    expect(rel(e.overall.ciLow!, expected.filtering_ci_logit.lower)).toBeLessThan(1e-6);
    expect(rel(e.overall.ciHigh!, expected.filtering_ci_logit.upper)).toBeLessThan(1e-6);
    expected.filtering_by_territory.group.forEach((g: string, i: number) => {
      const row = e.byTerritory.find((x) => x.group === g)!;
      expect(rel(row.estimate!, expected.filtering_by_territory.estimate[i])).toBeLessThan(1e-9);
      expect(rel(row.se!, expected.filtering_by_territory.se[i])).toBeLessThan(1e-6);
    });
  });

  it('reproduces svyquantile: the weighted quantiles (qrule "math") and Woodruff\'s intervals, overall and in a domain', async () => {
    const { svyQuantiles } = await import('./design/quantile.js');
    const q = JSON.parse(readFileSync(new URL('../test/fixtures/evidence-r/quantiles.json', import.meta.url), 'utf8'));
    const rows = evidence.weighting.rows!;
    const table = await analysed(1500);
    const on = (name: string) => Array.from(rows, (i) => (table.array(name) as ArrayLike<unknown>)[i]);
    const y = on('caseload_per_fte').map((v) => (typeof v === 'number' ? v : null));
    const urban = on('territory_3').map((v) => v === 'urban');
    for (const [ours, theirs] of [
      [svyQuantiles(evidence.weighting.design, y, q.caseload.map((r: { p: number }) => r.p))!, q.caseload],
      [svyQuantiles(evidence.weighting.design, y, q.caseload_urban.map((r: { p: number }) => r.p), { domain: urban })!, q.caseload_urban],
    ] as const) {
      ours.forEach((o, i) => {
        const r = theirs[i];
        // Values of the data (R writes 15 significant digits).
        [[o.estimate, r.estimate], [o.ciLower, r.lower], [o.ciUpper, r.upper]].forEach(([a, b]) => expect(a, `p = ${r.p}`).toBeCloseTo(b, 9));
        expect(rel(o.se, r.se)).toBeLessThan(1e-6);
      });
    }
  });

  it('reproduces the weighted mean and the design-based t-test of urban against rural', () => {
    const e = evidence.indicators.find((x) => x.indicator.variable === 'caseload_per_fte')!;
    expect(rel(e.overall.estimate!, expected.caseload_mean.estimate)).toBeLessThan(1e-9);
    expect(rel(e.overall.se!, expected.caseload_mean.se)).toBeLessThan(1e-6);
    const t = e.territoryTest!;
    expect(rel(t.difference, expected.caseload_ttest.difference)).toBeLessThan(1e-9);
    expect(rel(t.statistic, expected.caseload_ttest.statistic)).toBeLessThan(1e-6);
    expect(t.df).toBe(expected.caseload_ttest.df);
    expect(Math.abs(t.pValue - expected.caseload_ttest.p_value)).toBeLessThan(1e-6);
  });
});

describe('computeEvidence breakdowns', async () => {
  const { svyCiProp, svyMean } = await import('./design/index.js');
  const table = await analysed(1500);
  const evidence = computeEvidence(table, polyvalencePlan, { codebook, margins });
  const rows = evidence.weighting.rows!;
  const onRows = (name: string) => Array.from(rows, (i) => (table.array(name) as ArrayLike<unknown>)[i]);

  it('give each group the interval svyCiProp (logit) or svyMean (t) gives its domain', () => {
    const depts = onRows('dept_code');
    for (const id of ['reception_filtering_share', 'caseload_per_fte_mean']) {
      const e = evidence.indicators.find((x) => x.indicator.id === id)!;
      const y = onRows(e.indicator.variable).map((v) => (typeof v === 'number' ? v : null));
      const group = shown(e.byDepartement).find((g) => (g.n ?? 0) > 0)!;
      const domain = depts.map((d) => d === group.group);
      const one = e.indicator.measure === 'share' ? svyCiProp(evidence.weighting.design, y, 'logit', { domain }) : svyMean(evidence.weighting.design, y, { domain });
      expect(group.estimate).toBeCloseTo(one.estimate, 12);
      expect(group.se).toBeCloseTo(one.se, 12);
      expect(group.ciLow).toBeCloseTo(one.ciLower, 10);
      expect(group.ciHigh).toBeCloseTo(one.ciUpper, 10);
    }
  });
});
