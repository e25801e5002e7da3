import { describe, expect, it } from 'vitest';
import { loadExpected, loadExtra, loadMargin, loadResponses, relErr } from '../test-support/survey-r.js';
import { srsDesign, stratifiedDesign, weightsDesign } from './design.js';
import { rakeDesign } from './rake.js';
import { svyCiProp } from './ciprop.js';
import { svyShares } from './estimators.js';

const d = loadResponses();
const ex = loadExpected();
const strat = stratifiedDesign(d.dept, d.N_dept);

describe('svyCiProp (R: svyciprop(~I(filtered==1), subset(strat, !is.na(filtered)), method))', () => {
  for (const method of ['logit', 'beta', 'likelihood'] as const) {
    it(`reproduces the ${method} interval`, () => {
      const r = svyCiProp(strat, d.filtered, method);
      const e = ex.stratified.filtered_ci[method];
      expect(relErr(r.estimate, e.estimate)).toBeLessThan(1e-9);
      expect(relErr(r.ciLower, e.lower)).toBeLessThan(1e-6);
      expect(relErr(r.ciUpper, e.upper)).toBeLessThan(1e-6);
      // R's degf of the subset: respondents who answered − strata.
      expect(r.df).toBe(r.n - 10);
    });
  }

  it('gives the same intervals through svyShares({ ci })', () => {
    const yes = d.filtered.map((v) => (v === null ? null : String(v)));
    const [, one] = svyShares(strat, yes, ['0', '1'], { ci: 'beta' });
    const direct = svyCiProp(strat, d.filtered, 'beta');
    expect(one.ciLower).toBe(direct.ciLower);
    expect(one.ciUpper).toBe(direct.ciUpper);
  });

  it('wilson is the unweighted score interval, refused on a weighted design', () => {
    const r = svyCiProp(srsDesign(12), [1, 1, 1, 0, 0, 0, 0, 0, 0, 0, null, null], 'wilson');
    expect(r.n).toBe(10);
    expect(r.ciLower).toBeCloseTo(0.107789, 5);
    expect(r.ciUpper).toBeCloseTo(0.603221, 5);
    expect(() => svyCiProp(strat, d.filtered, 'wilson')).toThrow(/only for an unweighted \(srs\) design/);
  });

  it('warns instead of failing when the interval is undefined, and rejects non 0/1 values', () => {
    const r = svyCiProp(srsDesign(4), [0, 0, 0, 0], 'logit');
    expect(r.estimate).toBe(0);
    expect(r.ciLower).toBeNaN();
    expect(r.warnings?.[0]).toMatch(/undefined when the proportion is 0/);
    expect(() => svyCiProp(srsDesign(3), [0, 2, 1], 'beta')).toThrow(/row 2 must be 0, 1 or missing, got 2/);
    // @ts-expect-error an unknown method is a clear error at run time too
    expect(() => svyCiProp(srsDesign(3), [0, 1, 1], 'exact')).toThrow(/Unknown interval method "exact"/);
  });
});

describe('svyCiProp on domains and raked designs (extra R references)', () => {
  const extra = loadExtra();
  const raked = rakeDesign(weightsDesign(d.base_w), [
    { name: 'dept', values: d.dept, totals: loadMargin('margins_dept.csv', 'dept') },
    { name: 'profession', values: d.profession, totals: loadMargin('margins_profession.csv', 'profession') },
  ]);
  const urban = d.territory.map((t) => t === 'urban');
  for (const method of ['logit', 'beta', 'likelihood'] as const) {
    it(`${method}: a domain of the stratified design, the raked design and a domain of it`, () => {
      for (const [got, e] of [
        [svyCiProp(strat, d.filtered, method, { domain: urban }), extra.domains.urban_filtered_ci[method]],
        [svyCiProp(raked, d.filtered, method), extra.raked.filtered_ci[method]],
        [svyCiProp(raked, d.filtered, method, { domain: urban }), extra.raked.urban_filtered_ci[method]],
      ] as const) {
        expect(relErr(got.estimate, e.estimate)).toBeLessThan(1e-9);
        expect(relErr(got.ciLower, e.lower)).toBeLessThan(1e-6);
        expect(relErr(got.ciUpper, e.upper)).toBeLessThan(1e-6);
      }
    });
  }
});
