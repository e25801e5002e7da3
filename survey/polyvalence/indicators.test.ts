import { describe, expect, it } from 'vitest';
import { checkDefinitions } from '../../analysis/check-definitions.js';
import { INDICATOR_TOPICS } from '../../analysis/definitions.js';
import { buildCodebook } from '../codebook.js';
import { polyvalenceDerived } from './derived.js';
import { polyvalence } from './index.js';
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

  it('cover each ANAS proposition and the rural/urban comparison, each with a report section', () => {
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
