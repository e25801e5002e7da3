import { describe, expect, it } from 'vitest';
import { loadExpected, loadExtra, loadMargin, loadResponses, relErr } from '../test-support/survey-r.js';
import { RakeError, srsDesign, stratifiedDesign, weightsDesign } from './design.js';
import { svyMean, svyShares, svyTotal } from './estimators.js';
import { rakeDesign, type RakeMargin } from './rake.js';

const d = loadResponses();
const ex = loadExpected();
const margins: RakeMargin[] = [
  { name: 'dept', values: d.dept, totals: loadMargin('margins_dept.csv', 'dept') },
  { name: 'profession', values: d.profession, totals: loadMargin('margins_profession.csv', 'profession') },
];
const raked = rakeDesign(weightsDesign(d.base_w), margins, { epsilon: 1e-10, maxIterations: 100 });

function expectMatch(got: { estimate: number; se: number }, estimate: number, se: number): void {
  expect(relErr(got.estimate, estimate)).toBeLessThan(1e-9);
  expect(relErr(got.se, se)).toBeLessThan(1e-6);
}

describe('rakeDesign (R: rake(svydesign(ids=~1, weights=~base_w), list(~dept, ~profession), margins, epsilon=1e-10))', () => {
  it('reproduces every raked weight', () => {
    const ids: string[] = ex.raked.weights.id;
    const expected: number[] = ex.raked.weights.weight;
    expect(ids).toEqual(d.id);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, relErr(raked.weights[i], expected[i]));
    expect(worst).toBeLessThan(1e-9);
    expect(raked.kind).toBe('raked');
    expect(raked.df).toBe(1114 - 1);
  });

  it('hits the margins', () => {
    for (const m of margins) {
      const got = new Map<string, number>();
      for (let i = 0; i < d.id.length; i++) got.set(m.values[i] as string, (got.get(m.values[i] as string) ?? 0) + raked.weights[i]);
      for (const [label, total] of m.totals) expect(relErr(got.get(label) as number, total)).toBeLessThan(1e-9);
    }
  });

  it('reproduces means and domain means with the calibration-adjusted SE', () => {
    expectMatch(svyMean(raked, d.filtered), ex.raked.filtered_mean.estimate, ex.raked.filtered_mean.se);
    expectMatch(svyMean(raked, d.caseload), ex.raked.caseload_mean.estimate, ex.raked.caseload_mean.se);
    const b = ex.raked.filtered_by_territory;
    b.group.forEach((g: string, k: number) => expectMatch(svyMean(raked, d.filtered, { domain: d.territory.map((t) => t === g) }), b.estimate[k], b.se[k]));
  });

  it('the same weights as fixed weights give the simpler SE of R\'s svydesign(weights=~w)', () => {
    const fixed = weightsDesign(raked.weights);
    expectMatch(svyMean(fixed, d.filtered), ex.fixed_weights.filtered_mean.estimate, ex.fixed_weights.filtered_mean.se);
    const b = ex.fixed_weights.filtered_by_territory;
    b.group.forEach((g: string, k: number) => expectMatch(svyMean(fixed, d.filtered, { domain: d.territory.map((t) => t === g) }), b.estimate[k], b.se[k]));
  });
});

describe('raking errors name the variable and category', () => {
  const base = srsDesign(4);
  const region = (values: (string | null)[], totals: [string, number][]): RakeMargin => ({ name: 'region', values, totals: new Map(totals) });
  it('a row without a value', () => {
    expect(() => rakeDesign(base, [region(['a', null, 'b', 'b'], [['a', 5], ['b', 5]])])).toThrow(/Margin "region": row 2 has no value/);
  });
  it('a category of the data missing from the margins', () => {
    expect(() => rakeDesign(base, [region(['a', 'c', 'b', 'b'], [['a', 5], ['b', 5]])])).toThrow(/Margin "region": category "c" occurs in the data \(row 2\) but has no population total/);
  });
  it('a margins category without respondent', () => {
    expect(() => rakeDesign(base, [region(['a', 'a', 'b', 'b'], [['a', 5], ['b', 5], ['z', 3]])])).toThrow(/Margin "region": category "z" has a population total \(3\) but no respondent/);
  });
  it('margins whose totals differ', () => {
    const sex: RakeMargin = { name: 'sex', values: ['f', 'm', 'f', 'm'], totals: new Map([['f', 6], ['m', 5]]) };
    expect(() => rakeDesign(base, [region(['a', 'a', 'b', 'b'], [['a', 5], ['b', 5]]), sex])).toThrow(/"region" totals 10 but "sex" totals 11/);
  });
  it('no convergence', () => {
    // Margins that a 2×2 sample with an empty cell cannot meet exactly converge only slowly.
    const a: RakeMargin = { name: 'a', values: ['x', 'x', 'y'], totals: new Map([['x', 5], ['y', 5]]) };
    const b: RakeMargin = { name: 'b', values: ['p', 'q', 'q'], totals: new Map([['p', 8], ['q', 2]]) };
    expect(() => rakeDesign(srsDesign(3), [a, b], { maxIterations: 5 })).toThrow(RakeError);
    expect(() => rakeDesign(srsDesign(3), [a, b], { maxIterations: 5 })).toThrow(/did not converge in 5 iterations .*margin "a", category "x" is furthest from its total/);
  });
  it('a negative total and a wrong length', () => {
    expect(() => rakeDesign(base, [region(['a', 'a', 'b', 'b'], [['a', -1], ['b', 5]])])).toThrow(/category "a" must be a non-negative number/);
    expect(() => rakeDesign(base, [region(['a', 'b'], [['a', 5], ['b', 5]])])).toThrow(/has 2 rows but the design has 4/);
  });
});

describe('raking on one margin and raked totals (extra R references)', () => {
  const extra = loadExtra();
  it('one margin: every weight, a mean and a total', () => {
    const one = rakeDesign(weightsDesign(d.base_w), [margins[1]]);
    const expected: number[] = extra.raked_one_margin.weights;
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, relErr(one.weights[i], expected[i]));
    expect(worst).toBeLessThan(1e-9);
    expectMatch(svyMean(one, d.filtered), extra.raked_one_margin.filtered_mean.estimate, extra.raked_one_margin.filtered_mean.se);
    expectMatch(svyTotal(one, d.caseload), extra.raked_one_margin.caseload_total.estimate, extra.raked_one_margin.caseload_total.se);
  });
  it('two margins: a total', () => {
    expectMatch(svyTotal(raked, d.caseload), extra.raked.caseload_total.estimate, extra.raked.caseload_total.se);
  });
  it('keeps the base design\'s strata and fpc: raking a stratified design', () => {
    const strat = stratifiedDesign(d.dept, d.N_dept);
    const r = rakeDesign(strat, [margins[1]]);
    expect(r.strata).toEqual(strat.strata);
    expect(r.df).toBe(strat.df);
  });
});

describe('shares on the raked design (extra R reference: svymean(~contract_share, raked, na.rm=TRUE))', () => {
  it('reproduces every share and its calibration-adjusted SE', () => {
    const e = loadExtra().raked.contract_share;
    const shares = svyShares(raked, d.contract_share, ['most', 'none', 'some']);
    shares.forEach((s, k) => expectMatch(s, e.estimate[k], e.se[k]));
  });
});
