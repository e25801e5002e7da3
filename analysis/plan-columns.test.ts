import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { generateAnswers } from '../survey/polyvalence/synthetic.js';
import { computeEvidence } from './evidence.js';
import { deriveVariables, filterPopulation } from './derive.js';
import { answersTable } from './load.js';
import { planColumns } from './plan-columns.js';

const codebook = buildCodebook(polyvalence);

describe('planColumns', () => {
  it('names the columns of every part of the plan, and extra ones, in codebook order', () => {
    const cols = planColumns(codebook, polyvalencePlan, ['dept_code', 'not_a_column', null]);
    expect(cols).toEqual(codebook.columns.map((c) => c.name).filter((n) => cols.includes(n)));
    for (const c of polyvalencePlan.population) expect(cols).toContain(c.column);
    expect(cols).toContain(polyvalencePlan.by);
    expect(cols).toContain('dept_code');
    expect(cols).not.toContain('not_a_column');
    // A report reads far fewer columns than the codebook has.
    expect(cols.length).toBeLessThan(codebook.columns.length);
  });

  it('is enough for the whole evidence: the same figures as from every column', async () => {
    const answers = generateAnswers({ n: 600, seed: 8 });
    const evidenceOf = async (columns?: string[]) => {
      const t = deriveVariables(filterPopulation(await answersTable(codebook, answers, { columns }), polyvalencePlan.population), polyvalencePlan.derived);
      return computeEvidence(t, polyvalencePlan, { codebook });
    };
    expect(await evidenceOf(planColumns(codebook, polyvalencePlan))).toEqual(await evidenceOf());
  });
});
