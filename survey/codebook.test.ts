import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCodebook, choiceLabel, column, flattenAnswer } from './codebook.js';
import { polyvalence } from './polyvalence/index.js';
import { generateAnswers } from './polyvalence/synthetic.js';
import type { QuestionnaireDefinition } from './types.js';

const mini: QuestionnaireDefinition = JSON.parse(readFileSync(new URL('../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8'));

describe('buildCodebook', () => {
  const cb = buildCodebook(mini);

  it('gives one column per answer slot, in questionnaire order, calculated values last', () => {
    expect(cb.columns.map((c) => c.name)).toEqual([
      'consent', 'dept_code', 'team_size',
      'topics.housing', 'topics.food', 'topics.none', 'topics.other', 'topics-Comment',
      'views.meaning', 'remarks', 'big_team',
    ]);
  });

  it('reads labels in both languages, English being SurveyJS default', () => {
    const consent = column(cb, 'consent');
    expect(consent.title).toEqual({ fr: 'Acceptez-vous ?', en: 'Do you agree?' });
    expect(choiceLabel(consent, 'yes', 'fr')).toBe('Oui');
    expect(choiceLabel(consent, 'yes', 'en')).toBe('Yes');
    expect(column(cb, 'views.meaning').itemLabel).toEqual({ fr: 'Sens', en: 'Meaningful' });
    expect(column(cb, 'views.meaning').choices?.map((c) => c.value)).toEqual([1, 2, 'na']);
  });

  it('carries tags, bounds, page and inherited visibility', () => {
    const dept = column(cb, 'dept_code');
    expect(dept.qi).toBe('strong');
    expect(dept.page).toBe('p1');
    expect(dept.visibleIf).toBe("{consent} = 'yes'");
    expect(column(cb, 'team_size')).toMatchObject({ kind: 'number', min: 0, max: 50 });
    expect(column(cb, 'remarks').freeText).toBe(true);
    expect(column(cb, 'topics-Comment')).toMatchObject({ kind: 'text', freeText: true });
    expect(column(cb, 'big_team').kind).toBe('calculated');
  });

  it('describes a boolean question with the values and labels it declares', () => {
    const def: QuestionnaireDefinition = { ...mini, json: { pages: [{ name: 'p', elements: [
      { type: 'boolean', name: 'plain' },
      { type: 'boolean', name: 'own', valueTrue: 'oui', valueFalse: 'non', labelTrue: { default: 'Sure', fr: 'Bien sûr' }, labelFalse: 'Jamais' },
    ] }] } };
    const cb = buildCodebook(def);
    expect(column(cb, 'plain').choices).toEqual([{ value: 'true', label: { fr: 'Oui', en: 'Yes' } }, { value: 'false', label: { fr: 'Non', en: 'No' } }]);
    expect(column(cb, 'own').choices).toEqual([{ value: 'oui', label: { fr: 'Bien sûr', en: 'Sure' } }, { value: 'non', label: { fr: 'Jamais', en: 'Jamais' } }]);
    // Flattened values are choices of the column.
    expect(flattenAnswer(cb, { plain: true, own: 'non' })).toEqual({ plain: 'true', own: 'non' });
  });

  it('describes a rating by the values it offers: bounds of rateValues, choices when they are labels', () => {
    const def: QuestionnaireDefinition = { ...mini, json: { pages: [{ name: 'p', elements: [
      { type: 'rating', name: 'nps', rateValues: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
      { type: 'rating', name: 'mood', rateValues: [{ value: 'bad', text: 'Mauvais' }, { value: 'good', text: 'Bon' }] },
      { type: 'rating', name: 'plain', rateMin: 2, rateMax: 8, rateStep: 2 },
      { type: 'rating', name: 'default' },
    ] }] } };
    const cb = buildCodebook(def);
    expect(column(cb, 'nps')).toMatchObject({ kind: 'number', min: 0, max: 10 });
    expect(column(cb, 'mood')).toMatchObject({ kind: 'single', choices: [{ value: 'bad', label: { fr: 'Mauvais', en: 'Mauvais' } }, { value: 'good', label: { fr: 'Bon', en: 'Bon' } }] });
    expect(column(cb, 'plain')).toMatchObject({ kind: 'number', min: 2, max: 8 });
    expect(column(cb, 'plain').choices?.map((c) => c.value)).toEqual([2, 4, 6, 8]);
    expect(column(cb, 'default')).toMatchObject({ kind: 'number', min: 1, max: 5 });
  });

  it('refuses a question type it cannot describe', () => {
    const bad: QuestionnaireDefinition = { ...mini, json: { pages: [{ name: 'p', elements: [{ type: 'signaturepad', name: 's' }] }] } };
    expect(() => buildCodebook(bad)).toThrow(/signaturepad/);
  });

  it('refuses two questions with the same column name', () => {
    const el = { type: 'text', name: 'x' };
    const bad: QuestionnaireDefinition = { ...mini, json: { pages: [{ name: 'p', elements: [el, el] }] } };
    expect(() => buildCodebook(bad)).toThrow(/defined twice/);
  });

  it('throws a clear error for an unknown column', () => {
    expect(() => column(cb, 'nope')).toThrow(/no column "nope"/);
  });
});

describe('flattenAnswer', () => {
  const cb = buildCodebook(mini);

  it('flattens checkboxes to 0/1, matrices to one column per row, and keeps comments', () => {
    const flat = flattenAnswer(cb, {
      consent: 'yes', dept_code: '01D', team_size: 9, topics: ['housing', 'other'], 'topics-Comment': 'x',
      views: { meaning: 'na' }, big_team: 'yes',
    });
    expect(flat).toEqual({
      consent: 'yes', dept_code: '01D', team_size: 9,
      'topics.housing': 1, 'topics.food': 0, 'topics.none': 0, 'topics.other': 1, 'topics-Comment': 'x',
      'views.meaning': 'na', remarks: null, big_team: 'yes',
    });
  });

  it('keeps item non-response (null) apart from "not checked" (0)', () => {
    const flat = flattenAnswer(cb, { consent: 'no' });
    expect(flat['topics.housing']).toBeNull();
    expect(flat.team_size).toBeNull();
  });
});
