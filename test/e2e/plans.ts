/**
 * Planned answers for the browser tests, taken from the seeded synthetic respondents so
 * that they follow the questionnaire rather than a copy of it.
 */
import { generateAnswers } from '../../survey/polyvalence/synthetic.js';

/** A synthetic respondent who goes through every branch the polyvalence form can show. */
export function richPolyvalenceAnswer(): Record<string, unknown> {
  const rich = generateAnswers({ n: 5000, seed: 99 })
    .map((a) => a.data)
    .find(
      (d) =>
        d.eligible === 'yes' && d.dept_code !== 'region_only' && d.territory_type === 'mixed'
        && Array.isArray(d.filter_criteria) && Array.isArray(d.preset_topics) && Array.isArray(d.refusal_reasons)
        && d.rsa_share_caseload !== undefined && d.ip_eval_known_families !== undefined && d.same_job !== undefined
        && Array.isArray(d.isic_types) && d.caseload_active !== undefined,
    );
  if (!rich) throw new Error('no synthetic respondent covers every branch; change the seed');
  return { ...rich };
}

/** A complete, valid answer to the mini fixture questionnaire. */
export const MINI_ANSWER: Record<string, unknown> = {
  consent: 'yes',
  dept_code: '02D',
  team_size: 6,
  topics: ['housing', 'other'],
  'topics-Comment': 'Mobilité',
  views: { meaning: 2 },
  remarks: 'Réponse de test',
};
