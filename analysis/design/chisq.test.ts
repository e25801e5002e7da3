import { describe, expect, it } from 'vitest';
import { loadExpected, loadExtra, loadMargin, loadResponses, relErr } from '../test-support/survey-r.js';
import { stratifiedDesign, weightsDesign } from './design.js';
import { svyChisq } from './chisq.js';
import { rakeDesign } from './rake.js';

const d = loadResponses();
const ex = loadExpected();
const extra = loadExtra();
const strat = stratifiedDesign(d.dept, d.N_dept);
const filtered = d.filtered.map((v) => (v === null ? null : String(v)));

function expectChisq(r: ReturnType<typeof svyChisq>, e: { statistic: number; ndf: number; ddf: number; p_value: number; pearson?: number }): void {
  expect(relErr(r.statistic, e.statistic)).toBeLessThan(1e-6);
  expect(relErr(r.ndf, e.ndf)).toBeLessThan(1e-6);
  expect(relErr(r.ddf, e.ddf)).toBeLessThan(1e-6);
  expect(Math.abs(r.pValue - e.p_value)).toBeLessThan(1e-6);
  expect(relErr(r.pValue, e.p_value)).toBeLessThan(1e-5);
  if (e.pearson !== undefined) expect(relErr(r.pearson, e.pearson)).toBeLessThan(1e-6);
}

describe('svyChisq (R: svychisq(~a+b, subset, statistic="F"))', () => {
  it('reproduces the 3×2 Rao-Scott F test of the reference (and its Pearson X²)', () => {
    const r = svyChisq(strat, d.territory, filtered);
    expectChisq(r, ex.stratified.chisq_territory_filtered);
    expectChisq(r, extra.chisq.territory_filtered);
  });

  it('reproduces a 3×3 test, whatever the order of the variables', () => {
    expectChisq(svyChisq(strat, d.territory, d.contract_share), extra.chisq.territory_contract_share);
    expectChisq(svyChisq(strat, d.contract_share, d.territory), extra.chisq.territory_contract_share);
  });

  it('reproduces a 3×3 test on a raked design', () => {
    const raked = rakeDesign(weightsDesign(d.base_w), [
      { name: 'dept', values: d.dept, totals: loadMargin('margins_dept.csv', 'dept') },
      { name: 'profession', values: d.profession, totals: loadMargin('margins_profession.csv', 'profession') },
    ]);
    expectChisq(svyChisq(raked, d.territory, d.contract_share), extra.raked.chisq_territory_contract_share);
  });

  it('refuses a variable with a single category among respondents', () => {
    const one = d.territory.map(() => 'x');
    expect(() => svyChisq(strat, one, filtered)).toThrow(/at least two categories among respondents with both answers \(got 1 and 2\)/);
    expect(() => svyChisq(strat, d.territory.slice(1), filtered)).toThrow(/has 1113 rows but the design has 1114/);
  });
});
