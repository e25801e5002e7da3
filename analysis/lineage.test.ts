import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import { polyvalence } from '../survey/polyvalence/index.js';
import { polyvalencePlan } from '../survey/polyvalence/indicators.js';
import { sourceQuestions } from './lineage.js';

const codebook = buildCodebook(polyvalence);

describe('sourceQuestions', () => {
  it('follows derived variables back to the questions, in questionnaire order', () => {
    // caseload_per_fte = caseload_active / fte_num, fte_num = map(fte): fte (A12) comes before caseload_active (B1).
    expect(sourceQuestions(codebook, polyvalencePlan.derived, 'caseload_per_fte')).toEqual(['fte', 'caseload_active']);
    expect(sourceQuestions(codebook, polyvalencePlan.derived, 'reception_nonts_decides')).toEqual(['appt_decision']);
    // A matrix index names its matrices once each.
    expect(sourceQuestions(codebook, polyvalencePlan.derived, 'cbi_work_score')).toEqual(['cbi_work_a', 'cbi_work_b']);
    expect(sourceQuestions(codebook, polyvalencePlan.derived, 'profession')).toEqual(['profession']);
  });

  it('names every indicator of the polyvalence plan with at least one question', () => {
    for (const ind of polyvalencePlan.indicators) expect(sourceQuestions(codebook, polyvalencePlan.derived, ind.variable).length).toBeGreaterThan(0);
  });

  it('refuses an unknown name', () => {
    expect(() => sourceQuestions(codebook, polyvalencePlan.derived, 'nope')).toThrow(/"nope" is neither a column/);
  });
});
