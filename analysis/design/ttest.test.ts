import { describe, expect, it } from 'vitest';
import { loadExpected, loadExtra, loadMargin, loadResponses, relErr } from '../test-support/survey-r.js';
import { stratifiedDesign, weightsDesign } from './design.js';
import { rakeDesign } from './rake.js';
import { svyTTest } from './ttest.js';

const d = loadResponses();
const ex = loadExpected();
const extra = loadExtra();

function expectT(r: ReturnType<typeof svyTTest>, e: { difference: number; statistic: number; df: number; p_value: number }): void {
  expect(relErr(r.difference, e.difference)).toBeLessThan(1e-9);
  expect(relErr(r.statistic, e.statistic)).toBeLessThan(1e-6);
  expect(r.df).toBe(e.df);
  expect(Math.abs(r.pValue - e.p_value)).toBeLessThan(1e-6);
  expect(relErr(r.pValue, e.p_value)).toBeLessThan(1e-5);
}

describe('svyTTest (R: svyttest(caseload ~ territory, subset(urban or rural, caseload answered)))', () => {
  it('reproduces the urban − rural difference, t, df and p on the stratified design', () => {
    const r = svyTTest(stratifiedDesign(d.dept, d.N_dept), d.caseload, d.territory, ['rural', 'urban']);
    expectT(r, ex.stratified.ttest_caseload_urban_vs_rural);
    expect(r.groups).toEqual(['rural', 'urban']);
    expect(relErr(r.se, r.difference / r.statistic)).toBeLessThan(1e-12);
  });

  it('reproduces it on the raked design', () => {
    const raked = rakeDesign(weightsDesign(d.base_w), [
      { name: 'dept', values: d.dept, totals: loadMargin('margins_dept.csv', 'dept') },
      { name: 'profession', values: d.profession, totals: loadMargin('margins_profession.csv', 'profession') },
    ]);
    expectT(svyTTest(raked, d.caseload, d.territory, ['rural', 'urban']), extra.raked.ttest_caseload_urban_vs_rural);
  });

  it('swapping the groups flips the sign only', () => {
    const s = stratifiedDesign(d.dept, d.N_dept);
    const a = svyTTest(s, d.caseload, d.territory, ['rural', 'urban']);
    const b = svyTTest(s, d.caseload, d.territory, ['urban', 'rural']);
    expect(b.difference).toBeCloseTo(-a.difference, 10);
    expect(b.pValue).toBeCloseTo(a.pValue, 15);
  });

  it('refuses equal groups and a group without respondents', () => {
    const s = stratifiedDesign(d.dept, d.N_dept);
    expect(() => svyTTest(s, d.caseload, d.territory, ['urban', 'urban'])).toThrow(/two different groups/);
    expect(() => svyTTest(s, d.caseload, d.territory, ['urban', 'mountain'])).toThrow(/group "mountain" has no respondent with a value/);
  });
});
