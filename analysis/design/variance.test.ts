import { describe, expect, it } from 'vitest';
import { loadExtra, loadResponses, relErr } from '../test-support/survey-r.js';
import { buildDesign, srsDesign, stratifiedDesign } from './design.js';
import { svyMean, svyTotal } from './estimators.js';
import { svyTTest } from './ttest.js';
import { linearisedCovariance, linearisedVariance, shareCovariance } from './variance.js';

const d = loadResponses();
const extra = loadExtra();

function expectMatch(got: { estimate: number; se: number }, e: { estimate: number; se: number }): void {
  expect(relErr(got.estimate, e.estimate)).toBeLessThan(1e-9);
  expect(relErr(got.se, e.se)).toBeLessThan(1e-6);
}

describe('a stratum with a single respondent (R: survey.lonely.psu = "adjust")', () => {
  const ids = new Set<string>(extra.lonely.ids);
  const keep = d.id.map((id) => ids.has(id));
  const pick = <T>(xs: T[]) => xs.filter((_, i) => keep[i]);
  const dept = pick(d.dept);
  const design = stratifiedDesign(dept, pick(d.N_dept));

  it('warns in the design and in each estimate that uses the stratum, never throws', () => {
    expect(design.warnings).toHaveLength(1);
    expect(design.warnings[0]).toMatch(/Stratum "2A" has a single respondent/);
    const r = svyMean(design, pick(d.same_job));
    expect(r.warnings).toEqual(design.warnings);
    // A domain without the lonely stratum has nothing to warn about.
    expect(svyMean(design, pick(d.same_job), { domain: dept.map((x) => x === '75') }).warnings).toBeUndefined();
  });

  it('reproduces R\'s means, totals and domains with the stratum centred on the overall mean', () => {
    expectMatch(svyMean(design, pick(d.caseload)), extra.lonely.caseload_mean);
    expectMatch(svyTotal(design, pick(d.caseload)), extra.lonely.caseload_total);
    expectMatch(svyMean(design, pick(d.same_job)), extra.lonely.same_job_mean);
    const b = extra.lonely.same_job_by_territory;
    const territory = pick(d.territory);
    b.group.forEach((g: string, k: number) => expectMatch(svyMean(design, pick(d.same_job), { domain: territory.map((t) => t === g) }), { estimate: b.estimate[k], se: b.se[k] }));
  });

  it('reproduces R without fpc (with replacement: the lonely stratum keeps its full square)', () => {
    // R: svydesign(ids=~1, strata=~dept, weights=~base_w); same strata, no population sizes.
    const noFpc = buildDesign('stratified', Float64Array.from(pick(d.base_w)), design.stratumOf, design.strata.map((s) => ({ ...s, N: null })));
    expect(noFpc.warnings).toEqual(design.warnings);
    expectMatch(svyMean(noFpc, pick(d.same_job)), extra.lonely.same_job_mean_no_fpc);
  });

  it('a t-test touching the lonely stratum carries its warning', () => {
    const r = svyTTest(design, pick(d.caseload), pick(d.territory), ['rural', 'urban']);
    expect(r.warnings?.[0]).toMatch(/"2A"/);
  });
});

describe('domains that miss strata (R: svymean on subset(strat, ...))', () => {
  const strat = stratifiedDesign(d.dept, d.N_dept);
  it('rural respondents (none in 75 or 93): mean and total', () => {
    const rural = d.territory.map((t) => t === 'rural');
    expect(d.dept.some((x, i) => x === '75' && rural[i])).toBe(false);
    expectMatch(svyMean(strat, d.caseload, { domain: rural }), extra.domains.rural_caseload_mean);
    expectMatch(svyTotal(strat, d.caseload, { domain: rural }), extra.domains.rural_caseload_total);
  });
  it('a single département', () => {
    expectMatch(svyMean(strat, d.same_job, { domain: d.dept.map((x) => x === '75') }), extra.domains.dept75_same_job);
  });
});

describe('linearisedCovariance', () => {
  it('has the variances on its diagonal and is symmetric', () => {
    const strat = stratifiedDesign(d.dept, d.N_dept);
    const a = Float64Array.from(d.same_job, (v, i) => v * strat.weights[i] / 4000);
    const b = Float64Array.from(d.base_w, (v, i) => (i % 3) * v / 4000);
    const c = linearisedCovariance(strat, [a, b]);
    expect(relErr(c[0][0], linearisedVariance(strat, a))).toBeLessThan(1e-12);
    expect(relErr(c[1][1], linearisedVariance(strat, b))).toBeLessThan(1e-12);
    expect(c[0][1]).toBe(c[1][0]);
    expect(c[0][1] ** 2).toBeLessThanOrEqual(c[0][0] * c[1][1]);
  });
});

describe('shareCovariance', () => {
  it('equals the covariance of the share influence columns, with and without lonely strata', () => {
    const ids = new Set<string>(extra.lonely.ids);
    const keep = d.id.map((id) => ids.has(id));
    for (const design of [stratifiedDesign(d.dept, d.N_dept), stratifiedDesign(d.dept.filter((_, i) => keep[i]), d.N_dept.filter((_, i) => keep[i]))]) {
      const rows = d.id.map((_, i) => i).filter((i) => design.n === d.id.length || keep[i]);
      const cats = ['none', 'some', 'most'];
      const cell = Int32Array.from(rows, (i) => cats.indexOf(d.contract_share[i] as string));
      let W = 0;
      cell.forEach((k, r) => { if (k >= 0) W += design.weights[r]; });
      const p = cats.map((_, k) => cell.reduce((a, c, r) => a + (c === k ? design.weights[r] : 0), 0) / W);
      const columns = p.map((pk, k) => Float64Array.from(cell, (c, r) => (c < 0 ? 0 : (design.weights[r] * ((c === k ? 1 : 0) - pk)) / W)));
      const slow = linearisedCovariance(design, columns);
      const fast = shareCovariance(design, cell, 3);
      for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) expect(relErr(fast[j][k], slow[j][k])).toBeLessThan(1e-9);
    }
  });
});

describe('degenerate designs do not crash', () => {
  it('a census stratum (n = N) adds no variance and no warning, even with one respondent', () => {
    const s = stratifiedDesign(['a', 'a', 'b', 'c', 'c'], new Map([['a', 10], ['b', 1], ['c', 2]]));
    expect(s.warnings).toEqual([]);
    expect(Array.from(s.stratumScale.slice(1))).toEqual([0, 0]);
    // Only stratum a varies: f = 0.8, scale 0.8·2/1; z = w(y − ȳ)/W.
    const y = [1, 3, 100, 7, 9];
    const r = svyMean(s, y);
    const W = 10 + 1 + 2;
    const mean = (5 * 1 + 5 * 3 + 100 + 7 + 9) / W;
    const za = [5 * (1 - mean) / W, 5 * (3 - mean) / W];
    const ma = (za[0] + za[1]) / 2;
    expect(r.se).toBeCloseTo(Math.sqrt(1.6 * ((za[0] - ma) ** 2 + (za[1] - ma) ** 2)), 14);
  });

  it('a single respondent: an estimate without interval (no degree of freedom) and a warning', () => {
    const r = svyMean(srsDesign(1), [4]);
    expect(r.estimate).toBe(4);
    expect(r.se).toBe(0);
    expect(r.df).toBe(0);
    expect(r.ciLower).toBeNaN();
    expect(r.warnings?.[0]).toMatch(/single respondent/);
  });
});
