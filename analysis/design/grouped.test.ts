import { describe, expect, it } from 'vitest';
import { loadMargin, loadResponses, relErr } from '../test-support/survey-r.js';
import { srsDesign, stratifiedDesign, weightsDesign, type SurveyDesign } from './design.js';
import { rakeDesign } from './rake.js';
import { svyMean } from './estimators.js';
import { svyMeansByGroup } from './grouped.js';

const d = loadResponses();

function groupIndex(values: readonly (string | null)[]): { index: Int32Array; groups: string[] } {
  const groups = [...new Set(values.filter((v): v is string => v !== null))].sort();
  const at = new Map(groups.map((g, i) => [g, i]));
  return { index: Int32Array.from(values, (v) => (v === null ? -1 : at.get(v)!)), groups };
}

/** The grouped means equal one svyMean per group, estimate and variance, to rounding. */
function expectSameAsSvyMean(design: SurveyDesign, y: (number | null)[], by: readonly (string | null)[]): void {
  const { index, groups } = groupIndex(by);
  const grouped = svyMeansByGroup(design, y, index, groups.length);
  groups.forEach((g, k) => {
    const domain = Array.from(index, (x) => x === k);
    const one = svyMean(design, y, { domain });
    expect(grouped[k].n).toBe(one.n);
    expect(relErr(grouped[k].estimate, one.estimate)).toBeLessThan(1e-12);
    expect(relErr(Math.sqrt(grouped[k].variance), one.se)).toBeLessThan(1e-9);
    expect(grouped[k].warnings).toEqual(one.warnings ?? []);
  });
}

describe('svyMeansByGroup', () => {
  const raked = rakeDesign(weightsDesign(d.base_w), [
    { name: 'dept', values: d.dept, totals: loadMargin('margins_dept.csv', 'dept') },
    { name: 'profession', values: d.profession, totals: loadMargin('margins_profession.csv', 'profession') },
  ], { epsilon: 1e-10, maxIterations: 100 });
  const designs: [string, SurveyDesign][] = [
    ['unweighted', srsDesign(d.dept.length)],
    ['stratified with fpc', stratifiedDesign(d.dept, d.N_dept)],
    ['fixed weights', weightsDesign(d.base_w)],
    ['raked to two margins', raked],
  ];

  for (const [name, design] of designs) {
    it(`gives one svyMean per group on a ${name} design (territory, département; 0/1 and numeric, with missing values)`, () => {
      expectSameAsSvyMean(design, d.filtered, d.territory);
      expectSameAsSvyMean(design, d.caseload, d.dept);
      expectSameAsSvyMean(design, d.same_job, d.profession);
    });
  }

  it('handles a stratum with a single respondent as svyMean does, with its warning', () => {
    // Keep one respondent of département 23: its stratum is "lonely".
    const first23 = d.dept.indexOf('23');
    const keep = d.dept.map((x, i) => x !== '23' || i === first23);
    const pick = <T,>(xs: T[]) => xs.filter((_, i) => keep[i]);
    const design = stratifiedDesign(pick(d.dept), pick(d.N_dept));
    expect(design.lonely.some((x) => x === 1)).toBe(true);
    expectSameAsSvyMean(design, pick(d.caseload), pick(d.territory));
  });

  it('gives n = 0 and no estimate for an empty group, and ignores rows without a group', () => {
    const design = srsDesign(4);
    const r = svyMeansByGroup(design, [1, 2, null, 4], Int32Array.from([0, 0, 1, -1]), 3);
    expect(r[0]).toMatchObject({ n: 2, estimate: 1.5, subsetDf: 1 });
    expect(r[1].n).toBe(0);
    expect(Number.isNaN(r[1].estimate)).toBe(true);
    expect(r[2].n).toBe(0);
  });

  it('refuses arrays of the wrong length, group indices out of range and non-numeric values', () => {
    const design = srsDesign(2);
    expect(() => svyMeansByGroup(design, [1], Int32Array.from([0, 0]), 1)).toThrow(/Variable has 1 rows but the design has 2/);
    expect(() => svyMeansByGroup(design, [1, 2], Int32Array.from([0, 3]), 2)).toThrow(/row 2 has group 3/);
    expect(() => svyMeansByGroup(design, [1, 'x' as unknown as number], Int32Array.from([0, 0]), 1)).toThrow(/row 2 must be a finite number/);
  });
});
