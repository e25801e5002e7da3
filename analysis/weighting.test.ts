import { table } from 'arquero';
import { describe, expect, it } from 'vitest';
import type { WeightingPlan } from './definitions.js';
import { weightToMargins } from './weighting.js';

// Four codes in two regions: A1 and A2 in RA, B1 and B2 in RB.
const plan: WeightingPlan = { column: 'code', coarsen: { A1: 'RA', A2: 'RA', B1: 'RB', B2: 'RB' }, coarseColumn: 'region', minRespondents: 3 };

function rows(spec: [string | null, string | null, number][]) {
  const code: (string | null)[] = [];
  const region: (string | null)[] = [];
  for (const [c, r, count] of spec) for (let i = 0; i < count; i++) {
    code.push(c);
    region.push(r);
  }
  return table({ code, region });
}

describe('weightToMargins', () => {
  it('is unweighted, and says why, without margins', () => {
    const r = weightToMargins(rows([['A1', null, 4]]), plan);
    expect(r.applied).toBe(false);
    expect(r.reason?.en).toMatch(/no population margins/);
    expect(Array.from(r.design.weights)).toEqual([1, 1, 1, 1]);
    expect(r.rows).toBeNull();
  });

  it('gives a code with enough respondents its own cell and pools the others, with region-only respondents, by region', () => {
    // A1: 4 respondents (own cell); A2: 1 (pooled into RA) + 1 region-only RA; B1: 2, B2: 0 (pooled into RB); 1 without region.
    const t = rows([['A1', null, 4], ['A2', null, 1], [null, 'RA', 1], ['B1', null, 2], [null, null, 1]]);
    const margins = new Map([['A1', 40], ['A2', 30], ['B1', 10], ['B2', 50]]);
    const r = weightToMargins(t, plan, margins);
    expect(r.applied).toBe(true);
    expect(r.excluded).toBe(1);
    expect(Array.from(r.rows!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.cells).toEqual([
      { cell: 'A1', codes: ['A1'], population: 40, respondents: 4 },
      { cell: 'RA', codes: ['A2'], population: 30, respondents: 2 },
      { cell: 'RB', codes: ['B1', 'B2'], population: 60, respondents: 2 },
    ]);
    // Post-stratification: weight = population / respondents of the cell.
    const w = Array.from(r.design.weights);
    expect(w.slice(0, 4).every((x) => Math.abs(x - 10) < 1e-9)).toBe(true);
    expect(w.slice(4, 6).every((x) => Math.abs(x - 15) < 1e-9)).toBe(true);
    expect(w.slice(6, 8).every((x) => Math.abs(x - 30) < 1e-9)).toBe(true);
    const sum = w.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(130, 9);
    expect(r.effectiveSampleSize).toBeCloseTo((sum * sum) / w.reduce((a, b) => a + b * b, 0), 12);
    expect(r.weightRatio[0]).toBeCloseTo(10 / (130 / 8), 12);
  });

  it('reports population that no respondent represents', () => {
    const r = weightToMargins(rows([['A1', null, 5]]), plan, new Map([['A1', 40], ['B1', 10]]));
    expect(r.applied).toBe(true);
    expect(r.unrepresented).toEqual([{ cell: 'RB', codes: ['B1'], population: 10, respondents: 0 }]);
  });

  it('is not applied, naming the codes, when margins lack a code of the answers', () => {
    const r = weightToMargins(rows([['A1', null, 5], ['B2', null, 1]]), plan, new Map([['A1', 40]]));
    expect(r.applied).toBe(false);
    expect(r.reason?.fr).toMatch(/B2/);
    expect(r.reason?.en).toMatch(/lack 1 code\(s\) present in the answers \(B2\)/);
  });

  it('is not applied when a cell with respondents has no population', () => {
    const r = weightToMargins(rows([['A1', null, 5]]), plan, new Map([['A1', 0]]));
    expect(r.applied).toBe(false);
    expect(r.reason?.en).toMatch(/population is zero \(A1\)/);
  });

  it('refuses a table without the plan\'s columns', () => {
    expect(() => weightToMargins(table({ other: [1] }), plan, new Map())).toThrow(/no column "code"/);
  });
});
