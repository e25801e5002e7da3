import { describe, expect, it } from 'vitest';
import { createAnswerValidator } from '../validate.js';
import { polyvalence } from './index.js';
import { generateAnswers } from './synthetic.js';

const validate = createAnswerValidator(polyvalence);

function share<T>(items: T[], pred: (t: T) => boolean): number {
  return items.filter(pred).length / items.length;
}

describe('generateAnswers', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateAnswers({ n: 20, seed: 7 })).toEqual(generateAnswers({ n: 20, seed: 7 }));
    expect(generateAnswers({ n: 20, seed: 7 })).not.toEqual(generateAnswers({ n: 20, seed: 8 }));
  });

  it('refuses a bad n', () => {
    expect(() => generateAnswers({ n: -1 })).toThrow(/non-negative integer/);
    expect(() => generateAnswers({ n: 1.5 })).toThrow(/non-negative integer/);
  });

  it('produces only answers the questionnaire accepts, with the form\'s own territory_3', () => {
    const answers = generateAnswers({ n: 300, seed: 11 });
    for (const a of answers) {
      const r = validate(a.data);
      if (!r.ok) throw new Error(`${JSON.stringify(r.errors)} in ${JSON.stringify(a.data)}`);
      expect(r.data.territory_3).toEqual(a.data.territory_3);
      expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(a.submittedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(new Set(answers.map((a) => a.id)).size).toBe(answers.length);
  });

  const answers = generateAnswers({ n: 4000, seed: 3 }).map((a) => a.data);
  const eligible = answers.filter((d) => d.eligible === 'yes');
  const urban = eligible.filter((d) => d.territory_3 === 'urban');
  const rural = eligible.filter((d) => d.territory_3 === 'rural');

  it('spreads respondents over many départements of unequal size, with some refusals', () => {
    const counts = new Map<unknown, number>();
    for (const d of eligible) counts.set(d.dept_code, (counts.get(d.dept_code) ?? 0) + 1);
    expect(counts.size).toBeGreaterThan(80);
    const sizes = [...counts.values()].sort((a, b) => a - b);
    expect(sizes[sizes.length - 1]).toBeGreaterThan(10 * sizes[0]);
    expect(share(answers, (d) => d.consent === 'no')).toBeGreaterThan(0.005);
    expect(urban.length).toBeGreaterThan(300);
    expect(rural.length).toBeGreaterThan(300);
  });

  it('builds in the known differences: urban filtering and contracts, rural generalist practice', () => {
    const filtered = (d: Record<string, unknown>) => ['secretariat_criteria', 'platform'].includes(d.appt_decision as string);
    expect(share(urban, filtered) - share(rural, filtered)).toBeGreaterThan(0.08);
    const referentMain = (d: Record<string, unknown>) => d.rsa_referent === 'yes_main';
    expect(share(urban, referentMain) - share(rural, referentMain)).toBeGreaterThan(0.05);
    const mean = (xs: Record<string, unknown>[], f: (d: Record<string, unknown>) => number) => xs.reduce((s, d) => s + f(d), 0) / xs.length;
    expect(mean(rural, (d) => d.practice_axis as number) - mean(urban, (d) => d.practice_axis as number)).toBeGreaterThan(0.8);
  });
});
