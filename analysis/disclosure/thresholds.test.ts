import { describe, expect, it } from 'vitest';
import { DISCLOSURE_THRESHOLD } from '../../survey/types.js';
import { DEFAULT_DISCLOSURE_THRESHOLDS, DisclosureThresholdsError, thresholdsStatement, validateThresholds } from './thresholds.js';

function problems(input: unknown): string[] {
  try {
    validateThresholds(input);
  } catch (err) {
    expect(err).toBeInstanceOf(DisclosureThresholdsError);
    return (err as DisclosureThresholdsError).problems.map((p) => p.en);
  }
  throw new Error('expected validateThresholds to throw');
}

describe('disclosure thresholds', () => {
  it('defaults to groups of 10, cells of the notice’s threshold, k = 5', () => {
    expect(DEFAULT_DISCLOSURE_THRESHOLDS).toEqual({ minGroup: 10, minCell: DISCLOSURE_THRESHOLD, k: 5 });
    expect(validateThresholds({})).toEqual(DEFAULT_DISCLOSURE_THRESHOLDS);
  });

  it('fills the missing thresholds with the defaults', () => {
    expect(validateThresholds({ minGroup: 20 })).toEqual({ minGroup: 20, minCell: 5, k: 5 });
    expect(validateThresholds({ minGroup: 15, minCell: 8, k: 11 })).toEqual({ minGroup: 15, minCell: 8, k: 11 });
  });

  it('refuses values under the notice’s promise, fractions, non-numbers and huge values, naming each', () => {
    const p = problems({ minGroup: 4, minCell: 5.5, k: '5' });
    expect(p).toHaveLength(3);
    expect(p[0]).toMatch(/^minGroup must be a whole number from 5 to 1000.*got 4$/);
    expect(p[1]).toMatch(/^minCell .*got 5.5$/);
    expect(p[2]).toMatch(/^k .*got "5"$/);
    expect(problems({ k: 1001 })[0]).toMatch(/got 1001/);
  });

  it('refuses a group smaller than a cell, unknown keys and non-objects', () => {
    expect(problems({ minGroup: 6, minCell: 8 })).toEqual(['minGroup (6) cannot be smaller than minCell (8)']);
    expect(problems({ minCel: 5 })[0]).toMatch(/unknown threshold "minCel"/);
    expect(problems(null)[0]).toMatch(/must be an object/);
    expect(problems([5, 5, 5])[0]).toMatch(/must be an object/);
  });

  it('states the thresholds in both languages', () => {
    const s = thresholdsStatement({ minGroup: 12, minCell: 6, k: 7 });
    expect(s.fr).toContain('au moins 12 répondant·es');
    expect(s.fr).toContain('de 1 à 5');
    expect(s.fr).toContain('7-anonymes');
    expect(s.en).toContain('at least 12 respondents');
    expect(s.en).toContain('from 1 to 5');
    expect(s.en).toContain('7-anonymous');
  });
});
