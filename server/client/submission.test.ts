import { readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { registerCustomProperties } from '../../survey/properties.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import type { PostAnswer, PostResult } from './api.js';
import { attachSubmission, questionOfError, questionTitle } from './submission.js';

const mini = JSON.parse(readFileSync(new URL('../../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8')) as QuestionnaireDefinition;

/** A post function whose answers the test decides, one per call. */
function scriptedPost(results: PostResult[]) {
  const calls: { id: string; data: Record<string, unknown> }[] = [];
  const post: PostAnswer = async (body) => {
    calls.push(structuredClone(body));
    const r = results.shift();
    if (!r) throw new Error('unexpected call');
    return r;
  };
  return { post, calls };
}

function filledModel() {
  registerCustomProperties();
  const model = new Model(mini.json);
  model.data = { consent: 'yes', dept_code: '02D', team_size: 3 };
  return model;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('attachSubmission', () => {
  it('shows the complete page only once the server acknowledged', async () => {
    const model = filledModel();
    let release!: (r: PostResult) => void;
    const post: PostAnswer = () => new Promise((resolve) => (release = resolve));
    const sub = attachSubmission(model, post, () => 'id-1');
    model.doComplete();
    expect(model.state).toBe('completed');
    expect(sub.getState().phase).toBe('saving');
    expect(model.completedState).toBe('saving');
    expect(model.showCompletePage).toBe(false);
    release({ ok: true, status: 'stored' });
    await settle();
    expect(sub.getState().phase).toBe('saved');
    expect(model.showCompletePage).toBe(true);
    expect(model.completedState).toBe('success');
  });

  it('keeps the answers after a failure and retries with the same id', async () => {
    const model = filledModel();
    const { post, calls } = scriptedPost([
      { ok: false, kind: 'failed', message: 'Connexion perdue' },
      { ok: true, status: 'already_stored' },
    ]);
    const sub = attachSubmission(model, post, () => 'id-2');
    const seen: string[] = [];
    sub.subscribe(() => seen.push(sub.getState().phase));
    model.doComplete();
    await settle();
    expect(sub.getState()).toMatchObject({ phase: 'failed', message: 'Connexion perdue', invalid: false });
    expect(model.completedState).toBe('error');
    expect(model.completedStateText).toBe('Connexion perdue');
    expect(model.showCompletePage).toBe(false);
    await sub.retry();
    expect(sub.getState().phase).toBe('saved');
    expect(calls.map((c) => c.id)).toEqual(['id-2', 'id-2']);
    expect(calls[1].data).toEqual(calls[0].data);
    expect(calls[0].data).toMatchObject({ consent: 'yes', dept_code: '02D', team_size: 3 });
    expect(seen).toEqual(['saving', 'failed', 'saving', 'saved']);
  });

  it('returns to the form on an invalid answer, answers kept, and sends the correction with the same id', async () => {
    const model = filledModel();
    const { post, calls } = scriptedPost([
      { ok: false, kind: 'invalid', message: 'La réponse est invalide : team_size : doit être au plus 50', errors: [{ question: 'team_size', message: 'doit être au plus 50' }] },
      { ok: true, status: 'stored' },
    ]);
    const sub = attachSubmission(model, post, () => 'id-3');
    model.doComplete();
    await settle();
    expect(sub.getState()).toMatchObject({ phase: 'failed', invalid: true });
    sub.backToForm();
    expect(model.state).toBe('running');
    expect(sub.getState().phase).toBe('editing');
    expect(model.data).toMatchObject({ consent: 'yes', dept_code: '02D', team_size: 3 });
    expect(model.currentPage.name).toBe('p1');
    model.setValue('team_size', 4);
    model.doComplete();
    await settle();
    expect(sub.getState().phase).toBe('saved');
    expect(calls.map((c) => [c.id, c.data.team_size])).toEqual([
      ['id-3', 3],
      ['id-3', 4],
    ]);
  });

  it('turns a thrown error into a failure the respondent can retry', async () => {
    const model = filledModel();
    const sub = attachSubmission(model, async () => {
      throw new Error('boom');
    });
    model.doComplete();
    await settle();
    expect(sub.getState()).toMatchObject({ phase: 'failed', message: 'boom' });
    expect(sub.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('questionOfError', () => {
  it('maps server error names to questions', () => {
    const model = filledModel();
    expect(questionOfError(model, 'views.meaning')).toBe('views');
    expect(questionOfError(model, 'topics-Comment')).toBe('topics');
    expect(questionOfError(model, 'team_size')).toBe('team_size');
    expect(questionOfError(model, '(answer)')).toBeUndefined();
    model.locale = 'fr';
    expect(questionTitle(model, 'team_size')).toBe("Taille de l'équipe");
    model.locale = 'en';
    expect(questionTitle(model, 'views.meaning')).toBe('How far do you agree?');
    expect(questionTitle(model, '(answer)')).toBe('(answer)');
  });
});
