import { readFileSync } from 'node:fs';
import { Model } from 'survey-core';
import { describe, expect, it } from 'vitest';
import { registerCustomProperties } from '../../survey/properties.js';
import type { QuestionnaireDefinition } from '../../survey/types.js';
import { memoryStorage, readJson, storageKeys } from './browser-storage.js';
import { furthestAnsweredPage, keepDraft, loadAnswers, restorableData } from './draft.js';

const mini = JSON.parse(readFileSync(new URL('../../test/fixtures/mini-questionnaire.json', import.meta.url), 'utf8')) as QuestionnaireDefinition;

function newModel() {
  registerCustomProperties();
  return new Model(mini.json);
}

const KEY = storageKeys('mini-2026').draft;

describe('keepDraft', () => {
  it('saves every change with the page reached, and restores both in a new page', () => {
    const storage = memoryStorage();
    const first = newModel();
    const keeper = keepDraft(first, storage, KEY);
    expect(keeper.restored).toBe(false);
    first.setValue('consent', 'yes');
    first.nextPage();
    first.setValue('team_size', 7);
    first.setValue('topics', ['other']);
    first.setValue('topics-Comment', 'Mobilité');
    expect(readJson(storage, KEY)).toEqual({ data: { consent: 'yes', team_size: 7, topics: ['other'], 'topics-Comment': 'Mobilité' }, page: 'p1' });

    const again = newModel();
    const restored = keepDraft(again, storage, KEY);
    expect(restored.restored).toBe(true);
    expect(again.data).toMatchObject({ consent: 'yes', team_size: 7, topics: ['other'], 'topics-Comment': 'Mobilité' });
    expect(again.currentPage.name).toBe('p1');
  });

  it('erases on request, and a fresh page then starts empty', () => {
    const storage = memoryStorage();
    const model = newModel();
    const keeper = keepDraft(model, storage, KEY);
    model.setValue('consent', 'yes');
    keeper.erase();
    model.clear(true, true);
    expect(storage.keys()).toEqual([]);
    const again = newModel();
    expect(keepDraft(again, storage, KEY).restored).toBe(false);
    expect(restorableData(again, again.data)).toEqual({});
    expect(again.currentPage.name).toBe('p0');
  });

  it('stops saving once the form is completed', () => {
    const storage = memoryStorage();
    const model = newModel();
    keepDraft(model, storage, KEY);
    model.setValue('consent', 'yes');
    model.doComplete();
    model.setValue('remarks', 'après coup');
    expect((readJson(storage, KEY) as { data: Record<string, unknown> }).data).toEqual({ consent: 'yes' });
  });

  it('ignores and removes what it cannot read', () => {
    for (const junk of ['{not json', '[]', '{"data": 3}', '{"data": {"unknown": 1}}']) {
      const storage = memoryStorage();
      storage.setItem(KEY, junk);
      const model = newModel();
      expect(keepDraft(model, storage, KEY).restored, junk).toBe(false);
      expect(restorableData(model, model.data)).toEqual({});
      expect(storage.keys()).toEqual([]);
    }
  });

  it('works without storage at all', () => {
    const model = newModel();
    const keeper = keepDraft(model, undefined, KEY);
    model.setValue('consent', 'yes');
    expect(keeper.restored).toBe(false);
    keeper.erase();
  });
});

describe('restorableData', () => {
  it('keeps questions and their "other" texts, drops everything else', () => {
    const model = newModel();
    const data = JSON.parse('{"consent":"yes","topics-Comment":"x","ghost":1,"ghost-Comment":"y","__proto__":{"polluted":true},"remarks":null}');
    const kept = restorableData(model, data);
    expect(kept).toEqual({ consent: 'yes', 'topics-Comment': 'x' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(restorableData(model, [1])).toEqual({});
    expect(restorableData(model, 'x')).toEqual({});
  });
});

describe('loadAnswers', () => {
  it('opens the furthest page holding an answer when no page is given', () => {
    const model = newModel();
    expect(loadAnswers(model, { consent: 'yes', remarks: 'déjà écrit' })).toBe(true);
    expect(furthestAnsweredPage(model)).toBe('p1');
    expect(model.currentPage.name).toBe('p1');
    expect(loadAnswers(newModel(), { nothing: 1 })).toBe(false);
  });
});
