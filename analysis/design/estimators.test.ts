import { describe, expect, it } from 'vitest';
import { loadExpected, loadResponses, relErr } from '../test-support/survey-r.js';
import { DesignError, srsDesign, stratifiedDesign, weightsDesign } from './design.js';
import { svyMean, svyShares, svyTotal } from './estimators.js';

const d = loadResponses();
const ex = loadExpected();
const strat = stratifiedDesign(d.dept, d.N_dept);

/** Checks estimate (1e-9 relative) and SE (1e-6 relative) against an R block. */
function expectMatch(got: { estimate: number; se: number }, estimate: number, se: number): void {
  expect(relErr(got.estimate, estimate)).toBeLessThan(1e-9);
  expect(relErr(got.se, se)).toBeLessThan(1e-6);
}

describe('stratified design with fpc (R: svydesign(ids=~1, strata=~dept, fpc=~N_dept))', () => {
  it('has a stratum per département, weights N_h/n_h and df = rows − strata', () => {
    expect(strat.strata.map((s) => s.label)).toEqual(['01', '13', '23', '29', '2A', '59', '69', '75', '93', '974']);
    expect(strat.df).toBe(1114 - 10);
    for (let i = 0; i < d.base_w.length; i++) expect(relErr(strat.weights[i], d.base_w[i])).toBeLessThan(1e-12);
    expect(strat.warnings).toEqual([]);
  });

  it('takes the populations per stratum label (Map) as well as per row', () => {
    const byLabel = new Map(d.dept.map((x, i) => [x, d.N_dept[i]] as [string, number]));
    const viaMap = stratifiedDesign(d.dept, byLabel);
    expect(viaMap.strata).toEqual(strat.strata);
    expect(svyMean(viaMap, d.filtered)).toEqual(svyMean(strat, d.filtered));
  });

  it('reproduces svymean of a 0/1 variable with missing answers (na.rm=TRUE)', () => {
    const r = svyMean(strat, d.filtered);
    expectMatch(r, ex.stratified.filtered_mean.estimate, ex.stratified.filtered_mean.se);
    expect(r.n).toBe(d.filtered.filter((v) => v !== null).length);
    expect(r.df).toBe(1104);
    // t interval with the design df: symmetric, half-width qt(.975, 1104) · se.
    expect(relErr(r.ciUpper - r.estimate, 1.9621150986157234 * r.se)).toBeLessThan(1e-9);
  });

  it('reproduces svymean and svytotal of a numeric variable', () => {
    expectMatch(svyMean(strat, d.caseload), ex.stratified.caseload_mean.estimate, ex.stratified.caseload_mean.se);
    expectMatch(svyTotal(strat, d.caseload), ex.stratified.caseload_total.estimate, ex.stratified.caseload_total.se);
  });

  it('reproduces svyby domains (territory, département) as domains of the full design', () => {
    for (const [block, by, y] of [
      [ex.stratified.filtered_by_territory, d.territory, d.filtered],
      [ex.stratified.filtered_by_dept, d.dept, d.filtered],
      [ex.stratified.same_job_by_territory, d.territory, d.same_job],
    ] as const) {
      block.group.forEach((g: string, k: number) => {
        const r = svyMean(strat, y, { domain: by.map((v) => v === g) });
        expectMatch(r, block.estimate[k], block.se[k]);
        expect(r.df).toBe(1104);
      });
    }
  });

  it('reproduces the shares of a categorical variable (svymean(~factor))', () => {
    const cats = ['most', 'none', 'some'];
    const shares = svyShares(strat, d.contract_share, cats);
    expect(shares.map((s) => s.category)).toEqual(cats);
    shares.forEach((s, k) => expectMatch(s, ex.stratified.contract_share.estimate[k], ex.stratified.contract_share.se[k]));
    expect(shares.reduce((a, s) => a + s.estimate, 0)).toBeCloseTo(1, 12);
  });
});

describe('simple designs', () => {
  it('srs: mean and SE are the sample mean and s/√n', () => {
    const r = svyMean(srsDesign(5), [1, 2, 3, 4, 10]);
    expect(r.estimate).toBe(4);
    // s² = (9+4+1+0+36)/4 = 12.5, se = √(12.5/5)
    expect(r.se).toBeCloseTo(Math.sqrt(2.5), 14);
    expect(r.df).toBe(4);
  });

  it('fixed weights: total and SE of the with-replacement design', () => {
    // z = w·y = (2, 6, 3); mean 11/3; var = n/(n−1) Σ (z − z̄)²
    const r = svyTotal(weightsDesign([2, 3, 1]), [1, 2, 3]);
    expect(r.estimate).toBe(11);
    const zs = [2, 6, 3];
    const m = 11 / 3;
    expect(r.se).toBeCloseTo(Math.sqrt(1.5 * zs.reduce((a, z) => a + (z - m) ** 2, 0)), 12);
  });

  it('an empty domain gives NaN with n = 0, not a crash', () => {
    const r = svyMean(srsDesign(3), [1, 2, 3], { domain: [false, false, false] });
    expect(r.n).toBe(0);
    expect(r.estimate).toBeNaN();
  });
});

describe('bad input', () => {
  it('rejects designs with missing or impossible values, naming the row or stratum', () => {
    expect(() => stratifiedDesign(['a', null], [10, 10])).toThrow(/Row 2 has no stratum value/);
    expect(() => stratifiedDesign(['a', 'a'], [10, 12])).toThrow(/Population varies within stratum "a"/);
    expect(() => stratifiedDesign(['a', 'a', 'a'], [2, 2, 2])).toThrow(/stratum "a" \(2\) is smaller than its 3 respondents/);
    expect(() => stratifiedDesign(['a', 'b'], new Map([['a', 10]]))).toThrow(/No population size for stratum "b"/);
    expect(() => stratifiedDesign(['a'], [-1])).toThrow(DesignError);
    expect(() => stratifiedDesign(['a', 'b'], [5])).toThrow(/Populations have 1 rows but strata have 2/);
    expect(() => weightsDesign([1, 0])).toThrow(/Weight of row 2 must be a positive finite number, got 0/);
    expect(() => weightsDesign([1, null])).toThrow(DesignError);
    expect(() => srsDesign(0)).toThrow(DesignError);
  });

  it('rejects variables of the wrong length or type and unknown categories', () => {
    const s = srsDesign(3);
    expect(() => svyMean(s, [1, 2])).toThrow(/has 2 rows but the design has 3/);
    expect(() => svyMean(s, [1, Infinity, 2])).toThrow(/row 2 must be a finite number or missing/);
    expect(() => svyMean(s, [1, 2, 3], { level: 95 })).toThrow(/Confidence level/);
    expect(() => svyShares(s, ['a', 'b', 'c'], ['a', 'b'])).toThrow(/row 3 has value "c", which is not one of the categories/);
  });
});
