import { describe, expect, it } from 'vitest';
import { checkDefinitions } from '../../analysis/check-definitions.js';
import { CHAPTER_TOPICS, INDICATOR_TOPICS } from '../../analysis/definitions.js';
import { buildCodebook } from '../codebook.js';
import { polyvalenceDerived } from './derived.js';
import { polyvalence } from './index.js';
import { TIME_ALLOCATION_ITEMS } from './questionnaire.js';
import { POLYVALENCE_GROUP_BY, polyvalenceIndicators, polyvalencePlan, polyvalencePopulation, polyvalenceTopics } from './indicators.js';

const codebook = buildCodebook(polyvalence);

describe('polyvalence derived variables and indicators', () => {
  it('reference only columns and choice values of the questionnaire', () => {
    expect(
      checkDefinitions(codebook, { derived: polyvalenceDerived, indicators: polyvalenceIndicators, population: polyvalencePopulation, by: POLYVALENCE_GROUP_BY, comparisons: polyvalencePlan.comparisons, weighting: polyvalencePlan.weighting }),
    ).toEqual([]);
  });

  it('group by territory_3, whose groups are labelled in both languages', () => {
    const col = codebook.columns.find((c) => c.name === POLYVALENCE_GROUP_BY);
    expect(col?.choices?.map((c) => c.value).sort()).toEqual(['periurban', 'rural', 'urban']);
    for (const c of col?.choices ?? []) expect(c.label.fr).not.toBe(String(c.value));
  });

  it('give the workload chapter caseload, delay to a first appointment and every share of time, and the wellbeing chapter burnout', () => {
    const ids = (topic: string) => polyvalenceIndicators.filter((i) => i.proposition === topic).map((i) => i.id);
    expect(ids('workload')).toEqual(expect.arrayContaining(['caseload_per_fte_mean', 'delay_first_appt_mean', 'delay_gt30_share']));
    // Collective work's share of time is P3's evidence; every other item is in the chapter, titled by the questionnaire.
    for (const item of TIME_ALLOCATION_ITEMS) {
      const ind = polyvalenceIndicators.find((i) => i.variable === `share_${item}`);
      expect(ind?.proposition, item).toBe(item === 'collective' ? 'P3' : 'workload');
      const label = codebook.columns.find((c) => c.name === `time_alloc.${item}`)!.itemLabel!;
      if (item !== 'collective') expect(ind!.title.fr).toContain(label.fr);
    }
    expect(ids('wellbeing')).toEqual(expect.arrayContaining(['cbi_work_score_mean', 'cbi_work_high_share', 'intent_leave_share']));
  });

  it('say for every proposition indicator which direction supports it', () => {
    for (const ind of polyvalenceIndicators) {
      if (!CHAPTER_TOPICS.has(ind.proposition)) expect(ind.supports, ind.id).toMatch(/^(higher|lower)$/);
    }
  });

  it('cover each ANAS proposition and each chapter, each with a report section', () => {
    for (const topic of INDICATOR_TOPICS) {
      expect(polyvalenceIndicators.some((i) => i.proposition === topic), topic).toBe(true);
      expect(polyvalenceTopics[topic].title.fr).not.toBe('');
    }
    expect(polyvalencePlan.indicators).toBe(polyvalenceIndicators);
  });

  it('map every FTE band (blueprint A12: 1.0 / 0.9 / 0.8 / 0.65 / 0.4)', () => {
    const fte = polyvalenceDerived.find((d) => d.name === 'fte_num');
    expect(fte).toEqual({ kind: 'map', name: 'fte_num', column: 'fte', mapping: { fte_100: 1, fte_90: 0.9, fte_80: 0.8, fte_50_79: 0.65, fte_lt50: 0.4 } });
  });
});
