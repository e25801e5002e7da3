import { readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import type { QuestionnaireDefinition } from './types.js';
import { createAnswerValidator, describeErrors } from './validate.js';

const mini: QuestionnaireDefinition = JSON.parse(readFileSync(new URL('../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8'));
const validate = createAnswerValidator(mini);
const good = { consent: 'yes', dept_code: '01D', team_size: 9, topics: ['housing', 'other'], 'topics-Comment': 'x', views: { meaning: 'na' } };

function errorsOf(data: unknown) {
  const r = validate(data);
  if (r.ok) throw new Error(`expected a refusal for ${JSON.stringify(data)}`);
  return r.errors;
}

describe('createAnswerValidator', () => {
  it('accepts a complete answer and recomputes calculated values', () => {
    const r = validate({ ...good, big_team: 'forged' });
    expect(r).toEqual({ ok: true, data: { ...good, big_team: 'yes' } });
  });

  it('accepts a refusal to take part, where the rest is hidden', () => {
    expect(validate({ consent: 'no' }).ok).toBe(true);
  });

  it('names a missing required question, in French by default and in English', () => {
    const errors = errorsOf({ consent: 'yes' });
    expect(errors.map((e) => e.question)).toEqual(['dept_code']);
    expect(errors[0].message.fr).toMatch(/obligatoire/);
    expect(errors[0].message.en).toMatch(/required/i);
  });

  it.each([
    [{ consent: 'maybe' }, 'consent', /not one of the choices/],
    [{ ...good, team_size: 99 }, 'team_size', /at most 50/],
    [{ ...good, team_size: '9' }, 'team_size', /must be a number/],
    [{ ...good, team_size: Number.NaN }, 'team_size', /must be a number/],
    [{ ...good, topics: 'housing' }, 'topics', /list of choices/],
    [{ ...good, topics: ['housing', 'housing'] }, 'topics', /twice/],
    [{ ...good, topics: ['none', 'food'] }, 'topics', /cannot be combined/],
    [{ ...good, views: { meaning: 3 } }, 'views.meaning', /not one of the choices/],
    [{ ...good, views: { nope: 1 } }, 'views.nope', /unknown row/],
    [{ ...good, views: { meaning: '1' } }, 'views.meaning', /not one of the choices/],
    [{ ...good, remarks: 'x'.repeat(201) }, 'remarks', /longer than 200/],
    [{ ...good, unknown_q: 1 }, 'unknown_q', /unknown question/],
    [{ consent: 'no', dept_code: '01D' }, 'dept_code', /not asked/],
    [{ ...good, topics: ['housing'], 'topics-Comment': 'x' }, 'topics-Comment', /without choosing "other"/],
  ])('refuses %j on %s', (data, question, message) => {
    const errors = errorsOf(data);
    expect(errors.map((e) => e.question)).toContain(question);
    expect(describeErrors(errors, 'en')).toMatch(message);
  });

  it('refuses prototype-polluting keys without touching Object.prototype', () => {
    const errors = errorsOf(JSON.parse('{"consent":"yes","__proto__":{"polluted":1},"constructor":1}'));
    expect(errors.map((e) => e.question).sort()).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([null, [], 'text', 42])('refuses a non-object answer %j', (data) => {
    expect(errorsOf(data)[0].question).toBe('(answer)');
  });

  it('accepts the values a boolean question declares (valueTrue / valueFalse), as survey-core stores them', () => {
    const def: QuestionnaireDefinition = { id: 'b', version: '1', date: '2026-01-01', json: { pages: [{ name: 'p', elements: [
      { type: 'boolean', name: 'plain' },
      { type: 'boolean', name: 'own', valueTrue: 'oui', valueFalse: 'non' },
    ] }] } };
    const model = new Model(def.json);
    model.setValue('plain', true);
    (model.getQuestionByName('own') as unknown as { booleanValue: boolean }).booleanValue = true;
    expect(model.data).toEqual({ plain: true, own: 'oui' });
    const check = createAnswerValidator(def);
    expect(check(model.data).ok).toBe(true);
    expect(check({ own: 'non' }).ok).toBe(true);
    const refused = check({ own: true, plain: 'oui' });
    expect(refused.ok ? [] : refused.errors.map((e) => e.question).sort()).toEqual(['own', 'plain']);
  });

  it('keeps no state from one answer to the next', () => {
    expect(validate(good).ok).toBe(true);
    expect(errorsOf({ consent: 'yes' }).map((e) => e.question)).toEqual(['dept_code']);
    expect(validate({ consent: 'no' }).ok).toBe(true);
  });

  it('refuses a checkbox value of another type than its choice', () => {
    const numeric: QuestionnaireDefinition = { id: 'n', version: '1', date: '2026-11-01', json: { pages: [{ name: 'p', elements: [{ type: 'checkbox', name: 'days', choices: [1, 2, 3] }] }] } };
    const check = createAnswerValidator(numeric);
    expect(check({ days: [1, 3] }).ok).toBe(true);
    const r = check({ days: ['1'] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(describeErrors(r.errors, 'en')).toMatch(/days: value is not one of the choices/);
  });
});
